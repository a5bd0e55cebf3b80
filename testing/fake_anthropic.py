"""A scripted stand-in for the Anthropic Messages API, served on 127.0.0.1 for e2e tests.

Why: the real Claude Code CLI takes a custom endpoint (`ANTHROPIC_BASE_URL`), so a fake
model that replays scripted assistant turns makes the real CLI call real tools and run our
real hooks, fully offline. Every request body is recorded so a test can assert exactly what
the model was told (a denied tool's reason, "Stop hook feedback", injected context).

Only requests of the agent's loop (they carry `tools`) consume scripted turns; the CLI's side
requests (title/summary generation, token counting, probes) get short canned answers. A
subagent's loop requests (2.1.330 marks them `cc_is_subagent=true` in the system prompt's
billing line) take their turns from a second script, so the main agent's script stays readable
and a background subagent cannot steal the main agent's turns.
stdlib only; binds 127.0.0.1 on port 0; stops when its `with` block ends.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple

JSON = dict[str, Any]

EXHAUSTED = "fake model: the scenario script has no more turns."
SIDE_ANSWER = "ok"
MODEL = "claude-fake-1"
# A bound on requests, so a CLI stuck in a loop against the fake ends with errors, not a hang.
MAX_REQUESTS = 200
# The first system block of every 2.1.330 request is a billing line; a subagent's says so.
SUBAGENT_MARK = "cc_is_subagent=true"

_ids = itertools.count(1)


class Turn(NamedTuple):
    """One scripted assistant message: its content blocks, answered to one loop request."""

    blocks: tuple[JSON, ...]

    @property
    def stop_reason(self) -> str:
        """`tool_use` when the turn calls a tool, so the CLI runs it and asks again."""
        uses_tool = any(block["type"] == "tool_use" for block in self.blocks)
        return "tool_use" if uses_tool else "end_turn"


def text(body: str) -> Turn:
    """A turn that only says `body`; ends the model's turn (stop_reason end_turn)."""
    return Turn(({"type": "text", "text": body},))


def tool_use(name: str, tool_input: JSON, tool_id: str | None = None) -> Turn:
    """A turn that calls tool `name` with `tool_input`; the id is unique unless given."""
    block_id = tool_id or f"toolu_fake_{next(_ids):04d}"
    return Turn(({"type": "tool_use", "id": block_id, "name": name, "input": tool_input},))


def turn(*parts: Turn) -> Turn:
    """Several blocks in one assistant message, e.g. text plus parallel tool calls."""
    return Turn(tuple(block for part in parts for block in part.blocks))


class Recorded(NamedTuple):
    """One HTTP request the CLI made: method, path (with query), and its JSON body or None."""

    method: str
    path: str
    body: JSON | None

    @property
    def is_loop(self) -> bool:
        """True for the agent loop's message requests, the ones that consume scripted turns."""
        return (
            self.method == "POST"
            and self.path.split("?")[0] == "/v1/messages"
            and bool((self.body or {}).get("tools"))
        )

    @property
    def is_subagent(self) -> bool:
        """True for a loop request of a subagent (Agent tool), not of the main agent."""
        return self.is_loop and SUBAGENT_MARK in _system_text((self.body or {}).get("system"))


class FakeAnthropic:
    """Serve `turns` in order to the main agent's loop requests, `subagent_turns` in order to
    its subagents' loop requests; record every request.

    Use as a context manager: the server thread starts on enter and stops on exit, so
    nothing outlives the test. `base_url` goes into ANTHROPIC_BASE_URL.
    """

    def __init__(self, turns: Sequence[Turn] = (), subagent_turns: Sequence[Turn] = ()) -> None:
        self._lock = threading.Lock()
        self._scripts: dict[bool, list[Turn]] = {False: list(turns), True: list(subagent_turns)}
        self._served = {False: 0, True: 0}
        self.requests: list[Recorded] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        # A short poll interval makes shutdown() prompt: each test stops its own server.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> FakeAnthropic:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop serving and free the port; safe to call twice."""
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def unserved(self) -> int:
        """How many scripted turns (both scripts) the CLI never asked for; a finished scenario
        expects 0."""
        with self._lock:
            return sum(len(self._scripts[sub]) - self._served[sub] for sub in (False, True))

    @property
    def loop_requests(self) -> list[JSON]:
        """Bodies of the main agent's loop requests, in order: what it was shown each turn."""
        return self._bodies(subagent=False)

    @property
    def subagent_requests(self) -> list[JSON]:
        """Bodies of the subagents' loop requests, in order: what they were shown each turn."""
        return self._bodies(subagent=True)

    def _bodies(self, subagent: bool) -> list[JSON]:
        with self._lock:
            return [
                r.body
                for r in self.requests
                if r.is_loop and r.is_subagent == subagent and r.body is not None
            ]

    def record(self, request: Recorded) -> Turn | None:
        """Keep `request`; for a loop request hand out the next turn of its script (None: side
        request, or that script is exhausted)."""
        with self._lock:
            self.requests.append(request)
            sub = request.is_subagent
            script = self._scripts[sub]
            if not request.is_loop or self._served[sub] >= len(script):
                return None
            self._served[sub] += 1
            return script[self._served[sub] - 1]

    @property
    def overloaded(self) -> bool:
        with self._lock:
            return len(self.requests) >= MAX_REQUESTS


def _handler_for(fake: FakeAnthropic) -> type[BaseHTTPRequestHandler]:
    """A handler class bound to `fake` (http.server builds one handler per request)."""

    class Handler(_Handler):
        owner = fake

    return Handler


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 30  # a silent client connection must not pin a thread forever
    owner: FakeAnthropic

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: pytest captures stderr anyway and the recorded requests tell the story."""

    def do_HEAD(self) -> None:
        self.owner.record(Recorded("HEAD", self.path, None))
        self._send(200, "application/json", b"")

    def do_GET(self) -> None:
        self.owner.record(Recorded("GET", self.path, None))
        self._send(200, "application/json", b"{}")

    def do_POST(self) -> None:
        if self.owner.overloaded:
            self._send(500, "application/json", _error_body("fake model: too many requests"))
            return
        body = self._read_json()
        request = Recorded("POST", self.path, body)
        scripted = self.owner.record(request)
        route = self.path.split("?")[0]
        if route == "/v1/messages/count_tokens":
            self._send(200, "application/json", json.dumps({"input_tokens": 1}).encode())
        elif route != "/v1/messages":
            self._send(404, "application/json", _error_body(f"fake model: no route {route}"))
        else:
            answer = scripted or text(EXHAUSTED if request.is_loop else SIDE_ANSWER)
            self._answer(answer, body or {})

    def _read_json(self) -> JSON | None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            return None
        return parsed if isinstance(parsed, dict) else None

    def _answer(self, answer: Turn, body: JSON) -> None:
        message = _message(answer, str(body.get("model") or MODEL))
        if body.get("stream"):
            self._send(200, "text/event-stream", "".join(_sse_events(message)).encode())
        else:
            self._send(200, "application/json", json.dumps(message).encode())

    def _send(self, status: int, content_type: str, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)


def _system_text(system: object) -> str:
    """The system prompt as one string: the API takes a string or a list of text blocks."""
    if isinstance(system, list):
        return "".join(str(b.get("text", "")) for b in system if isinstance(b, dict))
    return system if isinstance(system, str) else ""


def _error_body(message: str) -> bytes:
    return json.dumps(
        {"type": "error", "error": {"type": "api_error", "message": message}}
    ).encode()


def _message(answer: Turn, model: str) -> JSON:
    """The full (non-streamed) Messages API answer for `answer`."""
    return {
        "id": f"msg_fake_{next(_ids):04d}",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": list(answer.blocks),
        "stop_reason": answer.stop_reason,
        "stop_sequence": None,
        "usage": {"input_tokens": 1, "output_tokens": 1},
    }


def _sse_events(message: JSON) -> Iterator[str]:
    """`message` as the SSE stream the CLI expects, one delta per content block."""
    head = {**message, "content": [], "stop_reason": None}
    yield _sse("message_start", {"type": "message_start", "message": head})
    for index, block in enumerate(message["content"]):
        yield from _block_events(index, block)
    delta = {"stop_reason": message["stop_reason"], "stop_sequence": None}
    yield _sse(
        "message_delta", {"type": "message_delta", "delta": delta, "usage": {"output_tokens": 1}}
    )
    yield _sse("message_stop", {"type": "message_stop"})


def _block_events(index: int, block: JSON) -> Iterator[str]:
    if block["type"] == "tool_use":
        start = {**block, "input": {}}
        delta = {"type": "input_json_delta", "partial_json": json.dumps(block["input"])}
    else:
        start = {"type": "text", "text": ""}
        delta = {"type": "text_delta", "text": block["text"]}
    yield _sse(
        "content_block_start",
        {"type": "content_block_start", "index": index, "content_block": start},
    )
    yield _sse(
        "content_block_delta", {"type": "content_block_delta", "index": index, "delta": delta}
    )
    yield _sse("content_block_stop", {"type": "content_block_stop", "index": index})


def _sse(event: str, data: JSON) -> str:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"
