"""Check 7: the last test report exists and is fresh, as the gates themselves judge it.

Doctor reads the verdict the Stop and completion gates read (`current_verdict`), so the two
never disagree about freshness: stale means the run *started* before the last edit, which
is stricter than the report's `created` time. Only a missing or unreadable report and a
stale one are ✗ here; failing tests are no installation problem (`tddgate check` lists them).
"""

from __future__ import annotations

import time

from tddgate.doctor.base import CheckResult, Context, config_or_defaults, label, passed
from tddgate.errors import StateError
from tddgate.paths import state_dir
from tddgate.report.current import current_verdict, report_file
from tddgate.report.messages import Text
from tddgate.report.summary import ReportSummary
from tddgate.report.verdict import Verdict
from tddgate.state.edits import last_edit


def check_report(ctx: Context) -> CheckResult:
    """✓ when a readable report is not older than the last edit; ✗ gives the verdict's fix."""
    config = config_or_defaults(ctx.root)
    now = time.time()
    try:
        verdict = current_verdict(ctx.root, config, now)
        stale = _stale_reason(ctx, config.pytest_command, now)
    except StateError as error:
        return CheckResult(False, str(error))
    if verdict.created is None or verdict.reason == stale:
        return CheckResult(False, verdict.reason)
    name = label(ctx, report_file(ctx.root, config))
    return passed(f"test report found ({name}); verdict: {_summary(verdict)}")


def _stale_reason(ctx: Context, command: str, now: float) -> str | None:
    """The exact reason the verdict gives for a report older than the last edit, if any."""
    edit = last_edit(state_dir(ctx.root))
    if edit is None:
        return None
    # Text.stale reads only the edit and the command; the summary does not matter to it.
    return Text(ReportSummary(""), ctx.root, now, command).stale(*edit)


def _summary(verdict: Verdict) -> str:
    if verdict.green:
        return f"green, {verdict.passed} passed, full suite"
    return verdict.reason.splitlines()[0]
