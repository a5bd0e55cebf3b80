"""Append a snapshot whenever a todo source changed: every todo state is kept.

Runs after the source's own recorder, so it reads the state that call produced, and
stores the test verdict of that moment as the evidence behind any completion.
"""

from __future__ import annotations

import time

from tddgate.facts import Facts
from tddgate.protocol.events import TaskEvent, ToolEvent
from tddgate.state.snapshot_format import Snapshot  # at import: nothing may import under a lock
from tddgate.todos.model import TodoState

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

TASK_TOOLS = ("TaskCreate", "TaskUpdate")


def _is_task_change(facts: Facts) -> bool:
    event = facts.event
    return isinstance(event, TaskEvent) or (
        isinstance(event, ToolEvent) and event.tool_name in TASK_TOOLS
    )


def _changed_state(facts: Facts) -> TodoState | None:
    event = facts.event
    if not isinstance(event, ToolEvent):
        return None
    if event.tool_name == "TodoWrite":
        from tddgate.state import todowrite

        items = todowrite.load(facts.root, event.session_id, event.agent_id) or ()
        return TodoState("todowrite", items)
    for target in facts.targets:  # Write/Edit, and Bash commands that write the file
        if target.rel and facts.is_todo_file(target.rel):
            from tddgate.todos.sources import read_todo_file

            return TodoState(f"markdown:{target.rel}", read_todo_file(facts.root, target.rel)[0])
    return None


def record(facts: Facts) -> None:
    if _is_task_change(facts):
        from tddgate.state import tasks
        from tddgate.state.snapshots import append_current

        verdict = facts.verdict.to_dict()  # judged before the lock: it may read a big report
        session_id = facts.event.session_id

        def current() -> Snapshot:
            items = tasks.as_items(tasks.load(facts.root, session_id))
            return _snapshot(facts, TodoState("tasks", items), verdict)

        # Parallel hooks change the session's task list: read it under the history's lock,
        # so the history keeps its states in the order they were written (see append_current).
        append_current(facts.state_dir, current)
        return
    state = _changed_state(facts)
    if state is not None:
        from tddgate.state.snapshots import append_snapshot

        append_snapshot(facts.state_dir, _snapshot(facts, state, facts.verdict.to_dict()))


def _snapshot(facts: Facts, state: TodoState, verdict: dict[str, Any]) -> Snapshot:
    event = facts.event
    label = f"{event.name}:{event.tool_name}" if isinstance(event, ToolEvent) else event.name
    return Snapshot.of(
        state,
        session_id=event.session_id,
        agent_id=event.agent_id,
        event=label,
        verdict=verdict,
        time=time.time(),
    )
