"""Keep the agent's TodoWrite list (the whole list arrives every time)."""

from __future__ import annotations

from tddgate.facts import Facts
from tddgate.protocol.events import ToolEvent
from tddgate.state import todowrite


def record(facts: Facts) -> None:
    event = facts.event
    if not isinstance(event, ToolEvent) or event.tool_name != "TodoWrite":
        return
    items = todowrite.items_from(event.tool_input.get("todos"))
    todowrite.save(facts.root, event.session_id, event.agent_id, items)
