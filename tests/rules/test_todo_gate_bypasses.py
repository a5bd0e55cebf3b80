"""The todo gate, red-teamed: other tools and other spellings of a path meet it too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tddgate.runner import evaluate
from testing import payloads
from testing.project import make_calc_project

BLOCKED = "tddgate: no todo is in progress, so this edit of {} is blocked."


def _edit(project: Path, tool: str, **tool_input: Any) -> str:
    data = payloads.load("capture-PreToolUse-Edit", project)
    data["tool_name"] = tool
    data["tool_input"] = tool_input
    out, notices = evaluate(json.dumps(data).encode(), "PreToolUse")
    assert notices == []
    return out


def _reason(out: str) -> str:
    reason: str = json.loads(out)["hookSpecificOutput"]["permissionDecisionReason"]
    return reason


@pytest.fixture
def calc(project: Path) -> Path:
    make_calc_project(project, todo=None)
    (project / "nb.ipynb").write_text('{"cells": [], "nbformat": 4, "nbformat_minor": 5}')
    return project


def test_notebook_edit(calc: Path) -> None:
    out = _edit(calc, "NotebookEdit", notebook_path=str(calc / "nb.ipynb"), new_source="x = 1")
    assert _reason(out).startswith(BLOCKED.format("nb.ipynb"))


def test_multi_edit(calc: Path) -> None:
    edits = [{"old_string": "a + b", "new_string": "b + a"}]
    out = _edit(calc, "MultiEdit", file_path=str(calc / "src/calc.py"), edits=edits)
    assert _reason(out).startswith(BLOCKED.format("src/calc.py"))


@pytest.mark.parametrize(
    "spelling", ["./src/calc.py", "src/./calc.py", "src//calc.py", "tests/../src/calc.py"]
)
def test_other_spellings_of_a_path(calc: Path, spelling: str) -> None:
    out = _edit(calc, "Write", file_path=f"{calc}/{spelling}", content="x = 1\n")
    assert _reason(out).startswith(BLOCKED.format("src/calc.py"))


def test_the_project_through_a_symlink_from_outside(calc: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").symlink_to(calc)
    out = _edit(calc, "Write", file_path=str(tmp_path / "elsewhere/src/calc.py"), content="")
    assert _reason(out).startswith(BLOCKED.format("src/calc.py"))


def test_the_todo_file_itself_stays_editable(calc: Path) -> None:
    """By design: editing the todo file is how work gets registered."""
    todo = calc / ".claude/todos/current.md"
    out = _edit(calc, "Write", file_path=str(todo), content="## IN PROGRESS\n- [ ] x\n")
    assert out == ""
