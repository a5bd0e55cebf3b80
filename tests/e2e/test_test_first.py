"""Test first through the real CLI: new behaviour in a source needs a failing test on record.

The project is green (the user ran pytest in a terminal) and has a todo in progress in the
markdown file, so only the test-first rule can speak: the agent's Write that adds `sub()` is
denied; the agent adds a failing test, runs it red, and the same Write goes through; green
again, it may stop.
"""

from __future__ import annotations

from testing.claude_cli import ToolResult
from testing.fake_anthropic import text
from testing.project import CALC, make_calc_project

WITH_SUB = CALC + "\n\ndef sub(a, b):\n    return a - b\n"
# Imported inside the test, so the red run is a failed test (not a collection error).
TEST_SUB = "\n\ndef test_sub():\n    from calc import sub\n\n    assert sub(3, 1) == 2\n"
LAST_LINE = "    assert add(1, 2) == 3\n"
DENIED = (
    "PreToolUse:Write hook error: tddgate: the suite is green; `sub()` is new behaviour in "
    "src/calc.py: add a failing test that calls it, run `python -m pytest` (it must fail), "
    "then implement."
)


def test_new_behaviour_is_denied_until_a_failing_test_ran_then_the_agent_stops_green(scenario):
    make_calc_project(scenario.project, todo="Add subtraction")
    scenario.install_tddgate()
    scenario.pytest_in_terminal()
    turns = [
        scenario.call("Write", "w1", file_path="src/calc.py", content=WITH_SUB),
        scenario.call(
            "Edit",
            "e1",
            file_path="tests/test_calc.py",
            old_string=LAST_LINE,
            new_string=LAST_LINE + TEST_SUB,
        ),
        scenario.pytest_call("p1"),
        scenario.call("Write", "w2", file_path="src/calc.py", content=WITH_SUB),
        scenario.pytest_call("p2"),
        text("done: sub() is tested and green"),
    ]

    outcome = scenario.run(turns, allowed_tools=["Bash"])

    assert outcome.tool_results(1) == [ToolResult("w1", DENIED, True)]
    assert outcome.errors(2) == []
    [red] = outcome.tool_results(3)
    assert red.content.startswith("Exit code 1\n")
    calc = scenario.project / "src/calc.py"
    failure = f"E       ImportError: cannot import name 'sub' from 'calc' ({calc})"
    assert failure in red.content.splitlines()
    assert outcome.errors(4) == outcome.errors(5) == []
    assert calc.read_text() == WITH_SUB
    [stop] = outcome.run.hook_responses("Stop")
    assert (stop["exit_code"], stop["output"]) == (0, "")
    assert outcome.run.result["result"] == "done: sub() is tested and green"
