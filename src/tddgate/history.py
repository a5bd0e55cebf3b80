"""Render the todo history for people (markdown) or tools (JSON lines), one snapshot at a time.

Both renderers are generators over an iterable of snapshots and keep only the previous
snapshot in memory, so a 100,000-snapshot history streams from disk to stdout in constant
memory. The markdown mirrors the history projects used to keep by hand (see
tests/fixtures/todo-files/todo-history-excerpt.md), plus the test evidence behind every
completion, which a hand-kept history cannot prove.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from tddgate.state.snapshot_format import Snapshot

_SECTIONS = (
    ("in_progress", "### 🔄 In progress", "- 🔄 "),
    ("pending", "### 📋 Pending", "- [ ] "),
    ("blocked", "### 🔵 Blocked", "- 🔵 "),
    ("completed", "### ✅ Completed", "- ✅ "),
)
_AGE = re.compile(r"\s*(\d+)\s*([smhdw])\s*")
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_since(text: str, *, now: float) -> float | None:
    """`--since` as an epoch time: ISO 8601 (naive = local time) or an age like 30m, 2h, 1d.

    None when the text is neither; the caller says what is accepted.
    """
    age = _AGE.fullmatch(text)
    if age:
        return now - int(age[1]) * _UNIT[age[2]]
    try:
        return datetime.fromisoformat(text.strip()).timestamp()
    except ValueError:
        return None


def render_json(snaps: Iterable[Snapshot]) -> Iterator[str]:
    """One JSON object per line, exactly as stored."""
    for snap in snaps:
        yield snap.to_line() + "\n"


def render_md(snaps: Iterable[Snapshot], project: str) -> Iterator[str]:
    """A markdown history: a heading per state; runs of identical states in one line."""
    yield f"# Todo history — {project}\n"
    shown: Snapshot | None = None
    repeats, until = 0, 0.0
    for snap in snaps:
        if shown is not None and _repeats(shown, snap):
            repeats, until = repeats + 1, snap.time
            continue
        if shown is not None and repeats:
            yield _collapsed(repeats, until, shown.time)
        yield _block(snap)
        shown, repeats = snap, 0
    if shown is not None and repeats:
        yield _collapsed(repeats, until, shown.time)


def _repeats(shown: Snapshot, snap: Snapshot) -> bool:
    """Same actor, same todos, nothing newly completed: nothing new to read.

    Todos compare by what the reader sees (content and status), so a markdown mirror of a
    TodoWrite list (other ids: line numbers) collapses into it.
    """
    same_actor = (shown.session_id, shown.agent_id) == (snap.session_id, snap.agent_id)
    return same_actor and not snap.completed and _seen(shown) == _seen(snap)


def _seen(snap: Snapshot) -> list[tuple[str, str]]:
    return [(item["content"], item["status"]) for item in snap.items]


def _collapsed(count: int, until: float, since: float) -> str:
    states = "state" if count == 1 else "states"
    return f"\n… {count} more identical {states} until {_clock(until, since)}\n"


def _block(snap: Snapshot) -> str:
    lines = ["", f"## {_stamp(snap.time)} — {snap.event} ({_actor(snap)})"]
    for status, title, bullet in _SECTIONS:
        chosen = [i["content"] for i in snap.items if i["status"] == status]
        if chosen:
            lines += ["", title, *(bullet + content for content in chosen)]
    if not snap.items:
        lines += ["", "*no todos*"]
    if snap.completed:
        lines += ["", "### 🏁 Completions"]
        lines += [_completion(c, snap.time) for c in snap.completed]
    return "\n".join(lines) + "\n"


def _actor(snap: Snapshot) -> str:
    agent = f", agent {snap.agent_id[:8]}" if snap.agent_id else ""
    return f"session {snap.session_id[:8]}{agent}, {snap.source}"


def _completion(entry: dict[str, Any], when: float) -> str:
    """One completion with the proof behind it; a completion without green proof stands out."""
    content, evidence = entry["content"], entry.get("evidence")
    if not evidence:
        return f"- ⚠️ {content} — no test evidence (no test report when it was completed)"
    report = evidence.get("created")
    at = _clock(report, when) if isinstance(report, int | float) else "time unknown"
    scope = "full suite" if evidence.get("full_suite") else "partial run"
    if evidence.get("green"):
        counts = f"{evidence.get('passed', 0)} passed, {evidence.get('skipped', 0)} skipped"
        return f"- ✅ {content} — {counts}, {scope}, report {at}"
    counts = ", ".join(
        f"{evidence.get(key, 0)} {key}" for key in ("failed", "errors", "skipped", "passed")
    )
    return f"- ⚠️ {content} — NOT green: {counts}, {scope}, report {at}"


def _stamp(when: float) -> str:
    return datetime.fromtimestamp(when).strftime("%Y-%m-%d %H:%M:%S")


def _clock(when: float, ref: float) -> str:
    """Time of day, with the date only when it differs from the reference's day."""
    moment = datetime.fromtimestamp(when)
    same_day = moment.date() == datetime.fromtimestamp(ref).date()
    return moment.strftime("%H:%M:%S" if same_day else "%Y-%m-%d %H:%M:%S")
