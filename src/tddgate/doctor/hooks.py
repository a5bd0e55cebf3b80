"""Checks 1a and 1b: tddgate's hooks are in Claude Code's settings, and each can run.

A hook whose interpreter or script is gone fails on every tool call without blocking
anything, so the gates silently stop working: the most important thing doctor finds.
"""

from __future__ import annotations

import os
import shlex
import shutil
from typing import NamedTuple

from tddgate.doctor.base import (
    CheckResult,
    Context,
    failed,
    install_command,
    interpreter_problem,
    passed,
    plural,
    reinstall,
)
from tddgate.doctor.installed import Found, find_hooks, read_records
from tddgate.install import Target
from tddgate.install.entries import HOOKS
from tddgate.install.manifest import Scope


def _found(ctx: Context) -> tuple[tuple[Found, ...], tuple[str, ...]]:
    hooks = find_hooks(ctx.root, ctx.home, read_records(ctx.root, ctx.home))
    return hooks.found, hooks.problems


def check_hooks_installed(ctx: Context) -> CheckResult:
    """Every event tddgate needs has our hook, with today's matcher, in exactly one scope."""
    found, problems = _found(ctx)
    if problems:
        return CheckResult(False, problems[0])
    if not found:
        return failed(
            "tddgate's hooks are not installed in any scope (project, local or user settings)",
            f"install them: {install_command(ctx)}",
        )
    scopes = list(dict.fromkeys(f.scope for f in found))
    missing = [spec.event for spec in HOOKS if not any(f.event == spec.event for f in found)]
    if missing:
        return failed(
            f"tddgate's hooks are missing for {', '.join(missing)}",
            f"install them again: {install_command(ctx, scopes[0])}",
        )
    for spec in HOOKS:
        for f in found:
            if f.event == spec.event and f.matcher != spec.matcher:
                return failed(
                    f"tddgate's {f.event} hook in {f.scope} scope matches {f.matcher!r}, "
                    f"not {spec.matcher!r} (installed by an older tddgate)",
                    f"update it: {install_command(ctx, f.scope)}",
                )
    if len(scopes) > 1:
        py, root = shlex.quote(ctx.python), shlex.quote(str(ctx.root))
        return failed(
            f"tddgate's hooks are installed in {' and '.join(scopes)} scope, "
            "so every hook runs more than once",
            f"keep one: {py} -m tddgate uninstall --project {root} --scope {scopes[-1]}",
        )
    where = Target(scopes[0], ctx.root, ctx.home)
    return passed(
        f"hooks installed for all {len(HOOKS)} events "
        f"({scopes[0]} scope: {where.label(where.settings_path)})"
    )


def check_hook_commands(ctx: Context) -> CheckResult:
    """Each hook command's interpreter is executable and its script exists."""
    found, _ = _found(ctx)
    if not found:
        return passed("no hook commands to check")
    problems: dict[str, None] = {}  # dicts as ordered sets: the same venv breaks every hook
    lost: dict[str, None] = {}
    scopes: dict[Scope, None] = {}
    pythons: dict[str, None] = {}
    for f in found:
        command = _inspect(f.command)
        pythons[command.python] = None
        if command.problem:
            problems[command.problem] = None
        elif not os.path.isfile(command.script):
            lost[command.script] = None
        else:
            continue
        scopes[f.scope] = None
    if lost:
        problems[f"hook scripts no longer exist: {', '.join(lost)}"] = None
    if problems:
        return failed("; ".join(problems), reinstall(ctx, scopes))
    count = plural(len(found), "command")
    return passed(f"hook commands runnable ({count}, run by {', '.join(pythons)})")


class _Command(NamedTuple):
    """A hook command taken apart; `problem` says why its interpreter cannot run it."""

    python: str
    script: str
    problem: str | None


def _inspect(command: str) -> _Command:
    try:
        words = shlex.split(command)
    except ValueError:
        words = []
    if len(words) != 2:
        return _Command("", "", f'hook command {command!r} is not "<python>" "<script>"')
    python, script = words
    if os.path.isabs(python):
        return _Command(python, script, interpreter_problem(python))
    on_path = shutil.which(python) is not None
    problem = None if on_path else f"interpreter {python} of the hook commands is not on PATH"
    return _Command(python, script, problem)
