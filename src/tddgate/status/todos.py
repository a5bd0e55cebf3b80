"""Every todo source `tddgate status` shows, read the way the hooks read them.

The hooks use only the first source that holds an item (`tddgate.todos.sources.gather`);
status shows them all, so a forgotten list in another source is visible too.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from tddgate.config import Config
from tddgate.todos.model import TodoItem
from tddgate.todos.sources import MARKDOWN, TASKS, TODOWRITE, read_todo_file

MAIN = "main"


class SourceView(NamedTuple):
    """One source's items; `source` is spelled as `TodoState.source` (tasks, todowrite,
    markdown:<path>), a subagent's TodoWrite list as todowrite:<agent>. `note` says why a
    source holds nothing ("no such file", a read problem) and is "" when it holds items."""

    source: str
    label: str
    items: tuple[TodoItem, ...]
    note: str = ""


def source_views(root: Path, cfg: Config, session_id: str | None) -> list[SourceView]:
    """The configured sources, in the order the hooks consult them."""
    views: list[SourceView] = []
    for source in cfg.todo_sources:
        if source == TASKS:
            views.append(_tasks(root, session_id))
        elif source == TODOWRITE:
            views.extend(_todowrite(root, session_id))
        elif source == MARKDOWN:
            views.extend(_markdown(root, rel) for rel in cfg.todo_files)
    return views


def _tasks(root: Path, session_id: str | None) -> SourceView:
    from tddgate.state import tasks

    label = "task store"
    if session_id is None:
        return SourceView(TASKS, label, (), "no session yet")
    items = tasks.as_items(tasks.load(root, session_id) or tasks.load_cli_tasks(session_id))
    return SourceView(TASKS, label, items, "" if items else "no tasks")


def _todowrite(root: Path, session_id: str | None) -> list[SourceView]:
    """The main agent's list (the one the hooks use), then any subagent's own list."""
    from tddgate.state import todowrite
    from tddgate.state.tasks import session_dir

    label = "TodoWrite list"
    if session_id is None:
        return [SourceView(TODOWRITE, label, (), "no session yet")]
    main = todowrite.load(root, session_id, None) or ()
    views = [SourceView(TODOWRITE, label, main, "" if main else "none")]
    folder = session_dir(root, session_id)
    for path in sorted(folder.glob("todowrite-*.json")):
        agent = path.stem.removeprefix("todowrite-")
        if agent == MAIN:
            continue
        items = todowrite.load(root, session_id, agent) or ()
        views.append(SourceView(
            f"{TODOWRITE}:{agent}", f"TodoWrite list of subagent {agent}", items,
            "" if items else "none",
        ))
    return views


def _markdown(root: Path, rel: str) -> SourceView:
    items, problem = read_todo_file(root, rel)
    if items:
        note = ""
    elif problem:
        note = problem
    elif (root / rel).exists():
        note = "no todo items tddgate can read"
    else:
        note = "no such file"
    return SourceView(f"{MARKDOWN}:{rel}", rel, items, note)
