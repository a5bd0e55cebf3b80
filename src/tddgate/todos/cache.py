"""Parsed todo files, cached in the state dir so most hooks never load the parser.

Why: every PreToolUse of an edit reads the todo file, and importing the markdown parser
(with its regexes) costs more than the rest of the hook's own work. The file changes far
less often than it is read, so `<state dir>/todo-cache.json` keeps, per todo file, its
items and the stat that produced them: (inode, size, mtime_ns, ctime_ns). An atomic
replace gets a new inode and an edit in place a new mtime and ctime, so an entry that
matches describes the bytes on disk.

A file changed within RACY_NS of being parsed is not cached: a second change inside the
clock's granularity could keep the same stat (git's "racy clean" problem). A broken,
foreign or unwritable cache is a miss, never an answer (hot path: stdlib only).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from tddgate import __version__
from tddgate.todos.model import TodoItem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CACHE_FILE = "todo-cache.json"
RACY_NS = 2_000_000_000


def stat_key(st: os.stat_result) -> list[Any]:
    return [__version__, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def load(cache_dir: Path, rel: str, st: os.stat_result) -> tuple[TodoItem, ...] | None:
    """The cached items of `rel` when the entry matches its stat `st`, else None."""
    try:
        with open(cache_dir / CACHE_FILE, "rb") as handle:
            data = json.loads(handle.read())
        entry = data[rel]
        if entry["key"] != stat_key(st):
            return None
        return tuple(TodoItem(*(str(field) for field in item)) for item in entry["items"])
    except (OSError, ValueError, LookupError, TypeError):
        return None


def store(cache_dir: Path, rel: str, st: os.stat_result, items: tuple[TodoItem, ...]) -> None:
    """Remember `items` for `rel` unless the file changed too recently to trust its stat."""
    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS:
        return
    from tddgate.errors import StateError
    from tddgate.state.atomic import write_text_atomic

    path = cache_dir / CACHE_FILE
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read())
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    data[rel] = {"key": stat_key(st), "items": [list(item) for item in items]}
    try:
        if cache_dir.is_dir():
            write_text_atomic(path, json.dumps(data, ensure_ascii=False))
    except (StateError, OSError):
        pass  # an unwritable cache only costs speed
