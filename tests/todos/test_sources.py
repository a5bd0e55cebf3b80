"""Which todo state is in force, as the edit gate sees it: through runner.evaluate in-process."""

from __future__ import annotations

import json
from pathlib import Path

from tddgate.runner import evaluate
from testing import payloads

SESSION = "8c15dcad-8f13-4e4e-a1da-eabe1cf31355"
SUBAGENT = "ac5625e17d3ec473b"


def _agent(agent_id: str | None) -> dict[str, str]:
    return {"agent_id": agent_id, "agent_type": "general-purpose"} if agent_id else {}


def _todowrite(project: Path, agent_id: str | None, *todos: tuple[str, str]) -> None:
    items = [{"content": c, "status": s, "activeForm": f"Doing {c}"} for c, s in todos]
    data = payloads.load("PostToolUse-TodoWrite", project, session_id=SESSION, **_agent(agent_id))
    data["tool_input"] = {"todos": items}
    data["tool_response"] = {"oldTodos": [], "newTodos": items}
    assert evaluate(json.dumps(data).encode(), "PostToolUse") == ("", [])


def _write(project: Path, agent_id: str | None) -> str:
    agent = _agent(agent_id)
    data = payloads.load("capture-PreToolUse-Write", project, session_id=SESSION, **agent)
    data["tool_input"] = {"file_path": str(project / "notes.md"), "content": "x\n"}
    out, notices = evaluate(json.dumps(data).encode(), "PreToolUse")
    assert notices == []
    return out


def _denied(out: str) -> str:
    decision = json.loads(out)["hookSpecificOutput"]
    assert decision["permissionDecision"] == "deny"
    return str(decision["permissionDecisionReason"])


def test_a_subagent_works_from_its_own_list_while_the_main_item_is_in_progress(
    project: Path,
) -> None:
    """The main agent's item in progress is usually the one it delegated: not a second one."""
    _todowrite(project, None, ("Add subtraction", "in_progress"))
    _todowrite(project, SUBAGENT, ("Write the test", "in_progress"), ("Implement", "pending"))
    assert _write(project, SUBAGENT) == ""
    assert _write(project, None) == ""


def test_a_subagent_without_an_item_in_progress_works_under_the_main_one(project: Path) -> None:
    _todowrite(project, None, ("Add subtraction", "in_progress"))
    _todowrite(project, SUBAGENT, ("Write the test", "pending"))
    assert _write(project, SUBAGENT) == ""


def test_a_subagent_still_gets_one_item_at_a_time(project: Path) -> None:
    _todowrite(project, None, ("Add subtraction", "in_progress"))
    _todowrite(project, SUBAGENT, ("Write the test", "in_progress"), ("Implement", "in_progress"))
    assert _denied(_write(project, SUBAGENT)) == (
        'tddgate: 2 todos are in progress ("Write the test"; "Implement") but at most 1 may be. '
        "Finish or move back to pending all but one (TodoWrite the list with one in_progress "
        "item), then edit notes.md."
    )


def test_a_subagent_with_nothing_in_progress_anywhere_is_told_to_todowrite(
    project: Path,
) -> None:
    _todowrite(project, None, ("Add subtraction", "completed"))
    _todowrite(project, SUBAGENT, ("Write the test", "pending"))
    assert _denied(_write(project, SUBAGENT)) == (
        "tddgate: no todo is in progress, so this edit of notes.md is blocked. Say what you are "
        "working on first: TodoWrite your list again with the item you are working on as status "
        "in_progress."
    )
