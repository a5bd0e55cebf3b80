"""The check list: print order, and a refusal inside one check becomes its ✗."""

from __future__ import annotations

from tddgate.doctor import CHECKS, CheckResult, Context, mark, run_checks
from tddgate.errors import StateError


def test_the_checks_run_in_the_documented_order() -> None:
    assert [check.__name__ for check in CHECKS] == [
        "check_hooks_installed",
        "check_hook_commands",
        "check_recorded_interpreter",
        "check_config",
        "check_plugin",
        "check_state_dir",
        "check_todo_sources",
        "check_report",
        "check_claude",
    ]


def test_a_tddgate_error_in_one_check_is_its_failure(ctx: Context) -> None:
    def broken(ctx: Context) -> CheckResult:
        raise StateError("cannot read x.json: Permission denied; check its permissions")

    def fine(ctx: Context) -> CheckResult:
        return CheckResult(True, "fine")

    assert run_checks(ctx, [broken, fine]) == [
        CheckResult(False, "cannot read x.json: Permission denied; check its permissions"),
        CheckResult(True, "fine"),
    ]


def test_marks() -> None:
    assert (mark(CheckResult(True, "")), mark(CheckResult(False, ""))) == ("✓", "✗")
