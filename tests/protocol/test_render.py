"""Each decision renders in the exact form Claude Code 2.1.330 honours for its event."""

from __future__ import annotations

import json

import pytest

from tddgate.decision import Decision
from tddgate.protocol.render import render


def test_allow_is_silence() -> None:
    for event in ("PreToolUse", "PostToolUse", "Stop", "SessionStart", "TaskCompleted"):
        assert render(event, None) == ""


def test_pre_tool_use_block_is_a_permission_deny() -> None:
    assert json.loads(render("PreToolUse", Decision.block("why"))) == {
        "hookSpecificOutput": {
            "hookEventName": "PreToolUse",
            "permissionDecision": "deny",
            "permissionDecisionReason": "why",
        }
    }


@pytest.mark.parametrize(
    "event", ["PostToolUse", "Stop", "SubagentStop", "TaskCreated", "TaskCompleted"]
)
def test_decision_block_events(event: str) -> None:
    assert json.loads(render(event, Decision.block("why"))) == {
        "decision": "block",
        "reason": "why",
    }


@pytest.mark.parametrize("event", ["SessionStart", "UserPromptSubmit"])
def test_context_events(event: str) -> None:
    assert json.loads(render(event, Decision.context("ctx"))) == {
        "hookSpecificOutput": {"hookEventName": event, "additionalContext": "ctx"}
    }


def test_warning_and_system_message_reach_the_human() -> None:
    assert json.loads(render("Stop", Decision.warn("careful"))) == {"systemMessage": "careful"}
    assert json.loads(render("PreToolUse", None, system_message="note")) == {
        "systemMessage": "note"
    }
    assert json.loads(render("SessionStart", Decision.block("x"))) == {"systemMessage": "x"}
