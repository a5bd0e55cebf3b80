"""The session's task list, kept from Claude Code's task events.

TaskUpdate carries only `taskId` and `status`, so tddgate remembers subjects from
TaskCreate / TaskCreated. Only events of tool calls that really ran change it
(PostToolUse, TaskCreated, TaskCompleted): a denied call changes nothing. The CLI's own
task files (~/.claude/tasks/<list>/<id>.json) are read when tddgate saw no task event for
the session, e.g. when it was installed mid-session.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from tddgate.paths import safe_key, state_dir
from tddgate.state.atomic import read_json, write_json_atomic
from tddgate.todos.model import TodoItem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

Task = dict[str, str]


def session_dir(root: Path, session_id: str) -> Path:
    return state_dir(root) / "sessions" / safe_key(session_id)


def _path(root: Path, session_id: str) -> Path:
    return session_dir(root, session_id) / "tasks.json"


def load(root: Path, session_id: str) -> list[Task]:
    data = read_json(_path(root, session_id))
    if isinstance(data, dict) and isinstance(data.get("tasks"), list):
        return [t for t in data["tasks"] if isinstance(t, dict)]
    return []


def update(root: Path, session_id: str, change: Callable[[list[Task]], list[Task]]) -> list[Task]:
    """Apply `change` to the stored list under the state lock, then write it atomically."""
    from tddgate.state.atomic import ensure_dir
    from tddgate.state.lock import locked

    path = _path(root, session_id)
    ensure_dir(state_dir(root))
    ensure_dir(path.parent)
    with locked(path.with_suffix(".lock")):
        tasks = change(load(root, session_id))
        write_json_atomic(path, {"tasks": tasks})
    return tasks


def upsert(tasks: list[Task], task_id: str, **fields: str) -> list[Task]:
    for task in tasks:
        if task.get("id") == task_id:
            task.update({k: v for k, v in fields.items() if v})
            return tasks
    tasks.append({"id": task_id, "status": "pending", **{k: v for k, v in fields.items() if v}})
    return tasks


def remove(tasks: list[Task], task_id: str) -> list[Task]:
    return [t for t in tasks if t.get("id") != task_id]


def cli_task_dir(session_id: str, environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get("CLAUDE_CONFIG_DIR") or os.path.join(env.get("HOME", "~"), ".claude")
    list_id = env.get("CLAUDE_CODE_TASK_LIST_ID") or session_id
    return Path(os.path.expanduser(base)) / "tasks" / safe_key(list_id)


def load_cli_tasks(session_id: str) -> list[Task]:
    """Claude Code's own persisted task list for the session (best effort)."""
    folder = cli_task_dir(session_id)
    try:
        names = sorted(os.listdir(folder), key=lambda n: (len(n), n))
    except OSError:
        return []
    tasks: list[Task] = []
    for name in names:
        if not name.endswith(".json"):
            continue
        try:
            data: Any = json.loads((folder / name).read_bytes())
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            tasks.append({k: v for k, v in data.items() if isinstance(v, str)})
    return tasks


def as_items(tasks: list[Task]) -> tuple[TodoItem, ...]:
    return tuple(
        TodoItem(
            id=t.get("id", ""),
            content=t.get("subject", "") or f"task {t.get('id', '?')}",
            status=t.get("status", "pending"),
            active_form=t.get("activeForm", ""),
        )
        for t in tasks
        if t.get("status") != "deleted"
    )
