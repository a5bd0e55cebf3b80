"""The verdict that stands now: a suite that was never green still has a floor.

Round-2 red team: a project red from the start had no baseline, so deleting (or ignoring)
its failing tests turned it green. The first full run now records the baseline, red or not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tddgate.config import Config
from tddgate.report.baseline import load_baseline, save_baseline
from tddgate.report.current import current_verdict
from testing import reports as r

CREATED = 1_700_000_000.0
REPORT = ".claude/tddgate/report.json"


def _run(root: Path, tests: list[dict[str, Any]], **kwargs: Any) -> None:
    r.write(root / REPORT, r.report(tests, root=root, created=CREATED, **kwargs))


def _state(root: Path) -> Path:
    return root / ".claude/tddgate"


def test_the_first_full_run_records_the_baseline_even_when_red(tmp_path: Path) -> None:
    _run(tmp_path, [r.passed("t.py::a"), r.passed("t.py::b"), r.failed("t.py::c")])
    assert not current_verdict(tmp_path, Config(), now=CREATED + 60).green
    assert load_baseline(_state(tmp_path)) == frozenset({"t.py::a", "t.py::b", "t.py::c"})
    _run(tmp_path, [r.passed("t.py::a"), r.passed("t.py::b")])  # the failing test deleted
    verdict = current_verdict(tmp_path, Config(), now=CREATED + 60)
    assert verdict.reason == (
        "tests are not green: 2 tests ran, fewer than the 3 of an earlier full run "
        "(report 1 min old). Missing:\n"
        "  t.py::c\n"
        "Restore them and run the full suite: python -m pytest. If removing them was "
        "intended, a human records the new baseline with: tddgate baseline accept"
    )


def test_a_partial_run_records_nothing(tmp_path: Path) -> None:
    _run(tmp_path, [r.failed("t.py::c")], not_full=("-k used",))
    current_verdict(tmp_path, Config(), now=CREATED + 60)
    assert load_baseline(_state(tmp_path)) is None


def test_a_red_run_does_not_raise_a_baseline_that_exists(tmp_path: Path) -> None:
    """New failing tests are the red step of TDD: removing one again is no wall."""
    save_baseline(_state(tmp_path), ["t.py::a"])
    _run(tmp_path, [r.passed("t.py::a"), r.failed("t.py::new")])
    current_verdict(tmp_path, Config(), now=CREATED + 60)
    assert load_baseline(_state(tmp_path)) == frozenset({"t.py::a"})


def test_a_green_run_still_moves_the_baseline(tmp_path: Path) -> None:
    save_baseline(_state(tmp_path), ["t.py::a"])
    _run(tmp_path, [r.passed("t.py::a"), r.passed("t.py::b")])
    assert current_verdict(tmp_path, Config(), now=CREATED + 60).green
    assert load_baseline(_state(tmp_path)) == frozenset({"t.py::a", "t.py::b"})


def test_a_broken_baseline_is_red_not_a_state_error(tmp_path: Path) -> None:
    """A state error makes the hooks fail open; a baseline overwritten by a test run's
    `--junitxml` must not turn the completion gates off."""
    _run(tmp_path, [r.passed("t.py::a")])
    (_state(tmp_path) / "baseline.json").write_text("<testsuites/>")
    verdict = current_verdict(tmp_path, Config(), now=CREATED + 60)
    assert (verdict.green, verdict.node_ids) == (False, ())
    assert verdict.reason == (
        f"tests are not green: {_state(tmp_path) / 'baseline.json'} is not a tddgate baseline "
        '(a JSON object with a "node_ids" list of strings); delete it, then run the full suite '
        "and `tddgate check` to record a new one."
    )
