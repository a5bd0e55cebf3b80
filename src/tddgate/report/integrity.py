"""The report's self-check: outcome counts and a fingerprint of every test's result.

The plugin writes these into the report's `tddgate.integrity` object; the reader recomputes
them from the tests it finds. A mismatch means the report was edited by hand or written by
something else. It catches accidents and casual edits, not a determined forger: nothing a
local process writes can stop that. Stdlib only: the Stop hook recomputes this.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


STAGES = ("setup", "call", "teardown")


def count_outcomes(tests: list[Any]) -> dict[str, int]:
    """Tests per outcome, like pytest-json-report's `summary` (only outcomes that occur)."""
    counts: dict[str, int] = {}
    for test in tests:
        outcome = test["outcome"]
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def digest(tests: list[Any]) -> str:
    """sha256 over each test's id, outcome and stage outcomes, in report order."""
    import hashlib  # only on a cache miss: the Stop hook usually never gets here

    lines = []
    for test in tests:
        stages = [_stage_outcome(test.get(when)) for when in STAGES]
        lines.append("\0".join([test["nodeid"], test["outcome"], *stages]))
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogatepass")).hexdigest()


def integrity(report: dict[str, Any]) -> dict[str, Any]:
    """The record the plugin stores next to the tests it lists."""
    tests = report["tests"]
    return {
        "counts": count_outcomes(tests),
        "tests": len(tests),
        "created": report["created"],
        "digest": digest(tests),
    }


def _stage_outcome(stage: Any) -> str:
    return stage["outcome"] if isinstance(stage, dict) else "-"
