"""The baseline: node ids of the last green full run, or of the first full run while the
suite was never green (hot path: stdlib only).

A test suite that shrinks is the quietest way to turn red into green, so the verdict is red
when a run lists fewer tests than the baseline. The caller decides when to save one (after
a green verdict); `tddgate baseline accept` lets a human record a smaller suite on purpose.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from pathlib import Path

from tddgate.errors import StateError
from tddgate.state.atomic import read_json_lenient

BASELINE_FILE = "baseline.json"


def load_baseline(state_dir: Path) -> frozenset[str] | None:
    """The recorded node ids, or None when no baseline exists yet."""
    path = state_dir / BASELINE_FILE
    data = read_json_lenient(path)
    if data is None:
        return None
    ids = data.get("node_ids") if isinstance(data, dict) else None
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise StateError(
            f"{path} is not a tddgate baseline (a JSON object with a \"node_ids\" list of "
            "strings); delete it, then run the full suite and `tddgate check` to record a new one"
        )
    return frozenset(ids)


def save_baseline(state_dir: Path, node_ids: Iterable[str]) -> None:
    """Record `node_ids` as the baseline, atomically (StateError when it cannot be written)."""
    from tddgate.state.atomic import write_text_atomic

    ids = sorted(set(node_ids))
    data = {"saved": time.time(), "count": len(ids), "node_ids": ids}
    write_text_atomic(state_dir / BASELINE_FILE, json.dumps(data, indent=1) + "\n")
