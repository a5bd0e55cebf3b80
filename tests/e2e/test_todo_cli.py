"""`tddgate todo` through the agent's Bash: the way to say what it works on without a todo tool.

2.1.330 gives the model no todo tool by default, and the deny reason says so: run
`tddgate todo start`. The scenario follows that advice with the real CLI, then closes the
todo while green, and the history (what a reviewer reads later) holds the proof.
"""

from __future__ import annotations

import json

from testing.claude_cli import ToolResult
from testing.fake_anthropic import text

NO_TODO = (
    "PreToolUse:Write hook error: tddgate: no todo is in progress, so this edit of notes.md is "
    "blocked. Say what you are working on first: TaskCreate a task and TaskUpdate it to status "
    "in_progress, or TodoWrite a list with one item in_progress, or, without a todo tool, run "
    '`tddgate todo start "<what you are doing>"` (it records the item under IN PROGRESS in '
    ".claude/todos/current.md)."
)


def test_the_agent_starts_a_todo_with_the_cli_writes_and_closes_it_green(scenario):
    scenario.install_tddgate()
    scenario.write("tests/test_ok.py", "def test_ok():\n    assert True\n")
    write = {"file_path": "notes.md", "content": "x\n"}
    turns = [
        scenario.call("Write", "w1", **write),
        scenario.bash("b1", 'tddgate todo start "Write notes"'),
        scenario.call("Write", "w2", **write),
        scenario.pytest_call("p1"),
        scenario.bash("b2", 'tddgate todo done "Write notes"'),
        text("done"),
    ]

    outcome = scenario.run(turns, allowed_tools=["Bash"])

    assert outcome.tool_results(1) == [ToolResult("w1", NO_TODO, True)]
    assert outcome.tool_results(2) == [
        ToolResult("b1", "added and started: Write notes (in progress)", False)
    ]
    assert outcome.errors(3) == []
    assert (scenario.project / "notes.md").read_text() == "x\n"
    assert outcome.tool_results(5) == [ToolResult("b2", "done: Write notes (completed)", False)]
    history = scenario.history()
    assert [(s["event"], s["session_id"]) for s in history] == [
        ("cli:todo start", outcome.run.result["session_id"]),
        ("cli:todo done", outcome.run.result["session_id"]),
    ]
    report = json.loads((scenario.project / ".claude/tddgate/report.json").read_text())
    green = {
        "green": True,
        "passed": 1,
        "failed": 0,
        "skipped": 0,
        "errors": 0,
        "xfailed": 0,
        "xpassed": 0,
        "collection_errors": 0,
        "total": 1,
        "created": report["created"],
        "full_suite": True,
        "reason": "",
    }
    item = {"id": "L7", "content": "Write notes"}
    assert history[-1]["items"] == [{**item, "status": "completed", "activeForm": ""}]
    assert history[-1]["completed"] == [{**item, "evidence": green}]
