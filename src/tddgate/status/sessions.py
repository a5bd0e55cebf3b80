"""Which session `tddgate status` looks at when none is named: the one that changed last."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from tddgate.paths import state_dir


def latest_session(root: Path) -> str | None:
    """The id of the session whose state changed last, or None when tddgate has none.

    A session dir's own mtime moves whenever a file is added or atomically replaced in it,
    which every state write does; its files' mtimes cover in-place changes too.
    """
    folder = state_dir(root) / "sessions"
    try:
        dirs = [entry for entry in os.scandir(folder) if entry.is_dir()]
    except OSError:
        return None
    if not dirs:
        return None
    newest = max(dirs, key=lambda entry: (_changed(Path(entry.path)), entry.name))
    return newest.name


def _changed(folder: Path) -> int:
    """The latest mtime (ns) of the folder and the files directly in it."""
    times = [folder.stat().st_mtime_ns]
    with contextlib.suppress(OSError):
        times += [entry.stat().st_mtime_ns for entry in os.scandir(folder) if entry.is_file()]
    return max(times)
