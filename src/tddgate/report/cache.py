"""The summary cache: one small JSON file in the state dir (hot path: stdlib only).

Keyed by (report path, inode, mtime_ns, size): the plugin replaces the report atomically,
so every new report has a new inode and a stale entry can never match. A broken or foreign
cache entry is a miss, never an answer; an unwritable cache only costs speed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tddgate import __version__
from tddgate.errors import StateError
from tddgate.report.summary import Offender, ReportSummary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CACHE_FILE = "summary-cache.json"
_OPTIONAL_NUMBERS = ("created", "started", "exitcode")


def load(cache_dir: Path, path: str, stat: os.stat_result) -> ReportSummary | None:
    try:
        with open(cache_dir / CACHE_FILE, "rb") as handle:
            entry = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("key") != _key(path, stat):
        return None
    return _decode(entry.get("summary"))


def store(cache_dir: Path, path: str, stat: os.stat_result, summary: ReportSummary) -> None:
    from contextlib import suppress

    from tddgate.state.atomic import write_text_atomic

    entry = {"key": _key(path, stat), "summary": summary._asdict()}
    with suppress(StateError):  # an unwritable cache only costs speed
        write_text_atomic(cache_dir / CACHE_FILE, json.dumps(entry, separators=(",", ":")))


def _key(path: str, stat: os.stat_result) -> list[Any]:
    return [__version__, path, stat.st_ino, stat.st_mtime_ns, stat.st_size]


def _decode(raw: Any) -> ReportSummary | None:
    """The cached summary, or None unless every field has the type ReportSummary declares."""
    if not isinstance(raw, dict) or set(raw) != set(ReportSummary._fields):
        return None
    values: dict[str, Any] = {}
    for name, default in ReportSummary._field_defaults.items():
        value = raw[name]
        if name in _OPTIONAL_NUMBERS:
            ok = value is None or (isinstance(value, int | float) and not isinstance(value, bool))
        elif name == "offenders":
            value = _offenders(value)
            ok = value is not None
        elif isinstance(default, tuple):
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            value = tuple(value) if ok else value
        else:
            ok = type(value) is type(default)
        if not ok:
            return None
        values[name] = value
    if not isinstance(raw["path"], str):
        return None
    return ReportSummary(raw["path"], **values)


def _offenders(value: Any) -> tuple[Offender, ...] | None:
    if not isinstance(value, list):
        return None
    pairs = [v for v in value if isinstance(v, list) and len(v) == 2]
    if len(pairs) != len(value) or not all(isinstance(s, str) for p in pairs for s in p):
        return None
    return tuple(Offender(nodeid, cause) for nodeid, cause in pairs)
