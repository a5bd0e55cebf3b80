"""summarize(): counts, causes, and every kind of unreadable or untrustworthy report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tddgate.report.integrity import integrity
from tddgate.report.summary import (
    EMPTY,
    MISSING,
    NOT_JSON,
    SCHEMA,
    TAMPERED,
    TRUNCATED,
    Offender,
    ReportSummary,
    summarize,
)
from testing import reports as r

CREATED = 1_700_000_000.0
MID = "bytes, mid-value"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / ".claude" / "tddgate" / "report.json"


def summary_of(path: Path, data: Any) -> ReportSummary:
    r.write(path, data)
    return summarize(path)


def test_a_plugin_report(path: Path, tmp_path: Path) -> None:
    data = r.report(
        [r.passed("t.py::a"), r.failed("t.py::b"), r.setup_error("t.py::c"),
         r.teardown_error("t.py::d"), r.skipped("t.py::e"), r.skipped("t.py::f", at="setup"),
         r.xfailed("t.py::g"), r.xpassed("t.py::h")],
        root=tmp_path, created=CREATED, collectors=[r.collector(""), r.collector("u.py", "E")],
        not_full=("-k used",),
    )
    assert summary_of(path, data) == ReportSummary(
        path=str(path), plugin_version="0.1.0", created=CREATED, started=CREATED - 2.0,
        rootdir=str(tmp_path), exitcode=1, full_suite=False, not_full=("-k used",),
        passed=1, failed=1, errors=2, skipped=2, xfailed=1, xpassed=1, collection_errors=1,
        total=8,
        offenders=(
            Offender("u.py", "collection error: E"),
            Offender("t.py::b", "assert 1 == 2"),
            Offender("t.py::c", "error in setup: RuntimeError: setup boom"),
            Offender("t.py::d", "error in teardown: RuntimeError: teardown boom"),
            Offender("t.py::e", "skipped: not today"),
        ),
        offender_count=8,
        node_ids=tuple(f"t.py::{c}" for c in "abcdefgh"),
    )


def test_a_raw_report_starts_at_created_minus_duration(path: Path, tmp_path: Path) -> None:
    data = r.report([r.passed("t.py::a")], root=tmp_path, created=CREATED, plugin=False)
    summary = summary_of(path, data)
    assert (summary.plugin_version, summary.started, summary.full_suite) == ("", CREATED - 2, False)


def test_a_test_missing_a_stage_is_not_a_pass(path: Path, tmp_path: Path) -> None:
    test = r.passed("t.py::a")
    del test["teardown"]
    summary = summary_of(path, r.report([test], root=tmp_path, created=CREATED))
    assert (summary.passed, summary.errors) == (0, 1)
    assert summary.offenders == (Offender("t.py::a", "incomplete: no teardown stage recorded"),)


@pytest.mark.parametrize(
    ("stage", "cause"),
    [
        ({"outcome": "failed", "crash": {"message": "ValueError: bad\nmore"}},
         "ValueError: bad"),
        ({"outcome": "failed", "longrepr": "x\nE   KeyError: 'k'\n\nt.py:3: KeyError"},
         "KeyError: 'k'"),
        ({"outcome": "failed", "longrepr": "[XPASS(strict)] flaky"}, "[XPASS(strict)] flaky"),
        ({"outcome": "failed"}, "(no details)"),
        ({"outcome": "failed", "crash": {"message": "x" * 300}}, "x" * 199 + "…"),
    ],
)
def test_causes_are_one_line(
    path: Path, tmp_path: Path, stage: dict[str, Any], cause: str
) -> None:
    test = {**r.passed("t.py::a"), "outcome": "failed", "call": stage}
    summary = summary_of(path, r.report([test], root=tmp_path, created=CREATED))
    assert summary.offenders == (Offender("t.py::a", cause),)


def test_skip_reasons_with_quotes(path: Path, tmp_path: Path) -> None:
    test = r.skipped("t.py::a", reason="can't run \"here\"")
    summary = summary_of(path, r.report([test], root=tmp_path, created=CREATED))
    assert summary.offenders == (Offender("t.py::a", "skipped: can't run \"here\""),)


def test_only_five_offenders_are_kept_but_all_are_counted(path: Path, tmp_path: Path) -> None:
    tests = [r.failed(f"t.py::f{i}") for i in range(9)]
    summary = summary_of(path, r.report(tests, root=tmp_path, created=CREATED))
    assert [o.nodeid for o in summary.offenders] == [f"t.py::f{i}" for i in range(5)]
    assert (summary.offender_count, summary.failed) == (9, 9)


@pytest.mark.parametrize(
    ("raw", "problem", "detail"),
    [
        (b"", EMPTY, ""),
        (b"  \n", EMPTY, ""),
        (b'{"created": 1.5, "tests": [{"nodeid": "t', TRUNCATED, f"it stops after 40 {MID}"),
        (b'{"created": 1.5, "tests": [', TRUNCATED, f"it stops after 27 {MID}"),
        (b"<html>oops</html>", NOT_JSON, "Expecting value: line 1 column 1 (char 0)"),
        (b"\x80abc", NOT_JSON, "it is not UTF-8 text"),
        (b"[" * 100_000, NOT_JSON, "it is nested too deeply"),
        (b"[1]", SCHEMA, "the top level is a JSON array, not an object"),
        (b'{"created": NaN}', SCHEMA, '"created" is missing or not a number'),
    ],
)
def test_unreadable_reports(path: Path, raw: bytes, problem: str, detail: str) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(raw)
    assert summarize(path) == ReportSummary(str(path), problem, detail)


def test_a_missing_report(path: Path) -> None:
    assert summarize(path) == ReportSummary(str(path), MISSING)


def _edit(data: dict[str, Any], where: str, value: Any) -> None:
    *parents, last = where.split(".")
    holder: Any = data
    for part in parents:
        holder = holder[int(part)] if part.isdigit() else holder[part]
    if value is _DELETE:
        del holder[last]
    else:
        holder[last] = value


_DELETE = object()


@pytest.mark.parametrize(
    ("where", "value", "detail"),
    [
        ("tests", _DELETE, 'it has no "tests" list (was it written with --json-report-summary?)'),
        ("tests", {}, '"tests" is not a list'),
        ("tests.1.outcome", _DELETE, 'tests[1] has no "outcome" string'),
        ("tests.0.nodeid", 7, 'tests[0] has no "nodeid" string'),
        ("tests.0.call", [], 'tests[0] "call" is not an object'),
        ("tests.0.call.outcome", None, 'tests[0] "call" has no "outcome" string'),
        ("tests.1.call.crash", {"msg": 1}, 'tests[1] "call" "crash" has no "message" string'),
        ("tests.1.call.longrepr", 3, 'tests[1] "call" "longrepr" is not a string'),
        ("created", "yesterday", '"created" is missing or not a number'),
        ("duration", True, '"duration" is missing or not a number'),
        ("exitcode", 1.0, '"exitcode" is missing or not an integer'),
        ("root", None, '"root" is missing or not a string'),
        ("summary", {"passed": "1"}, '"summary" is missing or not an object of integers'),
        ("collectors", None, '"collectors" is not a list'),
        ("collectors.0.outcome", 1, 'collectors[0] has no "outcome" string'),
        ("tddgate", [], '"tddgate" is not an object'),
        ("tddgate.full_suite", "yes", '"tddgate.full_suite" is not true or false'),
        ("tddgate.workers", True, '"tddgate.workers" is not an integer'),
        ("tddgate.not_full", [1], '"tddgate.not_full" is not a list of strings'),
        ("tddgate.started", "now", '"tddgate.started" is not a number'),
        ("tddgate.integrity.digest", 5, '"tddgate.integrity.digest" is not a string'),
        ("tddgate.integrity.counts", [], '"tddgate.integrity.counts" is not an object of integers'),
    ],
)
def test_wrong_schema(path: Path, tmp_path: Path, where: str, value: Any, detail: str) -> None:
    data = r.report([r.passed("t.py::a"), r.failed("t.py::b")], root=tmp_path, created=CREATED)
    _edit(data, where, value)
    assert summary_of(path, data) == ReportSummary(str(path), SCHEMA, detail)


def _flip_failure(data: dict[str, Any]) -> None:
    data["tests"][1] = {**r.passed("t.py::b")}


def _flip_and_fix_summary(data: dict[str, Any]) -> None:
    _flip_failure(data)
    data["summary"].update(passed=2, failed=0)


def _flip_and_fix_counts(data: dict[str, Any]) -> None:
    _flip_and_fix_summary(data)
    data["tddgate"]["integrity"]["counts"].update(passed=2, failed=0)


@pytest.mark.parametrize(
    ("edit", "detail"),
    [
        (lambda d: d["summary"].update(failed=0, passed=2),
         "its summary says 2 passed but its tests say 1 passed, 1 failed"),
        (lambda d: d["summary"].update(total=3), "its summary says 3 tests but it lists 2"),
        (_flip_and_fix_summary,
         "tddgate's integrity record says 1 passed, 1 failed but its tests say 2 passed"),
        (_flip_and_fix_counts, "its test results differ from tddgate's integrity record"),
        (lambda d: d["tddgate"].pop("version"), "its tddgate section has no plugin version"),
        (lambda d: d["tddgate"].update(version=""), "its tddgate section has no plugin version"),
        (lambda d: d["tddgate"].pop("integrity"), "its tddgate section has no integrity record"),
        (lambda d: d["tddgate"]["integrity"].update(tests=5),
         "tddgate's integrity record lists 5 tests but it has 2"),
        (lambda d: d.update(created=CREATED + 60),
         "its created time differs from tddgate's integrity record"),
        (lambda d: d["tddgate"].update(rootdir="/elsewhere"),
         "its tddgate rootdir /elsewhere differs from pytest's {root}"),
    ],
)
def test_tampered_reports(path: Path, tmp_path: Path, edit: Any, detail: str) -> None:
    data = r.report([r.passed("t.py::a"), r.failed("t.py::b")], root=tmp_path, created=CREATED)
    edit(data)
    expected = detail.format(root=tmp_path)
    assert summary_of(path, data) == ReportSummary(str(path), TAMPERED, expected)


def test_a_consistent_rewrite_still_reads(path: Path, tmp_path: Path) -> None:
    """What the integrity record cannot catch: a forger who recomputes it (documented)."""
    data = r.report([r.passed("t.py::a"), r.failed("t.py::b")], root=tmp_path, created=CREATED)
    _flip_and_fix_summary(data)
    data["tddgate"]["integrity"] = integrity(data)
    assert summary_of(path, data).problem == ""


def test_null_sections_count_as_absent(path: Path, tmp_path: Path) -> None:
    data = r.report([r.passed("t.py::a")], root=tmp_path, created=CREATED)
    data["tddgate"] = None
    assert summary_of(path, data).plugin_version == ""


def test_summarize_never_raises_on_a_directory(tmp_path: Path) -> None:
    summary = summarize(tmp_path)
    assert (summary.problem, summary.detail) == ("unreadable", "Is a directory")


def test_json_written_by_the_helper_is_what_pytest_json_report_writes(tmp_path: Path) -> None:
    """Guard for the helper itself: the same keys pytest-json-report 1.5 writes."""
    data = r.report([r.passed("t.py::a")], root=tmp_path, created=CREATED)
    assert list(json.loads(json.dumps(data))) == [
        "created", "duration", "exitcode", "root", "environment", "summary", "collectors",
        "tests", "tddgate",
    ]
