"""git and patch: which working-tree files they rewrite (hot path: stdlib only).

Subcommands that rewrite tracked files wholesale (reset --hard, stash, switch, merge, …)
are reported as a write of "." (the whole tree); patches name their targets inside the
patch, so an inline patch (here-doc) is read and a patch file is reported as unanalysable.
"""

from __future__ import annotations

import posixpath
import re

from tddgate.bash.context import Call, Ctx
from tddgate.bash.gitplumbing import PLUMBING, config
from tddgate.bash.nodes import Word
from tddgate.bash.options import Opts, parse_opts

_GLOBAL_VALUES = frozenset({"-C", "-c", "--git-dir", "--work-tree", "--namespace", "--config-env"})
_WHOLE_TREE = frozenset({"merge", "rebase", "pull", "cherry-pick", "revert", "am", "switch"})
_STASH_WRITES = frozenset({"", "push", "save", "pop", "apply", "branch"})
_PATCH_TARGET = r"^(\+\+\+|---) (?:\"((?:[^\"\\]|\\.)*)\"|([^\t\n]*))"


def _split_dashdash(words: tuple[Word, ...]) -> tuple[tuple[Word, ...], tuple[Word, ...] | None]:
    for i, word in enumerate(words):
        if word.literal and word.text == "--":
            return words[:i], words[i + 1 :]
    return words, None


def git(call: Call, ctx: Ctx) -> str | None:
    args = call.words[1:]
    i = 0
    aliases: dict[str, str] = {}
    while i < len(args) and args[i].literal and args[i].text.startswith("-"):
        if args[i].text == "-C" and i + 1 < len(args):
            ctx = ctx.child()
            ctx.chdir(ctx.value(args[i + 1]), f"git -C {args[i + 1].shown}")
        if args[i].text == "-c" and i + 1 < len(args):
            config(ctx.value(args[i + 1]), args[i + 1], aliases, ctx)
        i += 2 if args[i].text in _GLOBAL_VALUES else 1
    if i >= len(args):
        return None
    sub, rest = args[i].text, args[i + 1 :]
    if sub in aliases:  # git -c alias.x='!cmd' x: a shell command
        tail = " ".join(w.raw for w in rest)
        script = f"{aliases[sub]} {tail}"
        return ctx.run_script(script, call.stdin, call.fed, ctx.child(), call.depth + 1)
    how = f"git {sub}"
    if sub == "checkout":
        _checkout(rest, ctx)
    elif sub == "restore":
        _restore(rest, ctx)
    elif sub in ("rm", "mv"):
        _rm_mv(sub, rest, ctx)
    elif sub == "apply":
        _apply(call.with_words(rest), ctx)
    elif sub in PLUMBING:
        PLUMBING[sub](rest, ctx)
    elif sub == "stash":
        _stash(rest, ctx)
    elif _rewrites_tree(sub, rest):
        ctx.write_path(".", "git reset --hard" if sub == "reset" else how, None)
    return None


def _stash(rest: tuple[Word, ...], ctx: Ctx) -> None:
    """git stash [push] [-u|-a] …, pop, apply, …; -u/-a also remove untracked files (-a the
    ignored ones too, such as tddgate's state dir)."""
    action = rest[0].text if rest and not rest[0].text.startswith("-") else ""
    if action not in _STASH_WRITES:
        return
    opts = parse_opts(rest[1:] if action else rest, "m", frozenset({"message"}))
    how = "git stash"
    if opts.has("a", "all"):
        how = "git stash --all"
    elif opts.has("u", "include-untracked"):
        how = "git stash --include-untracked"
    ctx.write_path(".", how, None)


def _rewrites_tree(sub: str, rest: tuple[Word, ...]) -> bool:
    """reset --hard, clean, switch, merge, …: any tracked file may change."""
    if sub == "reset":
        return any(w.text in ("--hard", "--merge", "--keep") for w in rest)
    if sub == "clean":
        return not parse_opts(rest, "e").has("n", "dry-run")
    return sub in _WHOLE_TREE and not parse_opts(rest, "cC").has("c", "C", "create")


def _checkout(rest: tuple[Word, ...], ctx: Ctx) -> None:
    """`git checkout [TREE] [--] PATHS` restores PATHS; `git checkout BRANCH` (one operand
    that looks like no file: no "." or "/") and `-b NEW START` switch the whole tree."""
    before, after = _split_dashdash(rest)
    opts = parse_opts(before, "bB", frozenset({"orphan", "conflict"}))
    operands = opts.operands
    if after is not None:
        paths = after
    elif opts.has("b", "B", "orphan"):
        paths = ()
        if operands:
            ctx.write_path(".", "git checkout", None)
    elif len(operands) == 1 and not any(c in operands[0].text for c in "./"):
        paths = ()
        ctx.write_path(".", "git checkout", None)
    else:
        paths = operands if len(operands) == 1 else operands[1:]
    for word in paths:
        ctx.write(word, "git checkout")


def _restore(rest: tuple[Word, ...], ctx: Ctx) -> None:
    opts = parse_opts(rest, "s", frozenset({"source"}))
    if opts.has("S", "staged") and not opts.has("W", "worktree"):
        return  # only the index changes
    for word in opts.operands:
        ctx.write(word, "git restore")


def _rm_mv(sub: str, rest: tuple[Word, ...], ctx: Ctx) -> None:
    opts = parse_opts(rest)
    if sub == "rm" and opts.has("cached"):
        return
    for word in opts.operands:
        ctx.write(word, f"git {sub}")


def _apply(call: Call, ctx: Ctx) -> None:
    opts = parse_opts(call.words, "pC", frozenset({"directory", "include", "exclude"}))
    if opts.has("check", "stat", "numstat", "summary", "cached") and not opts.has("apply", "index"):
        return
    label = "git apply" + "".join(f" {w.shown}" for w in opts.operands)
    _patch_writes(call, ctx, label, _strip(opts, default=1), opts.operands, opts.get("directory"))


def patch(call: Call, ctx: Ctx) -> str | None:
    """GNU patch: explicit ORIGINALFILE / -o OUT, else the targets inside the patch."""
    opts = parse_opts(
        call.words[1:],
        "pidorBDFgVYzx",
        frozenset({"strip", "input", "directory", "output", "reject-file"}),
    )
    if opts.has("dry-run", "C", "check"):
        return None
    out = opts.get("o", "output")
    if out is not None or opts.operands:
        ctx.write(out or opts.operands[0], "patch")
        return None
    source = opts.get("i", "input")
    label = "patch" + ("" if source is None else f" -i {source.shown}")
    files = (source,) if source else ()
    _patch_writes(call, ctx, label, _strip(opts, default=-1), files, opts.get("d", "directory"))
    return None


def _strip(opts: Opts, default: int) -> int:
    value = opts.get("p", "strip")
    if value is None:
        return default
    return int(value.text) if value.text.isdigit() else default


def _patch_writes(
    call: Call, ctx: Ctx, label: str, strip: int, files: tuple[Word, ...], where: Word | None
) -> None:
    """Targets of an inline patch, under `where` (-d / --directory) when given."""
    base = "" if where is None else ctx.value(where)
    if base is None and where is not None:
        ctx.note(f"{label}: the directory {where.shown} is computed at run time")
        return
    if files or call.stdin is None:
        source = f" it reads from {call.fed}" if call.fed and not files else ""
        ctx.note(f"{label}: the files it changes are named inside the patch{source}")
        return
    for path in patch_targets(call.stdin, strip):
        ctx.write_path(posixpath.join(base, path) if base else path, label, None)


def patch_targets(text: str, strip: int) -> list[str]:
    """The files a unified diff changes; strip -1 keeps only the basename (patch without -p)."""
    found: list[str] = []
    old = ""
    for m in re.finditer(_PATCH_TARGET, text, re.M):
        name = m.group(2) if m.group(2) is not None else m.group(3).rstrip()
        if m.group(1) == "---":
            old = name
            continue
        target = old if name == "/dev/null" else name
        if target == "/dev/null" or not target:
            continue
        kept = target.split("/")[strip:] if strip >= 0 else target.split("/")[-1:]
        target = "/".join(kept)
        if target and target not in found:
            found.append(target)
    return found
