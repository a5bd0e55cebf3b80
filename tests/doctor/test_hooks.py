"""Checks 1a/1b: hooks present for every event, once, and each command runnable."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tddgate.doctor import CheckResult, Context
from tddgate.doctor.hooks import check_hook_commands, check_hooks_installed
from tddgate.install import Target
from tddgate.install.entries import HOOKS

Install = Callable[..., Target]

PY = sys.executable


def reinstall(root: Path, *flags: str) -> str:
    installs = " && ".join(f"{PY} -m tddgate install --project {root}{f}" for f in flags or [""])
    return f"reinstall: {PY} -m pip install tddgate && {installs}"


def edit_settings(path: Path, change: Any) -> None:
    data = json.loads(path.read_text())
    change(data["hooks"])
    path.write_text(json.dumps(data, indent=2))


def write_settings(path: Path, event: str, command: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    group = {"hooks": [{"type": "command", "command": command}]}
    path.write_text(json.dumps({"hooks": {event: [group]}}))


def test_no_hooks_anywhere_says_how_to_install(ctx: Context, project: Path) -> None:
    assert check_hooks_installed(ctx) == CheckResult(
        False,
        "tddgate's hooks are not installed in any scope (project, local or user settings) — "
        f"install them: {PY} -m tddgate install --project {project}",
    )
    assert check_hook_commands(ctx) == CheckResult(True, "no hook commands to check")


def test_an_install_passes_both_checks(ctx: Context, installed: Install, venv_python: Path) -> None:
    installed()

    assert check_hooks_installed(ctx) == CheckResult(
        True, "hooks installed for all 9 events (project scope: .claude/settings.json)"
    )
    assert check_hook_commands(ctx) == CheckResult(
        True, f"hook commands runnable (9 commands, run by {venv_python})"
    )


def test_user_scope_counts_and_is_named_under_home(ctx: Context, installed: Install) -> None:
    installed("user")

    assert check_hooks_installed(ctx) == CheckResult(
        True, "hooks installed for all 9 events (user scope: ~/.claude/settings.json)"
    )


def test_hooks_committed_without_a_manifest_are_still_found(
    ctx: Context, installed: Install
) -> None:
    target = installed()
    target.manifest_path.unlink()

    assert check_hooks_installed(ctx).ok
    assert check_hook_commands(ctx).ok


def test_missing_events_are_named(ctx: Context, installed: Install, project: Path) -> None:
    target = installed("local")

    def drop(hooks: dict[str, Any]) -> None:
        del hooks["Stop"], hooks["TaskCompleted"]

    edit_settings(target.settings_path, drop)

    assert check_hooks_installed(ctx) == CheckResult(
        False,
        "tddgate's hooks are missing for Stop, TaskCompleted — install them again: "
        f"{PY} -m tddgate install --project {project} --scope local",
    )


def test_an_old_matcher_needs_an_update(ctx: Context, installed: Install, project: Path) -> None:
    target = installed()

    def narrow(hooks: dict[str, Any]) -> None:
        hooks["PreToolUse"][0]["matcher"] = "Write|Edit"

    edit_settings(target.settings_path, narrow)

    assert check_hooks_installed(ctx) == CheckResult(
        False,
        "tddgate's PreToolUse hook in project scope matches 'Write|Edit', "
        f"not {HOOKS[0].matcher!r} (installed by an older tddgate) — update it: "
        f"{PY} -m tddgate install --project {project}",
    )


def test_two_scopes_run_every_hook_twice(ctx: Context, installed: Install, project: Path) -> None:
    installed("project")
    installed("local")

    assert check_hooks_installed(ctx) == CheckResult(
        False,
        "tddgate's hooks are installed in project and local scope, so every hook runs more "
        f"than once — keep one: {PY} -m tddgate uninstall --project {project} --scope local",
    )


def test_an_unreadable_settings_file_is_reported_as_is(ctx: Context, project: Path) -> None:
    settings = project / ".claude" / "settings.local.json"
    settings.parent.mkdir()
    settings.write_text('{"model": "opus",}\n')

    assert check_hooks_installed(ctx) == CheckResult(
        False,
        ".claude/settings.local.json has a trailing comma on line 1. Make it plain JSON, "
        "then run `tddgate doctor` again. The file was not changed.",
    )


def test_a_deleted_venv_names_the_interpreter_and_the_reinstall(
    ctx: Context, installed: Install, venv_python: Path, project: Path
) -> None:
    installed()
    shutil.rmtree(venv_python.parent.parent)

    assert check_hook_commands(ctx) == CheckResult(
        False,
        f"interpreter {venv_python} (recorded at install) no longer exists — " + reinstall(project),
    )


def test_every_broken_scope_is_reinstalled(
    ctx: Context, installed: Install, venv_python: Path, project: Path
) -> None:
    installed("project")
    installed("user")
    venv_python.unlink()

    assert check_hook_commands(ctx) == CheckResult(
        False,
        f"interpreter {venv_python} (recorded at install) no longer exists — "
        + reinstall(project, "", " --scope user"),
    )


def test_an_interpreter_that_cannot_execute(
    ctx: Context, installed: Install, venv_python: Path, project: Path
) -> None:
    installed()
    venv_python.chmod(0o644)

    assert check_hook_commands(ctx) == CheckResult(
        False,
        f"interpreter {venv_python} (recorded at install) is not an executable file — "
        + reinstall(project),
    )


def test_missing_scripts_are_listed_once_each(
    ctx: Context, installed: Install, hooks_dir: Path, project: Path
) -> None:
    installed()
    (hooks_dir / "stop.py").unlink()
    (hooks_dir / "task_created.py").unlink()

    assert check_hook_commands(ctx) == CheckResult(
        False,
        f"hook scripts no longer exist: {hooks_dir}/stop.py, {hooks_dir}/task_created.py — "
        + reinstall(project),
    )


def test_a_bare_interpreter_is_looked_up_on_path(
    ctx: Context, project: Path, hooks_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    settings = project / ".claude" / "settings.json"
    write_settings(settings, "Stop", f'"python3" "{hooks_dir}/stop.py"')
    missing = check_hook_commands(ctx)
    (bin_dir / "python3").write_text("#!/bin/sh\n")
    (bin_dir / "python3").chmod(0o755)

    assert missing == CheckResult(
        False,
        "interpreter python3 of the hook commands is not on PATH — " + reinstall(project),
    )
    assert check_hook_commands(ctx) == CheckResult(
        True, "hook commands runnable (1 command, run by python3)"
    )


def test_a_recorded_command_of_another_shape_cannot_be_checked(
    ctx: Context, installed: Install, project: Path
) -> None:
    target = installed()
    old = json.loads(target.settings_path.read_text())["hooks"]["Stop"][0]["hooks"][0]["command"]
    new = old + " --debug"
    for path in (target.settings_path, target.manifest_path):
        path.write_text(path.read_text().replace(json.dumps(old), json.dumps(new)))

    assert check_hook_commands(ctx) == CheckResult(
        False, f'hook command {new!r} is not "<python>" "<script>" — ' + reinstall(project)
    )
