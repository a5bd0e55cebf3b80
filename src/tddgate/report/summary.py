"""Read one pytest-json-report file into a small ReportSummary (hot path: stdlib only).

`summarize` never raises and never guesses: a missing, empty, truncated, non-JSON,
wrongly shaped or tampered report becomes a summary whose `problem` says which, and the
verdict is red. Reports written by tddgate's plugin carry a `tddgate` section (full-suite
flags, integrity record); a raw pytest-json-report file has none and is still read, but
cannot prove a full run (see verdict.py).

Speed: a 10,000-test report is several MB; parsing it costs tens of ms. With `cache_dir`
(the state dir) the summary is cached keyed by (path, inode, mtime_ns, size), and the plugin
pre-fills that cache when it writes the report, so the Stop hook normally reads only the
small cache file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tddgate.namedtuple import NamedTuple
from tddgate.report.causes import collector_cause, test_cause
from tddgate.report.integrity import count_outcomes, digest
from tddgate.report.shape import check_report

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MISSING = "missing"
UNREADABLE = "unreadable"
EMPTY = "empty"
TRUNCATED = "truncated"
NOT_JSON = "not_json"
SCHEMA = "schema"
TAMPERED = "tampered"
MAX_OFFENDERS = 5
_NON_OUTCOME_KEYS = ("total", "collected", "deselected")
_OUTCOME_ORDER = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")
_CATEGORY = {"failed": "failed", "skipped": "skipped", "xfailed": "xfailed", "xpassed": "xpassed"}


class Offender(NamedTuple):
    """A test or collector that is not a clean pass, with its one-line cause."""

    nodeid: str
    cause: str


class ReportSummary(NamedTuple):
    """What the verdict needs from a report; `problem` is "" when the report could be read."""

    path: str
    problem: str = ""
    detail: str = ""
    plugin_version: str = ""
    created: float | None = None
    started: float | None = None
    rootdir: str = ""
    exitcode: int | None = None
    full_suite: bool = False
    not_full: tuple[str, ...] = ()
    passed: int = 0
    failed: int = 0
    errors: int = 0
    skipped: int = 0
    xfailed: int = 0
    xpassed: int = 0
    collection_errors: int = 0
    skipped_modules: int = 0
    total: int = 0
    offenders: tuple[Offender, ...] = ()
    offender_count: int = 0
    node_ids: tuple[str, ...] = ()


def summarize(report_path: Path, *, cache_dir: Path | None = None) -> ReportSummary:
    """The summary of the report at `report_path`; cached in `cache_dir` when given."""
    path = os.path.abspath(report_path)
    try:
        with open(path, "rb") as handle:
            stat = os.fstat(handle.fileno())
            if cache_dir is not None:
                from tddgate.report.cache import load

                cached = load(cache_dir, path, stat)
                if cached is not None:
                    return cached
            raw = handle.read()
    except FileNotFoundError:
        return ReportSummary(path, MISSING)
    except OSError as exc:
        return ReportSummary(path, UNREADABLE, exc.strerror or str(exc))
    summary = summarize_bytes(raw, path)
    if cache_dir is not None:
        from tddgate.report.cache import store

        store(cache_dir, path, stat, summary)
    return summary


def summarize_bytes(raw: bytes, path: str) -> ReportSummary:
    if not raw.strip():
        return ReportSummary(path, EMPTY)
    try:
        data = json.loads(raw)
    except RecursionError:
        return ReportSummary(path, NOT_JSON, "it is nested too deeply")
    except json.JSONDecodeError as exc:
        if _looks_truncated(raw, exc):
            return ReportSummary(path, TRUNCATED, f"it stops after {len(raw)} bytes, mid-value")
        return ReportSummary(path, NOT_JSON, str(exc))
    except ValueError:  # UnicodeDecodeError and friends
        return ReportSummary(path, NOT_JSON, "it is not UTF-8 text")
    return summarize_data(data, path)


def summarize_data(data: Any, path: str) -> ReportSummary:
    """The summary of an already parsed report (the plugin calls this on what it wrote)."""
    problem = check_report(data)
    if problem:
        return ReportSummary(path, SCHEMA, problem)
    problem = _integrity_problem(data)
    if problem:
        return ReportSummary(path, TAMPERED, problem)
    meta = data.get("tddgate") or {}  # null or absent: a raw pytest-json-report file
    created = float(data["created"])
    started = meta.get("started")
    counted = _count(data["tests"], data.get("collectors") or [])
    return ReportSummary(
        path,
        plugin_version=meta.get("version") or "",
        created=created,
        started=float(created - data["duration"] if started is None else started),
        rootdir=meta.get("rootdir") or data["root"],
        exitcode=data["exitcode"],
        full_suite=bool(meta.get("full_suite")) and not meta.get("not_full"),
        not_full=tuple(meta.get("not_full") or ()),
        **counted,
    )


def _count(tests: list[Any], collectors: list[Any]) -> dict[str, Any]:
    counts = dict.fromkeys(("passed", "failed", "errors", "skipped", "xfailed", "xpassed"), 0)
    offenders: list[Offender] = []
    broken = skipped_modules = 0
    for collector in collectors:
        # A module skipped while collecting (module-level importorskip or skip) hides its
        # tests: it counts as skipped, like a test skipped in setup.
        if collector["outcome"] == "failed":
            broken += 1
        elif collector["outcome"] == "skipped":
            skipped_modules += 1
        else:
            continue
        _add(offenders, collector["nodeid"] or "<rootdir>", collector_cause(collector))
    for test in tests:
        if test["outcome"] == "passed" and _clean(test):
            counts["passed"] += 1
            continue
        counts[_CATEGORY.get(test["outcome"], "errors")] += 1
        _add(offenders, test["nodeid"], None, test)
    not_clean = sum(counts.values()) - counts["passed"] + broken + skipped_modules
    return {
        **counts,
        "collection_errors": broken,
        "skipped_modules": skipped_modules,
        "total": len(tests),
        "offenders": tuple(offenders),
        "offender_count": not_clean,
        "node_ids": tuple(test["nodeid"] for test in tests),
    }


def _add(offenders: list[Offender], nodeid: str, cause: str | None, test: Any = None) -> None:
    """Keep the first few offenders; a test's cause is worked out only if it is kept."""
    if len(offenders) < MAX_OFFENDERS:
        offenders.append(Offender(nodeid, cause if cause is not None else test_cause(test)))


def _clean(test: dict[str, Any]) -> bool:
    """Passed in setup, call and teardown, each recorded."""
    stages = (test.get("setup"), test.get("call"), test.get("teardown"))
    return all(stage is not None and stage["outcome"] == "passed" for stage in stages)


def _integrity_problem(data: dict[str, Any]) -> str:
    tests = data["tests"]
    counts = count_outcomes(tests)
    summary = {k: v for k, v in data["summary"].items() if k not in _NON_OUTCOME_KEYS and v}
    if summary != counts:
        return f"its summary says {_fmt(summary)} but its tests say {_fmt(counts)}"
    if data["summary"].get("total", len(tests)) != len(tests):
        return f"its summary says {data['summary']['total']} tests but it lists {len(tests)}"
    meta = data.get("tddgate")
    if meta is None:
        return ""
    if not meta.get("version"):
        return "its tddgate section has no plugin version"
    record = meta.get("integrity")
    if record is None:
        return "its tddgate section has no integrity record"
    if record["tests"] != len(tests):
        return f"tddgate's integrity record lists {record['tests']} tests but it has {len(tests)}"
    if {k: v for k, v in record["counts"].items() if v} != counts:
        return f"tddgate's integrity record says {_fmt(record['counts'])} but its tests say " + (
            _fmt(counts)
        )
    if record["created"] != data["created"]:
        return "its created time differs from tddgate's integrity record"
    if meta.get("rootdir") is not None and meta["rootdir"] != data["root"]:
        return f"its tddgate rootdir {meta['rootdir']} differs from pytest's {data['root']}"
    if record["digest"] != digest(tests):
        return "its test results differ from tddgate's integrity record"
    return ""


def _fmt(counts: dict[str, int]) -> str:
    keys = [k for k in _OUTCOME_ORDER if counts.get(k)]
    keys += sorted(k for k in counts if k not in _OUTCOME_ORDER and counts[k])
    return ", ".join(f"{counts[k]} {k}" for k in keys) or "no tests"


def _looks_truncated(raw: bytes, exc: json.JSONDecodeError) -> bool:
    """Starts like a report but the parser ran out of text: a writer died mid-write."""
    if not raw.lstrip().startswith(b"{"):
        return False
    return exc.pos >= len(exc.doc.rstrip()) or exc.msg.startswith("Unterminated string")
