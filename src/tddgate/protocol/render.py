"""Decision -> what Claude Code 2.1.330 honours for each event (verified against the CLI).

Allow is silence: empty stdout, exit 0. Every block is JSON on stdout with exit 0.
"""

from __future__ import annotations

import json

from tddgate.decision import BLOCK, CONTEXT, WARN, Decision
from tddgate.protocol.events import (
    POST_TOOL_USE,
    PRE_TOOL_USE,
    SESSION_START,
    STOP,
    SUBAGENT_STOP,
    TASK_COMPLETED,
    TASK_CREATED,
    USER_PROMPT_SUBMIT,
)

_DECISION_BLOCK_EVENTS = (POST_TOOL_USE, STOP, SUBAGENT_STOP, TASK_CREATED, TASK_COMPLETED)
_CONTEXT_EVENTS = (SESSION_START, USER_PROMPT_SUBMIT)


def render(event_name: str, decision: Decision | None, system_message: str = "") -> str:
    """The stdout for one hook call ('' = allow). `system_message` is shown to the human."""
    out: dict[str, object] = {}
    if decision is not None:
        if decision.kind == BLOCK and event_name == PRE_TOOL_USE:
            out["hookSpecificOutput"] = {
                "hookEventName": PRE_TOOL_USE,
                "permissionDecision": "deny",
                "permissionDecisionReason": decision.reason,
            }
        elif decision.kind == BLOCK and event_name in _DECISION_BLOCK_EVENTS:
            out["decision"] = "block"
            out["reason"] = decision.reason
        elif decision.kind == CONTEXT and event_name in _CONTEXT_EVENTS:
            out["hookSpecificOutput"] = {
                "hookEventName": event_name,
                "additionalContext": decision.reason,
            }
        elif decision.kind in (WARN, BLOCK):
            # An event with no block form (or a warning): tell the human, never fail the hook.
            system_message = "\n".join(m for m in (system_message, decision.reason) if m)
    if system_message:
        out["systemMessage"] = system_message
    if not out:
        return ""
    text = json.dumps(out, ensure_ascii=False)
    # A lone surrogate (valid JSON input: "\ud83d", e.g. an emoji cut in half) can be
    # echoed in a reason; UTF-8 cannot carry it, and stdout would fail. Its JSON escape can.
    return text if text.isascii() else text.encode("utf-8", "backslashreplace").decode("utf-8")
