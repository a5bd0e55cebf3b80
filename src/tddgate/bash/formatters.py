"""Formatters and fixers: they rewrite the files they are given, or the whole tree (imported
on first use, see dispatch._lazy).

Why they count: `ruff check --fix --unsafe-fixes` or `black` after a green run change
code the tests never saw, and without a todo they are edits like any other. Their new
content is not knowable here. A check-only run (`--check`, `--diff`) writes nothing.
"""

from __future__ import annotations

import posixpath
from itertools import takewhile

from tddgate.bash.context import Call, Ctx
from tddgate.bash.nodes import UNQUOTED, Word
from tddgate.bash.options import Opts, parse_opts

_HERE = (Word(".", UNQUOTED, "."),)
_RUFF_VALUES = frozenset(
    {
        "config", "select", "ignore", "extend-select", "extend-ignore", "fixable", "unfixable",
        "extend-fixable", "per-file-ignores", "extend-per-file-ignores", "exclude",
        "extend-exclude", "line-length", "target-version", "output-format", "output-file",
        "stdin-filename", "cache-dir", "range",
    }
)  # fmt: skip
_BLACK_VALUES = frozenset(
    {
        "line-length", "target-version", "code", "workers", "include", "exclude",
        "extend-exclude", "force-exclude", "stdin-filename", "config", "required-version",
        "python-cell-magics", "enable-unstable-feature",
    }
)  # fmt: skip
_ISORT_VALUES = frozenset(
    {
        "profile", "settings-path", "sp", "settings-file", "settings", "line-length",
        "line-width", "multi-line", "skip", "skip-glob", "sg", "src", "add-import", "rm",
        "project", "thirdparty", "python-version", "py", "jobs", "virtual-env", "conda-env",
    }
)  # fmt: skip
_INPLACE_VALUES = frozenset(
    {
        "select", "ignore", "max-line-length", "jobs", "indent-size", "exclude",
        "global-config", "imports", "config", "style", "lines", "wrap-summaries",
        "wrap-descriptions", "docstring-length", "range", "line-range",
    }
)  # fmt: skip
_PRETTIER_VALUES = frozenset(
    {
        "config", "ignore-path", "parser", "plugin", "print-width", "tab-width", "log-level",
        "cache-location", "stdin-filepath", "ext", "rule", "format", "output-file",
    }
)  # fmt: skip


def _rewrite(ctx: Ctx, opts: Opts, how: str) -> None:
    for word in opts.operands or _HERE:
        if word.text != "-":  # stdin to stdout
            ctx.write(word, how)


def ruff(call: Call, ctx: Ctx) -> str | None:
    """ruff format (unless --check/--diff); ruff check --fix/--fix-only (unless --no-fix)."""
    args = call.words[1:]
    sub = args[0].text if args and args[0].literal else ""
    opts = parse_opts(args[1:], "o", _RUFF_VALUES)
    if opts.has("diff", "help", "h"):
        return None
    if sub == "format" and not opts.has("check"):
        _rewrite(ctx, opts, "ruff format")
    elif sub == "check" and opts.has("fix", "fix-only") and not opts.has("no-fix"):
        _rewrite(ctx, opts, "ruff check --fix")
    return None


def black(call: Call, ctx: Ctx) -> str | None:
    opts = parse_opts(call.words[1:], "ltcW", _BLACK_VALUES)
    if not opts.operands or opts.has("check", "diff", "c", "code", "version", "help", "h"):
        return None  # without paths black does nothing
    _rewrite(ctx, opts, "black")
    return None


def isort(call: Call, ctx: Ctx) -> str | None:
    opts = parse_opts(call.words[1:], "lmpoaswtj", _ISORT_VALUES)
    if opts.has("c", "check-only", "check", "diff", "df", "show-files", "stdout", "help", "h"):
        return None
    _rewrite(ctx, opts, "isort")
    return None


def in_place(call: Call, ctx: Ctx) -> str | None:
    """autopep8, autoflake, yapf, docformatter: they print unless -i/--in-place."""
    name = posixpath.basename(call.words[0].text)
    opts = parse_opts(call.words[1:], "jel", _INPLACE_VALUES)
    if opts.has("i", "in-place"):
        _rewrite(ctx, opts, f"{name} -i")
    return None


def pyupgrade(call: Call, ctx: Ctx) -> str | None:
    opts = parse_opts(call.words[1:])
    if opts.operands:
        _rewrite(ctx, opts, "pyupgrade")
    return None


def two_to_three(call: Call, ctx: Ctx) -> str | None:
    opts = parse_opts(call.words[1:], "fxjo", frozenset({"fix", "nofix", "output-dir"}))
    out = opts.get("o", "output-dir")
    if out is not None and opts.has("w", "write"):
        ctx.write(out, "2to3 -w")
    elif opts.has("w", "write"):
        _rewrite(ctx, opts, "2to3 -w")
    return None


def prettier(call: Call, ctx: Ctx) -> str | None:
    """prettier --write, eslint --fix."""
    name = posixpath.basename(call.words[0].text)
    opts = parse_opts(call.words[1:], "co", _PRETTIER_VALUES)
    if name == "eslint" and opts.has("fix"):
        _rewrite(ctx, opts, "eslint --fix")
    elif name != "eslint" and opts.has("write", "w"):
        _rewrite(ctx, opts, f"{name} --write")
    return None


def pre_commit(call: Call, ctx: Ctx) -> str | None:
    """pre-commit run: its hooks (formatters, fixers) may rewrite any file it is given."""
    args = call.words[1:]
    if not args or args[0].text != "run":
        return None
    files: list[Word] = []
    for i, word in enumerate(args):
        if word.text == "--files":  # takes every word up to the next option
            files = list(takewhile(lambda w: not w.text.startswith("-"), args[i + 1 :]))
    for word in files or _HERE:
        ctx.write(word, "pre-commit run")
    return None
