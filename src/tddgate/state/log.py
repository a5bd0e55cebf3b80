"""tddgate's own log: fail-open notices and unanalysable commands, one JSON line each."""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

from tddgate.errors import StateError
from tddgate.paths import state_dir
from tddgate.state.atomic import append_line


def log(root: Path, kind: str, message: str, **fields: object) -> None:
    """Best effort: a log that cannot be written must not turn a notice into a crash."""
    entry = {"time": time.time(), "kind": kind, "message": message, **fields}
    with contextlib.suppress(StateError):
        append_line(state_dir(root) / "log.jsonl", json.dumps(entry, ensure_ascii=False))
