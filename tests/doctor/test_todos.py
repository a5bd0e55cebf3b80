"""Check 6: a todo source exists where the hooks look for one."""

from __future__ import annotations

from pathlib import Path

from tddgate.doctor import CheckResult, Context
from tddgate.doctor.todos import check_todo_sources
from tddgate.state import tasks, todowrite
from tddgate.todos.model import TodoItem

NONE = (
    "no todo source yet: agents need `- [ ] …` under `## IN PROGRESS` in "
    ".claude/todos/current.md (tddgate todo add/start) or a todo tool"
)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_nothing_yet_says_how_to_start(ctx: Context) -> None:
    assert check_todo_sources(ctx) == CheckResult(False, NONE)


def test_a_markdown_file_with_todos(ctx: Context, project: Path) -> None:
    write(
        project / ".claude/todos/current.md",
        "## IN PROGRESS\n- [ ] write the doctor\n\n## PENDING\n- [ ] ship it\n",
    )

    assert check_todo_sources(ctx) == CheckResult(
        True, "todo sources found: .claude/todos/current.md (2 todos, 1 in progress)"
    )


def test_the_session_stores_count_only_lists_with_todos(ctx: Context, project: Path) -> None:
    tasks.update(project, "s1", lambda t: tasks.upsert(t, "1", subject="write the doctor"))
    tasks.update(project, "s2", lambda t: [])
    todowrite.save(project, "s1", None, (TodoItem("1", "ship it", "in_progress"),))
    todowrite.save(project, "s2", "agent-7", (TodoItem("1", "review", "pending"),))
    todowrite.save(project, "s3", None, ())

    assert check_todo_sources(ctx) == CheckResult(
        True, "todo sources found: task store (1 session), TodoWrite lists (2 lists)"
    )


def test_a_broken_state_file_holds_no_todos(ctx: Context, project: Path) -> None:
    write(project / ".claude/tddgate/sessions/s1/tasks.json", "{broken")

    assert check_todo_sources(ctx) == CheckResult(False, NONE)


def test_a_todo_file_without_readable_todos_is_named(ctx: Context, project: Path) -> None:
    write(project / ".claude/todos/current.md", "# Notes\n\nnothing to do here\n")

    assert check_todo_sources(ctx) == CheckResult(
        False,
        "no todo source yet (.claude/todos/current.md has no todo tddgate can read): agents "
        "need `- [ ] …` under `## IN PROGRESS` in .claude/todos/current.md "
        "(tddgate todo add/start) or a todo tool",
    )


def test_an_unreadable_todo_file_is_named(ctx: Context, project: Path) -> None:
    (project / ".claude/todos/current.md").mkdir(parents=True)

    assert check_todo_sources(ctx) == CheckResult(
        False,
        "no todo source yet (could not read .claude/todos/current.md: Is a directory): agents "
        "need `- [ ] …` under `## IN PROGRESS` in .claude/todos/current.md "
        "(tddgate todo add/start) or a todo tool",
    )


def test_only_the_configured_sources_are_searched(ctx: Context, project: Path) -> None:
    write(project / ".tddgate.toml", 'todo_sources = ["tasks"]\n')
    write(project / ".claude/todos/current.md", "## IN PROGRESS\n- [ ] write the doctor\n")
    todowrite.save(project, "s1", None, (TodoItem("1", "ship it", "in_progress"),))

    assert check_todo_sources(ctx) == CheckResult(
        False, "no todo source yet: agents need a todo tool"
    )


def test_the_first_configured_todo_file_is_suggested(ctx: Context, project: Path) -> None:
    write(
        project / ".tddgate.toml",
        'todo_sources = ["markdown"]\ntodo_files = ["TODO.md", "docs/todo.md"]\n',
    )

    assert check_todo_sources(ctx) == CheckResult(
        False,
        "no todo source yet: agents need `- [ ] …` under `## IN PROGRESS` in TODO.md "
        "(tddgate todo add/start)",
    )


def test_no_source_at_all_points_at_the_config(ctx: Context, project: Path) -> None:
    write(project / ".tddgate.toml", "todo_sources = []\n")

    assert check_todo_sources(ctx) == CheckResult(
        False,
        "no todo source yet: agents need a todo source: set todo_sources in the tddgate config",
    )
