"""Judge a ReportSummary: green only at 100 % passed, full suite, fresh (hot path: stdlib only).

Green needs every one of these; the first that fails gives the reason, in this order:

1. the report exists and reads as a pytest-json-report whose counts match its tests (and,
   when tddgate's plugin wrote it, its integrity record and plugin version);
2. pytest's rootdir is the project root;
3. it is not dated more than 5 s in the future;
4. fresh: the run *started* after the last edit tddgate saw. Stricter than "created after":
   a run that was already going when the file changed did not test the change;
5. every test passed in setup, call and teardown; 0 failed, errors, skipped (setup skips
   from @mark.skip/skipif/importorskip included, and modules skipped while collecting,
   which `Verdict.skipped` counts one each), xfailed, xpassed, collection errors;
6. the run was the full suite. A raw pytest-json-report file written WITHOUT tddgate's
   plugin (no "tddgate" section) cannot show that, so it is red unless the caller passes
   `assume_full=True` (a human configured `report_file` and owns that choice);
7. at least one test ran, and pytest exited 0;
8. the number of tests did not drop below the baseline (the ids of the last green full run,
   or of the first full run when the suite was never green).
"""

from __future__ import annotations

from pathlib import Path

from tddgate.namedtuple import NamedTuple
from tddgate.report import messages
from tddgate.report.summary import ReportSummary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FUTURE_SLACK = 5.0
DEFAULT_COMMAND = "python -m pytest"


class Verdict(NamedTuple):
    green: bool
    reason: str
    passed: int
    failed: int
    errors: int
    skipped: int
    xfailed: int
    xpassed: int
    collection_errors: int
    total: int
    created: float | None
    full_suite: bool
    node_ids: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        data = self._asdict()
        data["node_ids"] = list(self.node_ids)
        return data


def judge(
    summary: ReportSummary,
    *,
    project_root: Path,
    last_edit: float | None,
    baseline_ids: frozenset[str] | None,
    now: float,
    last_edit_path: str | None = None,
    assume_full: bool = False,
    command: str = DEFAULT_COMMAND,
) -> Verdict:
    """The verdict on one summary; pure: everything it depends on is an argument."""
    text = messages.Text(summary, project_root, now, command)
    reason = (
        _report_reason(summary, text, project_root, now)
        or _stale_reason(summary, text, last_edit, last_edit_path)
        or _run_reason(summary, text, assume_full)
        or _baseline_reason(summary, text, baseline_ids)
    )
    full = summary.full_suite or (assume_full and not summary.plugin_version)
    return Verdict(
        green=not reason,
        reason=reason,
        passed=summary.passed,
        failed=summary.failed,
        errors=summary.errors,
        skipped=summary.skipped + summary.skipped_modules,
        xfailed=summary.xfailed,
        xpassed=summary.xpassed,
        collection_errors=summary.collection_errors,
        total=summary.total,
        created=summary.created,
        full_suite=full,
        node_ids=() if reason else summary.node_ids,
    )


def _report_reason(summary: ReportSummary, text: messages.Text, root: Path, now: float) -> str:
    if summary.problem:
        return text.problem()
    if not same_dir(summary.rootdir, root):
        return text.other_rootdir()
    assert summary.created is not None  # a summary without a problem always has one
    if summary.created > now + FUTURE_SLACK:
        return text.future()
    return ""


def _stale_reason(
    summary: ReportSummary, text: messages.Text, last_edit: float | None, path: str | None
) -> str:
    started = summary.started if summary.started is not None else summary.created
    if last_edit is None or started is None or started > last_edit:
        return ""
    return text.stale(last_edit, path)


def _run_reason(summary: ReportSummary, text: messages.Text, assume_full: bool) -> str:
    if summary.offender_count:
        return text.offenders()
    if not summary.plugin_version and not assume_full:
        return text.raw_report()
    if summary.plugin_version and not summary.full_suite:
        return text.not_full()
    if summary.total == 0:
        return text.no_tests()
    if summary.exitcode != 0:
        return text.exit_code()
    return ""


def _baseline_reason(
    summary: ReportSummary, text: messages.Text, baseline_ids: frozenset[str] | None
) -> str:
    if baseline_ids is None or summary.total >= len(baseline_ids):
        return ""
    missing = sorted(baseline_ids.difference(summary.node_ids))
    return text.dropped(len(baseline_ids), missing)


def same_dir(a: str, b: Path) -> bool:
    import os

    return a == str(b) or os.path.realpath(a) == os.path.realpath(b)
