"""Facts about one event: the files a tool call writes, as the rules see them."""

from __future__ import annotations

import json
from pathlib import Path

from tddgate.runner import evaluate
from testing import payloads


def _bash(project: Path, command: str) -> str:
    data = payloads.load("capture-PreToolUse-Bash", project)
    data["tool_input"] = {"command": command, "description": "x"}
    out, notices = evaluate(json.dumps(data).encode(), "PreToolUse")
    assert notices == []
    return str(json.loads(out)["hookSpecificOutput"]["permissionDecisionReason"])


def test_the_real_path_of_a_symlinked_project_root_is_the_root(
    linked_project: tuple[Path, Path],
) -> None:
    link, real = linked_project
    assert _bash(link, f"rm -rf {real}") == (
        "tddgate: . (it holds tddgate's state in .claude/tddgate) is guarded: a human must make "
        "this change (outside the agent), then tell the agent it is done."
    )
