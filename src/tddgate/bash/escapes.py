"""Backslash escapes as bash decodes them in $'…', `echo -e` and `printf` (hot path: stdlib only).

The three dialects differ only in octal (`\\NNN` vs `\\0NNN`) and in `\\c`, which ends all
output for echo/printf but means "control character" in $'…'.
"""

from __future__ import annotations

import re

_SIMPLE = {
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "E": "\x1b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
}
_ANSI_EXTRA = {"'": "'", '"': '"', "?": "?"}
_ANSI = r"\\(x[0-9A-Fa-f]{1,2}|u[0-9A-Fa-f]{1,4}|U[0-9A-Fa-f]{1,8}|[0-7]{1,3}|c.|.)"
_ECHO = r"\\(x[0-9A-Fa-f]{1,2}|u[0-9A-Fa-f]{1,4}|U[0-9A-Fa-f]{1,8}|0[0-7]{0,3}|.)"
_PRINTF = r"\\(x[0-9A-Fa-f]{1,2}|u[0-9A-Fa-f]{1,4}|U[0-9A-Fa-f]{1,8}|[0-7]{1,3}|.)"


def _char(code: int) -> str:
    """A code point, or U+FFFD where bash would emit bytes Python cannot hold in a str."""
    return chr(code) if code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"


def _numeric(esc: str) -> str | None:
    """Decode \\xHH, \\uHHHH, \\UHHHHHHHH and octal escapes; None for anything else."""
    head = esc[0]
    if head in "xuU":
        return _char(int(esc[1:], 16))
    if head in "01234567":
        return _char(int(esc, 8) & 0xFF)
    return None


def ansi_c(text: str) -> str:
    """The value of $'text' (the text between the quotes)."""

    def one(m: re.Match[str]) -> str:
        esc = m.group(1)
        if esc[0] == "c" and len(esc) == 2:
            return _char(ord(esc[1].upper()) ^ 0x40)
        number = _numeric(esc)
        if number is not None:
            return number
        return _SIMPLE.get(esc) or _ANSI_EXTRA.get(esc) or "\\" + esc

    return re.sub(_ANSI, one, text, flags=re.S)


def _decode_stopping(pattern: str, text: str, octal_zero: bool) -> tuple[str, bool]:
    """Decode `text`; the bool is True when a \\c escape ended the output there.
    `octal_zero`: octal escapes are \\0NNN (echo), so \\1 is not an escape."""
    out: list[str] = []
    pos = 0
    for m in re.finditer(pattern, text, re.S):
        out.append(text[pos : m.start()])
        pos = m.end()
        esc = m.group(1)
        if esc == "c":
            return "".join(out), True
        number = None if octal_zero and esc in "1234567" else _numeric(esc)
        out.append(number if number is not None else _SIMPLE.get(esc, "\\" + esc))
    out.append(text[pos:])
    return "".join(out), False


def echo_e(text: str) -> tuple[str, bool]:
    """`echo -e` (and printf %b) decoding; True when \\c stopped the output."""
    return _decode_stopping(_ECHO, text, octal_zero=True)


def printf_format(text: str) -> tuple[str, bool]:
    """The escapes of a printf format string; True when \\c stopped the output."""
    return _decode_stopping(_PRINTF, text, octal_zero=False)
