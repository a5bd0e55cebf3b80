"""Build pytest-json-report documents shaped like the real ones, for report/verdict tests.

Shapes copied from reports pytest-json-report 1.5 wrote (see tests/report/test_plugin.py
for the real thing); `report()` adds the summary and, unless told not to, the `tddgate`
section with a correct integrity record, so a test changes one thing at a time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tddgate import __version__
from tddgate.report.integrity import integrity


def stage(
    outcome: str = "passed", message: str | None = None, longrepr: str = ""
) -> dict[str, Any]:
    result: dict[str, Any] = {"duration": 0.0001, "outcome": outcome}
    if message is not None:
        result["crash"] = {"path": "/p/tests/test_a.py", "lineno": 3, "message": message}
    if longrepr:
        result["longrepr"] = longrepr
    return result


def passed(nodeid: str) -> dict[str, Any]:
    return _test(nodeid, "passed", setup=stage(), call=stage(), teardown=stage())


def failed(nodeid: str, message: str = "assert 1 == 2") -> dict[str, Any]:
    longrepr = f">   {message}\nE   {message}\n\ntests/test_a.py:3: AssertionError"
    return _test(nodeid, "failed", setup=stage(), call=stage("failed", message, longrepr),
                 teardown=stage())


def setup_error(nodeid: str, message: str = "RuntimeError: setup boom") -> dict[str, Any]:
    return _test(nodeid, "error", setup=stage("failed", message, f"E   {message}"),
                 teardown=stage())


def teardown_error(nodeid: str, message: str = "RuntimeError: teardown boom") -> dict[str, Any]:
    return _test(nodeid, "error", setup=stage(), call=stage(),
                 teardown=stage("failed", message, f"E   {message}"))


def skipped(nodeid: str, reason: str = "not today", at: str = "call") -> dict[str, Any]:
    longrepr = repr(("/p/tests/test_a.py", 12, f"Skipped: {reason}"))
    if at == "setup":
        return _test(nodeid, "skipped", setup=stage("skipped", longrepr=longrepr),
                     teardown=stage())
    return _test(nodeid, "skipped", setup=stage(), call=stage("skipped", longrepr=longrepr),
                 teardown=stage())


def xfailed(nodeid: str, message: str = "assert 0") -> dict[str, Any]:
    return _test(nodeid, "xfailed", setup=stage(),
                 call=stage("skipped", message, f"E   {message}"), teardown=stage())


def xpassed(nodeid: str) -> dict[str, Any]:
    return _test(nodeid, "xpassed", setup=stage(), call=stage(), teardown=stage())


def collector(nodeid: str, error: str = "") -> dict[str, Any]:
    if not error:
        return {"nodeid": nodeid, "outcome": "passed", "result": []}
    longrepr = f"ImportError while importing test module '{nodeid}'.\nTraceback:\nE   {error}"
    return {"nodeid": nodeid, "outcome": "failed", "result": [], "longrepr": longrepr}


def report(
    tests: list[dict[str, Any]],
    *,
    root: Path,
    created: float,
    collectors: list[dict[str, Any]] | None = None,
    exitcode: int | None = None,
    not_full: tuple[str, ...] = (),
    plugin: bool = True,
    duration: float = 2.0,
) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for test in tests:
        counts[test["outcome"]] = counts.get(test["outcome"], 0) + 1
    clean = all(t["outcome"] == "passed" for t in tests) and not any(
        c["outcome"] == "failed" for c in collectors or []
    )
    data: dict[str, Any] = {
        "created": created,
        "duration": duration,
        "exitcode": exitcode if exitcode is not None else (0 if clean and tests else 1),
        "root": str(root),
        "environment": {},
        "summary": {**counts, "total": len(tests), "collected": len(tests)},
        "collectors": collectors if collectors is not None else [collector("")],
        "tests": tests,
    }
    if plugin:
        data["tddgate"] = {
            "version": __version__,
            "args": [],
            "rootdir": str(root),
            "testpaths": ["tests"],
            "started": created - duration,
            "finished": created + 0.01,
            "workers": 0,
            "full_suite": not not_full,
            "not_full": list(not_full),
            "integrity": integrity(data),
        }
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


def big(n: int, *, root: Path, created: float) -> dict[str, Any]:
    """A report of `n` passing tests with realistic ids, like a large project's."""
    tests = [
        passed(f"tests/pkg{i % 50}/test_module_{i % 400}.py::TestThing::test_case_{i}[param-{i}]")
        for i in range(n)
    ]
    return report(tests, root=root, created=created)


def _test(nodeid: str, outcome: str, **stages: dict[str, Any]) -> dict[str, Any]:
    return {"nodeid": nodeid, "lineno": 1, "outcome": outcome, "keywords": [nodeid], **stages}
