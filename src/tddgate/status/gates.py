"""What the gates would answer right now, computed without changing any state.

- An edit: a synthetic PreToolUse Write of a source file goes through the same `Facts` and
  the runner's own rule loop as a real hook call. PreToolUse rules only read state, and no
  recorder runs, so this is the real answer with no side effect.
- A Stop: the Stop rule (green_to_complete) counts blocked stops in a row in the session
  state, so running it would itself change what the next real Stop sees. The preview
  decides from the rule's own building blocks instead: the rule's switch, whether the
  session edited anything (`session.edited`), and the verdict (`current_verdict`). For a
  Stop with stop_hook_active false the counter starts at 1, below every allowed
  `max_stop_blocks` (>= 1), so it never changes the answer. A test keeps this in step with
  the real hook (tests/test_status.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from tddgate.config import Config
from tddgate.errors import StateError
from tddgate.report.verdict import Verdict

STOP_RULE = "green_to_complete"
FALLBACK_TARGET = "src/example.py"


class Preview(NamedTuple):
    """A gate's answer: blocked with the reason the agent gets, or allowed and why."""

    allowed: bool
    reason: str = ""


def fail_open(message: str) -> Preview:
    """The hooks allow every call while tddgate itself cannot judge (runner failure policy)."""
    return Preview(True, f"{message} (the hooks let every call through until this is fixed)")


def stop_now(root: Path, cfg: Config, session_id: str | None, verdict: Verdict) -> Preview:
    """The main agent's Stop (stop_hook_active false) in `session_id`, as green_to_complete
    judges it."""
    from tddgate.state import session

    if cfg.disabled(STOP_RULE):
        return Preview(True, f"the {STOP_RULE} rule is disabled")
    if session_id is None or not session.edited(root, session_id):
        return Preview(True, "no file was edited in this session")
    if verdict.green:
        return Preview(True, "the tests are green")
    return Preview(False, verdict.reason)


def edit_target(root: Path, cfg: Config) -> str:
    """A source file an agent might edit next: the first `*.py` under src/ not ignored."""
    from tddgate.globs import match_any

    found = sorted(p.relative_to(root).as_posix() for p in (root / "src").rglob("*.py"))
    return next((rel for rel in found if not match_any(rel, cfg.ignore)), FALLBACK_TARGET)


def edit_now(root: Path, cfg: Config, session_id: str | None, rel: str) -> Preview:
    """A Write of `rel` (its current content) by the main agent of `session_id`."""
    from tddgate.facts import Facts
    from tddgate.protocol.events import parse
    from tddgate.runner import judge

    path = root / rel
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        content = ""
    event = parse({
        "hook_event_name": "PreToolUse",
        "session_id": session_id or "",
        "transcript_path": "",
        "cwd": str(root),
        "tool_name": "Write",
        "tool_input": {"file_path": str(path), "content": content},
        "tool_use_id": "tddgate-status",
    })
    assert event is not None  # PreToolUse is always a known event
    try:
        decision = judge(Facts(event, cfg, root))
    except StateError as error:
        return Preview(True, f"state error: {error}; the hooks let the call through")
    if decision is None:
        return Preview(True)
    return Preview(not decision.blocks, decision.reason)
