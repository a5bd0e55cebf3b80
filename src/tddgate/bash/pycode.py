"""Inline Python (python -c '…', python - <<EOF): the files its code writes, from its AST.

This module (and `ast`, ~2 ms) is imported only when such a command is seen: see
dispatch._lazy. The code itself is read by pyreader.py. `python -m TOOL` is analysed as
TOOL when dispatch knows it (black, pip, pytest, tddgate, …).
"""

from __future__ import annotations

from tddgate.bash.context import Call, Ctx
from tddgate.bash.nodes import Word
from tddgate.bash.pyreader import analyse

#: python -m MODULE that is one of the commands dispatch knows.
_MODULES = {name: name for name in ("black", "isort", "ruff", "autopep8", "autoflake", "yapf")}
_MODULES.update(docformatter="docformatter", pyupgrade="pyupgrade", pip="pip", tddgate="tddgate")
_MODULES.update(pre_commit="pre-commit", lib2to3="2to3", pytest="pytest", coverage="coverage")


def python(call: Call, ctx: Ctx) -> str | None:
    """python [-opts] -c CODE | python [-] with code on stdin; scripts and -m are not read."""
    args = call.words[1:]
    i = 0
    while i < len(args) and args[i].literal and args[i].text.startswith("-"):
        text = args[i].text
        i += 1
        if text in ("-", "--"):
            i -= text == "-"
            break
        for j, letter in enumerate(text[1:], start=2):
            if letter == "m":
                module = text[j:] or (args[i].text if i < len(args) else "")
                rest = args[i + (0 if text[j:] else 1) :]
                return _module(module, rest, call, ctx)
            if letter == "c":
                word = None if j < len(text) else args[i] if i < len(args) else None
                code = text[j:] if j < len(text) else ctx.value(word) if word else ""
                if code is None:
                    ctx.note("python -c: the code is computed at run time, so it was not analysed")
                else:
                    analyse(code, "python -c", ctx, call.depth)
                return None
            if letter in "WX":
                i += j == len(text)
                break
    if i < len(args) and args[i].text != "-":
        ctx.note_script("python", args[i:])
        return None
    if call.stdin is not None:
        analyse(call.stdin, "python stdin", ctx, call.depth)
    elif call.fed:
        ctx.note(f"python runs code read from {call.fed}, which was not analysed")
    return None


def _module(module: str, rest: tuple[Word, ...], call: Call, ctx: Ctx) -> str | None:
    """python -m MODULE: the tools that write files are analysed as their commands; others
    (python -m pytest) are not followed."""
    name = _MODULES.get(module)
    if name is None:
        return None
    from tddgate.bash.dispatch import run_call

    return run_call(call.with_words((Word(name, "q" * len(name), name), *rest)), ctx)
