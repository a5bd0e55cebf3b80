"""Command-line changes to what the suite is (plugin side, runs inside pytest).

The project's own config defines the suite: its testpaths, its python_files, its addopts.
A run that overrides those (`-o python_functions=test_ok`), reads another config file
(`-c /tmp/pytest.ini --rootdir .`), skips the conftest files (`--noconftest`) or whose
testpaths lead out of the project ran something else, whatever it reports.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: ini keys that decide which tests exist.
COLLECTION_KEYS = frozenset(
    {
        "testpaths", "python_files", "python_classes", "python_functions", "norecursedirs",
        "addopts", "collect_imported_tests", "empty_parameter_set_mark", "confcutdir",
    }
)  # fmt: skip
CONFIG_NAMES = frozenset({"pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg"})


def suite_changes(config: pytest.Config) -> list[str]:
    """How this run's options changed the suite; empty when they did not."""
    opt = config.option
    reasons = []
    for item in getattr(opt, "override_ini", None) or ():
        key = str(item).partition("=")[0].strip()
        if key in COLLECTION_KEYS:
            reasons.append(f"-o {item} changes what is collected")
    given = getattr(opt, "inifilename", None)
    if given:
        path = Path(os.path.abspath(Path(config.invocation_params.dir, given)))
        if path.parent != config.rootpath or path.name not in CONFIG_NAMES:
            reasons.append(f"-c {path} is not the project's config file")
    if getattr(opt, "noconftest", False):
        reasons.append("--noconftest used")
    root = str(config.rootpath)
    outside = [p for p in config.getini("testpaths") if not _inside(root, p)]
    if outside:
        reasons.append(f"testpaths outside the project: {', '.join(outside)}")
    return reasons


def _inside(root: str, pattern: str) -> bool:
    full = os.path.normpath(os.path.join(root, pattern))
    return full == root or full.startswith(root.rstrip(os.sep) + os.sep)
