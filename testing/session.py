"""One Claude Code session in a temp project, driven through the real hook scripts.

Each call sends a captured Claude Code 2.1.330 payload (re-rooted into the project, with the
one session id) to the hook script a real CLI would run, and applies the tool's effect on disk
when the hook allowed it, as the CLI does. Hooks run with TZ=UTC so that times quoted in
reasons are predictable.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from testing import payloads
from testing.hooks import HookResult, run_hook
from testing.project import run_pytest

SESSION = "8c15dcad-8f13-4e4e-a1da-eabe1cf31355"
SUBAGENT = "ac5625e17d3ec473b"
_AGE = re.compile(r"\(report (\d+) s old\)")


def timeless(text: str, limit: int = 60) -> str:
    """`text` with report ages ("(report 3 s old)") as N, each checked to be under `limit` s.

    A report is written by a run seconds before the hook reads it, so an age is only a
    timing detail, but an age of minutes would be a bug worth seeing.
    """

    def placeholder(match: re.Match[str]) -> str:
        assert int(match.group(1)) < limit, f"report unexpectedly old in: {text}"
        return "(report N s old)"

    return _AGE.sub(placeholder, text)


def utc_clock(when: float) -> str:
    return time.strftime("%H:%M:%S", time.gmtime(when))


class Session:
    """The hooks of one session of the agent (and its subagents) in `project`."""

    def __init__(self, project: Path, home: Path) -> None:
        self.project = project
        self.home = home

    def payload(self, name: str, **overrides: Any) -> dict[str, Any]:
        return payloads.load(name, self.project, session_id=SESSION, **overrides)

    def send(self, event: str, data: dict[str, Any]) -> HookResult:
        return run_hook(event, data, self.project, self.home, TZ="UTC")

    def pytest(self, *args: str) -> int:
        """The agent's `python -m pytest`: tddgate's plugin writes the report."""
        return run_pytest(self.project, self.home, *args).returncode

    # -- file edits -------------------------------------------------------------------------

    def pre_write(self, rel: str, content: str, agent_id: str | None = None) -> HookResult:
        data = self.payload("capture-PreToolUse-Write", **_agent(agent_id))
        data["tool_input"] = {"file_path": str(self.project / rel), "content": content}
        return self.send("PreToolUse", data)

    def pre_edit(self, rel: str, old: str, new: str) -> HookResult:
        data = self.payload("capture-PreToolUse-Edit")
        data["tool_input"] = {
            "file_path": str(self.project / rel),
            "old_string": old,
            "new_string": new,
            "replace_all": False,
        }
        return self.send("PreToolUse", data)

    def post_write(self, rel: str, content: str, agent_id: str | None = None) -> HookResult:
        """The file changes on disk, then PostToolUse reports it (the tool ran)."""
        path = self.project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
        data = self.payload("capture-PostToolUse-Write", **_agent(agent_id))
        data["tool_input"] = {"file_path": str(path), "content": content}
        data["tool_response"] = {"type": "update", "filePath": str(path), "content": content}
        return self.send("PostToolUse", data)

    def write(self, rel: str, content: str, agent_id: str | None = None) -> HookResult:
        """Write as the CLI does: PreToolUse; when allowed, the change and PostToolUse."""
        result = self.pre_write(rel, content, agent_id)
        if result.stdout == "":
            assert self.post_write(rel, content, agent_id) == (0, "", "")
        return result

    # -- todos ------------------------------------------------------------------------------

    def todowrite(self, event: str, todos: list[tuple[str, str]]) -> HookResult:
        """TodoWrite of (content, status) items; PostToolUse also records the list."""
        items = [{"content": c, "status": s, "activeForm": f"Doing {c}"} for c, s in todos]
        data = self.payload(f"{event}-TodoWrite")
        data["tool_input"] = {"todos": items}
        if event == "PostToolUse":
            data["tool_response"] = {"oldTodos": [], "newTodos": items}
        return self.send(event, data)

    # -- stops ------------------------------------------------------------------------------

    def stop(self, active: bool = False) -> HookResult:
        return self.send("Stop", self.payload("capture-Stop", stop_hook_active=active))

    def subagent_stop(self, agent_id: str, active: bool = False) -> HookResult:
        data = self.payload("capture-SubagentStop", agent_id=agent_id, stop_hook_active=active)
        return self.send("SubagentStop", data)


def _agent(agent_id: str | None) -> dict[str, Any]:
    return {"agent_id": agent_id, "agent_type": "general-purpose"} if agent_id else {}


def block_reason(result: HookResult) -> str:
    """The reason of a Stop/SubagentStop/TaskCompleted block, ages made timeless."""
    assert (result.code, result.stderr) == (0, ""), result
    data = result.json
    assert set(data) == {"decision", "reason"}, data
    assert data["decision"] == "block"
    return timeless(str(data["reason"]))


def deny_reason(result: HookResult) -> str:
    """The reason of a PreToolUse deny, ages made timeless."""
    assert (result.code, result.stderr) == (0, ""), result
    out = result.json["hookSpecificOutput"]
    assert (out["hookEventName"], out["permissionDecision"]) == ("PreToolUse", "deny"), out
    return timeless(str(out["permissionDecisionReason"]))
