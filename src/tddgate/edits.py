"""What a tool call writes: the files of Write/Edit/MultiEdit/NotebookEdit."""

from __future__ import annotations

from tddgate.namedtuple import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

EDIT_TOOLS = ("Write", "Edit", "MultiEdit", "NotebookEdit")


class EditTarget(NamedTuple):
    """One file a tool call changes: as given, relative to the root (None: outside), how,
    and for Bash writes the new content when the command makes it knowable."""

    path: str
    rel: str | None
    how: str
    content: str | None = None

    @property
    def bash(self) -> str:
        """The Bash label ("sed -i", "> redirection", …) of a Bash write; "" for a tool edit."""
        how = self.how
        return how[6:-1] if how.startswith("Bash (") and how.endswith(")") else ""


def target_path(tool_name: str, tool_input: dict[str, Any]) -> str | None:
    key = "notebook_path" if tool_name == "NotebookEdit" else "file_path"
    value = tool_input.get(key)
    return value if isinstance(value, str) and value else None
