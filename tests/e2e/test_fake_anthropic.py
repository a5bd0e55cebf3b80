"""The fake model on its own, spoken to over HTTP as the CLI does (no CLI needed)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from testing import fake_anthropic
from testing.fake_anthropic import EXHAUSTED, FakeAnthropic, Recorded, text, tool_use, turn

LOOP = {"model": "m", "stream": True, "tools": [{"name": "Write"}], "messages": []}


def post(fake: FakeAnthropic, path: str, body: dict[str, Any]) -> tuple[int, str, str]:
    request = urllib.request.Request(
        fake.base_url + path, json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers["Content-Type"], error.read().decode()


def sse_data(stream: str) -> list[dict[str, Any]]:
    return [json.loads(line[6:]) for line in stream.splitlines() if line.startswith("data: ")]


def test_a_tool_use_turn_streams_as_the_messages_api_does() -> None:
    write = tool_use("Write", {"file_path": "a.py", "content": "x"}, "toolu_1")
    with FakeAnthropic([write]) as fake:
        status, content_type, stream = post(fake, "/v1/messages?beta=true", LOOP)

    assert (status, content_type) == (200, "text/event-stream")
    events = sse_data(stream)
    assert [e["type"] for e in events] == [
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]
    assert events[1]["content_block"] == {
        "type": "tool_use",
        "id": "toolu_1",
        "name": "Write",
        "input": {},
    }
    assert events[2]["delta"] == {
        "type": "input_json_delta",
        "partial_json": '{"file_path": "a.py", "content": "x"}',
    }
    assert events[4]["delta"] == {"stop_reason": "tool_use", "stop_sequence": None}
    assert "event: message_start\ndata: " in stream


def test_a_text_turn_ends_the_turn() -> None:
    with FakeAnthropic([text("done")]) as fake:
        _, _, stream = post(fake, "/v1/messages", LOOP)

    events = sse_data(stream)
    assert events[2]["delta"] == {"type": "text_delta", "text": "done"}
    assert events[4]["delta"]["stop_reason"] == "end_turn"


def test_one_turn_can_hold_several_blocks() -> None:
    both = turn(text("writing two files"), tool_use("Write", {}, "t1"), tool_use("Write", {}, "t2"))
    with FakeAnthropic([both]) as fake:
        _, _, stream = post(fake, "/v1/messages", LOOP)

    starts = [e for e in sse_data(stream) if e["type"] == "content_block_start"]
    assert [(e["index"], e["content_block"]["type"]) for e in starts] == [
        (0, "text"),
        (1, "tool_use"),
        (2, "tool_use"),
    ]
    assert both.stop_reason == "tool_use"


def test_side_requests_are_answered_without_using_a_scripted_turn() -> None:
    side = {"model": "small", "messages": [], "stream": False}
    with FakeAnthropic([text("scripted")]) as fake:
        status, _, title = post(fake, "/v1/messages", side)
        _, _, tokens = post(fake, "/v1/messages/count_tokens", LOOP)
        _, _, stream = post(fake, "/v1/messages", LOOP)
        unserved = fake.unserved

    assert status == 200
    assert json.loads(title)["content"] == [{"type": "text", "text": "ok"}]
    assert json.loads(tokens) == {"input_tokens": 1}
    assert sse_data(stream)[2]["delta"]["text"] == "scripted"
    assert unserved == 0


def test_every_request_is_recorded_and_loop_bodies_are_listed_in_order() -> None:
    with FakeAnthropic([text("a"), text("b")]) as fake:
        post(
            fake, "/v1/messages?beta=true", {**LOOP, "messages": [{"role": "user", "content": "1"}]}
        )
        post(fake, "/v1/messages", {"model": "small", "messages": []})
        post(
            fake, "/v1/messages?beta=true", {**LOOP, "messages": [{"role": "user", "content": "2"}]}
        )

    assert [(r.path, r.is_loop) for r in fake.requests] == [
        ("/v1/messages?beta=true", True),
        ("/v1/messages", False),
        ("/v1/messages?beta=true", True),
    ]
    assert [b["messages"][0]["content"] for b in fake.loop_requests] == ["1", "2"]


def test_an_exhausted_script_says_so_instead_of_hanging() -> None:
    with FakeAnthropic([]) as fake:
        _, _, stream = post(fake, "/v1/messages", LOOP)

    assert sse_data(stream)[2]["delta"]["text"] == EXHAUSTED
    assert EXHAUSTED == "fake model: the scenario script has no more turns."


def test_an_unknown_route_is_a_404_with_an_api_error() -> None:
    with FakeAnthropic([]) as fake:
        status, _, body = post(fake, "/v1/files", {})

    assert status == 404
    assert json.loads(body) == {
        "type": "error",
        "error": {"type": "api_error", "message": "fake model: no route /v1/files"},
    }


def test_the_server_is_gone_after_its_block() -> None:
    with FakeAnthropic([]) as fake:
        url = fake.base_url

    assert url.startswith("http://127.0.0.1:")
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "/v1/messages", b"{}", timeout=2)


def test_probes_are_answered_and_recorded() -> None:
    with FakeAnthropic([]) as fake:
        with urllib.request.urlopen(fake.base_url + "/", timeout=5) as response:
            assert (response.status, response.read()) == (200, b"{}")
        head = urllib.request.Request(fake.base_url + "/v1", method="HEAD")
        with urllib.request.urlopen(head, timeout=5) as response:
            assert response.status == 200

    assert fake.requests == [Recorded("GET", "/", None), Recorded("HEAD", "/v1", None)]


def test_a_request_that_is_not_json_is_recorded_with_no_body() -> None:
    with FakeAnthropic([]) as fake:
        request = urllib.request.Request(fake.base_url + "/v1/messages", b"not json")
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 200

    assert fake.requests == [Recorded("POST", "/v1/messages", None)]


def test_past_the_request_cap_every_answer_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fake_anthropic, "MAX_REQUESTS", 1)
    with FakeAnthropic([text("a"), text("b")]) as fake:
        first, _, _ = post(fake, "/v1/messages", LOOP)
        second, _, body = post(fake, "/v1/messages", LOOP)

    assert (first, second) == (200, 500)
    assert json.loads(body)["error"]["message"] == "fake model: too many requests"
    assert fake.unserved == 1


def test_a_subagents_requests_take_their_turns_from_the_subagent_script() -> None:
    billing = "x-anthropic-billing-header: cc_version=2.1.330.73a; cc_entrypoint=sdk-cli;"
    main = {**LOOP, "system": [{"type": "text", "text": billing}]}
    sub = {**LOOP, "system": [{"type": "text", "text": billing + " cc_is_subagent=true;"}]}
    with FakeAnthropic([text("main 1"), text("main 2")], [text("sub 1")]) as fake:
        answers = [post(fake, "/v1/messages", body)[2] for body in (main, sub, main, sub)]
        unserved = fake.unserved

    assert [sse_data(a)[2]["delta"]["text"] for a in answers] == [
        "main 1",
        "sub 1",
        "main 2",
        EXHAUSTED,
    ]
    assert unserved == 0
    assert (fake.loop_requests, fake.subagent_requests) == ([main, main], [sub, sub])


def test_unserved_counts_both_scripts() -> None:
    with FakeAnthropic([text("main")], [text("sub 1"), text("sub 2")]) as fake:
        assert fake.unserved == 3
