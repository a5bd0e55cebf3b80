"""Builtins that change where later paths point: cd, pushd/popd, variables (hot path).

`F=src/a.py; echo x > "$F"` and `cd src && echo x > a.py` are the same write as
`echo x > src/a.py`. Variables are tracked only while their value is a known literal; any
other binding (read, for, $(…)) forgets them, so a later "$F" is reported as computed.
"""

from __future__ import annotations

import re

from tddgate.bash import output
from tddgate.bash.context import Call, Ctx
from tddgate.bash.nodes import UNQUOTED, Word
from tddgate.bash.options import parse_opts

_ASSIGNMENT = r"([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?(\+?)="


def is_assignment(word: Word) -> bool:
    """NAME=value, with NAME written unquoted (as bash requires)."""
    if "=" not in word.text:
        return False  # the common case, decided without compiling the pattern
    m = re.match(_ASSIGNMENT, word.text)
    return m is not None and word.mask[: m.end()] == UNQUOTED * m.end()


def assign(word: Word, ctx: Ctx) -> None:
    """Bind NAME=value in the Ctx (forget NAME when the value is computed); other words,
    such as the bare NAME of `declare -r NAME`, change nothing."""
    m = re.match(_ASSIGNMENT, word.text)
    if m is None:
        return
    name, index, plus = m.groups()
    value = ctx.value(Word(word.text[m.end() :], word.mask[m.end() :], word.raw))
    old = ctx.vars.get(name, "")
    if value is None or index or (plus and name not in ctx.vars):
        ctx.vars.pop(name, None)
    else:
        ctx.vars[name] = old + value if plus else value


def assignments(words: tuple[Word, ...], ctx: Ctx) -> str:
    for word in words:
        assign(word, ctx)
    return ""


def declare(call: Call, ctx: Ctx) -> str | None:
    """export/declare/local/readonly/typeset NAME=value …"""
    for word in call.words[1:]:
        assign(word, ctx)
    return ""


def _forget(ctx: Ctx, words: tuple[Word, ...]) -> None:
    for word in words:
        ctx.vars.pop(word.text, None)


def unset(call: Call, ctx: Ctx) -> str | None:
    _forget(ctx, parse_opts(call.words[1:]).operands)
    return ""


def read(call: Call, ctx: Ctx) -> str | None:
    names = parse_opts(call.words[1:], "adinNptu").operands
    _forget(ctx, names or (Word("REPLY", "", ""),))
    return ""


def loop(call: Call, ctx: Ctx) -> str | None:
    """`for NAME in …` / `select NAME`: NAME takes values we do not follow."""
    _forget(ctx, call.words[1:2])
    return ""


def bind_last(call: Call, ctx: Ctx) -> str | None:
    """mapfile/readarray ARRAY, getopts OPTS NAME: the last operand is (re)bound."""
    _forget(ctx, call.words[-1:])
    return ""


def printf(call: Call, ctx: Ctx) -> str | None:
    """printf -v NAME binds NAME instead of printing."""
    if len(call.words) > 2 and call.words[1].text == "-v":
        _forget(ctx, call.words[2:3])
        return ""
    return output.printf(call, ctx)


def cd(call: Call, ctx: Ctx) -> str | None:
    operands = [w for w in call.words[1:] if w.text not in ("-L", "-P", "-e", "-@", "--")]
    if not operands:
        ctx.chdir("~", "cd")
        return ""
    word = operands[0]
    target = None if word.text == "-" else ctx.value(word)
    ctx.chdir(target, f"{call.words[0].text} {word.shown}")
    return ""


def pushd(call: Call, ctx: Ctx) -> str | None:
    ctx.dirs.append((ctx.cwd, ctx.cwd_why))
    return cd(call, ctx)


def popd(call: Call, ctx: Ctx) -> str | None:
    if ctx.dirs:
        ctx.cwd, ctx.cwd_why = ctx.dirs.pop()
    else:
        ctx.chdir(None, "popd")
    return ""
