"""The stored form of one todo snapshot: the model, its JSON line, and a strict parser.

Kept apart from the store (`snapshots.py`) so the on-disk format has one owner: what a line
holds, which version it is, and how a line that cannot be trusted is refused with a warning
(never an exception: a torn line must not hide the rest of the history).

Hot path (PostToolUse): stdlib only.
"""

from __future__ import annotations

import json

from tddgate.namedtuple import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from tddgate.todos.model import TodoState

FORMAT_VERSION = 1
# The verdict fields worth keeping as evidence; a Verdict's node_ids (thousands of test ids)
# would bloat every line, so anything else is dropped.
EVIDENCE_KEYS = (
    "green", "passed", "failed", "skipped", "errors", "xfailed", "xpassed",
    "collection_errors", "total", "created", "full_suite", "reason",
)  # fmt: skip
_ITEM_KEYS = ("id", "content", "status", "activeForm")
_TORN = (
    "skipped a torn or corrupt snapshot line (not JSON: a write was cut off, e.g. by a crash); "
    "the other snapshots are intact, nothing to do"
)
_FOREIGN = (
    "skipped a line that is not a tddgate snapshot (fields missing or of the wrong type); "
    "if you edited snapshots.jsonl by hand, restore or delete that line"
)


class Snapshot(NamedTuple):
    """One stored todo state. `completed` is filled by `append_snapshot`, not by callers."""

    time: float
    session_id: str
    agent_id: str | None
    source: str
    event: str
    items: tuple[dict[str, str], ...]
    verdict: dict[str, Any] | None = None
    completed: tuple[dict[str, Any], ...] = ()
    v: int = FORMAT_VERSION

    @classmethod
    def of(
        cls,
        state: TodoState,
        *,
        session_id: str,
        agent_id: str | None,
        event: str,
        verdict: dict[str, Any] | None,
        time: float,
    ) -> Snapshot:
        """Build a snapshot from a todo state and the verdict that stood at that moment."""
        items = tuple(item.to_dict() for item in state.items)
        return cls(time, session_id, agent_id, state.source, event, items, slim(verdict))

    def to_record(self) -> dict[str, Any]:
        """The stored form, keys in a stable, readable order (version first)."""
        return {
            "v": self.v,
            "time": self.time,
            "session_id": self.session_id,
            "agent_id": self.agent_id,
            "source": self.source,
            "event": self.event,
            "items": list(self.items),
            "verdict": self.verdict,
            "completed": list(self.completed),
        }

    def to_line(self) -> str:
        """One JSONL line, without the newline."""
        return json.dumps(self.to_record(), ensure_ascii=False, separators=(",", ":"))


def slim(verdict: dict[str, Any] | None) -> dict[str, Any] | None:
    """Keep only the evidence fields of a verdict dict (see EVIDENCE_KEYS)."""
    if verdict is None:
        return None
    return {k: verdict[k] for k in EVIDENCE_KEYS if k in verdict}


def parse_line(raw: bytes) -> Snapshot | str | None:
    """One stored line as a Snapshot; else why it cannot be trusted; None for a blank line.

    Never raises: a torn line (crash mid-write) must not hide the rest of the history.
    """
    try:
        obj = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: absurdly nested garbage
        return None if not raw.strip() else _TORN
    version = obj.get("v") if isinstance(obj, dict) else None
    if version == FORMAT_VERSION:
        return _from_record(obj) or _FOREIGN
    if isinstance(version, int) and not isinstance(version, bool):
        return (
            f"skipped a snapshot in format version {version}, which this tddgate (format "
            f"{FORMAT_VERSION}) cannot read; upgrade tddgate to see it"
        )
    return _FOREIGN


def _from_record(obj: dict[str, Any]) -> Snapshot | None:
    items, completed, verdict = obj.get("items"), obj.get("completed"), obj.get("verdict")
    time, session, agent = obj.get("time"), obj.get("session_id"), obj.get("agent_id")
    source, event = obj.get("source"), obj.get("event")
    if (
        not isinstance(time, int | float)
        or type(time) is bool
        or type(session) is not str
        or type(source) is not str
        or type(event) is not str
        or not (agent is None or type(agent) is str)
        or not (verdict is None or type(verdict) is dict)
        or type(items) is not list
        or type(completed) is not list
        or not _all_items(items)
        or not _all_completions(completed)
    ):
        return None
    return Snapshot(
        float(time), session, agent, source, event, tuple(items), verdict, tuple(completed)
    )


def _all_items(items: list[Any]) -> bool:
    for item in items:
        if type(item) is not dict:
            return False
        for key in _ITEM_KEYS:
            if type(item.get(key)) is not str:
                return False
    return True


def _all_completions(entries: list[Any]) -> bool:
    for entry in entries:
        if (
            type(entry) is not dict
            or type(entry.get("id")) is not str
            or type(entry.get("content")) is not str
            or not (entry.get("evidence") is None or type(entry.get("evidence")) is dict)
        ):
            return False
    return True
