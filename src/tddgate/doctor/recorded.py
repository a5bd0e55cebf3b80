"""Check 2: the interpreter `tddgate install` recorded in its manifest still exists.

Hooks run that exact file outside any virtualenv, so a venv deleted or rebuilt after the
install breaks every hook even when the settings look right.
"""

from __future__ import annotations

from tddgate.doctor.base import CheckResult, Context, failed, interpreter_problem, passed, reinstall
from tddgate.doctor.installed import read_records


def check_recorded_interpreter(ctx: Context) -> CheckResult:
    """Every scope's recorded interpreter is an executable file."""
    records = read_records(ctx.root, ctx.home)
    if records.problems:
        return CheckResult(False, records.problems[0])
    if not records.by_scope:
        return passed("no install record, so no recorded interpreter to check")
    problems = {
        scope: problem
        for scope, record in records.by_scope.items()
        if (problem := interpreter_problem(record.interpreter))
    }
    if problems:
        return failed("; ".join(dict.fromkeys(problems.values())), reinstall(ctx, problems))
    where = ", ".join(
        f"{record.interpreter} ({scope} scope)" for scope, record in records.by_scope.items()
    )
    return passed(f"interpreter recorded at install exists: {where}")


def recorded_python(ctx: Context) -> str:
    """The first recorded interpreter that still exists, else the one running doctor."""
    for record in read_records(ctx.root, ctx.home).by_scope.values():
        if interpreter_problem(record.interpreter) is None:
            return record.interpreter
    return ctx.python
