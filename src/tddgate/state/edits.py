"""The last file change tddgate saw: a test report older than it is stale (stdlib only).

`<state dir>/last-edit.json` = {"time": <epoch float>, "path": "<rel path>", "session_id": …}.
PostToolUse hooks of parallel tool calls may record at once: each write is atomic (a
reader never sees half a record), and a change never replaces a newer one already recorded
(the compare and the write happen under one lock).
"""

from __future__ import annotations

import json
from pathlib import Path

from tddgate.errors import StateError
from tddgate.state.atomic import read_json_lenient, write_text_atomic

LAST_EDIT_FILE = "last-edit.json"


def last_edit(state_dir: Path) -> tuple[float, str] | None:
    """(time, path) of the last recorded change, or None when none was recorded."""
    path = state_dir / LAST_EDIT_FILE
    data = read_json_lenient(path)
    if data is None:
        return None
    when = data.get("time") if isinstance(data, dict) else None
    rel = data.get("path") if isinstance(data, dict) else None
    if isinstance(when, bool) or not isinstance(when, int | float) or not isinstance(rel, str):
        raise StateError(
            f'{path} is not a tddgate edit record ({{"time": <epoch>, "path": "…"}}); '
            "delete it and tddgate will treat the next edit as the last one"
        )
    return float(when), rel


def record_edit(state_dir: Path, path: str, when: float, session_id: str) -> None:
    """Record a change of `path` at `when`, unless a later change is already recorded."""
    from tddgate.state.atomic import ensure_dir
    from tddgate.state.lock import locked

    ensure_dir(state_dir)
    with locked(state_dir / "last-edit.lock"):
        try:
            previous = last_edit(state_dir)
        except StateError:
            previous = None  # a broken record is replaced by a good one
        if previous is not None and previous[0] > when:
            return
        record = {"time": when, "path": path, "session_id": session_id}
        write_text_atomic(state_dir / LAST_EDIT_FILE, json.dumps(record) + "\n")
