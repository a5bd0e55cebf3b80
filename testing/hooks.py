"""Run the real hook entrypoints as Claude Code does: a subprocess, JSON on stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

HOOKS = Path(__file__).resolve().parent.parent / "hooks"
SCRIPTS = {
    "PreToolUse": "pre_tool_use.py",
    "PostToolUse": "post_tool_use.py",
    "PostToolUseFailure": "post_tool_use_failure.py",
    "Stop": "stop.py",
    "SubagentStop": "subagent_stop.py",
    "TaskCreated": "task_created.py",
    "TaskCompleted": "task_completed.py",
    "SessionStart": "session_start.py",
    "UserPromptSubmit": "user_prompt_submit.py",
}


class HookResult(NamedTuple):
    code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> Any:
        return json.loads(self.stdout)


def hook_env(project: Path, home: Path, **extra: str) -> dict[str, str]:
    """A clean environment: isolated HOME, the project dir Claude Code would set."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "CLAUDE_PROJECT_DIR": str(project),
        "LANG": "C.UTF-8",
    }
    env.update(extra)
    return env


def run_hook(
    event: str,
    payload: dict[str, Any] | bytes | str,
    project: Path,
    home: Path,
    script: str | None = None,
    **env: str,
) -> HookResult:
    if isinstance(payload, dict):
        data = json.dumps(payload).encode()
    elif isinstance(payload, str):
        data = payload.encode()
    else:
        data = payload
    proc = subprocess.run(
        [sys.executable, str(HOOKS / (script or SCRIPTS[event]))],
        input=data,
        capture_output=True,
        cwd=project,
        env=hook_env(project, home, **env),
        timeout=60,
        check=False,
    )
    return HookResult(proc.returncode, proc.stdout.decode(), proc.stderr.decode())
