"""`tddgate check`: the verdict for a project, as a user or the agent runs it."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tddgate.cli import cli
from tddgate.cli.check import command
from tddgate.report.baseline import load_baseline, save_baseline
from tddgate.state.edits import record_edit
from testing import reports as r

GREEN = "tests are green: 2 passed, full suite (report 1 min old).\n"


def write_report(project: Path, tests: list[dict[str, Any]] | None = None, **kwargs: Any) -> float:
    created = time.time() - 90
    tests = tests if tests is not None else [r.passed("t.py::a"), r.passed("t.py::b")]
    r.write(project / ".claude/tddgate/report.json",
            r.report(tests, root=project, created=created, **kwargs))
    return created


def test_green_exits_0_and_records_the_first_baseline(project: Path) -> None:
    write_report(project)
    result = CliRunner().invoke(command, ["--project", str(project)])
    assert (result.exit_code, result.stdout) == (0, GREEN)
    assert load_baseline(project / ".claude/tddgate") == frozenset({"t.py::a", "t.py::b"})


def test_an_existing_baseline_is_kept(project: Path) -> None:
    write_report(project)
    save_baseline(project / ".claude/tddgate", ["t.py::a"])
    assert CliRunner().invoke(command, ["--project", str(project)]).exit_code == 0
    assert load_baseline(project / ".claude/tddgate") == frozenset({"t.py::a"})


def test_red_exits_1_with_the_reason(project: Path) -> None:
    write_report(project, [r.passed("t.py::a"), r.failed("t.py::b")])
    result = CliRunner().invoke(command, ["--project", str(project)])
    assert (result.exit_code, result.stdout) == (1, (
        "tests are not green: 1 failed of 2 (report 1 min old).\n"
        "  t.py::b: assert 1 == 2\n"
        "Run the full suite: python -m pytest\n"
    ))
    assert load_baseline(project / ".claude/tddgate") is None


def test_json(project: Path) -> None:
    created = write_report(project)
    result = CliRunner().invoke(command, ["--project", str(project), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "green": True, "reason": "", "passed": 2, "failed": 0, "errors": 0, "skipped": 0,
        "xfailed": 0, "xpassed": 0, "collection_errors": 0, "total": 2, "created": created,
        "full_suite": True, "node_ids": ["t.py::a", "t.py::b"],
    }


def test_json_when_red_still_exits_1(project: Path) -> None:
    result = CliRunner().invoke(command, ["--project", str(project), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["reason"] == (
        f"no test report yet: run python -m pytest in {project} "
        "(tddgate's plugin writes .claude/tddgate/report.json)"
    )


def test_the_project_defaults_to_claude_project_dir(project: Path) -> None:
    write_report(project)
    assert CliRunner().invoke(cli, ["check"]).stdout == GREEN


def test_then_to_the_current_directory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_report(project)
    monkeypatch.delenv("CLAUDE_PROJECT_DIR")
    monkeypatch.chdir(project)
    assert CliRunner().invoke(cli, ["check"]).stdout == GREEN


def test_an_edit_after_the_run_makes_it_stale(project: Path) -> None:
    write_report(project)
    when = time.time() - 5
    record_edit(project / ".claude/tddgate", "src/x.py", when, "s1")
    result = CliRunner().invoke(command, [])
    at = time.strftime("%H:%M:%S", time.localtime(when))
    assert (result.exit_code, result.stdout) == (1, (
        f"the last test run is older than the last edit (src/x.py at {at}); run python -m pytest\n"
    ))


def test_broken_state_exits_1_with_what_to_do(project: Path) -> None:
    write_report(project)
    (project / ".claude/tddgate/last-edit.json").write_text("{")
    result = CliRunner().invoke(command, [])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"tddgate: {project / '.claude/tddgate/last-edit.json'} is not a tddgate edit record "
        '({"time": <epoch>, "path": "…"}); delete it and tddgate will treat the next edit as '
        "the last one\n"
    )


def test_a_configured_raw_report_is_trusted_as_full(project: Path) -> None:
    (project / ".tddgate.toml").write_text(
        'report_file = "build/report.json"\npytest_command = "uv run pytest"\n'
    )
    created = time.time() - 90
    r.write(project / "build/report.json",
            r.report([r.passed("t.py::a")], root=project, created=created, plugin=False))
    result = CliRunner().invoke(command, [])
    assert (result.exit_code, result.stdout) == (
        0, "tests are green: 1 passed, full suite (report 1 min old).\n"
    )


def test_the_configured_command_is_in_the_reason(project: Path) -> None:
    (project / ".tddgate.toml").write_text('pytest_command = "uv run pytest"\n')
    result = CliRunner().invoke(command, [])
    assert result.stdout == (
        f"no test report yet: run uv run pytest in {project} "
        "(tddgate's plugin writes .claude/tddgate/report.json)\n"
    )
