"""Check 7: a readable test report, not older than the last edit, judged as the gates judge it."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from tddgate.doctor import CheckResult, Context
from tddgate.doctor.report import check_report
from tddgate.runner import evaluate
from tddgate.state.edits import record_edit
from testing import payloads
from testing import reports as r

REPORT = ".claude/tddgate/report.json"


def write_report(project: Path, tests: list[dict[str, Any]] | None = None, **kwargs: Any) -> float:
    """A report written a minute ago by a run that took 2 s; returns its `created`."""
    created = time.time() - 90
    tests = tests if tests is not None else [r.passed("t.py::a"), r.passed("t.py::b")]
    r.write(project / REPORT, r.report(tests, root=project, created=created, **kwargs))
    return created


def stale(project: Path, when: float, rel: str = "src/app.py") -> str:
    at = time.strftime("%H:%M:%S", time.localtime(when))
    return f"the last test run is older than the last edit ({rel} at {at}); run python -m pytest"


def test_no_report_says_to_run_the_suite(ctx: Context, project: Path) -> None:
    assert check_report(ctx) == CheckResult(False, (
        f"no test report yet: run python -m pytest in {project} "
        "(tddgate's plugin writes .claude/tddgate/report.json)"
    ))


def test_the_configured_pytest_command_is_suggested(ctx: Context, project: Path) -> None:
    (project / ".tddgate.toml").write_text('pytest_command = "uv run pytest"\n')

    assert check_report(ctx) == CheckResult(False, (
        f"no test report yet: run uv run pytest in {project} "
        "(tddgate's plugin writes .claude/tddgate/report.json)"
    ))


def test_a_green_report_without_edits(ctx: Context, project: Path) -> None:
    write_report(project)

    assert check_report(ctx) == CheckResult(
        True, f"test report found ({REPORT}); verdict: green, 2 passed, full suite"
    )


def test_a_run_started_after_the_last_edit_is_fresh(ctx: Context, project: Path) -> None:
    created = write_report(project)
    record_edit(project / ".claude/tddgate", "src/app.py", created - 2.5, "s1")

    assert check_report(ctx) == CheckResult(
        True, f"test report found ({REPORT}); verdict: green, 2 passed, full suite"
    )


def test_a_run_that_started_before_the_last_edit_is_stale(ctx: Context, project: Path) -> None:
    """Written after the edit, but the run was already going: it did not test the change."""
    created = write_report(project)
    record_edit(project / ".claude/tddgate", "src/app.py", created - 1, "s1")

    assert check_report(ctx) == CheckResult(False, stale(project, created - 1))


def test_a_report_older_than_the_last_edit_is_stale(ctx: Context, project: Path) -> None:
    created = write_report(project)
    record_edit(project / ".claude/tddgate", "src/app.py", created + 60, "s1")

    assert check_report(ctx) == CheckResult(False, stale(project, created + 60))


def test_doctor_and_the_stop_gate_give_the_same_reason(ctx: Context, project: Path) -> None:
    created = write_report(project)
    write = payloads.load("capture-PostToolUse-Write", project)  # the session edited
    assert evaluate(json.dumps(write).encode()) == ("", [])
    record = {"time": created - 1, "path": "src/app.py", "session_id": "s1"}  # during the run
    (project / ".claude/tddgate/last-edit.json").write_text(json.dumps(record))

    out, _ = evaluate(json.dumps(payloads.load("capture-Stop", project)).encode())

    assert json.loads(out)["reason"] == f"tddgate: you cannot stop yet. {check_report(ctx).line}"


def test_failing_tests_are_not_a_doctor_problem(ctx: Context, project: Path) -> None:
    write_report(project, [r.passed("t.py::a"), r.failed("t.py::b")])

    assert check_report(ctx) == CheckResult(True, (
        f"test report found ({REPORT}); verdict: tests are not green: 1 failed of 2 "
        "(report 1 min old)."
    ))


def test_a_truncated_report(ctx: Context, project: Path) -> None:
    (project / ".claude/tddgate").mkdir(parents=True)
    (project / REPORT).write_text('{"created": 1')

    assert check_report(ctx) == CheckResult(False, (
        f"the test report {REPORT} is truncated (it stops after 13 bytes, mid-value): a run "
        f"was probably killed while writing it; run python -m pytest in {project} to write a "
        "fresh one"
    ))


def test_an_unreadable_report(ctx: Context, project: Path) -> None:
    (project / REPORT).mkdir(parents=True)

    assert check_report(ctx) == CheckResult(False, (
        f"the test report {REPORT} cannot be read (Is a directory); fix its permissions or "
        f"delete it, then run python -m pytest in {project}"
    ))


def test_a_configured_report_file_is_named(ctx: Context, project: Path) -> None:
    (project / ".tddgate.toml").write_text('report_file = "build/report.json"\n')
    created = time.time() - 90
    report = r.report([r.passed("t.py::a")], root=project, created=created, plugin=False)
    r.write(project / "build/report.json", report)

    assert check_report(ctx) == CheckResult(
        True, "test report found (build/report.json); verdict: green, 1 passed, full suite"
    )


@pytest.mark.parametrize("record", ["[]", "{"])
def test_a_broken_edit_record(ctx: Context, project: Path, record: str) -> None:
    write_report(project)
    (project / ".claude/tddgate/last-edit.json").write_text(record)

    assert check_report(ctx) == CheckResult(False, (
        f"{project}/.claude/tddgate/last-edit.json is not a tddgate edit record "
        '({"time": <epoch>, "path": "…"}); delete it and tddgate will treat the next edit '
        "as the last one"
    ))
