"""Every payload captured from Claude Code 2.1.330 parses; bad shapes are bad input."""

from __future__ import annotations

import json

import pytest

from tddgate.errors import BadInputError
from tddgate.protocol import events
from testing import payloads


@pytest.mark.parametrize("name", payloads.all_names())
def test_every_captured_payload_parses_or_is_ignored(name: str) -> None:
    data = payloads.load(name)
    event = events.parse(data)
    handled = data["hook_event_name"] in events.EVENT_TYPES
    assert (event is not None) == handled
    if event is not None:
        assert event.session_id == data["session_id"]
        assert event.cwd == "/home/dev/work/demo"


def test_tool_event_fields() -> None:
    event = events.parse(payloads.load("capture-PostToolUse-TaskCreate"))
    assert isinstance(event, events.ToolEvent)
    assert (event.tool_name, event.tool_use_id) == ("TaskCreate", "toolu_d449f0a8907b43b5ab7634ba")
    assert event.tool_response["task"]["id"] == "1"


def test_subagent_stop_carries_agent() -> None:
    event = events.parse(payloads.load("capture-SubagentStop"))
    assert isinstance(event, events.StopEvent)
    assert (event.agent_id, event.agent_type) == ("ac5625e17d3ec473b", "general-purpose")
    assert event.stop_hook_active is False


def test_unknown_fields_are_ignored() -> None:
    data = payloads.load("capture-Stop", brand_new_field={"x": 1})
    assert isinstance(events.parse(data), events.StopEvent)


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("capture-Stop", {"session_id": None}, "missing required field 'session_id'"),
        (
            "capture-Stop",
            {"stop_hook_active": "yes"},
            "field 'stop_hook_active' must be true or false",
        ),
        (
            "capture-PreToolUse-Write",
            {"tool_input": "x"},
            "field 'tool_input' must be an object, got a str",
        ),
        (
            "capture-PreToolUse-Write",
            {"tool_name": 3},
            "field 'tool_name' must be a string, got int",
        ),
        (
            "capture-PostToolUse-Write",
            {"tool_response": None},
            "missing required field 'tool_response'",
        ),
        ("capture-TaskCompleted", {"task_id": None}, "missing required field 'task_id'"),
        ("capture-SessionStart", {"source": None}, "missing required field 'source'"),
        ("capture-UserPromptSubmit", {"prompt": 1}, "field 'prompt' must be a string, got int"),
        ("capture-SubagentStop", {"agent_id": None}, "missing required field 'agent_id'"),
    ],
)
def test_missing_or_wrong_required_fields(
    name: str, change: dict[str, object], message: str
) -> None:
    data = payloads.load(name)
    for key, value in change.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    with pytest.raises(BadInputError) as info:
        events.parse(data)
    assert str(info.value) == message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "stdin was empty; expected one JSON event from Claude Code"),
        (b"  \n", "stdin was empty; expected one JSON event from Claude Code"),
        (b"[1, 2]", "stdin must be a JSON object, got list"),
        (b'"x"', "stdin must be a JSON object, got str"),
        (b"x" * (events.MAX_STDIN + 1), "event on stdin is larger than 10 MB"),
    ],
)
def test_decode_rejects(raw: bytes, message: str) -> None:
    with pytest.raises(BadInputError) as info:
        events.decode(raw)
    assert str(info.value) == message


def test_decode_rejects_invalid_json_and_utf8() -> None:
    for raw in (b"{", b'{"a": "\xff\xfe"}', json.dumps({"a": 1}).encode()[:-1]):
        with pytest.raises(BadInputError) as info:
            events.decode(raw)
        assert str(info.value).startswith("stdin is not valid JSON (")
