"""A task cannot be completed while the suite is red, at either layer tddgate hooks.

PreToolUse denies TaskUpdate(status=completed) before the CLI acts on it; the TaskCompleted
hook is the second line (a settings file that lost its PreToolUse entry, another tool that
completes tasks). Either way the task stays in_progress, in the CLI's own task list too.
"""

from __future__ import annotations

from testing.claude_cli import TASK_TOOLS_ENV, ToolResult, timeless
from testing.fake_anthropic import Turn, text

# The suite is written up front, so test-first has nothing to say here.
NO_TEST_FIRST = 'disable = ["test_first"]\n'
REFUSAL = (
    'tddgate: task 1 ("Fix app") cannot be marked completed while the tests are not green. '
    "tests are not green: 1 failed of 1 (report N s old).\n"
    "  tests/test_app.py::test_value: assert 1 == 2\n"
    "Run the full suite: python -m pytest"
)


def red_task(scenario) -> list[Turn]:
    """A red suite, and the turns that start task 1 and run it: the agent is about to claim."""
    scenario.install_tddgate(NO_TEST_FIRST)
    scenario.write("tests/test_app.py", "def test_value():\n    assert 1 == 2\n")
    return [
        scenario.call("TaskCreate", "c1", subject="Fix app", description="make tests pass"),
        scenario.call("TaskUpdate", "u1", taskId="1", status="in_progress"),
        scenario.pytest_call("p1"),
    ]


def results(outcome, request: int) -> list[ToolResult]:
    return [r._replace(content=timeless(r.content)) for r in outcome.tool_results(request)]


def test_taskupdate_completed_is_denied_while_red_and_the_task_stays_in_progress(scenario):
    claim = scenario.call("TaskUpdate", "u2", taskId="1", status="completed")
    turns = [*red_task(scenario), claim, scenario.call("TaskGet", "g1", taskId="1"), text("ok")]

    outcome = scenario.run(turns, env=TASK_TOOLS_ENV, allowed_tools=["Bash"])

    assert results(outcome, 4) == [
        ToolResult("u2", f"PreToolUse:TaskUpdate hook error: {REFUSAL}", True)
    ]
    task = "Task #1: Fix app\nStatus: in_progress\nDescription: make tests pass"
    assert outcome.tool_results(5) == [ToolResult("g1", task, False)]
    assert scenario.cli_task("1")["status"] == "in_progress"


def test_the_task_completed_hook_alone_keeps_the_task_open(scenario):
    turns = red_task(scenario)
    scenario.drop_hooks("PreToolUse")
    claim = scenario.call("TaskUpdate", "u2", taskId="1", status="completed")

    outcome = scenario.run([*turns, claim, text("ok")], env=TASK_TOOLS_ENV, allowed_tools=["Bash"])

    assert results(outcome, 4) == [
        ToolResult("u2", f"TaskCompleted hook feedback:\n{REFUSAL}", False)
    ]
    assert outcome.run.hook_responses("PreToolUse:TaskUpdate") == []
    assert scenario.cli_task("1")["status"] == "in_progress"
