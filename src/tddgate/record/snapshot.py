"""Append a snapshot whenever a todo source changed: every todo state is kept.

Runs after the source's own recorder, so it reads the state that call produced, and
stores the test verdict of that moment as the evidence behind any completion.
"""

from __future__ import annotations

import time

from tddgate.edits import EDIT_TOOLS
from tddgate.facts import Facts
from tddgate.protocol.events import TaskEvent, ToolEvent
from tddgate.todos.model import TodoState

TASK_TOOLS = ("TaskCreate", "TaskUpdate")


def _changed_state(facts: Facts) -> TodoState | None:
    event = facts.event
    if isinstance(event, TaskEvent) or (
        isinstance(event, ToolEvent) and event.tool_name in TASK_TOOLS
    ):
        from tddgate.state import tasks

        return TodoState("tasks", tasks.as_items(tasks.load(facts.root, event.session_id)))
    if not isinstance(event, ToolEvent):
        return None
    if event.tool_name == "TodoWrite":
        from tddgate.state import todowrite

        items = todowrite.load(facts.root, event.session_id, event.agent_id) or ()
        return TodoState("todowrite", items)
    if event.tool_name in EDIT_TOOLS:
        from tddgate.todos.sources import read_todo_file

        for target in facts.targets:
            if target.rel and facts.is_todo_file(target.rel):
                return TodoState(
                    f"markdown:{target.rel}", read_todo_file(facts.root, target.rel)[0]
                )
    return None


def record(facts: Facts) -> None:
    state = _changed_state(facts)
    if state is None:
        return
    from tddgate.state.snapshot_format import Snapshot
    from tddgate.state.snapshots import append_snapshot

    event = facts.event
    label = f"{event.name}:{event.tool_name}" if isinstance(event, ToolEvent) else event.name
    snap = Snapshot.of(
        state,
        session_id=event.session_id,
        agent_id=event.agent_id,
        event=label,
        verdict=facts.verdict.to_dict(),
        time=time.time(),
    )
    append_snapshot(facts.state_dir, snap)
