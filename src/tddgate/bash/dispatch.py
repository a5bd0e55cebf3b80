"""From a command's words to what it writes: assignments, wrappers, then a handler per name.

The registry is a plain dict from command name to handler (hot path: stdlib only).
"""

from __future__ import annotations

import posixpath
import re

from tddgate.bash import fileutils, output, shellstate
from tddgate.bash.context import Call, Ctx
from tddgate.bash.wrappers import WRAPPERS

#: Compressors and decompressors (transfers.compress); listed here to keep that lazy.
COMPRESSORS = frozenset(
    {"gzip", "pigz", "bzip2", "xz", "lzma", "zstd"}
    | {"gunzip", "unpigz", "bunzip2", "unxz", "unlzma", "unzstd"}
)

TYPE_CHECKING = False  # typing costs the hook 2-3 ms to import: see tddgate.namedtuple
if TYPE_CHECKING:
    from tddgate.bash.context import Handler

_MAX_WRAPPERS = 16
_PYTHON_NAME = r"(?:python|pypy)(?:\d+(?:\.\d+)*)?t?"
_PIP_NAME = r"pip\d+(?:\.\d+)*"
_SHELLS = ("sh", "bash", "dash", "zsh", "ksh", "mksh", "ash")
_FORMATTERS = {
    "ruff": "ruff",
    "black": "black",
    "isort": "isort",
    "autopep8": "in_place",
    "autoflake": "in_place",
    "yapf": "in_place",
    "docformatter": "in_place",
    "pyupgrade": "pyupgrade",
    "2to3": "two_to_three",
    "prettier": "prettier",
    "eslint": "prettier",
    "pre-commit": "pre_commit",
}
_REWRITES = ("sponge", "sort", "uniq", "iconv", "chattr", "setfacl")


def run_call(call: Call, ctx: Ctx) -> str | None:
    """Analyse one simple command; return its stdout when known."""
    words = call.words
    i = 0
    while i < len(words) and shellstate.is_assignment(words[i]):
        i += 1
    if i == len(words):
        return shellstate.assignments(words, ctx)
    if words[i].text in ("cd", "pushd") and any(w.text.startswith("CDPATH=") for w in words[:i]):
        if words[i].text == "pushd":
            ctx.dirs.append((ctx.cwd, ctx.cwd_why))
        return shellstate.cd(call.with_words(words[i:]), ctx, cdpath=True)
    call = call.with_words(words[i:])
    for _ in range(_MAX_WRAPPERS):
        if not call.words:
            return None
        first = call.words[0]
        name = ctx.value(first)
        if name is None:
            ctx.note(
                f"the command name {first.shown} is computed at run time, so it was not analysed"
            )
            return None
        base = posixpath.basename(name)
        unwrap = WRAPPERS.get(base)
        if unwrap is None:
            handler = HANDLERS.get(base)
            if handler is None and _is_python(base):
                handler = _PYTHON
            elif handler is None and base.startswith("pip") and re.fullmatch(_PIP_NAME, base):
                handler = HANDLERS["pip"]
            return handler(call, ctx) if handler is not None else None
        call, ctx = unwrap(call, ctx)
    ctx.note(f"more than {_MAX_WRAPPERS} nested command wrappers were not followed")
    return None


def _lazy(module: str, name: str) -> Handler:
    """A handler imported on first use: git, Python and script analysis are needed by few
    commands, and every module imported up front adds to each hook's start-up time."""

    def handler(call: Call, ctx: Ctx) -> str | None:
        found: Handler = getattr(__import__(f"tddgate.bash.{module}", fromlist=[name]), name)
        return found(call, ctx)

    return handler


def _is_python(name: str) -> bool:
    """python, python3, python3.12, pypy3, … (the prefix test keeps the common case cheap)."""
    return name.startswith(("python", "pypy")) and re.fullmatch(_PYTHON_NAME, name) is not None


_PYTHON = _lazy("pycode", "python")

HANDLERS: dict[str, Handler] = {
    ":": output.true,
    "true": output.true,
    "echo": output.echo,
    "printf": shellstate.printf,
    "cat": output.cat,
    "tee": fileutils.tee,
    "sed": fileutils.sed,
    "gsed": fileutils.sed,
    "perl": fileutils.perl,
    "cp": fileutils.cp,
    "mv": fileutils.mv,
    "install": fileutils.install,
    "ln": fileutils.ln,
    "rm": fileutils.rm,
    "unlink": fileutils.unlink,
    "shred": fileutils.shred,
    "touch": fileutils.touch,
    "truncate": fileutils.truncate,
    "dd": fileutils.dd,
    "git": _lazy("git", "git"),
    "patch": _lazy("git", "patch"),
    "cd": shellstate.cd,
    "pushd": shellstate.pushd,
    "popd": shellstate.popd,
    "unset": shellstate.unset,
    "read": shellstate.read,
    "for": shellstate.loop,
    "select": shellstate.loop,
    "mapfile": shellstate.bind_last,
    "readarray": shellstate.bind_last,
    "getopts": shellstate.bind_last,
    "shopt": shellstate.shopt,
    "((": shellstate.arith,
    "let": shellstate.arith,
    "shift": shellstate.shift,
    "set": shellstate.set_,
    "alias": shellstate.alias,
    "trap": shellstate.trap,
    "eval": _lazy("scripts", "eval_"),
    "source": _lazy("scripts", "source"),
    ".": _lazy("scripts", "source"),
    "at": _lazy("scripts", "at"),
    "batch": _lazy("scripts", "at"),
    "ruby": _lazy("scripts", "other"),
    "node": _lazy("scripts", "other"),
    "xargs": _lazy("indirect", "xargs"),
    **{name: _lazy("transfers", name) for name in ("curl", "wget", "tar", "unzip", "rsync")},
    "find": _lazy("indirect", "find"),
    **{name: shellstate.declare for name in ("export", "declare", "local", "readonly", "typeset")},
    **{name: _lazy("scripts", "awk") for name in ("awk", "gawk", "mawk")},
    **{name: _lazy("scripts", "shell") for name in _SHELLS},
    **{name: fileutils.editor for name in fileutils.EDITORS},
    "tddgate": _lazy("selfguard", "tddgate"),
    "pytest": _lazy("testrunners", "pytest"),
    "py.test": _lazy("testrunners", "pytest"),
    "coverage": _lazy("testrunners", "coverage"),
    "pip": _lazy("selfguard", "pip"),
    "scp": _lazy("transfers", "scp"),
    **{name: _lazy("transfers", "compress") for name in COMPRESSORS},
    **{name: _lazy("formatters", handler) for name, handler in _FORMATTERS.items()},
    **{name: _lazy("rewrites", name) for name in _REWRITES},
    **{name: _lazy("rewrites", "mode") for name in ("chmod", "chown", "chgrp")},
}
