"""Did this pytest run cover the whole suite? (plugin side, runs inside pytest)

A run is the full suite unless something narrowed it: an option that selects (-k, -m,
--deselect, --ignore, --lf with known failures), a stop before every collected test ran
(-x/--maxfail, Ctrl-C, collection errors), --collect-only/--setup-only/--setup-plan, a
plugin or conftest deselecting or silently removing tests, options that change what the
suite is (overrides.py), or explicit paths that do not cover every testpath (or the
rootdir when there are no testpaths). `-x` that did not stop early is still a full run.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shlex
from pathlib import Path

import pytest

from tddgate.report.overrides import suite_changes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_ONLY_FLAGS = (
    ("collectonly", "--collect-only"),
    ("setuponly", "--setup-only"),
    ("setupplan", "--setup-plan"),
)


def not_full_reasons(
    config: pytest.Config,
    session: pytest.Session,
    report: dict[str, Any],
    lf_narrows: bool,
    removed: int = 0,
) -> list[str]:
    """Why the run was not the full suite; empty when it was. `removed`: tests a plugin or
    conftest dropped from the collection without deselecting them."""
    opt = config.option
    reasons = [label for name, label in _ONLY_FLAGS if getattr(opt, name, False)]
    reasons += suite_changes(config)
    explained = bool(
        getattr(opt, "keyword", "")
        or getattr(opt, "markexpr", "")
        or getattr(opt, "deselect", None)
        or lf_narrows
    )
    selecting = [
        (bool(getattr(opt, "keyword", "")), "-k used"),
        (bool(getattr(opt, "markexpr", "")), "-m used"),
        (bool(getattr(opt, "deselect", None)), "--deselect used"),
        (_ignores_from_command_line(config), "--ignore used"),
        (lf_narrows, "--lf/--ff subset"),
    ]
    reasons += [label for used, label in selecting if used]
    deselected = int(report.get("summary", {}).get("deselected", 0))
    if deselected and not explained:
        noun = "test" if deselected == 1 else "tests"
        reasons.append(f"{deselected} {noun} deselected by a plugin or conftest")
    if removed:
        noun = "test" if removed == 1 else "tests"
        reasons.append(f"{removed} {noun} removed from the collection by a plugin or conftest")
    narrow = narrower_args(config)
    if narrow:
        scope = "testpaths" if config.getini("testpaths") else "rootdir"
        reasons.append(f"explicit paths narrower than {scope}: {', '.join(narrow)}")
    if "--collect-only" not in reasons:
        reasons += _stopped_early(config, session, report)
    return reasons


def narrower_args(config: pytest.Config) -> list[str]:
    """The explicit arguments, relative to the rootdir, when together they miss a target."""
    root = config.rootpath
    args = [str(a) for a in config.args]
    paths = []
    for arg in args:
        if "::" in arg:
            return [_show(arg, root, config)]
        paths.append(Path(os.path.abspath(Path(config.invocation_params.dir, arg))))
    targets = _targets(config)
    if all(any(t == p or p in t.parents for p in paths) for t in targets):
        return []
    return [_show(arg, root, config) for arg in args]


def _targets(config: pytest.Config) -> list[Path]:
    root = config.rootpath
    found: list[Path] = []
    for pattern in config.getini("testpaths"):
        matches = sorted(glob.glob(str(root / pattern), recursive=True)) or [str(root / pattern)]
        found += [Path(os.path.abspath(m)) for m in matches]
    return found or [root]


def _stopped_early(
    config: pytest.Config, session: pytest.Session, report: dict[str, Any]
) -> list[str]:
    ran = len(report.get("tests", ()))
    interrupted = session.exitstatus == pytest.ExitCode.INTERRUPTED
    if ran >= session.testscollected and (not interrupted or config.option.maxfail):
        return []
    if any(c.get("outcome") == "failed" for c in report.get("collectors", ())):
        return ["collection errors stopped the run"]
    if config.option.maxfail and ran < session.testscollected:
        return ["stopped early by -x/--maxfail"]
    return ["interrupted before every test ran"]


def _ignores_from_command_line(config: pytest.Config) -> bool:
    """--ignore/--ignore-glob given for this run; in ini addopts they define the suite."""
    tokens = [str(a) for a in config.invocation_params.args]
    with contextlib.suppress(ValueError):  # pytest itself reports unbalanced quotes
        tokens += shlex.split(os.environ.get("PYTEST_ADDOPTS", ""))
    return any(t.split("=", 1)[0] in ("--ignore", "--ignore-glob") for t in tokens)


def _show(arg: str, root: Path, config: pytest.Config) -> str:
    path, sep, rest = arg.partition("::")
    full = os.path.abspath(Path(config.invocation_params.dir, path))
    rel = os.path.relpath(full, root)
    shown = full if rel.startswith("..") else rel.replace(os.sep, "/")
    return shown + sep + rest
