"""The todo item and state shared by every source (hot path: stdlib only)."""

from __future__ import annotations

from tddgate.namedtuple import NamedTuple

PENDING = "pending"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
BLOCKED = "blocked"
STATUSES = (PENDING, IN_PROGRESS, COMPLETED, BLOCKED)


class TodoItem(NamedTuple):
    """One todo, whatever its source.

    `id` is the task id (Task tools), the position (TodoWrite) or the line number
    (markdown file); `active_form` is empty where the source has none.
    """

    id: str
    content: str
    status: str
    active_form: str = ""

    def to_dict(self) -> dict[str, str]:
        return {
            "id": self.id,
            "content": self.content,
            "status": self.status,
            "activeForm": self.active_form,
        }


class TodoState(NamedTuple):
    """The items one source holds; `source` is tasks | todowrite | markdown:<path>."""

    source: str
    items: tuple[TodoItem, ...]

    def with_status(self, status: str) -> tuple[TodoItem, ...]:
        return tuple(i for i in self.items if i.status == status)
