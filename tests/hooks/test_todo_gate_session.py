"""A session in a temp project through the real entrypoints: no edit without a todo in progress.

Walks the three todo sources of Claude Code 2.1.330 with its captured payloads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tddgate.invocation import tddgate_command
from testing import payloads
from testing.hooks import HookResult, run_hook

CMD = tddgate_command()

SESSION = "8c15dcad-8f13-4e4e-a1da-eabe1cf31355"


def _write(project: Path, home: Path, rel: str = "notes.md") -> HookResult:
    data = payloads.load("capture-PreToolUse-Write", project)
    data["tool_input"]["file_path"] = str(project / rel)
    return run_hook("PreToolUse", data, project, home)


def _deny(reason: str) -> dict[str, Any]:
    return {
        "hookSpecificOutput": {
            "hookEventName": "PreToolUse",
            "permissionDecision": "deny",
            "permissionDecisionReason": reason,
        }
    }


NO_STATE = (
    "tddgate: no todo is in progress, so this edit of notes.md is blocked. Say what you are "
    "working on first: TaskCreate a task and TaskUpdate it to status in_progress, or TodoWrite a "
    f'list with one item in_progress, or, without a todo tool, run `{CMD} todo start "<what you '
    'are doing>"` (it records the item under IN PROGRESS in .claude/todos/current.md).'
)


def test_task_tools_walk(project: Path, home: Path) -> None:
    result = _write(project, home)
    assert (result.code, result.json, result.stderr) == (0, _deny(NO_STATE), "")

    for name in ("capture-PreToolUse-TaskCreate", "capture-TaskCreated"):
        event = "TaskCreated" if "TaskCreated" in name else "PreToolUse"
        assert run_hook(event, payloads.load(name, project), project, home) == (0, "", "")
    post = payloads.load("capture-PostToolUse-TaskCreate", project)
    assert run_hook("PostToolUse", post, project, home) == (0, "", "")

    pending = _write(project, home)
    assert pending.json == _deny(
        "tddgate: no todo is in progress, so this edit of notes.md is blocked. Say what you "
        'are working on first: TaskUpdate task 1 ("Add subtraction") to status in_progress.'
    )

    start = payloads.load("capture-PostToolUse-TaskUpdate-in_progress", project)
    assert run_hook("PostToolUse", start, project, home) == (0, "", "")
    assert _write(project, home) == (0, "", "")

    done = payloads.load("capture-PostToolUse-TaskUpdate-completed", project)
    assert run_hook("PostToolUse", done, project, home) == (0, "", "")
    assert _write(project, home).json == _deny(
        "tddgate: no todo is in progress, so this edit of notes.md is blocked. Say what you "
        "are working on first: TaskCreate a task for this change and TaskUpdate it to status "
        "in_progress."
    )


def test_denied_task_update_changes_nothing(project: Path, home: Path) -> None:
    run_hook("PostToolUse", payloads.load("capture-PostToolUse-TaskCreate", project), project, home)
    pre = payloads.load("capture-PreToolUse-TaskUpdate-in_progress", project)
    assert run_hook("PreToolUse", pre, project, home) == (0, "", "")
    failed = payloads.load("capture-PostToolUse-TaskUpdate-in_progress", project)
    failed["tool_response"] = {"success": False, "updatedFields": [], "error": "hook said no"}
    run_hook("PostToolUse", failed, project, home)
    assert _write(project, home).code == 0
    assert (
        "TaskUpdate task 1"
        in _write(project, home).json["hookSpecificOutput"]["permissionDecisionReason"]
    )


def _todowrite(project: Path, home: Path, *statuses: str) -> None:
    data = payloads.load("PostToolUse-TodoWrite", project, session_id=SESSION)
    todos = [
        {"content": f"step {i}", "status": s, "activeForm": f"doing step {i}"}
        for i, s in enumerate(statuses, start=1)
    ]
    data["tool_input"]["todos"] = todos
    data["tool_response"] = {"oldTodos": [], "newTodos": todos}
    assert run_hook("PostToolUse", data, project, home) == (0, "", "")


def test_todowrite_walk(project: Path, home: Path) -> None:
    _todowrite(project, home, "pending")
    assert _write(project, home).json == _deny(
        "tddgate: no todo is in progress, so this edit of notes.md is blocked. Say what you "
        "are working on first: TodoWrite your list again with the item you are working on as "
        "status in_progress."
    )
    _todowrite(project, home, "in_progress", "pending")
    assert _write(project, home) == (0, "", "")
    _todowrite(project, home, "completed", "pending")
    assert _write(project, home).code == 0
    assert _write(project, home).stdout != ""
    _todowrite(project, home, "in_progress", "in_progress")
    assert _write(project, home).json == _deny(
        'tddgate: 2 todos are in progress ("step 1"; "step 2") but at most 1 may be. Finish or '
        "move back to pending all but one (TodoWrite the list with one in_progress item), then "
        "edit notes.md."
    )


def test_markdown_walk(project: Path, home: Path) -> None:
    todo = project / ".claude/todos/current.md"
    todo.parent.mkdir(parents=True)
    todo.write_text("# TODOs\n\n## PENDING\n- [ ] Add subtraction\n")
    assert _write(project, home).json == _deny(
        "tddgate: no todo is in progress, so this edit of notes.md is blocked. Say what you "
        f'are working on first: run `{CMD} todo start "<what you are doing>"` (it records the '
        "item under IN PROGRESS in .claude/todos/current.md)."
    )
    # Editing the todo file itself is always allowed: it is how work gets registered.
    assert _write(project, home, ".claude/todos/current.md") == (0, "", "")
    todo.write_text("# TODOs\n\n## IN PROGRESS\n- [ ] Add subtraction\n")
    assert _write(project, home) == (0, "", "")
    todo.write_text("# TODOs\n\n## COMPLETED\n- [x] Add subtraction\n")
    assert _write(project, home).stdout != ""


def test_unreadable_todo_file_is_named(project: Path, home: Path) -> None:
    todo = project / ".claude/todos/current.md"
    todo.parent.mkdir(parents=True)
    todo.mkdir()  # a directory where the file should be: reading it fails
    reason = _write(project, home).json["hookSpecificOutput"]["permissionDecisionReason"]
    assert reason == NO_STATE + " (could not read .claude/todos/current.md: Is a directory)"


def test_ignored_paths_and_outside_files_are_not_gated(project: Path, home: Path) -> None:
    (project / ".tddgate.toml").write_text('ignore = ["docs/"]\n')
    assert _write(project, home, "docs/guide.md") == (0, "", "")
    data = payloads.load("capture-PreToolUse-Write", project)
    data["tool_input"]["file_path"] = str(home / "notes.txt")
    assert run_hook("PreToolUse", data, project, home) == (0, "", "")
    assert _write(project, home).stdout != ""


def test_subagent_edits_use_the_session_todos(project: Path, home: Path) -> None:
    _todowrite(project, home, "in_progress")
    data = payloads.load("capture-PreToolUse-Write", project)
    data["tool_input"]["file_path"] = str(project / "notes.md")
    data.update(agent_id="ac5625e17d3ec473b", agent_type="general-purpose")
    assert run_hook("PreToolUse", data, project, home) == (0, "", "")


def test_session_disable_turns_the_gate_off(project: Path, home: Path) -> None:
    data = payloads.load("capture-PreToolUse-Write", project)
    data["tool_input"]["file_path"] = str(project / "notes.md")
    result = run_hook("PreToolUse", data, project, home, TDDGATE_DISABLE="edit_needs_todo")
    assert result == (0, "", "")
    assert (
        json.loads(_write(project, home).stdout)["hookSpecificOutput"]["permissionDecision"]
        == "deny"
    )
