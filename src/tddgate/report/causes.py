"""One line saying why a test or collector is not green (hot path: stdlib only).

The agent reads these in a Stop-hook reason, so each is the line a human would look at
first: the assertion, the exception, the skip reason, never a whole traceback.
"""

from __future__ import annotations

import re

from tddgate.report.integrity import STAGES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_CAUSE = 200
# pytest-json-report stores a skip's longrepr as the repr of (path, lineno, "Skipped: why").
_SKIP_TUPLE = re.compile(r"^\(.*, (?:\d+|None), (['\"])(?P<msg>.*)\1\)$", re.DOTALL)
_E_LINE = re.compile(r"^E\s+(.*\S)\s*$", re.MULTILINE)


def test_cause(test: dict[str, Any]) -> str:
    """Why a test that is not a clean pass is not one."""
    outcome = test["outcome"]
    if outcome == "xpassed":
        return "xpassed: marked xfail but passed; remove the mark"
    for when in STAGES:
        stage = test.get(when)
        if stage is None:
            return f"incomplete: no {when} stage recorded"
        if stage["outcome"] == "passed":
            continue
        return _stage_cause(when, stage, outcome)
    return f"outcome {outcome!r} although every stage passed"


def collector_cause(collector: dict[str, Any]) -> str:
    longrepr = collector.get("longrepr") or ""
    if collector["outcome"] == "skipped":
        return _clip(f"skipped while collecting: {skip_reason(longrepr)}")
    return _clip("collection error: " + _message(None, longrepr))


def _stage_cause(when: str, stage: dict[str, Any], outcome: str) -> str:
    message = _message(stage.get("crash"), stage.get("longrepr") or "")
    if stage["outcome"] == "skipped":
        if outcome == "xfailed":
            return _clip(f"xfailed: {message}")
        return _clip(f"skipped: {skip_reason(stage.get('longrepr') or '')}")
    if when == "call":
        return _clip(message)
    return _clip(f"error in {when}: {message}")


def skip_reason(longrepr: str) -> str:
    match = _SKIP_TUPLE.match(longrepr)
    text = match.group("msg") if match else _last_line(longrepr)
    text = text.replace("\\'", "'").replace('\\"', '"').replace("\\\\", "\\")
    return text.removeprefix("Skipped: ") or "(no reason given)"


def _message(crash: Any, longrepr: str) -> str:
    if isinstance(crash, dict) and crash.get("message", "").strip():
        return _clip(str(crash["message"]).strip().splitlines()[0])
    e_lines = _E_LINE.findall(longrepr)
    if e_lines:
        return _clip(e_lines[-1])
    return _clip(_last_line(longrepr) or "(no details)")


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CAUSE else text[: MAX_CAUSE - 1] + "…"
