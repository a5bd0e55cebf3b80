"""The baseline file: the node ids of the last green full run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tddgate.errors import StateError
from tddgate.report.baseline import BASELINE_FILE, load_baseline, save_baseline


def test_no_baseline_yet(tmp_path: Path) -> None:
    assert load_baseline(tmp_path) is None


def test_round_trip(tmp_path: Path) -> None:
    save_baseline(tmp_path / "state", ["t.py::b", "t.py::a", "t.py::a"])
    assert load_baseline(tmp_path / "state") == frozenset({"t.py::a", "t.py::b"})
    data = json.loads((tmp_path / "state" / BASELINE_FILE).read_text())
    assert (data["count"], data["node_ids"]) == (2, ["t.py::a", "t.py::b"])
    assert not [p for p in (tmp_path / "state").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("content", ["{", "[]", '{"node_ids": "t.py::a"}', '{"node_ids": [1]}'])
def test_a_broken_baseline_is_an_error_that_says_what_to_do(tmp_path: Path, content: str) -> None:
    (tmp_path / BASELINE_FILE).write_text(content)
    with pytest.raises(StateError) as info:
        load_baseline(tmp_path)
    assert str(info.value) == (
        f"{tmp_path / BASELINE_FILE} is not a tddgate baseline (a JSON object with a "
        '"node_ids" list of strings); delete it, then run the full suite and `tddgate check` '
        "to record a new one"
    )


def test_an_unreadable_baseline(tmp_path: Path) -> None:
    (tmp_path / BASELINE_FILE).mkdir()
    with pytest.raises(StateError) as info:
        load_baseline(tmp_path)
    assert str(info.value) == (
        f"cannot read {tmp_path / BASELINE_FILE}: Is a directory; check its permissions"
    )
