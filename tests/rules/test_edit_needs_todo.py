"""No edit without a todo in progress: the block names a next action that works as written."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tddgate.invocation import tddgate_command
from tddgate.runner import evaluate
from testing import payloads
from testing.hooks import hook_env


def _write_from(project: Path, cwd: Path) -> str:
    """The agent's Write of src/notes.md after its Bash `cd`-ed into `cwd`."""
    data = payloads.load("capture-PreToolUse-Write", project, cwd=str(cwd))
    data["tool_input"] = {"file_path": str(project / "src/notes.md"), "content": "x\n"}
    out, notices = evaluate(json.dumps(data).encode(), "PreToolUse")
    assert notices == []
    return out


def test_from_a_subfolder_the_todo_command_names_the_project(project: Path, home: Path) -> None:
    """The agent's Bash has no $CLAUDE_PROJECT_DIR, and a fresh project has no marker the CLI
    could find by walking up: `tddgate todo start` run from src/ would keep its todo in
    src/.claude/todos, where no gate looks, and every edit would stay blocked."""
    src = project / "src"
    src.mkdir()
    reason = json.loads(_write_from(project, src))["hookSpecificOutput"]["permissionDecisionReason"]
    command = f'{tddgate_command()} todo start --project {project} "<what you are doing>"'
    assert reason == (
        "tddgate: no todo is in progress, so this edit of src/notes.md is blocked. Say what you "
        "are working on first: TaskCreate a task and TaskUpdate it to status in_progress, or "
        "TodoWrite a list with one item in_progress, or, without a todo tool, run "
        f"`{command}` (it records the item under IN PROGRESS in .claude/todos/current.md)."
    )

    env = hook_env(project, home)
    del env["CLAUDE_PROJECT_DIR"]
    run = command.replace("<what you are doing>", "Add subtraction")
    done = subprocess.run(
        ["bash", "-c", run], cwd=src, env=env, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "added and started: Add subtraction (in progress)\n",
        "",
    )
    assert _write_from(project, src) == ""


def test_from_the_project_the_todo_command_stays_short(project: Path) -> None:
    reason = json.loads(_write_from(project, project))["hookSpecificOutput"]
    assert reason["permissionDecisionReason"] == (
        "tddgate: no todo is in progress, so this edit of src/notes.md is blocked. Say what you "
        "are working on first: TaskCreate a task and TaskUpdate it to status in_progress, or "
        "TodoWrite a list with one item in_progress, or, without a todo tool, run "
        f'`{tddgate_command()} todo start "<what you are doing>"` (it records the item under '
        "IN PROGRESS in .claude/todos/current.md)."
    )
