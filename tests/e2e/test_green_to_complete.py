"""The test verdict as the agent produces it: pytest run through the CLI's Bash tool.

Later scenarios here: red Stop -> continue -> green Stop; a skipped test blocks Stop;
TaskCompleted blocked while red; SubagentStop.
"""

from __future__ import annotations

import re

from testing.fake_anthropic import text

GATES_OFF = 'disable = ["green_to_complete", "test_first"]\n'
# The verdict says how old the report is; a second may pass between pytest and Stop.
AGE = re.compile(r"report \d+ s old")
PASSING = "def test_ok():\n    assert True\n"


def test_the_agents_pytest_run_writes_the_report_tddgate_judges(scenario):
    scenario.install_tddgate(GATES_OFF)
    scenario.write("tests/test_ok.py", PASSING)

    outcome = scenario.run([scenario.pytest_call("b1"), text("done")], allowed_tools=["Bash"])

    [bash] = outcome.tool_results(1)
    assert "tddgate: wrote .claude/tddgate/report.json (full suite)" in bash.content.splitlines()
    assert (scenario.project / ".claude" / "tddgate" / "report.json").is_file()


def test_a_red_stop_is_blocked_and_the_agent_stops_once_green(scenario):
    scenario.install_tddgate('disable = ["test_first"]\n')
    scenario.write(".claude/todos/current.md", "## IN PROGRESS\n- [ ] Make it pass\n")
    red, green = "def test_value():\n    assert 1 == 2\n", PASSING
    turns = [
        scenario.call("Write", "w1", file_path="tests/test_app.py", content=red),
        scenario.pytest_call("p1"),
        text("done"),
        scenario.call("Write", "w2", file_path="tests/test_app.py", content=green),
        scenario.pytest_call("p2"),
        text("done, all green"),
    ]

    outcome = scenario.run(turns, allowed_tools=["Bash"])

    assert [AGE.sub("report N s old", t) for t in outcome.user_texts(3)] == [
        "Stop hook feedback:\ntddgate: you cannot stop yet. tests are not green: 1 failed of 1 "
        "(report N s old).\n  tests/test_app.py::test_value: assert 1 == 2\n"
        "Run the full suite: python -m pytest"
    ]
    assert outcome.run.result["result"] == "done, all green"
