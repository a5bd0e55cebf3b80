"""`tddgate doctor` through click: one line per check, exit 1 when any fails."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tddgate.cli import cli
from tddgate.cli.doctor import command
from tddgate.cli.install import install_command
from tddgate.install import Target, install
from tddgate.install.entries import SCRIPT_NAMES
from testing import reports as r

PY = sys.executable


@pytest.fixture(autouse=True)
def no_claude(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PATH without the machine's `claude`; pytest plugins load as usual."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)


def fresh_lines(project: Path) -> list[str]:
    return [
        "✗ tddgate's hooks are not installed in any scope (project, local or user settings) — "
        f"install them: {PY} -m tddgate install --project {project}",
        "✓ no hook commands to check",
        "✓ no install record, so no recorded interpreter to check",
        "✓ config: none found, using the defaults",
        f"✓ pytest plugin loadable under {PY} (tddgate.report.plugin)",
        "✓ state dir .claude/tddgate is writable",
        "✗ no todo source yet: agents need `- [ ] …` under `## IN PROGRESS` in "
        ".claude/todos/current.md (tddgate todo add/start) or a todo tool",
        f"✗ no test report yet: run python -m pytest in {project} "
        "(tddgate's plugin writes .claude/tddgate/report.json)",
        "✓ claude not on PATH (fine if you use another install)",
    ]


def test_a_fresh_project_fails_with_every_fix(project: Path) -> None:
    result = CliRunner().invoke(command, ["--project", str(project)])

    assert result.exit_code == 1
    assert result.stdout.splitlines() == fresh_lines(project)


def test_a_ready_project_passes(project: Path) -> None:
    CliRunner().invoke(install_command, ["--project", str(project)])
    todo = project / ".claude/todos/current.md"
    todo.parent.mkdir(parents=True)
    todo.write_text("## IN PROGRESS\n- [ ] check the doctor\n")
    report = r.report([r.passed("tests/test_a.py::test_a")], root=project, created=time.time())
    r.write(project / ".claude/tddgate/report.json", report)

    result = CliRunner().invoke(command, ["--project", str(project)])

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "✓ hooks installed for all 9 events (project scope: .claude/settings.json)",
        f"✓ hook commands runnable (9 commands, run by {PY})",
        f"✓ interpreter recorded at install exists: {PY} (project scope)",
        "✓ config: none found, using the defaults",
        f"✓ pytest plugin loadable under {PY} (tddgate.report.plugin)",
        "✓ state dir .claude/tddgate is writable",
        "✓ todo sources found: .claude/todos/current.md (1 todo, 1 in progress)",
        "✓ test report found (.claude/tddgate/report.json); verdict: green, 1 passed, full suite",
        "✓ claude not on PATH (fine if you use another install)",
    ]


def test_a_venv_deleted_after_install_names_the_reinstall(
    project: Path, home: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    hooks = venv / "lib" / "tddgate" / "hooks"
    hooks.mkdir(parents=True)
    python.parent.mkdir()
    for name in SCRIPT_NAMES:
        (hooks / name).write_text("")
    python.write_text("#!/bin/sh\n")
    python.chmod(0o755)
    install(Target("project", project, home), str(python), hooks)
    shutil.rmtree(venv)

    result = CliRunner().invoke(command, ["--project", str(project)])

    fix = f"reinstall: {PY} -m pip install tddgate && {PY} -m tddgate install --project {project}"
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:3] == [
        "✓ hooks installed for all 9 events (project scope: .claude/settings.json)",
        f"✗ interpreter {python} (recorded at install) no longer exists — {fix}",
        f"✗ interpreter {python} (recorded at install) no longer exists — {fix}",
    ]


def test_colour_only_for_a_terminal(project: Path) -> None:
    result = CliRunner().invoke(command, ["--project", str(project)], color=True)

    assert result.stdout.splitlines()[:2] == [
        "\x1b[31m✗\x1b[0m tddgate's hooks are not installed in any scope (project, local or "
        f"user settings) — install them: {PY} -m tddgate install --project {project}",
        "\x1b[32m✓\x1b[0m no hook commands to check",
    ]


def test_the_project_defaults_to_claude_project_dir(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(cli, ["doctor"])

    assert result.exit_code == 1
    assert result.stdout.splitlines() == fresh_lines(project)


def test_a_missing_project_dir_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(command, ["--project", str(tmp_path / "nope")])

    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: doctor [OPTIONS]\nTry 'doctor --help' for help.\n\n"
        f"Error: Invalid value for '--project': Directory '{tmp_path / 'nope'}' does not exist.\n"
    )
