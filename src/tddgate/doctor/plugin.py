"""Check 4: the project's Python has tddgate's pytest plugin and can import it.

Without the plugin pytest writes no report, so every "done" is blocked as unverified. Asks
the interpreter itself (entry points + import) instead of `pytest --trace-config`, which
collects the suite and can take far longer than doctor's budget.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
from typing import Any

from tddgate.doctor.base import CheckResult, Context, failed, passed
from tddgate.doctor.recorded import recorded_python

TIMEOUT_S = 3.0
AUTOLOAD_OFF = "PYTEST_DISABLE_PLUGIN_AUTOLOAD"
PROBE = """\
import importlib, importlib.metadata as m, json
found = [e.value for e in m.entry_points(group="pytest11") if e.name == "tddgate"]
error = ""
try:
    import pytest
    for value in found:
        importlib.import_module(value.split(":")[0])
except Exception as exc:
    error = f"{type(exc).__name__}: {exc}"
print(json.dumps({"plugins": found, "error": error}))
"""


def check_plugin(ctx: Context) -> CheckResult:
    """✓ when pytest under the hooks' interpreter will load tddgate's plugin."""
    python = recorded_python(ctx)
    if os.environ.get(AUTOLOAD_OFF):
        return failed(
            f"{AUTOLOAD_OFF} is set, so pytest does not load tddgate's plugin",
            "unset it, or add `-p tddgate.report.plugin` to pytest's addopts",
        )
    answer = _ask(ctx, python)
    if isinstance(answer, CheckResult):
        return answer
    plugins, error = answer.get("plugins"), answer.get("error")
    if not plugins:
        return failed(
            f"pytest under {python} has no tddgate plugin (no pytest11 entry point)",
            f"install tddgate there: {shlex.quote(python)} -m pip install tddgate",
        )
    if error:
        return failed(
            f"tddgate's pytest plugin does not load under {python} ({error})",
            f"reinstall: {shlex.quote(python)} -m pip install --force-reinstall tddgate",
        )
    return passed(f"pytest plugin loadable under {python} ({', '.join(plugins)})")


def _ask(ctx: Context, python: str) -> dict[str, Any] | CheckResult:
    """The probe's answer, or the ✗ that explains why the interpreter gave none."""
    try:
        done = subprocess.run(
            [python, "-c", PROBE],
            cwd=ctx.root,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return failed(
            f"{python} did not list its pytest plugins within {TIMEOUT_S:g} s", _fix(python)
        )
    except OSError as error:
        return failed(f"cannot run {python} ({error.strerror})", _fix(python))
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = None
    if done.returncode != 0 or not isinstance(answer, dict):
        last = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        return failed(f"{python} could not list its pytest plugins ({last})", _fix(python))
    return answer


def _fix(python: str) -> str:
    return f"check that it starts: {shlex.quote(python)} -m pytest --version"
