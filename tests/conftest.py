"""Fixtures shared by the suite: an isolated HOME and a temp project for every test."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty HOME: no test may read or write the real one."""
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("HOME", str(path))
    monkeypatch.delenv("CLAUDE_CONFIG_DIR", raising=False)
    monkeypatch.delenv("CLAUDE_CODE_TASK_LIST_ID", raising=False)
    monkeypatch.delenv("TDDGATE_DISABLE", raising=False)
    return path


@pytest.fixture
def project(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory, also $CLAUDE_PROJECT_DIR for in-process runs."""
    path = tmp_path / "demo"
    path.mkdir()
    monkeypatch.setenv("CLAUDE_PROJECT_DIR", str(path))
    return path


@pytest.fixture
def utc() -> Iterator[None]:
    """Pin local time to UTC, so texts that show local time hold on every machine."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


@pytest.fixture
def linked_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(link, real): $CLAUDE_PROJECT_DIR names a symlink to the real project folder."""
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("CLAUDE_PROJECT_DIR", str(link))
    monkeypatch.delenv("TDDGATE_DISABLE", raising=False)
    return link, real
