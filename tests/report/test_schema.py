"""The pydantic model and the hot path's hand-written checks accept exactly the same reports."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tddgate.errors import ReportError
from tddgate.report.integrity import integrity
from tddgate.report.schema import JsonReport, validate_report
from tddgate.report.shape import check_report
from tddgate.report.summary import summarize_data
from tddgate.report.verdict import judge
from testing import reports as r

BASE = r.report(
    [r.passed("t.py::a"), r.failed("t.py::b"), r.skipped("t.py::c", at="setup")],
    root=Path("/project"), created=1_700_000_000.0,
    collectors=[r.collector(""), r.collector("u.py", "E")],
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**15), 10**15) | st.floats() | st.text(max_size=4),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                 max_size=3),
    max_leaves=4,
)
DELETE = object()


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _mutated(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    holder: Any = data
    for part in path[:-1]:
        holder = holder[part]
    if value is DELETE:
        del holder[path[-1]]
    else:
        holder[path[-1]] = value
    return data


def _pydantic_accepts(data: Any) -> bool:
    try:
        validate_report(data)
    except ReportError:
        return False
    return True


def test_a_real_shaped_report_is_valid() -> None:
    assert isinstance(validate_report(BASE), JsonReport)
    assert check_report(BASE) == ""


@settings(max_examples=400, deadline=None, database=None)
@given(path=st.sampled_from(_paths(BASE)), value=JSON | st.just(DELETE))
def test_both_validators_agree_on_any_single_change(path: tuple[Any, ...], value: Any) -> None:
    data = _mutated(path, value)
    assert (check_report(data) == "") == _pydantic_accepts(data), check_report(data)


@pytest.mark.parametrize(
    ("path", "value"),
    [(("created",), float("nan")), (("tddgate", "started"), float("inf")),
     (("tests", 0, "call"), None), (("tddgate",), None), (("tests", 1, "call", "longrepr"), None)],
)
def test_edge_values_agree(path: tuple[Any, ...], value: Any) -> None:
    data = _mutated(path, value)
    assert (check_report(data) == "") == _pydantic_accepts(data)


def test_the_error_names_the_field_and_the_fix() -> None:
    with pytest.raises(ReportError) as info:
        validate_report(_mutated(("tests", 1, "outcome"), DELETE))
    assert str(info.value) == (
        "the test report is not a pytest-json-report file: tests.1.outcome: Field required; "
        "run python -m pytest to write a fresh one"
    )


@settings(max_examples=400, deadline=None, database=None)
@given(path=st.sampled_from(_paths(BASE)), value=JSON | st.just(DELETE), resign=st.booleans())
def test_no_single_change_makes_reading_or_judging_raise(
    path: tuple[Any, ...], value: Any, resign: bool
) -> None:
    """Also with the integrity record recomputed, so the change reaches the counting code."""
    data = _mutated(path, value)
    if resign and check_report(data) == "" and isinstance(data.get("tddgate"), dict):
        data["tddgate"]["integrity"] = integrity(data)
    summary = summarize_data(data, "/project/.claude/tddgate/report.json")
    found = judge(summary, project_root=Path("/project"), last_edit=1.0,
                  baseline_ids=frozenset({"t.py::a"}), now=1_700_000_100.0)
    assert not found.green
