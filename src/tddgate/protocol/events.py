"""Claude Code 2.1.330 hook events: strict parsing of the stdin JSON into typed events.

Shapes follow the payloads captured from the real CLI (tests/fixtures/payloads). Unknown
fields are ignored (the CLI adds fields often); a missing or mistyped required field is bad
input. This module is on the hot path of every hook, so it is hand-written over plain
classes: pydantic's import alone (~40 ms) costs more than the whole hook budget (3x the
~8 ms interpreter start), see benchmarks/.
"""

from __future__ import annotations

import json

from tddgate.errors import BadInputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_STDIN = 10 * 1024 * 1024

PRE_TOOL_USE = "PreToolUse"
POST_TOOL_USE = "PostToolUse"
POST_TOOL_USE_FAILURE = "PostToolUseFailure"
STOP = "Stop"
SUBAGENT_STOP = "SubagentStop"
TASK_CREATED = "TaskCreated"
TASK_COMPLETED = "TaskCompleted"
SESSION_START = "SessionStart"
USER_PROMPT_SUBMIT = "UserPromptSubmit"


def _req_str(data: dict[str, Any], key: str) -> str:
    if key not in data:
        raise BadInputError(f"missing required field '{key}'")
    value = data[key]
    if not isinstance(value, str):
        raise BadInputError(f"field '{key}' must be a string, got {type(value).__name__}")
    return value


def _opt_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadInputError(f"field '{key}' must be a string, got {type(value).__name__}")
    return value


class Event:
    """Fields every event carries; `agent_id` is set for calls made inside a subagent."""

    name: str

    def __init__(self, data: dict[str, Any]) -> None:
        self.raw = data
        self.name = _req_str(data, "hook_event_name")
        self.session_id = _req_str(data, "session_id")
        self.transcript_path = _req_str(data, "transcript_path")
        self.cwd = _req_str(data, "cwd")
        self.permission_mode = _opt_str(data, "permission_mode")
        self.agent_id = _opt_str(data, "agent_id")
        self.agent_type = _opt_str(data, "agent_type")


class ToolEvent(Event):
    """PreToolUse / PostToolUse / PostToolUseFailure: `tool_response` is set after a success."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.tool_name = _req_str(data, "tool_name")
        tool_input = data.get("tool_input")
        if not isinstance(tool_input, dict):
            kind = "missing" if tool_input is None else f"a {type(tool_input).__name__}"
            raise BadInputError(f"field 'tool_input' must be an object, got {kind}")
        self.tool_input: dict[str, Any] = tool_input
        self.tool_use_id = _req_str(data, "tool_use_id")
        self.tool_response: Any = None
        if self.name == POST_TOOL_USE:
            if "tool_response" not in data:
                raise BadInputError("missing required field 'tool_response'")
            self.tool_response = data["tool_response"]


class StopEvent(Event):
    """Stop and SubagentStop; SubagentStop also requires agent_id/agent_type."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        active = data.get("stop_hook_active")
        if not isinstance(active, bool):
            raise BadInputError("field 'stop_hook_active' must be true or false")
        self.stop_hook_active = active
        self.last_assistant_message = _opt_str(data, "last_assistant_message")
        if self.name == SUBAGENT_STOP:
            self.agent_id = _req_str(data, "agent_id")
            self.agent_type = _req_str(data, "agent_type")


class TaskEvent(Event):
    """TaskCreated / TaskCompleted."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.task_id = _req_str(data, "task_id")
        self.task_subject = _req_str(data, "task_subject")
        self.task_description = _opt_str(data, "task_description") or ""


class SessionStartEvent(Event):
    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.source = _req_str(data, "source")


class PromptEvent(Event):
    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data)
        self.prompt = _req_str(data, "prompt")


EVENT_TYPES: dict[str, type[Event]] = {
    PRE_TOOL_USE: ToolEvent,
    POST_TOOL_USE: ToolEvent,
    POST_TOOL_USE_FAILURE: ToolEvent,
    STOP: StopEvent,
    SUBAGENT_STOP: StopEvent,
    TASK_CREATED: TaskEvent,
    TASK_COMPLETED: TaskEvent,
    SESSION_START: SessionStartEvent,
    USER_PROMPT_SUBMIT: PromptEvent,
}


def decode(raw: bytes) -> dict[str, Any]:
    """stdin bytes -> JSON object, or BadInputError saying what was wrong."""
    if len(raw) > MAX_STDIN:
        raise BadInputError(f"event on stdin is larger than {MAX_STDIN // (1024 * 1024)} MB")
    if not raw.strip():
        raise BadInputError("stdin was empty; expected one JSON event from Claude Code")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:
        raise BadInputError(f"stdin is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise BadInputError(f"stdin must be a JSON object, got {type(data).__name__}")
    return data


def parse(data: dict[str, Any]) -> Event | None:
    """A typed event, or None for an event tddgate does not handle (allowed silently)."""
    name = data.get("hook_event_name")
    if not isinstance(name, str):
        raise BadInputError("missing required field 'hook_event_name'")
    event_type = EVENT_TYPES.get(name)
    return event_type(data) if event_type else None
