"""The pytest-json-report document as a pydantic model: the schema, written down.

Cold path only (pydantic costs more to import than the whole Stop-hook budget): the hooks
use the hand-written checks in shape.py, and tests hold those checks to this model (same
documents accepted, same rejected). `tddgate doctor` and tests call `validate_report` for
a full check. Extra keys are allowed everywhere, as pytest-json-report plugins add some;
an optional key set to null counts as absent, in both.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, StrictBool, StrictStr, ValidationError

from tddgate.errors import ReportError

_OPEN = ConfigDict(strict=True, extra="allow", allow_inf_nan=False)


class Crash(BaseModel):
    model_config = _OPEN
    message: StrictStr


class Stage(BaseModel):
    model_config = _OPEN
    outcome: StrictStr
    crash: Crash | None = None
    longrepr: StrictStr | None = None


class TestItem(BaseModel):
    __test__ = False  # not a pytest test class, whatever its name says
    model_config = _OPEN
    nodeid: StrictStr
    outcome: StrictStr
    setup: Stage | None = None
    call: Stage | None = None
    teardown: Stage | None = None


class Collector(BaseModel):
    model_config = _OPEN
    nodeid: StrictStr
    outcome: StrictStr
    longrepr: StrictStr | None = None


class Integrity(BaseModel):
    """What the plugin recorded about the report it wrote (see integrity.py)."""

    model_config = _OPEN
    counts: dict[str, int]
    tests: int
    created: float
    digest: StrictStr


class TddgateMeta(BaseModel):
    """The section tddgate's plugin adds; `version` and `integrity` are checked apart."""

    model_config = _OPEN
    version: StrictStr | None = None
    args: list[StrictStr] | None = None
    rootdir: StrictStr | None = None
    testpaths: list[StrictStr] | None = None
    started: float | None = None
    finished: float | None = None
    workers: int | None = None
    full_suite: StrictBool | None = None
    not_full: list[StrictStr] | None = None
    integrity: Integrity | None = None


class JsonReport(BaseModel):
    model_config = _OPEN
    created: float
    duration: float
    exitcode: int
    root: StrictStr
    summary: dict[str, int]
    tests: list[TestItem]
    collectors: list[Collector] = []
    tddgate: TddgateMeta | None = None


def validate_report(data: Any) -> JsonReport:
    """The report as a model; ReportError naming the first wrong field otherwise."""
    try:
        return JsonReport.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the top level"
        raise ReportError(
            f"the test report is not a pytest-json-report file: {where}: {first['msg']}; "
            "run python -m pytest to write a fresh one"
        ) from None
