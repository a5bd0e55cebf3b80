"""xargs and find -exec: another command run on file names that may not be known.

The inner command is analysed with a marker in place of those names; a write to the
marker becomes a write of the roots searched (find) or an unanalysable entry (xargs fed
by an unknown stdin). Imported on first use (see dispatch._lazy).
"""

from __future__ import annotations

import re
from itertools import pairwise

from tddgate.bash.context import Call, Ctx
from tddgate.bash.dispatch import run_call
from tddgate.bash.escapes import echo_e
from tddgate.bash.nodes import QUOTED, UNQUOTED, Word
from tddgate.bash.options import parse_opts

_STDIN_MARK = "\x00stdin\x00"
_XARGS_TOKEN = r"""(?:[^\s'"\\]+|'[^']*'|"[^"]*"|\\.)+"""
_XARGS_UNQUOTE = r"""'([^']*)'|"([^"]*)"|\\(.)"""
_FIND_ACTIONS = frozenset({"-exec", "-execdir", "-ok", "-okdir"})
_NOT_AND = frozenset({"-o", "-or", "!", "-not", "(", ")", ","})
_FIND_FILES = {"-fprint": 1, "-fprint0": 1, "-fls": 1, "-fprintf": 2}


def _literal(text: str) -> Word:
    return Word(text, QUOTED * len(text), text)


def xargs(call: Call, ctx: Ctx) -> str | None:
    opts = parse_opts(call.words[1:], "aEdILnPs", optional="eil", permute=False)
    command = opts.operands or (Word("echo", UNQUOTED * 4, "echo"),)
    replace = None
    for name, value in opts.pairs:
        if name == "I" and value is not None:
            replace = value.text
        elif name in ("i", "replace"):
            replace = value.text if value is not None and value.text else "{}"
    if call.stdin is None or opts.has("a", "arg-file"):
        _xargs_unknown(call, ctx, command, replace)
        return None
    if replace is None:
        words = command + tuple(_literal(item) for item in _xargs_items(call.stdin, opts.pairs))
        run_call(Call(words, None, "", call.depth + 1), ctx.child())
        return None
    for line in call.stdin.splitlines():
        words = tuple(_literal(w.text.replace(replace, line)) if w.literal else w for w in command)
        run_call(Call(words, None, "", call.depth + 1), ctx.child())
    return None


def _xargs_items(stdin: str, pairs: tuple[tuple[str, Word | None], ...]) -> list[str]:
    names = {name: value for name, value in pairs}
    if "0" in names or "null" in names:
        return [item for item in stdin.split("\0") if item]
    delimiter = names.get("d") or names.get("delimiter")
    if delimiter is not None and delimiter.text:
        sep = echo_e(delimiter.text)[0][:1] or "\n"
        return [item for item in stdin.split(sep) if item]
    return [
        re.sub(
            _XARGS_UNQUOTE, lambda m: m.group(1) or m.group(2) or m.group(3) or "", t, flags=re.S
        )
        for t in re.findall(_XARGS_TOKEN, stdin, re.S)
    ]


def _xargs_unknown(call: Call, ctx: Ctx, command: tuple[Word, ...], replace: str | None) -> None:
    mark = _literal(_STDIN_MARK)
    if replace is None:
        words = (*command, mark)
    else:
        words = tuple(
            _literal(w.text.replace(replace, _STDIN_MARK)) if w.literal else w for w in command
        )
    scratch = ctx.scratch()
    run_call(Call(words, None, "", call.depth + 1), scratch)
    source = call.fed or "stdin"
    for found in scratch.found:
        if _STDIN_MARK in found.path:
            ctx.note(f"xargs {found.how}: the files come from {source}, which is not known")
        else:
            ctx.found.append(found)
    ctx.notes.extend(scratch.notes)
    ctx.maybe.extend(scratch.maybe)


def find(call: Call, ctx: Ctx) -> str | None:
    """find ROOTS … -delete / -exec CMD {} ;  — the files found are under ROOTS."""
    args = call.words[1:]
    i = 0
    while i < len(args) and args[i].literal and args[i].text[:2] in ("-H", "-L", "-P", "-D", "-O"):
        i += 2 if args[i].text == "-D" else 1
    roots: list[Word] = []
    while i < len(args) and not args[i].text.startswith(("-", "(", "!", ")", ",")):
        roots.append(args[i])
        i += 1
    found_in = tuple(roots) or (Word(".", UNQUOTED, "."),)
    expr = args[i:]
    label = "find" + _name_filters(expr)
    j = 0
    while j < len(expr):
        action = expr[j].text
        if action == "-delete":
            for root in found_in:
                ctx.write(root, f"{label} -delete")
        elif action in _FIND_FILES and j + 1 < len(expr):
            ctx.write(expr[j + 1], f"find {action}")
            j += _FIND_FILES[action]
        elif action in _FIND_ACTIONS:
            end = next(
                (k for k in range(j + 1, len(expr)) if expr[k].text in (";", "+")), len(expr)
            )
            _find_exec(call, ctx, f"{label} {action}", expr[j + 1 : end], found_in)
            j = end
        j += 1
    return None


def _name_filters(expr: tuple[Word, ...]) -> str:
    """` -name PATTERN` for each name test every match must pass, for the label: a reader
    (guard_files) can tell `find . -name '*.pyc' -delete` from `find . -delete`. Empty
    when the expression combines tests in ways that are not plain "and" (-o, !, …)."""
    if any(w.text in _NOT_AND for w in expr):
        return ""
    found = []
    for word, value in pairwise(expr):
        if word.text in ("-name", "-iname"):
            if not value.literal or any(c.isspace() for c in value.text) or not value.text:
                return ""
            found.append(f" {word.text} {value.text}")
    return "".join(found)


def _find_exec(
    call: Call, ctx: Ctx, label: str, words: tuple[Word, ...], roots: tuple[Word, ...]
) -> None:
    if not words:
        return
    scratch = ctx.scratch()
    run_call(Call(words, None, "", call.depth + 1), scratch)
    for found in scratch.found:
        if "{}" in found.path:
            for root in roots:
                ctx.write(root, f"{label} {found.how}")
        else:
            ctx.found.append(found)
    ctx.notes.extend(scratch.notes)
    ctx.maybe.extend(scratch.maybe)
