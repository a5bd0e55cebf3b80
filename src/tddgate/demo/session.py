"""A temp project and the calls an agent makes in it: hooks, pytest and tddgate, as subprocesses.

Payloads have the shapes Claude Code 2.1.330 sends (see tests/fixtures/payloads); each
hook runs exactly as the CLI runs it: the script, JSON on stdin, $CLAUDE_PROJECT_DIR set.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any, NamedTuple

SCRIPTS = {
    "PreToolUse": "pre_tool_use.py",
    "PostToolUse": "post_tool_use.py",
    "Stop": "stop.py",
    "SessionStart": "session_start.py",
}
PYPROJECT = """\
[tool.pytest.ini_options]
pythonpath = ["src"]
testpaths = ["tests"]

[tool.tddgate]
"""


class Answer(NamedTuple):
    """What a hook answered: blocked or not, and the reason or context it gave."""

    blocked: bool
    text: str


class DemoSession:
    def __init__(self, root: Path, hooks_dir: Path) -> None:
        self.root = root
        self.hooks_dir = hooks_dir
        self.home = root.parent / "home"
        self.session_id = str(uuid.uuid4())
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.home),
            "CLAUDE_PROJECT_DIR": str(root),
            "CLAUDE_CODE_SESSION_ID": self.session_id,
            "LANG": "C.UTF-8",
        }

    def create_project(self, files: dict[str, str]) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        for rel, text in {"pyproject.toml": PYPROJECT, **files}.items():
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)

    def _base(self, event: str) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "transcript_path": str(self.home / ".claude" / f"{self.session_id}.jsonl"),
            "cwd": str(self.root),
            "permission_mode": "acceptEdits",
            "hook_event_name": event,
        }

    def hook(self, event: str, payload: dict[str, Any]) -> Answer:
        data = {**self._base(event), **payload}
        proc = subprocess.run(
            [sys.executable, str(self.hooks_dir / SCRIPTS[event])],
            input=json.dumps(data).encode(),
            capture_output=True,
            cwd=self.root,
            env=self.env,
            timeout=60,
            check=False,
        )
        if proc.returncode != 0 or proc.stderr:
            raise RuntimeError(f"{event} hook failed: {proc.stderr.decode()}")
        out = json.loads(proc.stdout) if proc.stdout.strip() else {}
        specific = out.get("hookSpecificOutput", {})
        if specific.get("permissionDecision") == "deny":
            return Answer(True, specific["permissionDecisionReason"])
        if out.get("decision") == "block":
            return Answer(True, out["reason"])
        return Answer(False, specific.get("additionalContext") or out.get("systemMessage", ""))

    def tool(self, name: str, tool_input: dict[str, Any], apply: Any = None) -> Answer:
        """PreToolUse; if allowed, run the tool (`apply`) and send PostToolUse, as the CLI does."""
        use_id = f"toolu_{uuid.uuid4().hex[:24]}"
        base = {"tool_name": name, "tool_input": tool_input, "tool_use_id": use_id}
        answer = self.hook("PreToolUse", base)
        if answer.blocked:
            return answer
        response = apply() if apply else {}
        self.hook("PostToolUse", {**base, "tool_response": response})
        return answer

    def write(self, rel: str, content: str) -> Answer:
        path = self.root / rel

        def apply() -> dict[str, Any]:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content)
            return {"type": "update", "filePath": str(path), "content": content}

        return self.tool("Write", {"file_path": str(path), "content": content}, apply)

    def bash(self, argv: list[str], shown: str) -> tuple[Answer, str]:
        """A Bash tool call: `shown` is what the agent typed, `argv` what really runs."""
        output: list[str] = []

        def apply() -> dict[str, Any]:
            proc = subprocess.run(
                argv,
                cwd=self.root,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            output.append((proc.stdout + proc.stderr).strip())
            return {"stdout": proc.stdout, "stderr": proc.stderr, "interrupted": False}

        answer = self.tool("Bash", {"command": shown, "description": shown}, apply)
        return answer, output[0] if output else ""

    def stop(self, active: bool = False) -> Answer:
        return self.hook("Stop", {"stop_hook_active": active, "last_assistant_message": "Done."})
