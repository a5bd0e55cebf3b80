"""`tddgate baseline accept`: a human records a smaller suite, only from a green report."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tddgate.cli import cli
from tddgate.report.baseline import load_baseline, save_baseline
from testing import reports as r

STATE = ".claude/tddgate"


def write_report(project: Path, tests: list[dict[str, Any]], **kwargs: Any) -> None:
    r.write(project / STATE / "report.json",
            r.report(tests, root=project, created=time.time() - 90, **kwargs))


def test_accepting_a_drop(project: Path) -> None:
    save_baseline(project / STATE, ["t.py::a", "t.py::b", "t.py::c"])
    write_report(project, [r.passed("t.py::a")])
    check = CliRunner().invoke(cli, ["check"])
    assert check.exit_code == 1
    assert check.stdout.startswith("tests are not green: 1 test ran, fewer than the 3 of")
    result = CliRunner().invoke(cli, ["baseline", "accept"])
    assert (result.exit_code, result.stdout) == (
        0, "tddgate: recorded the baseline: 1 test (was 3).\n"
    )
    assert load_baseline(project / STATE) == frozenset({"t.py::a"})
    assert CliRunner().invoke(cli, ["check"]).exit_code == 0


def test_the_first_baseline(project: Path) -> None:
    write_report(project, [r.passed("t.py::a"), r.passed("t.py::b")])
    result = CliRunner().invoke(cli, ["baseline", "accept", "--project", str(project)])
    assert result.stdout == "tddgate: recorded the baseline: 2 tests (none before).\n"


def test_refuses_a_red_report(project: Path) -> None:
    save_baseline(project / STATE, ["t.py::a", "t.py::b"])
    write_report(project, [r.skipped("t.py::a")])
    result = CliRunner().invoke(cli, ["baseline", "accept"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "tddgate: not recording a baseline: tests are not green: 1 skipped of 1 "
        "(report 1 min old).\n"
        "  t.py::a: skipped: not today\n"
        "Run the full suite: python -m pytest\n"
    )
    assert load_baseline(project / STATE) == frozenset({"t.py::a", "t.py::b"})


def test_refuses_a_partial_run(project: Path) -> None:
    write_report(project, [r.passed("t.py::a")], not_full=("-k used",))
    result = CliRunner().invoke(cli, ["baseline", "accept"])
    assert result.exit_code == 1
    assert load_baseline(project / STATE) is None


def test_a_broken_baseline_is_reported(project: Path) -> None:
    write_report(project, [r.passed("t.py::a")])
    (project / STATE / "baseline.json").write_text("[]")
    result = CliRunner().invoke(cli, ["baseline", "accept"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"tddgate: {project / STATE / 'baseline.json'} is not a tddgate baseline (a JSON object "
        'with a "node_ids" list of strings); delete it, then run the full suite and '
        "`tddgate check` to record a new one\n"
    )
