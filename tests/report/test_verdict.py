"""judge(): the exact reason for every way a report can fail to be green."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tddgate.report.summary import summarize
from tddgate.report.verdict import Verdict, judge
from testing import reports as r

CREATED = 1_700_000_000.0
RUN = "Run the full suite: python -m pytest"
RUN_FULL = "Run the full suite from the project root: python -m pytest"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Clock times in reasons are local; pin the zone so the texts are exact."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def verdict(
    root: Path,
    data: dict[str, Any] | None,
    *,
    now: float = CREATED + 90,
    **kwargs: Any,
) -> Verdict:
    path = root / ".claude" / "tddgate" / "report.json"
    if data is not None:
        r.write(path, data)
    options: dict[str, Any] = {"last_edit": None, "baseline_ids": None, **kwargs}
    return judge(summarize(path), project_root=root, now=now, **options)


def two_passed(root: Path, **kwargs: Any) -> dict[str, Any]:
    return r.report([r.passed("t.py::a"), r.passed("t.py::b")], root=root, created=CREATED,
                    **kwargs)


def test_green(root: Path) -> None:
    assert verdict(root, two_passed(root)) == Verdict(
        green=True, reason="", passed=2, failed=0, errors=0, skipped=0, xfailed=0, xpassed=0,
        collection_errors=0, total=2, created=CREATED, full_suite=True,
        node_ids=("t.py::a", "t.py::b"),
    )


def test_to_dict(root: Path) -> None:
    assert verdict(root, two_passed(root)).to_dict() == {
        "green": True, "reason": "", "passed": 2, "failed": 0, "errors": 0, "skipped": 0,
        "xfailed": 0, "xpassed": 0, "collection_errors": 0, "total": 2, "created": CREATED,
        "full_suite": True, "node_ids": ["t.py::a", "t.py::b"],
    }


def test_counts_line_and_offenders(root: Path) -> None:
    tests = [r.passed(f"t.py::p{i}") for i in range(34)]
    tests += [r.failed(f"t.py::f{i}") for i in range(3)]
    tests += [r.skipped("t.py::s0"), r.skipped("t.py::s1", reason="slow", at="setup")]
    tests += [r.setup_error("t.py::e0")]
    found = verdict(root, r.report(tests, root=root, created=CREATED), now=CREATED + 150)
    assert (found.green, found.failed, found.skipped, found.errors, found.total) == (
        False, 3, 2, 1, 40,
    )
    assert found.node_ids == ()
    assert found.reason == (
        "tests are not green: 3 failed, 2 skipped, 1 error of 40 (report 2 min old).\n"
        "  t.py::f0: assert 1 == 2\n"
        "  t.py::f1: assert 1 == 2\n"
        "  t.py::f2: assert 1 == 2\n"
        "  t.py::s0: skipped: not today\n"
        "  t.py::s1: skipped: slow\n"
        "  (and 1 more)\n"
        f"{RUN}"
    )


def test_xfailed_xpassed_and_collection_errors(root: Path) -> None:
    tests = [r.xfailed("t.py::x"), r.xpassed("t.py::y"), r.passed("t.py::z")]
    data = r.report(tests, root=root, created=CREATED, collectors=[r.collector("u.py", "E")])
    assert verdict(root, data, now=CREATED + 7200).reason == (
        "tests are not green: 1 xfailed, 1 xpassed of 3, 1 collection error "
        "(report 2 h old).\n"
        "  u.py: collection error: E\n"
        "  t.py::x: xfailed: assert 0\n"
        "  t.py::y: xpassed: marked xfail but passed; remove the mark\n"
        f"{RUN}"
    )


def test_collection_errors_while_every_test_passed(root: Path) -> None:
    data = two_passed(root, collectors=[r.collector("u.py", "SyntaxError: bad"),
                                        r.collector("v.py", "E")])
    assert verdict(root, data, now=CREATED + 3).reason == (
        "tests are not green: 2 collection errors; 2 of 2 tests passed (report 3 s old).\n"
        "  u.py: collection error: SyntaxError: bad\n"
        "  v.py: collection error: E\n"
        f"{RUN}"
    )


def test_failures_in_a_partial_run_say_both(root: Path) -> None:
    data = r.report([r.failed("t.py::a")], root=root, created=CREATED, not_full=("-k used",))
    assert verdict(root, data).reason == (
        "tests are not green: 1 failed of 1 (report 1 min old).\n"
        "  t.py::a: assert 1 == 2\n"
        "The last run was also not the full suite: -k used.\n"
        f"{RUN}"
    )


def test_not_the_full_suite(root: Path) -> None:
    data = two_passed(root, not_full=("-k used", "2 tests deselected by a plugin or conftest"))
    found = verdict(root, data, now=CREATED + 2 * 86400)
    assert (found.green, found.full_suite) == (False, False)
    assert found.reason == (
        "tests are not green: the last run was not the full suite: -k used; "
        "2 tests deselected by a plugin or conftest (report 2 d old).\n"
        f"{RUN_FULL}"
    )


def test_not_full_without_a_recorded_reason(root: Path) -> None:
    data = two_passed(root)
    data["tddgate"]["full_suite"] = False
    assert verdict(root, data).reason == (
        "tests are not green: the last run was not the full suite: the report does not say why "
        f"(report 1 min old).\n{RUN_FULL}"
    )


def test_no_tests(root: Path) -> None:
    assert verdict(root, r.report([], root=root, created=CREATED)).reason == (
        "tests are not green: the last run ran no tests (report 1 min old).\n"
        "Write a test, then run the full suite: python -m pytest"
    )


def test_a_non_zero_exit_code(root: Path) -> None:
    assert verdict(root, two_passed(root, exitcode=3)).reason == (
        "tests are not green: pytest exited with code 3 (internal error) although no test "
        "failed (report 1 min old).\n"
        "Run the full suite and fix what it reports: python -m pytest"
    )


def test_the_command_comes_from_the_caller(root: Path) -> None:
    found = verdict(root, r.report([], root=root, created=CREATED), command="uv run pytest")
    assert found.reason.endswith("Write a test, then run the full suite: uv run pytest")


class TestRawReports:
    """pytest-json-report files written without tddgate's plugin."""

    def test_red_without_assume_full(self, root: Path) -> None:
        found = verdict(root, two_passed(root, plugin=False))
        assert (found.green, found.full_suite) == (False, False)
        assert found.reason == (
            "tests are not green: .claude/tddgate/report.json was written without tddgate's "
            "plugin, so it cannot show a full-suite run (report 1 min old).\n"
            "Run the full suite with tddgate installed where pytest runs: python -m pytest"
        )

    def test_green_with_assume_full(self, root: Path) -> None:
        found = verdict(root, two_passed(root, plugin=False), assume_full=True)
        assert (found.green, found.full_suite, found.total) == (True, True, 2)

    def test_failures_still_count(self, root: Path) -> None:
        data = r.report([r.failed("t.py::a")], root=root, created=CREATED, plugin=False)
        assert verdict(root, data, assume_full=True).reason == (
            "tests are not green: 1 failed of 1 (report 1 min old).\n"
            f"  t.py::a: assert 1 == 2\n{RUN}"
        )


class TestFreshness:
    def test_a_run_started_after_the_last_edit_is_fresh(self, root: Path) -> None:
        assert verdict(root, two_passed(root), last_edit=CREATED - 2.5).green

    @pytest.mark.usefixtures("utc")
    def test_an_edit_during_the_run_makes_it_stale(self, root: Path) -> None:
        found = verdict(root, two_passed(root), last_edit=CREATED - 1, last_edit_path="src/x.py")
        assert found.reason == (
            "the last test run is older than the last edit (src/x.py at 22:13:19); "
            "run python -m pytest"
        )

    @pytest.mark.usefixtures("utc")
    def test_without_a_path(self, root: Path) -> None:
        found = verdict(root, two_passed(root), last_edit=CREATED + 30)
        assert found.reason == (
            "the last test run is older than the last edit (at 22:13:50); run python -m pytest"
        )

    @pytest.mark.usefixtures("utc")
    def test_staleness_comes_before_failures(self, root: Path) -> None:
        data = r.report([r.failed("t.py::a")], root=root, created=CREATED)
        assert verdict(root, data, last_edit=CREATED).reason.startswith(
            "the last test run is older than the last edit"
        )


class TestBaseline:
    def test_a_drop_names_the_missing_tests(self, root: Path) -> None:
        baseline = frozenset(f"t.py::{c}" for c in "abcdefghi")
        found = verdict(root, two_passed(root), baseline_ids=baseline)
        assert (found.green, found.node_ids) == (False, ())
        assert found.reason == (
            "tests are not green: 2 tests ran, fewer than the 9 of an earlier full run "
            "(report 1 min old). Missing:\n"
            "  t.py::c\n  t.py::d\n  t.py::e\n  t.py::f\n  t.py::g\n"
            "  (and 2 more)\n"
            "Restore them and run the full suite: python -m pytest. If removing them was "
            "intended, a human records the new baseline with: tddgate baseline accept"
        )

    def test_same_or_more_tests_pass(self, root: Path) -> None:
        assert verdict(root, two_passed(root), baseline_ids=frozenset({"t.py::a"})).green
        renamed = frozenset({"t.py::old1", "t.py::old2"})
        assert verdict(root, two_passed(root), baseline_ids=renamed).green


class TestBadReports:
    def test_missing(self, root: Path) -> None:
        found = verdict(root, None)
        assert (found.green, found.total, found.created, found.node_ids) == (False, 0, None, ())
        assert found.reason == (
            f"no test report yet: run python -m pytest in {root} "
            "(tddgate's plugin writes .claude/tddgate/report.json)"
        )

    def test_missing_elsewhere(self, root: Path) -> None:
        summary = summarize(root / "build" / "report.json")
        found = judge(summary, project_root=root, last_edit=None, baseline_ids=None, now=0.0)
        assert found.reason == (
            f"no test report yet at build/report.json: run python -m pytest in {root} to write it"
        )

    @pytest.mark.parametrize(
        ("raw", "what"),
        [
            (b"", "is empty (a run was probably killed while writing it)"),
            (b'{"created": 1.5, "tests": [',
             "is truncated (it stops after 27 bytes, mid-value): a run was probably killed "
             "while writing it"),
            (b"not json", "is not JSON (Expecting value: line 1 column 1 (char 0))"),
            (b'{"created": 1}', 'is not a pytest-json-report file: "duration" is missing or '
             "not a number"),
        ],
    )
    def test_broken(self, root: Path, raw: bytes, what: str) -> None:
        path = root / ".claude" / "tddgate" / "report.json"
        path.parent.mkdir(parents=True)
        path.write_bytes(raw)
        assert verdict(root, None).reason == (
            f"the test report .claude/tddgate/report.json {what}; "
            f"run python -m pytest in {root} to write a fresh one"
        )

    def test_unreadable(self, root: Path) -> None:
        (root / ".claude" / "tddgate" / "report.json").mkdir(parents=True)
        assert verdict(root, None).reason == (
            "the test report .claude/tddgate/report.json cannot be read (Is a directory); fix "
            f"its permissions or delete it, then run python -m pytest in {root}"
        )

    def test_tampered(self, root: Path) -> None:
        data = r.report([r.passed("t.py::a"), r.failed("t.py::b")], root=root, created=CREATED)
        data["tests"][1]["outcome"] = "passed"
        data["summary"] = {"passed": 2, "total": 2, "collected": 2}
        assert verdict(root, data).reason == (
            "report was modified or not written by tddgate's plugin: tddgate's integrity "
            "record says 1 passed, 1 failed but its tests say 2 passed; "
            f"run python -m pytest in {root} to write a fresh one"
        )

    def test_other_rootdir(self, root: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
        other = tmp_path_factory.mktemp("other")
        assert verdict(root, two_passed(other)).reason == (
            f"the test report .claude/tddgate/report.json comes from a pytest run with rootdir "
            f"{other}, not this project ({root}); run python -m pytest in {root} (pytest takes "
            "its rootdir from the nearest pytest.ini, pyproject.toml, tox.ini or setup.cfg)"
        )

    def test_same_rootdir_through_a_symlink(self, root: Path) -> None:
        (root / "real").mkdir()
        (root / "link").symlink_to(root / "real")
        data = two_passed(root / "link")
        assert verdict(root / "real", data).green

    def test_future(self, root: Path) -> None:
        found = verdict(root, two_passed(root), now=CREATED - 120)
        assert found.reason == (
            "the test report .claude/tddgate/report.json is dated 120 s in the future; check the "
            f"system clock, then run python -m pytest in {root} to write a fresh one"
        )

    def test_a_few_seconds_ahead_is_clock_noise(self, root: Path) -> None:
        assert verdict(root, two_passed(root), now=CREATED - 4).green
