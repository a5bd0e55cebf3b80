"""The harness itself, with hand-written hooks: the real CLI honours a deny and a Stop block.

If these fail, the tddgate scenarios cannot be trusted either: the fault is in the fake model,
the runner, or a CLI whose hook protocol changed.
"""

from __future__ import annotations

import json

from testing.claude_cli import TASK_TOOLS_ENV, ToolResult
from testing.fake_anthropic import text, tool_use

DENY_WRITE = (
    "import json; print(json.dumps({'hookSpecificOutput': {'hookEventName': 'PreToolUse',"
    " 'permissionDecision': 'deny', 'permissionDecisionReason': 'harness says no'}}))"
)
ALLOW_WRITE = (
    "import json; print(json.dumps({'hookSpecificOutput': {'hookEventName': 'PreToolUse',"
    " 'permissionDecision': 'allow', 'permissionDecisionReason': 'harness says yes'}}))"
)
SESSION_CONTEXT = (
    "import json; print(json.dumps({'hookSpecificOutput': {'hookEventName': 'SessionStart',"
    " 'additionalContext': 'harness: line one\\nline two'}}))"
)
BLOCK_TASK_COMPLETED = (
    "import json; print(json.dumps({'decision': 'block', 'reason': 'harness: tests are red'}))"
)
BLOCK_FIRST_STOP = (
    "import json, sys; event = json.load(sys.stdin)\n"
    "if not event['stop_hook_active']:\n"
    "    print(json.dumps({'decision': 'block', 'reason': 'harness: run the tests first'}))"
)


def test_pre_tool_use_deny_reaches_the_model_and_the_file_is_not_written(scenario):
    scenario.hand_written_hook("PreToolUse", DENY_WRITE, matcher="Write")
    target = scenario.project / "app.py"
    write = tool_use("Write", {"file_path": str(target), "content": "x = 1\n"}, "toolu_write")

    outcome = scenario.run([write, text("done")])

    assert outcome.tool_results(1) == [
        ToolResult("toolu_write", "PreToolUse:Write hook error: harness says no", True)
    ]
    assert not target.exists()


def test_an_allowed_write_runs(scenario):
    target = scenario.project / "app.py"
    write = tool_use("Write", {"file_path": str(target), "content": "x = 1\n"}, "toolu_write")

    outcome = scenario.run([write, text("done")])

    assert outcome.errors(1) == []
    assert target.read_text() == "x = 1\n"


def test_stop_block_feeds_the_reason_back_and_the_model_continues(scenario):
    scenario.hand_written_hook("Stop", BLOCK_FIRST_STOP)

    outcome = scenario.run([text("done"), text("tests ran, done")])

    assert outcome.user_texts(1) == ["Stop hook feedback:\nharness: run the tests first"]
    assert outcome.run.result["result"] == "tests ran, done"


def test_session_start_context_reaches_the_first_request(scenario):
    scenario.hand_written_hook("SessionStart", SESSION_CONTEXT)

    outcome = scenario.run([text("done")])

    assert outcome.context(0)[0].startswith(
        "SessionStart hook additional context: harness: line one\nline two\n\n# Environment\n"
    )


def test_task_completed_block_keeps_the_task_open_and_tells_the_model(scenario):
    scenario.hand_written_hook("TaskCompleted", BLOCK_TASK_COMPLETED)
    turns = [
        scenario.call("TaskCreate", "c1", subject="Add app", description="app.py"),
        scenario.call("TaskUpdate", "u1", taskId="1", status="in_progress"),
        scenario.call("TaskUpdate", "u2", taskId="1", status="completed"),
        text("done"),
    ]

    outcome = scenario.run(turns, env=TASK_TOOLS_ENV)

    assert outcome.tool_results(3) == [
        ToolResult("u2", "TaskCompleted hook feedback:\nharness: tests are red", False)
    ]
    [task] = (scenario.home / ".claude" / "tasks").glob("*/1.json")
    assert json.loads(task.read_text())["status"] == "in_progress"


def test_the_cli_refuses_agent_edits_under_dot_claude_even_when_allowed(scenario):
    # Why this pins a CLI fact: tddgate's default todo file is .claude/todos/current.md, and
    # 2.1.330 treats .claude/ as sensitive. Neither --allowedTools nor a hook's "allow" lets
    # the agent Write it under -p, so agents need `tddgate todo` (via Bash) to keep that file.
    todo = scenario.write(".claude/todos/current.md", "## PENDING\n- [ ] a\n")
    scenario.hand_written_hook("PreToolUse", ALLOW_WRITE, matcher="Write")
    turns = [
        scenario.call("Read", "r1", file_path=".claude/todos/current.md"),
        scenario.call("Write", "w1", file_path=".claude/todos/current.md", content="changed\n"),
        text("done"),
    ]

    outcome = scenario.run(turns, allowed_tools=["Write"])

    assert outcome.errors(2) == [
        f"Claude requested permissions to edit {todo} which is a sensitive file."
    ]
    assert todo.read_text() == "## PENDING\n- [ ] a\n"
