"""Filters that write a file named by an option or an operand: sponge, sort -o, uniq IN OUT,
iconv -o; and commands that change a file's mode, owner or attributes (imported on first
use, see dispatch._lazy).

`sort -o src/a.py src/a.py` rewrites a source file as surely as `sed -i`; `chmod 000` on
tddgate's state dir would make every hook fail open. Contents are not modelled, except
what sponge soaks up from a known stdin.
"""

from __future__ import annotations

from tddgate.bash.context import Call, Ctx
from tddgate.bash.options import parse_opts

_SORT_VALUES = frozenset(
    {
        "output", "key", "field-separator", "buffer-size", "temporary-directory", "parallel",
        "files0-from", "compress-program", "random-source", "batch-size", "sort",
    }
)  # fmt: skip
_UNIQ_VALUES = frozenset({"skip-fields", "skip-chars", "check-chars"})
#: chmod/chown/chgrp options (GNU); any other dash word is a mode such as -x or -w.
_MODE_FLAGS = frozenset("RcfvhHLP")
_MODE_LONG = tuple(
    f"--{name}"
    for name in (
        "recursive", "changes", "silent", "quiet", "verbose", "dereference", "no-dereference",
        "preserve-root", "no-preserve-root", "from=",
    )
)  # fmt: skip
_SETFACL_VALUES = frozenset({"modify", "remove", "set", "modify-file", "remove-file", "set-file"})


def sponge(call: Call, ctx: Ctx) -> str | None:
    """sponge [-a] FILE: soaks up stdin, then writes (or appends to) FILE."""
    opts = parse_opts(call.words[1:])
    append = opts.has("a")
    for word in opts.operands[:1]:
        ctx.write(word, "sponge -a" if append else "sponge", call.stdin, append)
    return None


def sort(call: Call, ctx: Ctx) -> str | None:
    opts = parse_opts(call.words[1:], "oktSTs", _SORT_VALUES)
    out = opts.get("o", "output")
    if out is not None:
        ctx.write(out, "sort -o")
    return None


def uniq(call: Call, ctx: Ctx) -> str | None:
    """uniq [IN [OUT]]: a second operand is the output file."""
    opts = parse_opts(call.words[1:], "fsw", _UNIQ_VALUES)
    if len(opts.operands) > 1:
        ctx.write(opts.operands[1], "uniq")
    return None


def iconv(call: Call, ctx: Ctx) -> str | None:
    opts = parse_opts(call.words[1:], "fto", frozenset({"from-code", "to-code", "output"}))
    out = opts.get("o", "output")
    if out is not None:
        ctx.write(out, "iconv -o")
    return None


def mode(call: Call, ctx: Ctx) -> str | None:
    """chmod/chown/chgrp [OPTIONS] MODE|OWNER FILE…, or --reference=RFILE FILE…"""
    name = call.words[0].text.rpartition("/")[2]
    operands = []
    reference = False
    for word in call.words[1:]:
        text = word.text
        if word.literal and text.startswith("--reference"):
            reference = True
        elif word.literal and (text.startswith(_MODE_LONG) or _is_flags(text)):
            continue
        else:
            operands.append(word)
    for word in operands if reference else operands[1:]:
        ctx.write(word, name)
    return None


def _is_flags(text: str) -> bool:
    return len(text) > 1 and text[0] == "-" and set(text[1:]) <= _MODE_FLAGS


def chattr(call: Call, ctx: Ctx) -> str | None:
    """chattr [-RVf] [-v N] [-p N] [+-=MODES] FILE…"""
    words = call.words[1:]
    i = 0
    while i < len(words) and words[i].literal and words[i].text[:1] in "-+=":
        i += 2 if words[i].text in ("-v", "-p") else 1
    for word in words[i:]:
        ctx.write(word, "chattr")
    return None


def setfacl(call: Call, ctx: Ctx) -> str | None:
    for word in parse_opts(call.words[1:], "mxMX", _SETFACL_VALUES).operands:
        ctx.write(word, "setfacl")
    return None
