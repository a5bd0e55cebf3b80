"""Keep the session's task list from TaskCreate / TaskUpdate results and Task* events."""

from __future__ import annotations

from tddgate.facts import Facts
from tddgate.protocol.events import TaskEvent, ToolEvent
from tddgate.state import tasks

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def record(facts: Facts) -> None:
    event = facts.event
    if isinstance(event, TaskEvent):
        status = "completed" if event.name == "TaskCompleted" else ""
        fields = {"subject": event.task_subject, "description": event.task_description}
        tasks.update(
            facts.root,
            event.session_id,
            lambda ts: tasks.upsert(
                ts, event.task_id, **fields, **({"status": status} if status else {})
            ),
        )
    elif isinstance(event, ToolEvent) and event.tool_name == "TaskCreate":
        _created(facts, event)
    elif isinstance(event, ToolEvent) and event.tool_name == "TaskUpdate":
        _updated(facts, event)


def _created(facts: Facts, event: ToolEvent) -> None:
    response = event.tool_response if isinstance(event.tool_response, dict) else {}
    raw_task = response.get("task")
    task: dict[str, Any] = raw_task if isinstance(raw_task, dict) else {}
    task_id = _str(task.get("id"))
    if not task_id:
        return
    inp = event.tool_input
    fields = {
        "subject": _str(task.get("subject")) or _str(inp.get("subject")),
        "description": _str(task.get("description")) or _str(inp.get("description")),
        "activeForm": _str(inp.get("activeForm")),
    }
    tasks.update(facts.root, event.session_id, lambda ts: tasks.upsert(ts, task_id, **fields))


def _updated(facts: Facts, event: ToolEvent) -> None:
    response = event.tool_response if isinstance(event.tool_response, dict) else {}
    if response.get("success") is False:
        return  # e.g. a TaskCompleted hook blocked it: the task did not change
    inp = event.tool_input
    task_id = _str(response.get("taskId")) or _str(inp.get("taskId"))
    if not task_id:
        return
    change = response.get("statusChange")
    status = _str(change.get("to")) if isinstance(change, dict) else _str(inp.get("status"))
    if status == "deleted":
        tasks.update(facts.root, event.session_id, lambda ts: tasks.remove(ts, task_id))
        return
    fields = {
        "status": status,
        "subject": _str(inp.get("subject")),
        "description": _str(inp.get("description")),
        "activeForm": _str(inp.get("activeForm")),
    }
    tasks.update(facts.root, event.session_id, lambda ts: tasks.upsert(ts, task_id, **fields))
