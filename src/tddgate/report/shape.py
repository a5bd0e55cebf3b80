"""Cheap structural checks of a pytest-json-report document (hot path: stdlib only).

These check exactly the fields the verdict reads, with the same rules as the pydantic model
in `schema.py` (which tests hold these checks against); pydantic itself costs more to import
than the whole Stop-hook budget. Each function returns "" when the shape is right, else what
is wrong, phrased for the reason line ("tests[3] has no "outcome" string").
"""

from __future__ import annotations

import math

from tddgate.report.integrity import STAGES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_TOP_NUMBERS = ("created", "duration")


def check_report(data: Any) -> str:
    """The first structural problem of a whole report, or ""."""
    if not isinstance(data, dict):
        return f"the top level is {_kind(data)}, not an object"
    for key in _TOP_NUMBERS:
        if not _is_number(data.get(key)):
            return f'"{key}" is missing or not a number'
    if not _is_int(data.get("exitcode")):
        return '"exitcode" is missing or not an integer'
    if not isinstance(data.get("root"), str):
        return '"root" is missing or not a string'
    problem = _check_summary(data.get("summary"))
    if problem:
        return problem
    if "tests" not in data:
        return 'it has no "tests" list (was it written with --json-report-summary?)'
    problem = check_tests(data["tests"]) or check_collectors(data.get("collectors", []))
    if problem:
        return problem
    return check_meta(data["tddgate"]) if data.get("tddgate") is not None else ""


def check_tests(tests: Any) -> str:
    if not isinstance(tests, list):
        return '"tests" is not a list'
    for index, test in enumerate(tests):
        if not isinstance(test, dict):
            return f"tests[{index}] is not an object"
        if not isinstance(test.get("nodeid"), str):
            return f'tests[{index}] has no "nodeid" string'
        if not isinstance(test.get("outcome"), str):
            return f'tests[{index}] has no "outcome" string'
        for when in STAGES:
            stage = test.get(when)
            if stage is not None:
                problem = _check_stage(stage)
                if problem:
                    return f'tests[{index}] "{when}" {problem}'
    return ""


def check_collectors(collectors: Any) -> str:
    if not isinstance(collectors, list):
        return '"collectors" is not a list'
    for index, collector in enumerate(collectors):
        if not isinstance(collector, dict):
            return f"collectors[{index}] is not an object"
        if not isinstance(collector.get("nodeid"), str):
            return f'collectors[{index}] has no "nodeid" string'
        if not isinstance(collector.get("outcome"), str):
            return f'collectors[{index}] has no "outcome" string'
        if not _optional(collector, "longrepr", str):
            return f'collectors[{index}] "longrepr" is not a string'
    return ""


def check_meta(meta: Any) -> str:
    """The `tddgate` section the plugin adds; a missing version is left to the integrity check."""
    if not isinstance(meta, dict):
        return '"tddgate" is not an object'
    expected: tuple[tuple[str, Any, str], ...] = (
        ("version", str, "a string"),
        ("rootdir", str, "a string"),
        ("full_suite", bool, "true or false"),
        ("workers", int, "an integer"),
    )
    for key, kind, label in expected:
        if not _optional(meta, key, kind) or (kind is int and isinstance(meta.get(key), bool)):
            return f'"tddgate.{key}" is not {label}'
    for key in ("started", "finished"):
        if meta.get(key) is not None and not _is_number(meta[key]):
            return f'"tddgate.{key}" is not a number'
    for key in ("not_full", "args", "testpaths"):
        if meta.get(key) is not None and not _is_str_list(meta[key]):
            return f'"tddgate.{key}" is not a list of strings'
    return _check_integrity(meta["integrity"]) if meta.get("integrity") is not None else ""


def _check_integrity(record: Any) -> str:
    if not isinstance(record, dict):
        return '"tddgate.integrity" is not an object'
    if not _is_count_map(record.get("counts")):
        return '"tddgate.integrity.counts" is not an object of integers'
    if not _is_int(record.get("tests")):
        return '"tddgate.integrity.tests" is not an integer'
    if not _is_number(record.get("created")):
        return '"tddgate.integrity.created" is not a number'
    if not isinstance(record.get("digest"), str):
        return '"tddgate.integrity.digest" is not a string'
    return ""


def _check_summary(summary: Any) -> str:
    if not _is_count_map(summary):
        return '"summary" is missing or not an object of integers'
    return ""


def _check_stage(stage: Any) -> str:
    if not isinstance(stage, dict):
        return "is not an object"
    if not isinstance(stage.get("outcome"), str):
        return 'has no "outcome" string'
    if not _optional(stage, "longrepr", str):
        return '"longrepr" is not a string'
    crash = stage.get("crash")
    if crash is not None and not (
        isinstance(crash, dict) and isinstance(crash.get("message"), str)
    ):
        return '"crash" has no "message" string'
    return ""


def _optional(holder: dict[str, Any], key: str, kind: type) -> bool:
    """Absent, null, or of `kind` (an optional key set to null counts as absent)."""
    return holder.get(key) is None or isinstance(holder[key], kind)


def _is_number(value: Any) -> bool:
    """A finite JSON number: Python's json accepts NaN and Infinity, no report has them."""
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, int) and not isinstance(value, bool)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_count_map(value: Any) -> bool:
    return isinstance(value, dict) and all(_is_int(v) for v in value.values())


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a JSON array"
    if isinstance(value, str):
        return "a JSON string"
    if value is None:
        return "null"
    return "a JSON " + ("boolean" if isinstance(value, bool) else "number")
