"""Check 7: a test report exists and is newer than the last edit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tddgate.doctor import CheckResult, Context
from tddgate.doctor.report import age, check_report
from tddgate.state.edits import record_edit

T0 = 1_750_000_000.0


def write_report(project: Path, created: object) -> Path:
    path = project / ".claude/tddgate/report.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"created": created, "duration": 1.0, "tests": []}))
    return path


def test_no_report_says_to_run_the_suite(ctx: Context, project: Path) -> None:
    assert check_report(ctx) == CheckResult(
        False, f"no test report yet: run python -m pytest in {project}"
    )


def test_the_configured_pytest_command_is_suggested(ctx: Context, project: Path) -> None:
    (project / ".tddgate.toml").write_text('pytest_command = "uv run pytest"\n')

    assert check_report(ctx) == CheckResult(
        False, f"no test report yet: run uv run pytest in {project}"
    )


def test_a_report_without_edits_is_fine(ctx: Context, project: Path) -> None:
    write_report(project, T0)

    assert check_report(ctx) == CheckResult(
        True, "test report found (.claude/tddgate/report.json); no edit recorded yet"
    )


def test_a_report_newer_than_the_last_edit_is_fresh(ctx: Context, project: Path) -> None:
    write_report(project, T0)
    record_edit(project / ".claude/tddgate", "src/app.py", T0 - 1, "s1")

    assert check_report(ctx) == CheckResult(
        True,
        "test report found (.claude/tddgate/report.json), newer than the last edit (src/app.py)",
    )


def test_a_report_older_than_the_last_edit_is_stale(ctx: Context, project: Path) -> None:
    write_report(project, T0)
    record_edit(project / ".claude/tddgate", "src/app.py", T0 + 150, "s1")

    assert check_report(ctx) == CheckResult(
        False,
        "report older than the last edit (src/app.py changed 2 min after it): "
        f"run python -m pytest in {project}",
    )


@pytest.mark.parametrize("created", ["yesterday", True, None])
def test_a_report_without_a_created_time(ctx: Context, project: Path, created: object) -> None:
    write_report(project, created)

    assert check_report(ctx) == CheckResult(
        False,
        '.claude/tddgate/report.json is not a pytest report with a "created" time — '
        f"run python -m pytest in {project}",
    )


def test_a_report_that_is_not_json(ctx: Context, project: Path) -> None:
    write_report(project, T0).write_text("{")

    assert check_report(ctx) == CheckResult(
        False,
        '.claude/tddgate/report.json is not a pytest report with a "created" time — '
        f"run python -m pytest in {project}",
    )


def test_an_unreadable_report(ctx: Context, project: Path) -> None:
    (project / ".claude/tddgate/report.json").mkdir(parents=True)

    assert check_report(ctx) == CheckResult(
        False,
        "cannot read .claude/tddgate/report.json (Is a directory) — "
        f"make it readable, then run python -m pytest in {project}",
    )


def test_a_broken_edit_record(ctx: Context, project: Path) -> None:
    write_report(project, T0)
    (project / ".claude/tddgate/last-edit.json").write_text("[]")

    assert check_report(ctx) == CheckResult(
        False,
        f"{project}/.claude/tddgate/last-edit.json is not a tddgate edit record "
        '({"time": <epoch>, "path": "…"}); delete it and tddgate will treat the next edit '
        "as the last one",
    )


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0.4, "0 s"),
        (59, "59 s"),
        (60, "1 min"),
        (7199, "1 h"),
        (86400, "1 day"),
        (3 * 86400, "3 days"),
    ],
)
def test_age_is_short(seconds: float, text: str) -> None:
    assert age(seconds) == text
