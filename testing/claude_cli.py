"""Find and run the real Claude Code CLI (pinned 2.1.330) for the e2e scenarios.

Why: an e2e scenario proves that the real agent honours our hooks' answers, so it drives the
real binary, offline, against `testing.fake_anthropic`, in a clean environment (a temporary
HOME, no login, no telemetry), with a hard time limit so that nothing can hang a test run.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from tddgate.errors import TddgateError

JSON = dict[str, Any]

VERSION = "2.1.330"
TIMEOUT_S = 60.0
INSTALL_COMMAND = ".ci/install-claude"
API_KEY = "sk-ant-tddgate-fake-key"

# Keep the CLI quiet: no update checks, telemetry or error reports; only the fake is asked.
QUIET_ENV = {
    "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
    "DISABLE_TELEMETRY": "1",
    "DISABLE_AUTOUPDATER": "1",
    "DISABLE_ERROR_REPORTING": "1",
}
# Which todo tool the model gets (2.1.330 gives none by default). Without tool search every
# tool schema is in the request, as the model of a user with these settings sees it.
TASK_TOOLS_ENV = {"CLAUDE_CODE_ENABLE_TODO_TOOLS": "1", "ENABLE_TOOL_SEARCH": "false"}
TODOWRITE_ENV = {**TASK_TOOLS_ENV, "CLAUDE_CODE_ENABLE_TASKS": "false"}
# Ages tddgate puts in its messages ("report 3 s old", ", 0 min old"): a second may pass
# between a scenario's pytest run and the hook that quotes the report.
_AGES = (
    (re.compile(r"report \d+ s old"), "report N s old"),
    (re.compile(r"\d+ min old"), "N min old"),
)


class ClaudeCliError(TddgateError):
    """The Claude Code CLI is missing, or a scenario run of it did not finish."""


def default_dir(environ: Mapping[str, str]) -> Path:
    """Where `.ci/install-claude` puts the pinned CLI (its TDDGATE_CLAUDE_DIR default)."""
    configured = environ.get("TDDGATE_CLAUDE_DIR")
    if configured:
        return Path(configured)
    return (
        Path(environ.get("HOME", "~")).expanduser()
        / ".cache"
        / "tddgate"
        / f"claude-code-{VERSION}"
    )


def find_claude(environ: Mapping[str, str] | None = None) -> Path:
    """The CLI binary: $TDDGATE_CLAUDE if set, else the install script's cache dir."""
    env = os.environ if environ is None else environ
    explicit = env.get("TDDGATE_CLAUDE")
    binary = Path(explicit) if explicit else default_dir(env) / "node_modules" / ".bin" / "claude"
    if binary.is_file() and os.access(binary, os.X_OK):
        return binary
    source = "TDDGATE_CLAUDE" if explicit else "the install cache"
    raise ClaudeCliError(
        f"Claude Code CLI {VERSION} not found at {binary} (from {source}); the e2e tests need it. "
        f"Run `{INSTALL_COMMAND}` (npm install of @anthropic-ai/claude-code@{VERSION}) or set "
        "TDDGATE_CLAUDE to the path of a claude binary."
    )


def clean_env(
    home: Path, base_url: str, extra: Mapping[str, str] | None = None, path: str | None = None
) -> dict[str, str]:
    """A minimal environment: temp HOME and TMP dirs, the fake endpoint, PATH kept.

    Nothing else of the caller's environment leaks in (no real HOME, no real API key, no
    CLAUDE_* variables of the session that runs the tests).
    """
    tmp = home / "tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin") if path is None else path,
        "HOME": str(home),
        "ANTHROPIC_BASE_URL": base_url,
        "ANTHROPIC_API_KEY": API_KEY,
        "TMPDIR": str(tmp),
        "CLAUDE_CODE_TMPDIR": str(tmp),
        "XDG_RUNTIME_DIR": str(tmp),
        **QUIET_ENV,
    }
    env.update(extra or {})
    return env


class ClaudeRun(NamedTuple):
    """What one `claude -p` run printed: exit code, stream-json events, and stderr."""

    returncode: int
    events: list[JSON]
    stderr: str

    @property
    def result(self) -> JSON:
        """The closing `result` event (the CLI's own summary of the run)."""
        results = [e for e in self.events if e.get("type") == "result"]
        if not results:
            raise ClaudeCliError(
                f"claude printed no result event (exit {self.returncode}); stderr:\n{self.stderr}"
            )
        return results[-1]

    def notices(self) -> list[str]:
        """What the CLI shows the human, e.g. a hook's systemMessage as "Stop says: …"."""
        return [
            str(e.get("content"))
            for e in self.events
            if e.get("type") == "system" and e.get("subtype") == "informational"
        ]

    def hook_responses(self, hook_name: str | None = None) -> list[JSON]:
        """`hook_response` events (needs --include-hook-events), e.g. for "PreToolUse:Write"."""
        return [
            e
            for e in self.events
            if e.get("subtype") == "hook_response"
            and (hook_name is None or e.get("hook_name") == hook_name)
        ]


def timeless(text: str) -> str:
    """`text` with the ages tddgate quotes replaced by N, so a test can assert whole messages."""
    for pattern, placeholder in _AGES:
        text = pattern.sub(placeholder, text)
    return text


def python_hook(code: str) -> str:
    """A hook command running `code` with this test run's Python (stdlib is enough there)."""
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(code)}"


def command(binary: Path, prompt: str, allowed_tools: Sequence[str] = ()) -> list[str]:
    """The argv of a non-interactive run whose every event, hooks included, is on stdout."""
    argv = [str(binary), "-p", prompt, "--output-format", "stream-json", "--verbose"]
    argv += ["--permission-mode", "acceptEdits", "--include-hook-events"]
    if allowed_tools:
        argv += ["--allowedTools", ",".join(allowed_tools)]
    return argv


def run_claude(
    argv: Sequence[str], cwd: Path, env: Mapping[str, str], timeout: float = TIMEOUT_S
) -> ClaudeRun:
    """Run the CLI in `cwd`; kill its whole process group if it outlives `timeout` seconds."""
    with subprocess.Popen(
        list(argv),
        cwd=cwd,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, so hooks it spawned die with it
    ) as proc:
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            stdout, stderr = proc.communicate()
            raise ClaudeCliError(
                f"claude did not finish within {timeout:g} s and was killed; the scenario script "
                "probably left the CLI waiting. Its last output:\n"
                f"{stdout[-2000:]}\nstderr:\n{stderr[-2000:]}"
            ) from None
    return ClaudeRun(proc.returncode, parse_events(stdout), stderr)


def parse_events(stdout: str) -> list[JSON]:
    """stream-json lines as dicts; a line that is not JSON is kept as {"type": "raw", ...}."""
    events: list[JSON] = []
    for line in stdout.splitlines():
        if not line.strip():
            continue
        try:
            parsed = json.loads(line)
        except ValueError:
            parsed = None
        events.append(parsed if isinstance(parsed, dict) else {"type": "raw", "line": line})
    return events


class ToolResult(NamedTuple):
    """A tool_result block the CLI sent back to the model: what the tool call came to."""

    tool_use_id: str
    content: str
    is_error: bool


def tool_results(body: JSON) -> list[ToolResult]:
    """The tool results in the last user message of a request body (the newest the model saw)."""
    return [
        ToolResult(
            block["tool_use_id"], _flatten(block.get("content")), bool(block.get("is_error"))
        )
        for block in _last_blocks(body)
        if block.get("type") == "tool_result"
    ]


def user_texts(body: JSON) -> list[str]:
    """The text blocks of the last user message of a request body (e.g. "Stop hook feedback")."""
    return [block["text"] for block in _last_blocks(body) if block.get("type") == "text"]


def system_texts(body: JSON) -> list[str]:
    """Texts of the "system" role messages, where 2.1.330 puts hook context and hook errors
    (e.g. "SessionStart hook additional context: T\n\n# Environment ...")."""
    return [
        block["text"]
        for message in body.get("messages") or []
        if message.get("role") == "system"
        for block in _blocks(message.get("content"))
        if block.get("type") == "text"
    ]


def _last_blocks(body: JSON) -> list[JSON]:
    """Blocks of the newest user message; 2.1.330 may append a "system" role message after it."""
    users = [m for m in body.get("messages") or [] if m.get("role") == "user"] or [{}]
    return _blocks(users[-1].get("content"))


def _blocks(content: object) -> list[JSON]:
    """Message content is a string or a list of blocks; both read as a list of blocks."""
    if isinstance(content, str):
        return [{"type": "text", "text": content}]
    if not isinstance(content, list):
        return []
    return [block for block in content if isinstance(block, dict)]


def _flatten(content: object) -> str:
    """tool_result content is a string or a list of text blocks; both read as one string."""
    if isinstance(content, list):
        return "".join(b.get("text", "") for b in content if isinstance(b, dict))
    return "" if content is None else str(content)
