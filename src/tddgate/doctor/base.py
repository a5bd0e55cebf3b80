"""What every doctor check shares: the project it looks at, its result, and the common fixes."""

from __future__ import annotations

import os
import shlex
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from tddgate.config import Config, load_config
from tddgate.errors import ConfigError

SEP = " — "


class Context(NamedTuple):
    """The project under examination; `python` runs doctor, so the fixes name it."""

    root: Path
    home: Path
    python: str


class CheckResult(NamedTuple):
    """One line of the doctor's answer: ✓ when `ok`, else ✗ with the fix in `line`."""

    ok: bool
    line: str


def passed(line: str) -> CheckResult:
    return CheckResult(True, line)


def failed(problem: str, fix: str) -> CheckResult:
    """A ✗ line always ends with what to do about it."""
    return CheckResult(False, f"{problem}{SEP}{fix}")


def scope_flag(scope: str) -> str:
    """The --scope option `tddgate install` needs for `scope`; none for the default."""
    return "" if scope == "project" else f" --scope {scope}"


def install_command(ctx: Context, scope: str = "project") -> str:
    """`tddgate install` for this project, run by doctor's interpreter (the one that has it)."""
    py, root = shlex.quote(ctx.python), shlex.quote(str(ctx.root))
    return f"{py} -m tddgate install --project {root}{scope_flag(scope)}"


def reinstall(ctx: Context, scopes: Iterable[str] = ("project",)) -> str:
    """Install tddgate again, then rewrite the hooks of every affected scope."""
    py = shlex.quote(ctx.python)
    installs = " && ".join(install_command(ctx, scope) for scope in scopes)
    return f"reinstall: {py} -m pip install tddgate && {installs}"


def interpreter_problem(python: str) -> str | None:
    """Why `python` cannot run a hook, or None when it can."""
    if not os.path.exists(python):
        return f"interpreter {python} (recorded at install) no longer exists"
    if not os.path.isfile(python) or not os.access(python, os.X_OK):
        return f"interpreter {python} (recorded at install) is not an executable file"
    return None


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def config_or_defaults(root: Path) -> Config:
    """The project's config; an invalid one is reported by its own check, so use defaults."""
    try:
        return load_config(root)
    except ConfigError:
        return Config()


def label(ctx: Context, path: Path) -> str:
    """`path` relative to the project when inside it, else `~/…` or absolute."""
    for base, prefix in ((ctx.root, ""), (ctx.home, "~/")):
        if path.is_relative_to(base):
            return prefix + path.relative_to(base).as_posix()
    return path.as_posix()
