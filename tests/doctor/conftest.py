"""Fixtures for the doctor tests: a project seen by doctor, a fake venv and hooks dir."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tddgate.doctor import Context
from tddgate.install import Target, install
from tddgate.install.entries import SCRIPT_NAMES
from tddgate.install.manifest import Scope


@pytest.fixture
def ctx(project: Path, home: Path) -> Context:
    """Doctor looking at `project`, run by this test's interpreter."""
    return Context(project, home, sys.executable)


@pytest.fixture
def venv_python(tmp_path: Path) -> Path:
    """An executable stand-in for a virtualenv's python that hooks were installed with."""
    path = tmp_path / "venv" / "bin" / "python"
    path.parent.mkdir(parents=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def hooks_dir(tmp_path: Path) -> Path:
    """A stand-in for the installed `tddgate.hooks` package with every script present."""
    path = tmp_path / "venv" / "site" / "tddgate" / "hooks"
    path.mkdir(parents=True)
    for name in SCRIPT_NAMES:
        (path / name).write_text("raise SystemExit(0)\n")
    return path


@pytest.fixture
def installed(
    project: Path, home: Path, venv_python: Path, hooks_dir: Path
) -> Callable[..., Target]:
    """Run the real installer for one scope with the fake venv; returns its target."""

    def run(scope: Scope = "project") -> Target:
        target = Target(scope, project, home)
        install(target, str(venv_python), hooks_dir)
        return target

    return run
