"""`tddgate doctor`: is tddgate installed, runnable, configured and fed? One check per line.

Each check is a function `(Context) -> CheckResult(ok, line)`; a ✗ line names the fix.
`checks.CHECKS` lists them in print order; one module per group of checks.
"""

from __future__ import annotations

from tddgate.doctor.base import CheckResult, Context
from tddgate.doctor.checks import CHECKS, mark, run_checks

__all__ = ["CHECKS", "CheckResult", "Context", "mark", "run_checks"]
