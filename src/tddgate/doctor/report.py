"""Check 7: the last test report exists and was written after the last edit tddgate saw.

Only the report's age is judged here; whether it is green is `tddgate check`'s question.
"""

from __future__ import annotations

import json

from tddgate.doctor.base import CheckResult, Context, config_or_defaults, failed, label, passed
from tddgate.errors import StateError
from tddgate.paths import report_path, state_dir
from tddgate.state.edits import last_edit


def check_report(ctx: Context) -> CheckResult:
    """✓ when the report is newer than the last edit; ✗ says to run the suite."""
    run = f"run {config_or_defaults(ctx.root).pytest_command} in {ctx.root}"
    path = report_path(ctx.root)
    name = label(ctx, path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return CheckResult(False, f"no test report yet: {run}")
    except OSError as error:
        return failed(f"cannot read {name} ({error.strerror})", f"make it readable, then {run}")
    created = _created(raw)
    if created is None:
        return failed(f'{name} is not a pytest report with a "created" time', run)
    try:
        edit = last_edit(state_dir(ctx.root))
    except StateError as error:
        return CheckResult(False, str(error))
    if edit is None:
        return passed(f"test report found ({name}); no edit recorded yet")
    when, rel = edit
    if created < when:
        gap = age(when - created)
        return CheckResult(
            False, f"report older than the last edit ({rel} changed {gap} after it): {run}"
        )
    return passed(f"test report found ({name}), newer than the last edit ({rel})")


def _created(raw: bytes) -> float | None:
    """The report's `created` epoch, or None when the file is no such report."""
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    created = data.get("created") if isinstance(data, dict) else None
    if isinstance(created, bool) or not isinstance(created, int | float):
        return None
    return float(created)


def age(seconds: float) -> str:
    """A short human duration: `45 s`, `3 min`, `2 h`, `4 days`."""
    for unit, size in (("day", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            n = int(seconds // size)
            return f"{n} {unit}s" if unit == "day" and n > 1 else f"{n} {unit}"
    return f"{int(seconds)} s"
