"""Repair emoji that were saved as mojibake, so status emoji in real todo files count.

Agents' todo files are often UTF-8 that some tool once read as Mac Roman (or Windows-1252)
and wrote back: ✅ (E2 9C 85) becomes U+201A "úÖ", and 🔄 (F0 9F 94 84) becomes "üîÑ" as
the 0xF0 lead byte maps to the Apple logo (U+F8FF), which editors drop. A plain
`text.encode("mac_roman").decode()` fails on such text: the lead byte is gone and the rest
of the file is real UTF-8. So each run of non-ASCII characters is mapped back to the bytes
it came from and decoded piece by piece; a lone 0x9F followed by two continuation bytes is
given back its lost 0xF0. Only sequences that decode to a symbol (U+2000 and up: dashes,
arrows, dingbats, emoji) are replaced, so ordinary accented text ("über", "café") is never
touched. Hot path: stdlib only; the byte tables are built on first use.
"""

from __future__ import annotations

import re

# A mojibake symbol starts with the mangled form of UTF-8 lead byte 0xE2 (dashes, arrows,
# ✅ ❌ ⏳) or 0xF0 (emoji), or with 0x9F when 0xF0 was lost: U+201A, U+F8FF, "ü" in Mac Roman,
# "â", "ð", "Ÿ" in Windows-1252. Starting the pattern with them keeps the scan fast.
_RUN = re.compile("([\u201a\uf8ff\u00fc\u00e2\u00f0\u0178][^\x00-\x7f]+)")
_ENCODINGS = ("mac_roman", "cp1252")
_LOST_LEAD = 0x9F  # second byte of every emoji in U+1F000..U+1FFFF
_MIN_SYMBOL = 0x2000

_tables: list[dict[str, int]] = []


def _byte_tables() -> list[dict[str, int]]:
    """char -> byte for the high half of each single-byte encoding (built once)."""
    if not _tables:
        for encoding in _ENCODINGS:
            table: dict[str, int] = {}
            for byte in range(0x80, 0x100):
                try:
                    table[bytes([byte]).decode(encoding)] = byte
                except UnicodeDecodeError:
                    # cp1252 leaves five bytes undefined; tools that decode it leniently
                    # keep them as the C1 control of the same number.
                    table[chr(byte)] = byte
            _tables.append(table)
    return _tables


def _sequence_length(lead: int) -> int:
    if 0xC2 <= lead <= 0xDF:
        return 2
    if 0xE0 <= lead <= 0xEF:
        return 3
    if 0xF0 <= lead <= 0xF4:
        return 4
    return 0


def _decode_at(raw: bytes, start: int) -> tuple[str, int] | None:
    """(symbol, bytes consumed) for a UTF-8 symbol starting at raw[start], else None."""
    lead = raw[start]
    length, prefix = _sequence_length(lead), b""
    if length == 0 and lead == _LOST_LEAD:
        length, prefix = 3, b"\xf0"
    if length == 0 or start + length > len(raw):
        return None
    try:
        symbol = (prefix + raw[start : start + length]).decode("utf-8")
    except UnicodeDecodeError:
        return None
    if ord(symbol[0]) < _MIN_SYMBOL:
        return None
    return symbol, length


def _repair_run(run: str, table: dict[str, int]) -> str | None:
    """The run with every decodable symbol restored, or None if nothing was restored."""
    raw = bytes(table[ch] for ch in run)
    out: list[str] = []
    at, repaired = 0, False
    while at < len(raw):
        found = _decode_at(raw, at)
        if found is None:
            out.append(run[at])
            at += 1
            continue
        out.append(found[0])
        at += found[1]
        repaired = True
    return "".join(out) if repaired else None


def _fix_run(run: str) -> str:
    for table in _byte_tables():
        if all(ch in table for ch in run):
            fixed = _repair_run(run, table)
            if fixed is not None:
                return fixed
    return run


def repair(text: str) -> str:
    """`text` with mojibake emoji and symbols turned back into the characters they were."""
    if text.isascii():
        return text
    # split() keeps the runs at odd positions; files repeat a few runs hundreds of times, so
    # each distinct run is decoded once and the pieces are joined in one go (C speed).
    parts = _RUN.split(text)
    if len(parts) == 1:
        return text
    fixed = {run: _fix_run(run) for run in set(parts[1::2])}
    parts[1::2] = [fixed[run] for run in parts[1::2]]
    return "".join(parts)
