"""Append-only todo history: every todo state tddgate saw, with the evidence behind each "done".

Layout under the state dir (`<root>/.claude/tddgate/`):

- `snapshots.jsonl`: one JSON object per line (`Snapshot.to_record()`), appended with one
  `os.write` on an O_APPEND fd while holding `snapshots.lock`; never rewritten.
- `last/<actor>/<source>.json`: per (session, agent) and source, the hash and items of the
  last stored state and the byte offset of its line. Dedup and "which items were just
  completed" are decided from this small sidecar, so an append costs the same with 10 or
  100,000 stored snapshots; the newest offset among an actor's sidecars makes the recovery
  context (`latest_state`) one read, not a scan.

A crash can leave a torn last line. Readers skip it with a warning naming the line; the next
append starts on a fresh line so the torn one can never swallow a good record.

Used by PostToolUse hooks: stdlib only at import time (filelock is imported inside the lock).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from tddgate.errors import StateError
from tddgate.state.atomic import ensure_dir, write_json_atomic
from tddgate.state.lock import locked
from tddgate.state.snapshot_format import Snapshot, parse_line, slim

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "FILE_NAME",
    "LOCK_NAME",
    "Snapshot",
    "append_current",
    "append_snapshot",
    "iter_snapshots",
    "latest_state",
]

FILE_NAME = "snapshots.jsonl"
LOCK_NAME = "snapshots.lock"
_BLOCK = 1 << 16


def append_snapshot(state_dir: Path, snap: Snapshot) -> bool:
    """Store `snap` unless it repeats its (session, agent, source)'s last state.

    Returns False when deduplicated. Raises StateError when the state dir cannot be written.
    """
    return append_current(state_dir, lambda: snap)


def append_current(state_dir: Path, build: Callable[[], Snapshot]) -> bool:
    """`append_snapshot` of the snapshot `build()` makes while the history's lock is held.

    For a state that parallel hooks change (a session's task list): read under this lock,
    the lines come in the order the states were read, which is the order they were written;
    read before it, a slow hook could append an older state after a newer one, and the
    history would end on a list that no longer stands.
    """
    try:
        ensure_dir(state_dir)
        with locked(state_dir / LOCK_NAME):
            return _append_locked(state_dir, build())
    except OSError as exc:
        raise StateError(
            f"could not record a todo snapshot in {state_dir}: {exc.strerror}; "
            "make that directory writable and check the disk is not full"
        ) from exc


def _append_locked(state_dir: Path, snap: Snapshot) -> bool:
    side = _actor_dir(state_dir, snap.session_id, snap.agent_id) / f"{_key(snap.source)}.json"
    digest = hashlib.sha256(json.dumps(snap.items, sort_keys=True).encode()).hexdigest()
    prev = _read_json(side)
    if prev is not None and prev.get("hash") == digest:
        return False
    prev_items = prev.get("items") if prev is not None else None
    done = _newly_completed(prev_items if isinstance(prev_items, list) else None, snap)
    stored = snap._replace(verdict=slim(snap.verdict), completed=done)
    line = (stored.to_line() + "\n").encode("utf-8", "backslashreplace")  # see atomic.py
    offset, length = _append_line(state_dir / FILE_NAME, line)
    sidecar = {"hash": digest, "offset": offset, "length": length, "items": list(snap.items)}
    write_json_atomic(side, sidecar)
    return True


def _newly_completed(prev: list[Any] | None, snap: Snapshot) -> tuple[dict[str, Any], ...]:
    """Items completed now that were not completed in the key's previous state.

    The first sighting of a markdown file is a baseline (it may hold years of done items);
    the first TodoWrite/task list of a session is news, so its completed items count.
    Content is the identity (TodoWrite ids are positions, markdown ids line numbers); task
    ids are stable too, so a task renamed as it completes is not counted twice.
    """
    if prev is None and snap.source.startswith("markdown:"):
        return ()
    before = [i for i in prev or () if isinstance(i, dict) and i.get("status") == "completed"]
    contents = {i.get("content") for i in before}
    ids = {i.get("id") for i in before} if snap.source == "tasks" else set()
    return tuple(
        {"id": i["id"], "content": i["content"], "evidence": slim(snap.verdict)}
        for i in snap.items
        if i["status"] == "completed" and i["content"] not in contents and i["id"] not in ids
    )


def _append_line(path: Path, data: bytes) -> tuple[int, int]:
    """Append one whole line; return its (offset, length) in the file."""
    length = len(data)
    fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            data = b"\n" + data  # isolate a torn line left by a crashed writer
        written = os.write(fd, data)
        while written < len(data):  # short write (signal, quota): finish under the lock
            written += os.write(fd, data[written:])
    finally:
        os.close(fd)
    return size + len(data) - length, length


def _read_json(path: Path) -> dict[str, Any] | None:
    """A sidecar's content, or None when missing or unreadable (then it is rebuilt)."""
    try:
        obj = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return obj if isinstance(obj, dict) else None


def _actor_dir(state_dir: Path, session_id: str, agent_id: str | None) -> Path:
    return state_dir / "last" / _key(session_id, agent_id)


def _key(*parts: str | None) -> str:
    """A file name for any ids: they come from untrusted input and may hold '/'."""
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


def iter_snapshots(
    state_dir: Path,
    *,
    session: str | None = None,
    since: float | None = None,
    warn: Callable[[str], None],
) -> Iterator[Snapshot]:
    """Stream stored snapshots oldest first, one line at a time.

    `session` matches a full session id or its leading characters (history shows 8).
    A torn, corrupt or newer-format line is skipped with a warning naming its line number.
    """
    path = state_dir / FILE_NAME
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return
    with handle:
        for number, raw in enumerate(handle, 1):
            snap = parse_line(raw)
            if not isinstance(snap, Snapshot):
                if snap is not None:
                    warn(f"{path}:{number}: {snap}")
                continue
            if session is not None and not snap.session_id.startswith(session):
                continue
            if since is not None and snap.time < since:
                continue
            yield snap


def latest_state(
    state_dir: Path, session_id: str, *, agent_id: str | None = None
) -> Snapshot | None:
    """The newest snapshot of (session, agent), else the project's newest, else None.

    The actor's sidecars give the offset of its newest line: one read. Without sidecars the
    actor has stored nothing, so the project's newest line is read from the end of the file;
    stale offsets (file replaced) fall back to scanning backwards in blocks. Bad lines are
    passed over silently: this feeds the agent's context, not a person.
    """
    path = state_dir / FILE_NAME
    offsets = _newest_offset(_actor_dir(state_dir, session_id, agent_id))
    if offsets is None:
        return _scan_back(path, None)
    hit = _read_at(path, *offsets)
    if hit is not None and (hit.session_id, hit.agent_id) == (session_id, agent_id):
        return hit
    return _scan_back(path, (session_id, agent_id))


def _newest_offset(actor: Path) -> tuple[int, int] | None:
    """(offset, length) of the actor's newest line, from its sidecars (one per source)."""
    try:
        sides = [_read_json(side) for side in actor.iterdir() if side.suffix == ".json"]
    except OSError:
        return None
    found = [
        (side["offset"], side["length"])
        for side in sides
        if side is not None and isinstance(side.get("offset"), int)
        and isinstance(side.get("length"), int)
    ]  # fmt: skip
    return max(found) if found else None


def _read_at(path: Path, offset: int, length: int) -> Snapshot | None:
    if offset < 0 or length < 1:
        return None
    try:
        with path.open("rb") as handle:
            handle.seek(offset)
            raw = handle.read(length)
    except OSError:
        return None
    snap = parse_line(raw) if raw.endswith(b"\n") else None
    return snap if isinstance(snap, Snapshot) else None


def _scan_back(path: Path, want: tuple[str, str | None] | None) -> Snapshot | None:
    """Newest snapshot matching `want` (session, agent), else the newest valid one."""
    fallback = None
    for raw in _lines_backwards(path):
        snap = parse_line(raw)
        if not isinstance(snap, Snapshot):
            continue
        if want is None or (snap.session_id, snap.agent_id) == want:
            return snap
        fallback = fallback or snap
    return fallback


def _lines_backwards(path: Path) -> Iterator[bytes]:
    """The file's non-empty lines, last first, reading fixed-size blocks from the end."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return
    with handle:
        pos = handle.seek(0, os.SEEK_END)
        tail = b""
        while pos > 0:
            step = min(_BLOCK, pos)
            pos -= step
            handle.seek(pos)
            lines = (handle.read(step) + tail).split(b"\n")
            tail = lines[0]  # may continue in the previous block
            yield from (line for line in reversed(lines[1:]) if line.strip())
        if tail.strip():
            yield tail
