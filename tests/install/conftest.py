"""Fixtures for the installer tests: a fake installed hooks dir and golden-file checks."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tddgate.install import Target
from tddgate.install.entries import SCRIPT_NAMES

GOLDEN = Path(__file__).parent / "golden"
PYTHON = "/opt/venv/bin/python"
# Set TDDGATE_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change;
# review the diff, then run again without it.
UPDATE = os.environ.get("TDDGATE_UPDATE_GOLDEN") == "1"

Golden = Callable[[str, str], None]


@pytest.fixture
def hooks_dir(tmp_path: Path) -> Path:
    """A stand-in for the installed `tddgate.hooks` package with every script present."""
    path = tmp_path / "site" / "tddgate" / "hooks"
    path.mkdir(parents=True)
    for name in SCRIPT_NAMES:
        (path / name).write_text("raise SystemExit(0)\n")
    return path


@pytest.fixture
def target(project: Path, home: Path) -> Target:
    """The default scope for `project`."""
    return Target("project", project, home)


@pytest.fixture
def golden(tmp_path: Path) -> Golden:
    """Compare text with `golden/<name>` after writing this test's tmp dir as `<TMP>`."""

    def check(name: str, text: str) -> None:
        text = text.replace(str(tmp_path), "<TMP>")
        path = GOLDEN / name
        if UPDATE:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        assert text == path.read_bytes().decode("utf-8")

    return check


@pytest.fixture
def settings_input() -> Callable[[str], bytes]:
    """A hand-written settings file from `golden/inputs/`, byte for byte."""
    return lambda name: (GOLDEN / "inputs" / name).read_bytes()
