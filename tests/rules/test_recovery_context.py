"""SessionStart gives the model back its working memory, through the real hook entrypoints.

For every `source` Claude Code sends (startup, resume, clear, compact): the todos in progress
first, then the pending ones, the last verdict with its counts and age, and the rules; at most
~2,000 characters; nothing at all where tddgate holds no state. Ages come from reports dated
a fixed time back, so they read the same however long the test takes (within 30 s).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from testing import payloads, reports
from testing.hooks import HookResult, run_hook
from testing.project import make_calc_project, run_pytest

SOURCES = ("startup", "resume", "clear", "compact")
SESSION = "8c15dcad-8f13-4e4e-a1da-eabe1cf31355"
OTHER_SESSION = "0b9e3c2d-5a1f-4c7e-9d2b-6f8a4e1c3b7d"
SILENT = (0, "", "")
RULES = (
    "Rules in force (tddgate): every file edit needs a todo in progress (at most 1); a todo is "
    "completed, and you may stop, only when the last `python -m pytest` run is fresh (after your "
    "last edit), ran the full suite, and passed 100 % with zero skips, xfails and errors. New "
    "behaviour needs a failing test first."
)


def session_start(project: Path, home: Path, source: str, session: str = SESSION) -> HookResult:
    data = payloads.load("capture-SessionStart", project, source=source, session_id=session)
    return run_hook("SessionStart", data, project, home)


def context(result: HookResult) -> str:
    """The additionalContext of a SessionStart answer (and nothing else in it)."""
    assert (result.code, result.stderr) == (0, "")
    answer: dict[str, Any] = result.json
    assert list(answer) == ["hookSpecificOutput"]
    assert answer["hookSpecificOutput"]["hookEventName"] == "SessionStart"
    text: str = answer["hookSpecificOutput"]["additionalContext"]
    return text


def green_report(project: Path, minutes_ago: float) -> None:
    """A green full run of the calc project's one test, dated `minutes_ago` back."""
    data = reports.report(
        [reports.passed("tests/test_calc.py::test_add")],
        root=project,
        created=time.time() - minutes_ago * 60,
    )
    reports.write(project / ".claude/tddgate/report.json", data)


def task(project: Path, home: Path, task_id: str, subject: str, status: str = "") -> None:
    create = payloads.load("capture-PostToolUse-TaskCreate", project)
    create["tool_input"] = {"subject": subject, "description": "", "activeForm": ""}
    create["tool_response"] = {"task": {"id": task_id, "subject": subject, "description": ""}}
    assert run_hook("PostToolUse", create, project, home) == SILENT
    if status:
        update = payloads.load("capture-PostToolUse-TaskUpdate-in_progress", project)
        update["tool_input"] = {"taskId": task_id, "status": status}
        update["tool_response"] = {"success": True, "taskId": task_id, "updatedFields": ["status"]}
        assert run_hook("PostToolUse", update, project, home) == SILENT


def todowrite(project: Path, home: Path, todos: list[tuple[str, str]]) -> None:
    data = payloads.load("PostToolUse-TodoWrite", project, session_id=SESSION)
    data["tool_input"]["todos"] = [{"content": c, "status": s, "activeForm": c} for c, s in todos]
    assert run_hook("PostToolUse", data, project, home) == SILENT


@pytest.mark.parametrize("source", SOURCES)
def test_task_list_in_progress_first_then_pending_then_the_verdict(
    project: Path, home: Path, source: str
) -> None:
    make_calc_project(project, todo=None)
    task(project, home, "1", "Write docs")
    task(project, home, "2", "Add subtraction", "in_progress")
    task(project, home, "3", "Add addition", "completed")
    green_report(project, minutes_ago=45.5)

    # The session's own task list (resume, compact keep the session id) and, in a session
    # that has none yet (startup, clear), the project's last snapshot: the same memory.
    same = context(session_start(project, home, source))
    fresh = context(session_start(project, home, source, session=OTHER_SESSION))

    expected = (
        f"tddgate recovery context ({source}):\n"
        "Todos (from tasks):\n"
        "- IN PROGRESS: Add subtraction\n"
        "- pending: Write docs\n"
        "Last test run: green, 1 passed, 45 min old.\n" + RULES
    )
    assert (same, fresh) == (expected, expected)


@pytest.mark.parametrize("source", SOURCES)
def test_todowrite_list_and_a_red_run(project: Path, home: Path, source: str) -> None:
    make_calc_project(project, todo=None)
    (project / "tests/test_sub.py").write_text(
        "from calc import add\n\n\ndef test_sub():\n    assert add(3, -1) == 4\n"
    )
    assert run_pytest(project, home).returncode == 1
    todowrite(project, home, [("Add docs", "pending"), ("Add subtraction", "in_progress")])

    text = context(session_start(project, home, source))

    assert re.sub(r"\b\d+ (min|s) old", r"N \1 old", text) == (
        f"tddgate recovery context ({source}):\n"
        "Todos (from todowrite):\n"
        "- IN PROGRESS: Add subtraction\n"
        "- pending: Add docs\n"
        "Last test run: red, N min old: tests are not green: 1 failed of 2 (report N s old).\n"
        + RULES
    )


@pytest.mark.parametrize("source", SOURCES)
def test_todo_file_without_a_report(project: Path, home: Path, source: str) -> None:
    make_calc_project(project)  # IN PROGRESS: Add subtraction, in .claude/todos/current.md

    assert context(session_start(project, home, source)) == (
        f"tddgate recovery context ({source}):\n"
        "Todos (from todo file .claude/todos/current.md):\n"
        "- IN PROGRESS: Add subtraction\n" + RULES
    )


@pytest.mark.parametrize("source", SOURCES)
def test_a_report_without_todos_gives_the_verdict_alone(
    project: Path, home: Path, source: str
) -> None:
    make_calc_project(project, todo=None)
    green_report(project, minutes_ago=210.5)

    assert context(session_start(project, home, source)) == (
        f"tddgate recovery context ({source}):\nLast test run: green, 1 passed, 3 h old.\n" + RULES
    )


@pytest.mark.parametrize("source", SOURCES)
def test_only_completed_todos_say_nothing_is_open(project: Path, home: Path, source: str) -> None:
    make_calc_project(project, todo=None)
    green_report(project, minutes_ago=5.5)
    todowrite(project, home, [("Add subtraction", "completed")])

    assert context(session_start(project, home, source)) == (
        f"tddgate recovery context ({source}):\n"
        "Todos (from todowrite):\n"
        "- nothing open\n"
        "Last test run: green, 1 passed, 5 min old.\n" + RULES
    )


@pytest.mark.parametrize("source", SOURCES)
def test_a_long_list_is_cut_to_2000_characters_keeping_the_verdict(
    project: Path, home: Path, source: str
) -> None:
    make_calc_project(project, todo=None)
    green_report(project, minutes_ago=45.5)
    pending = [(f"Pending task number {n:03}", "pending") for n in range(1, 301)]
    todowrite(project, home, [*pending, ("Finish the parser", "in_progress")])

    text = context(session_start(project, home, source))

    shown = 43  # as many as fit: one more pending line (37 characters) would not
    assert text == (
        f"tddgate recovery context ({source}):\n"
        "Todos (from todowrite):\n"
        "- IN PROGRESS: Finish the parser\n"
        + "".join(f"- pending: Pending task number {n:03}\n" for n in range(1, shown + 1))
        + f"- … (and {300 - shown} more)\n"
        "Last test run: green, 1 passed, 45 min old.\n" + RULES
    )
    assert 2000 - 37 < len(text) <= 2000


def test_one_huge_todo_is_cut_too(project: Path, home: Path) -> None:
    make_calc_project(project, todo=None)
    todowrite(project, home, [("x" * 5000, "in_progress"), ("Add docs", "pending")])

    text = context(session_start(project, home, "startup"))

    head = "tddgate recovery context (startup):\nTodos (from todowrite):\n- IN PROGRESS: "
    tail = "…\n- … (and 1 more)\n" + RULES
    assert text == head + "x" * (2000 - len(head) - len(tail)) + tail
    assert len(text) == 2000


def test_a_configured_report_file_gives_the_verdict(project: Path, home: Path) -> None:
    """A human may point tddgate at pytest-json-report's own file instead of the plugin's."""
    make_calc_project(project, todo=None)
    with (project / "pyproject.toml").open("a") as toml:
        toml.write('report_file = ".report.json"\n')
    data = reports.report(
        [reports.passed("tests/test_calc.py::test_add")],
        root=project,
        created=time.time() - 45.5 * 60,
        plugin=False,
    )
    (project / ".report.json").write_text(json.dumps(data))

    assert context(session_start(project, home, "startup")) == (
        "tddgate recovery context (startup):\nLast test run: green, 1 passed, 45 min old.\n" + RULES
    )


@pytest.mark.parametrize("source", SOURCES)
def test_nothing_without_state(project: Path, home: Path, source: str) -> None:
    make_calc_project(project, todo=None)
    assert session_start(project, home, source) == SILENT
    # A state dir holding only an empty history is no state either.
    (project / ".claude/tddgate").mkdir(parents=True, exist_ok=True)
    (project / ".claude/tddgate/snapshots.jsonl").write_text("")
    assert session_start(project, home, source) == SILENT
