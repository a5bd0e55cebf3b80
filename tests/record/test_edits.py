"""Which changes make the test report stale, through runner.evaluate with real pytest runs.

A Bash call's PostToolUse arrives when the command is over, so every write it made is
recorded after any test run it also made. The output of that very run, captured into a file
(`pytest > out.txt`, `| tee log.txt`), must not make the run's own report stale: the agent
would be told to run pytest again, forever.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from tddgate.runner import evaluate
from testing import payloads
from testing.project import make_calc_project, run_pytest


def _send(data: dict[str, object], event: str) -> str:
    out, notices = evaluate(json.dumps(data).encode(), event)
    assert notices == []
    return out


def _edited_session(project: Path) -> None:
    """A session that changed a file (so its Stop is gated), in the calc project."""
    make_calc_project(project)
    write = payloads.load("capture-PostToolUse-Write", project)
    write["tool_input"]["file_path"] = str(project / "src/calc.py")
    assert _send(write, "PostToolUse") == ""


def _bash_ran(project: Path, command: str, started: float, event: str = "PostToolUse") -> None:
    """The PostToolUse (or PostToolUseFailure) of a Bash command that ran since `started`."""
    data = payloads.load("capture-PreToolUse-Bash", project, hook_event_name=event)
    data["tool_input"] = {"command": command, "description": "x"}
    data["duration_ms"] = int((time.time() - started) * 1000)
    if event == "PostToolUse":
        data["tool_response"] = {"stdout": "", "stderr": "", "interrupted": False}
    else:
        data["error"] = "Exit code 1"
    assert _send(data, event) == ""


def _stop(project: Path) -> str:
    return _send(payloads.load("capture-Stop", project), "Stop")


def _stale(project: Path, path: str) -> str:
    reason = json.loads(_stop(project))["reason"]
    assert isinstance(reason, str)
    head, _, tail = reason.partition(f"the last test run is older than the last edit ({path} at ")
    assert (head, tail[8:]) == ("tddgate: you cannot stop yet. ", "); run python -m pytest")
    return reason


def test_the_output_of_the_run_captured_in_the_project_keeps_its_report_fresh(
    project: Path, home: Path
) -> None:
    _edited_session(project)
    for command in (
        "python -m pytest -q > test_output.txt 2>&1",
        "python -m pytest 2>&1 | tee -a logs/pytest.log",
        "python -m pytest -q &> out.txt; cat out.txt",
        "python -m pytest --junitxml=reports/junit.xml",
    ):
        started = time.time()
        assert run_pytest(project, home).returncode == 0
        _bash_ran(project, command, started)
        assert _stop(project) == ""


def test_a_red_run_captured_in_the_project_reports_the_failures(project: Path, home: Path) -> None:
    """A failing pytest exits non-zero: Claude Code sends PostToolUseFailure."""
    _edited_session(project)
    (project / "tests/test_calc.py").write_text("def test_add():\n    assert 1 == 2\n")
    started = time.time()
    assert run_pytest(project, home).returncode == 1
    _bash_ran(project, "python -m pytest > out.txt", started, "PostToolUseFailure")
    reason = json.loads(_stop(project))["reason"]
    assert reason.startswith("tddgate: you cannot stop yet. tests are not green: 1 failed of 1")


def test_output_captured_by_a_command_that_ran_no_tests_still_counts(
    project: Path, home: Path
) -> None:
    _edited_session(project)
    assert run_pytest(project, home).returncode == 0
    time.sleep(1.5)  # beyond the window in which the report could be this command's own
    _bash_ran(project, "ls > listing.txt", time.time() - 0.01)
    _stale(project, "listing.txt")


def test_code_and_known_text_written_with_the_run_still_count(project: Path, home: Path) -> None:
    _edited_session(project)
    started = time.time()
    assert run_pytest(project, home).returncode == 0
    _bash_ran(project, "python -m pytest > src/generated.py", started)
    _stale(project, "src/generated.py")

    started = time.time()
    assert run_pytest(project, home).returncode == 0
    _bash_ran(project, "python -m pytest; echo 'x = 1' > settings.txt", started)
    _stale(project, "settings.txt")

    started = time.time()
    assert run_pytest(project, home).returncode == 0
    _bash_ran(project, "python -m pytest > out.txt; echo 'x = 1' >> out.txt", started)
    _stale(project, "out.txt")
