"""Check 6: some todo source exists, so the edit gate has an in-progress todo to find.

Looks where the hooks look (`tddgate.todos.sources`), for every session at once: doctor
runs outside any session, so it cannot tell which one the next agent will be.
"""

from __future__ import annotations

from pathlib import Path

from tddgate.config import Config
from tddgate.doctor.base import CheckResult, Context, config_or_defaults, passed, plural
from tddgate.errors import StateError
from tddgate.paths import state_dir
from tddgate.state.atomic import read_json
from tddgate.todos.model import IN_PROGRESS
from tddgate.todos.sources import MARKDOWN, TASKS, TODOWRITE, read_todo_file


def check_todo_sources(ctx: Context) -> CheckResult:
    """✓ naming each source that holds a todo; ✗ with how an agent creates the first one."""
    config = config_or_defaults(ctx.root)
    sessions = state_dir(ctx.root) / "sessions"
    found: list[str] = []
    if TASKS in config.todo_sources and (n := _holding(sessions, "*/tasks.json", "tasks")):
        found.append(f"task store ({plural(n, 'session')})")
    if TODOWRITE in config.todo_sources and (
        n := _holding(sessions, "*/todowrite-*.json", "todos")
    ):
        found.append(f"TodoWrite lists ({plural(n, 'list')})")
    notes: list[str] = []
    if MARKDOWN in config.todo_sources:
        for rel in config.todo_files:
            items, problem = read_todo_file(ctx.root, rel)
            if items:
                active = sum(1 for item in items if item.status == IN_PROGRESS)
                found.append(f"{rel} ({plural(len(items), 'todo')}, {active} in progress)")
            elif problem:
                notes.append(problem)
            elif (ctx.root / rel).exists():
                notes.append(f"{rel} has no todo tddgate can read")
    if found:
        return passed(f"todo sources found: {', '.join(found)}")
    why = f" ({'; '.join(notes)})" if notes else ""
    return CheckResult(False, f"no todo source yet{why}: agents need {_how(config)}")


def _holding(sessions: Path, pattern: str, key: str) -> int:
    """How many state files matching `pattern` hold at least one todo under `key`."""
    count = 0
    for path in sessions.glob(pattern):
        try:
            data = read_json(path)
        except StateError:
            continue  # a broken file holds nothing the hooks could use either
        if isinstance(data, dict) and isinstance(data.get(key), list) and data[key]:
            count += 1
    return count


def _how(config: Config) -> str:
    """How an agent gets a todo tddgate sees, for the sources this project enables."""
    ways = []
    if MARKDOWN in config.todo_sources and config.todo_files:
        ways.append(
            f"`- [ ] …` under `## IN PROGRESS` in {config.todo_files[0]} (tddgate todo add/start)"
        )
    if TASKS in config.todo_sources or TODOWRITE in config.todo_sources:
        ways.append("a todo tool")
    return " or ".join(ways) or "a todo source: set todo_sources in the tddgate config"
