"""The summary cache answers only for the exact report file it was made from."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tddgate.report import summary as summary_module
from tddgate.report.cache import CACHE_FILE
from tddgate.report.summary import summarize
from testing import reports as r

CREATED = 1_700_000_000.0


@pytest.fixture
def state(tmp_path: Path) -> Path:
    path = tmp_path / ".claude" / "tddgate"
    r.write(path / "report.json", r.report([r.passed("t.py::a")], root=tmp_path, created=CREATED))
    return path


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(raw: bytes, path: str) -> Any:
        raise AssertionError("parsed although the cache should have answered")

    monkeypatch.setattr(summary_module, "summarize_bytes", fail)


def test_a_second_read_comes_from_the_cache(state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = summarize(state / "report.json", cache_dir=state)
    assert (state / CACHE_FILE).is_file()
    _no_parsing(monkeypatch)
    assert summarize(state / "report.json", cache_dir=state) == first


def test_a_replaced_report_is_read_again(state: Path, tmp_path: Path) -> None:
    summarize(state / "report.json", cache_dir=state)
    data = r.report([r.failed("t.py::a")], root=tmp_path, created=CREATED)
    tmp = state / "new.json"
    r.write(tmp, data)
    os.replace(tmp, state / "report.json")
    assert summarize(state / "report.json", cache_dir=state).failed == 1


def test_without_cache_dir_nothing_is_written(state: Path) -> None:
    summarize(state / "report.json")
    assert not (state / CACHE_FILE).exists()


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda entry: "not json",
        lambda entry: json.dumps([entry]),
        lambda entry: json.dumps({**entry, "summary": {**entry["summary"], "passed": "1"}}),
        lambda entry: json.dumps({**entry, "summary": {**entry["summary"], "created": True}}),
        lambda entry: json.dumps({**entry, "summary": {**entry["summary"], "node_ids": [1]}}),
        lambda entry: json.dumps({**entry, "summary": {**entry["summary"], "offenders": [[1]]}}),
        lambda entry: json.dumps({**entry, "summary": {**entry["summary"], "offenders": "x"}}),
        lambda entry: json.dumps({**entry, "summary": {**entry["summary"], "path": 3}}),
        lambda entry: json.dumps({**entry, "summary": {"passed": 1}}),
    ],
)
def test_a_broken_cache_is_a_miss(state: Path, corrupt: Any) -> None:
    first = summarize(state / "report.json", cache_dir=state)
    entry = json.loads((state / CACHE_FILE).read_text())
    (state / CACHE_FILE).write_text(corrupt(entry))
    assert summarize(state / "report.json", cache_dir=state) == first
    assert json.loads((state / CACHE_FILE).read_text()) == entry


def test_an_unwritable_cache_only_costs_speed(state: Path) -> None:
    (state / CACHE_FILE).mkdir()
    assert summarize(state / "report.json", cache_dir=state).passed == 1


def test_problems_are_cached_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.json"
    path.write_text("{")
    first = summarize(path, cache_dir=tmp_path)
    _no_parsing(monkeypatch)
    assert summarize(path, cache_dir=tmp_path) == first
