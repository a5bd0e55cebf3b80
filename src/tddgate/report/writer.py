"""Write the reports at the end of a run (plugin side, runs inside pytest).

Ours: the full pytest-json-report document plus a `tddgate` section, written atomically
(temp file + os.replace), then summarized into the state dir's cache so the Stop hook
does not parse several MB. The user's own --json-report file, if they asked for one, is
written as pytest-json-report would have written it (summary-only and omits honoured).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, NamedTuple

from tddgate import __version__
from tddgate.report.integrity import integrity


class UserJson(NamedTuple):
    """What the user asked pytest-json-report for, before tddgate took the plugin over."""

    file: str | None
    summary_only: bool
    omit: tuple[str, ...]
    indent: int | None


class RunInfo(NamedTuple):
    args: list[str]
    rootdir: str
    testpaths: list[str]
    started: float
    finished: float
    workers: int
    not_full: list[str]


def add_meta(report: dict[str, Any], run: RunInfo) -> None:
    """Add the `tddgate` section; its integrity record describes the report as written."""
    report["tddgate"] = {
        "version": __version__,
        "args": run.args,
        "rootdir": run.rootdir,
        "testpaths": run.testpaths,
        "started": run.started,
        "finished": run.finished,
        "workers": run.workers,
        "full_suite": not run.not_full,
        "not_full": run.not_full,
        "integrity": integrity(report),
    }


def write_ours(report: dict[str, Any], path: Path, cache_dir: Path | None) -> None:
    """Write atomically; StateError when the file cannot be written."""
    from tddgate.state.atomic import ensure_dir, write_text_atomic

    text = json.dumps(report, default=str, separators=(",", ":"))
    ensure_dir(path.parent)
    write_text_atomic(path, text)
    if cache_dir is not None:
        _prefill_cache(text, path, cache_dir)


def write_users(report: dict[str, Any], user: UserJson) -> None:
    """The user's --json-report-file, with their --json-report-summary/--json-report-omit."""
    assert user.file is not None
    theirs = dict(report)
    if user.summary_only:
        for key in ("collectors", "tests", "warnings"):
            theirs.pop(key, None)
    elif "collectors" in user.omit:
        theirs.pop("collectors", None)
    directory = os.path.dirname(user.file)
    if directory:
        os.makedirs(directory, exist_ok=True)
    with open(user.file, "w", encoding="utf-8") as handle:
        json.dump(theirs, handle, default=str, indent=user.indent)


def _prefill_cache(text: str, path: Path, cache_dir: Path) -> None:
    from tddgate.report.cache import store
    from tddgate.report.summary import summarize_data

    abspath = os.path.abspath(path)
    # Summarize what was written (json round trip), exactly as a reader would see it.
    summary = summarize_data(json.loads(text), abspath)
    store(cache_dir, abspath, os.stat(abspath), summary)
