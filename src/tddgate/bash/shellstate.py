"""Builtins that change where later paths point: cd, pushd/popd, variables (hot path).

`F=src/a.py; echo x > "$F"` and `cd src && echo x > a.py` are the same write as
`echo x > src/a.py`. Variables are tracked only while their value is a known literal; any
other binding (read, for, $(…), a nameref or a case-changing `declare`) forgets them, so a
later "$F" is reported as computed. `cd` through CDPATH or cdable_vars goes to a directory
only known at run time.
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
        ctx.bind(name, None)
    else:
        ctx.bind(name, old + value if plus else value)


def assignments(words: tuple[Word, ...], ctx: Ctx) -> str:
    for word in words:
        assign(word, ctx)
    return ""


#: declare/typeset/local attributes that change what a name holds: -n makes a nameref
#: (`declare -n R=F; echo > $R` writes $F), -l/-u/-c change case, -i evaluates arithmetic,
#: -a/-A make arrays. (For export, -n only removes the export.)
_TRANSFORMS = frozenset("nluciaA")


def declare(call: Call, ctx: Ctx) -> str | None:
    """export/declare/local/readonly/typeset NAME=value …"""
    words = call.words[1:]
    transforms = _TRANSFORMS if call.words[0].text != "export" else frozenset("aA")
    flags = {c for w in words if w.literal and w.text[:1] in "-+" for c in w.text[1:]}
    if flags & transforms:
        _forget(ctx, tuple(w for w in words if w.text[:1] not in "-+"), by_name=True)
        return ""
    for word in words:
        assign(word, ctx)
    return ""


def _forget(ctx: Ctx, words: tuple[Word, ...], by_name: bool = False) -> None:
    """The names of `words` now hold values known only at run time (`by_name`: the words
    may be NAME=value, as in declare)."""
    for word in words:
        ctx.bind(word.text.partition("=")[0] if by_name else word.text, None)


#: ${NAME:=default} / ${NAME=default} assign NAME when it is unset (or empty).
_DEFAULT_ASSIGN = r"\$\{([A-Za-z_][A-Za-z0-9_]*):?="
_ARITH_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
#: An arithmetic assignment: = (not ==, !=, <=, >=), op=, ++, --.
_ARITH_ASSIGN = r"(?<![=!<>])=(?!=)|\+\+|--"


def expansion_effects(word: Word, ctx: Ctx) -> None:
    """Expanding `word` may assign variables: ${X:=v}, $((x++)). Forget those."""
    text = word.text
    if "${" in text:
        for name in re.findall(_DEFAULT_ASSIGN, text):
            ctx.bind(name, None)
    if "$((" in text:
        arith_effects(text, ctx)


def arith_effects(expression: str, ctx: Ctx) -> None:
    """An arithmetic expression that assigns: every name in it may have changed."""
    if re.search(_ARITH_ASSIGN, expression):
        for name in re.findall(_ARITH_NAME, expression):
            ctx.bind(name, None)


def arith(call: Call, ctx: Ctx) -> str | None:
    """(( expr )) and let expr …"""
    for word in call.words[1:]:
        arith_effects(word.text, ctx)
    return ""


def forget_positional(ctx: Ctx) -> None:
    """$1, $2, … are no longer known (shift, set --, a function call returned)."""
    for name in [n for n in ctx.vars if n.isdigit()]:
        ctx.bind(name, None)
    ctx.unknown.update(str(n) for n in range(10))


def shift(call: Call, ctx: Ctx) -> str | None:
    forget_positional(ctx)
    return ""


def set_(call: Call, ctx: Ctx) -> str | None:
    """set -- ARGS (or any operand) replaces the positional parameters."""
    if any(not w.text.startswith(("-", "+")) or w.text == "--" for w in call.words[1:]):
        forget_positional(ctx)
    return ""


def alias(call: Call, ctx: Ctx) -> str | None:
    """alias NAME=VALUE: later uses of NAME run VALUE (Claude Code's shell expands them)."""
    for word in call.words[1:]:
        name, eq, _ = word.text.partition("=")
        value = ctx.value(Word(word.text[len(name) + 1 :], word.mask[len(name) + 1 :], word.raw))
        if eq and value is not None:
            ctx.defs.aliases[name] = value
        elif eq:
            ctx.note(f"alias {name}: its value is computed at run time")
    return ""


def trap(call: Call, ctx: Ctx) -> str | None:
    """trap 'CMD' SIGNAL…: CMD runs later (on exit, error, …); analysed here."""
    args = [w for w in call.words[1:] if w.text != "--"]
    if len(args) < 2 or (args[0].text.startswith("-") and args[0].literal):
        return ""
    script = ctx.value(args[0])
    if script is None:
        ctx.note(f"trap: the command {args[0].shown} is computed at run time")
    else:
        ctx.run_script(script, None, "", ctx.child(), call.depth + 1)
    return ""


def unset(call: Call, ctx: Ctx) -> str | None:
    for word in parse_opts(call.words[1:]).operands:
        ctx.vars.pop(word.text, None)
        ctx.unknown.discard(word.text)
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


def cd(call: Call, ctx: Ctx, cdpath: bool = False) -> str | None:
    """`cdpath`: CDPATH was set for this command only (`CDPATH=x cd y`)."""
    operands = [w for w in call.words[1:] if w.text not in ("-L", "-P", "-e", "-@", "--")]
    if not operands:
        ctx.chdir(ctx.value(Word("~", UNQUOTED, "~")), "cd")
        return ""
    word = operands[0]
    target = None if word.text == "-" else ctx.value(word)
    why = f"{call.words[0].text} {word.shown}"
    searched = target is not None and not target.startswith(("/", "./", "../", "~"))
    searched = searched and target not in (".", "..")
    if searched and (cdpath or ctx.vars.get("CDPATH") or "CDPATH" in ctx.unknown):
        target, why = None, why + " with CDPATH"
    elif searched and "cdable_vars" in ctx.options:
        target, why = None, why + " with cdable_vars"
    before = ctx.cwd
    ctx.chdir(target, why)
    ctx.moved_from(before)
    return ""


def shopt(call: Call, ctx: Ctx) -> str | None:
    """shopt -s/-u NAME …: cdable_vars makes `cd NAME` follow $NAME."""
    opts = parse_opts(call.words[1:])
    names = {w.text for w in opts.operands}
    if opts.has("s"):
        ctx.options.update(names)
    elif opts.has("u"):
        ctx.options.difference_update(names)
    return ""


def _rotates(call: Call) -> bool:
    """pushd/popd +N / -N act on the stack by position."""
    return any(re.fullmatch(r"[+-]\d+", w.text) for w in call.words[1:])


def pushd(call: Call, ctx: Ctx) -> str | None:
    if _rotates(call):
        ctx.dirs = []
        ctx.chdir(None, "pushd with a stack position")
        return ""
    here = (ctx.cwd, ctx.cwd_why)
    if len([w for w in call.words[1:] if w.text != "-n"]) == 0:  # swaps the top two
        if ctx.dirs:
            ctx.cwd, ctx.cwd_why = ctx.dirs.pop()
        else:
            ctx.chdir(None, "pushd")
        ctx.dirs.append(here)
        return ""
    ctx.dirs.append(here)
    return cd(call, ctx)


def popd(call: Call, ctx: Ctx) -> str | None:
    if _rotates(call):
        ctx.dirs = []
        ctx.chdir(None, "popd with a stack position")
    elif ctx.dirs:
        ctx.cwd, ctx.cwd_why = ctx.dirs.pop()
    else:
        ctx.chdir(None, "popd")
    return ""
