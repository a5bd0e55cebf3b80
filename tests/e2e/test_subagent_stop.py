"""SubagentStop: a subagent that edited cannot hand back while the suite is red.

2.1.330 runs Agent-tool subagents in the background by default ("async_launched": the main
agent goes on, and the result comes back later as a task-notification turn). The gated
scenario asks for `run_in_background: false`, so the subagent's turns happen while the main
agent waits and the order of hook events is fixed. The fake model tells the two agents apart
by the subagent's `cc_is_subagent=true` billing line and serves each its own script.
"""

from __future__ import annotations

from testing.claude_cli import timeless
from testing.fake_anthropic import Turn, text, tool_use

GREEN_GATE = 'disable = ["test_first"]\n'
RED = "def test_value():\n    assert 1 == 2\n"
GREEN = "def test_value():\n    assert 1 == 1\n"
REFUSAL = (
    "tddgate: the subagent cannot stop yet. tests are not green: 1 failed of 1 (report N s old).\n"
    "  tests/test_app.py::test_value: assert 1 == 2\n"
    "Run the full suite: python -m pytest"
)


def red_project(scenario) -> None:
    scenario.install_tddgate(GREEN_GATE)
    scenario.write(".claude/todos/current.md", "## IN PROGRESS\n- [ ] Make it pass\n")
    scenario.write("tests/test_app.py", RED)


def delegate(background: bool) -> Turn:
    """The main agent's Agent call; a general-purpose subagent gets "Make the suite pass."."""
    task = {"description": "fix the tests", "prompt": "Make the suite pass."}
    return tool_use("Agent", {**task, "run_in_background": background}, "a1")


def test_a_subagent_cannot_finish_with_red_tests_until_it_makes_them_green(scenario):
    red_project(scenario)
    subagent = [
        scenario.call("Write", "w1", file_path="notes.md", content="x\n"),
        scenario.pytest_call("p1"),
        text("done (subagent)"),
        scenario.call("Write", "w2", file_path="tests/test_app.py", content=GREEN),
        scenario.pytest_call("p2"),
        text("fixed (subagent)"),
    ]

    outcome = scenario.run(
        [delegate(False), text("done")], allowed_tools=["Bash"], subagent=subagent
    )

    # The subagent reads the reason twice: as Stop feedback, and as the CLI's error line
    # quoting the hook command.
    assert [timeless(t) for t in outcome.subagent.user_texts(3)] == [
        f"Stop hook feedback:\n{REFUSAL}"
    ]
    command = scenario.hook_command("SubagentStop")
    assert timeless(outcome.subagent.context(3)[-1]) == (
        f'SubagentStop hook blocking error from command: "{command}": {REFUSAL}'
    )
    [hand_back] = outcome.tool_results(1)
    assert "  fixed (subagent)" in hand_back.content.splitlines()
    assert outcome.run.result["result"] == "done"


def test_a_background_subagent_that_edited_nothing_is_not_held_by_a_red_suite(scenario):
    red_project(scenario)
    scenario.pytest_in_terminal()
    notification = "<result>nothing to change (subagent)</result>"

    outcome = scenario.run(
        [delegate(True), text("waiting for the subagent"), text("done")],
        subagent=[text("nothing to change (subagent)")],
    )

    [subagent_stop] = outcome.run.hook_responses("SubagentStop")
    assert (subagent_stop["exit_code"], subagent_stop["output"]) == (0, "")
    assert notification in outcome.user_texts(2)[0].splitlines()
    assert outcome.run.result["result"] == "done"
