"""Which todos an event claims are done: the completion gates block such claims while red.

Claims come from TaskCompleted, TaskUpdate(status=completed), a TodoWrite that moves an
item to completed, and a Write/Edit (or a Bash command whose new content tddgate can read,
such as a here-doc) of a markdown todo file that checks an item off or moves it under
COMPLETED. Items are matched by content: ids of markdown items are line numbers, which move
when lines do.
"""

from __future__ import annotations

from tddgate.edits import EditTarget
from tddgate.facts import Facts
from tddgate.protocol.events import TaskEvent, ToolEvent
from tddgate.todos.model import COMPLETED, TodoItem


def newly_completed(before: tuple[TodoItem, ...], after: tuple[TodoItem, ...]) -> list[str]:
    done_before = {i.content for i in before if i.status == COMPLETED}
    seen: list[str] = []
    for item in after:
        if (
            item.status == COMPLETED
            and item.content not in done_before
            and item.content not in seen
        ):
            seen.append(item.content)
    return seen


def claims(facts: Facts) -> list[str]:
    """Human names of the todos this event marks completed (empty: it claims nothing)."""
    event = facts.event
    if isinstance(event, TaskEvent) and event.name == "TaskCompleted":
        return [f'task {event.task_id} ("{event.task_subject}")']
    if not isinstance(event, ToolEvent) or event.name != "PreToolUse":
        return []
    if event.tool_name == "TaskUpdate" and event.tool_input.get("status") == COMPLETED:
        return [_task_name(facts, str(event.tool_input.get("taskId", "?")))]
    if event.tool_name == "TodoWrite":
        from tddgate.state import todowrite

        before = todowrite.load(facts.root, event.session_id, event.agent_id) or ()
        after = todowrite.items_from(event.tool_input.get("todos"))
        return [f'"{c}"' for c in newly_completed(before, after)]
    return [
        f'"{c}"'
        for t in facts.targets
        if t.rel and facts.is_todo_file(t.rel)
        for c in _markdown_claims(facts, t)
    ]


def _task_name(facts: Facts, task_id: str) -> str:
    from tddgate.state import tasks

    for task in tasks.load(facts.root, facts.event.session_id):
        if task.get("id") == task_id and task.get("subject"):
            return f'task {task_id} ("{task["subject"]}")'
    return f"task {task_id}"


def _markdown_claims(facts: Facts, target: EditTarget) -> list[str]:
    """Items the write completes; none when its new content is unknowable (`sed -i`)."""
    from tddgate.todos.markdown import parse_markdown

    current, after = facts.contents(target)
    if after is None:
        return []
    before = parse_markdown(current).items if current is not None else ()
    return newly_completed(before, parse_markdown(after).items)
