"""What echo, printf and cat print, when it can be known before they run (hot path).

This is the `content` of `echo 'x = 1' >> src/extra.py` and `cat > f <<'EOF'`; anything
beyond plain text and the common printf conversions is "unknown" (None), never a guess.
"""

from __future__ import annotations

import re

from tddgate.bash.context import Call, Ctx
from tddgate.bash.escapes import echo_e, printf_format
from tddgate.bash.nodes import UNQUOTED, Word

_CONVERSION = r"%(?:%|(-?)(\d*)([sbdic]))"


def _values(call: Call, ctx: Ctx) -> list[str] | None:
    """The arguments as the command receives them, or None when one is not known."""
    values: list[str] = []
    for word in call.words[1:]:
        value = ctx.value(word)
        if value is None or _expands_further(word):
            return None
        values.append(value)
    return values


def _expands_further(word: Word) -> bool:
    """An unquoted glob (*.py) or leading ~ that bash expands into text not known here."""
    if word.text.startswith("~") and word.mask.startswith(UNQUOTED):
        return True
    return any(c in "*?[" and m == UNQUOTED for c, m in zip(word.text, word.mask, strict=False))


def echo(call: Call, ctx: Ctx) -> str | None:
    """bash's builtin echo: -n, -e, -E, no escapes by default."""
    args = _values(call, ctx)
    if args is None:
        return None
    newline, escapes = True, False
    while args and len(args[0]) > 1 and args[0][0] == "-" and not args[0][1:].strip("neE"):
        flags = args.pop(0)
        newline = newline and "n" not in flags
        for flag in flags[1:]:
            escapes = {"e": True, "E": False}.get(flag, escapes)
    text = " ".join(args)
    if escapes:
        text, stopped = echo_e(text)
        newline = newline and not stopped
    return text + "\n" if newline else text


def printf(call: Call, ctx: Ctx) -> str | None:
    """printf FORMAT [ARGS]: %s %b %d %i %c %% with width; the format repeats for extra args."""
    args = _values(call, ctx)
    if not args or args[0] == "-v":
        return None
    if args[0] == "--":
        args = args[1:]
    if not args:
        return None
    fmt, rest = args[0], args[1:]
    out: list[str] = []
    while True:
        used = _apply(fmt, rest, out)
        if used is None:
            return None
        rest = rest[used:]
        if not rest or used == 0:
            return "".join(out)


def _apply(fmt: str, args: list[str], out: list[str]) -> int | None:
    """Append one pass of `fmt` to `out`; how many args it used, None if not understood."""
    used = 0
    pos = 0
    for m in re.finditer(_CONVERSION, fmt):
        literal, stopped = printf_format(fmt[pos : m.start()])
        out.append(literal)
        if stopped:
            return len(args)
        pos = m.end()
        if m.group() == "%%":
            out.append("%")
            continue
        arg = args[used] if used < len(args) else ""
        used += 1
        text = _convert(m.group(3), arg)
        if text is None:
            return None
        width = int(m.group(2) or 0)
        out.append(text.ljust(width) if m.group(1) else text.rjust(width))
    if "%" in fmt[pos:]:
        return None  # a conversion we do not model (%f, %x, %q, …)
    literal, _ = printf_format(fmt[pos:])
    out.append(literal)
    return used


def _convert(kind: str, arg: str) -> str | None:
    if kind == "s":
        return arg
    if kind == "b":
        return echo_e(arg)[0]
    if kind == "c":
        return arg[:1]
    try:
        return str(int(arg or "0"))
    except ValueError:
        return None


def cat(call: Call, ctx: Ctx) -> str | None:
    """cat with no file operands (or only `-`) prints its stdin."""
    for word in call.words[1:]:
        if ctx.value(word) != "-":
            return None
    return call.stdin


def true(call: Call, ctx: Ctx) -> str | None:
    """`true` and `:` print nothing, so `: > f` empties f."""
    return ""
