"""Which todo state is in force: the first configured source that holds any item.

Order (configurable as `todo_sources`): Claude Code task tools, TodoWrite, markdown files.
Subagents use the session's state; a subagent's own TodoWrite list is added to the main one,
and once it has an item in progress that list alone says what the subagent works on.
"""

from __future__ import annotations

import os
from pathlib import Path

from tddgate.namedtuple import NamedTuple
from tddgate.todos.model import IN_PROGRESS, TodoItem, TodoState

TASKS = "tasks"
TODOWRITE = "todowrite"
MARKDOWN = "markdown"


class Gathered(NamedTuple):
    """The state in force (None: no source has an item) and why sources could not be read."""

    state: TodoState | None
    problems: tuple[str, ...] = ()


def _tasks(root: Path, session_id: str) -> tuple[TodoItem, ...]:
    from tddgate.state import tasks

    return tasks.as_items(tasks.load(root, session_id) or tasks.load_cli_tasks(session_id))


def _todowrite(root: Path, session_id: str, agent_id: str | None) -> tuple[TodoItem, ...]:
    from tddgate.state import todowrite

    main = todowrite.load(root, session_id, None) or ()
    own = todowrite.load(root, session_id, agent_id) or () if agent_id else ()
    mine = tuple(i._replace(id=f"{agent_id}:{i.id}") for i in own)
    if any(i.status == IN_PROGRESS for i in mine):
        # The main agent's item in progress is usually the one it delegated to this
        # subagent: counted with the subagent's own, it would make two and block every edit.
        return mine
    return main + mine


def read_todo_file(root: Path, rel: str) -> tuple[tuple[TodoItem, ...], str | None]:
    """(items, problem): a missing file is no items and no problem.

    Parsed items are cached by the file's stat (todos/cache.py), so an unchanged file costs
    a stat and a small JSON read, and the parser is not even imported.
    """
    from tddgate.paths import state_dir
    from tddgate.todos import cache

    try:
        with open(root / rel, "rb") as handle:
            st = os.fstat(handle.fileno())
            cached = cache.load(state_dir(root), rel, st)
            if cached is not None:
                return cached, None
            raw = handle.read()
    except FileNotFoundError:
        return (), None
    except OSError as exc:
        return (), f"could not read {rel}: {exc.strerror}"
    from tddgate.todos.markdown import parse_markdown

    items = parse_markdown(raw.decode("utf-8", errors="replace")).items
    cache.store(state_dir(root), rel, st, items)
    return items, None


def gather(
    root: Path,
    sources: tuple[str, ...],
    todo_files: tuple[str, ...],
    session_id: str,
    agent_id: str | None,
) -> Gathered:
    problems: list[str] = []
    for source in sources:
        if source == TASKS:
            items = _tasks(root, session_id)
            if items:
                return Gathered(TodoState(TASKS, items), tuple(problems))
        elif source == TODOWRITE:
            items = _todowrite(root, session_id, agent_id)
            if items:
                return Gathered(TodoState(TODOWRITE, items), tuple(problems))
        elif source == MARKDOWN:
            for rel in todo_files:
                items, problem = read_todo_file(root, rel)
                if problem:
                    problems.append(problem)
                if items:
                    return Gathered(TodoState(f"{MARKDOWN}:{rel}", items), tuple(problems))
    return Gathered(None, tuple(problems))
