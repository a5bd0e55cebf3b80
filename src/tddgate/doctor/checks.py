"""The doctor's checks, in the order they print: an explicit list, no discovery."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tddgate.doctor.base import CheckResult, Context
from tddgate.doctor.claude import check_claude
from tddgate.doctor.hooks import check_hook_commands, check_hooks_installed
from tddgate.doctor.plugin import check_plugin
from tddgate.doctor.project import check_config, check_state_dir
from tddgate.doctor.recorded import check_recorded_interpreter
from tddgate.doctor.report import check_report
from tddgate.doctor.todos import check_todo_sources
from tddgate.errors import TddgateError

Check = Callable[[Context], CheckResult]

CHECKS: tuple[Check, ...] = (
    check_hooks_installed,
    check_hook_commands,
    check_recorded_interpreter,
    check_config,
    check_plugin,
    check_state_dir,
    check_todo_sources,
    check_report,
    check_claude,
)


def run_checks(ctx: Context, checks: Sequence[Check] = CHECKS) -> list[CheckResult]:
    """Every check's result; a refusal inside one check is its ✗, not the end of the run."""
    results = []
    for check in checks:
        try:
            results.append(check(ctx))
        except TddgateError as error:
            results.append(CheckResult(False, str(error)))
    return results


def mark(result: CheckResult) -> str:
    return "✓" if result.ok else "✗"
