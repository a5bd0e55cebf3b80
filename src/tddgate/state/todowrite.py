"""TodoWrite lists: the tool sends the whole list every time, so the last one is the state.

Kept per session and agent (a subagent has its own list); written atomically, last writer
wins, which is exactly TodoWrite's semantics.
"""

from __future__ import annotations

from pathlib import Path

from tddgate.paths import safe_key
from tddgate.state.atomic import read_json, write_json_atomic
from tddgate.state.tasks import session_dir
from tddgate.todos.model import STATUSES, TodoItem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAIN = "main"


def _path(root: Path, session_id: str, agent_id: str | None) -> Path:
    return session_dir(root, session_id) / f"todowrite-{safe_key(agent_id or MAIN)}.json"


def items_from(todos: Any) -> tuple[TodoItem, ...]:
    """TodoWrite's `todos` array -> items; malformed entries are left out."""
    if not isinstance(todos, list):
        return ()
    items = []
    for index, todo in enumerate(todos, start=1):
        if not isinstance(todo, dict):
            continue
        content, status = todo.get("content"), todo.get("status")
        if not isinstance(content, str) or status not in STATUSES:
            continue
        active = todo.get("activeForm")
        items.append(
            TodoItem(str(index), content, status, active if isinstance(active, str) else "")
        )
    return tuple(items)


def save(root: Path, session_id: str, agent_id: str | None, items: tuple[TodoItem, ...]) -> None:
    write_json_atomic(
        _path(root, session_id, agent_id), {"todos": [item.to_dict() for item in items]}
    )


def load(root: Path, session_id: str, agent_id: str | None) -> tuple[TodoItem, ...] | None:
    """The agent's last list (None when it never used TodoWrite)."""
    data = read_json(_path(root, session_id, agent_id))
    if not isinstance(data, dict):
        return None
    return tuple(
        TodoItem(
            str(t.get("id", "")),
            str(t.get("content", "")),
            str(t.get("status", "")),
            str(t.get("activeForm", "")),
        )
        for t in data.get("todos", [])
        if isinstance(t, dict)
    )
