"""Stop needs a fresh, full, 100 % green report, produced the way the agent does: pytest via Bash.

Each Stop scenario has a todo in progress in the markdown file (so edits are allowed) and
test-first off (the suite is written by the scenario), so only the green gate speaks.
"""

from __future__ import annotations

from testing.claude_cli import timeless
from testing.fake_anthropic import text

GATES_OFF = 'disable = ["green_to_complete", "test_first"]\n'
GREEN_GATE = 'disable = ["test_first"]\n'
TODO_FILE = "# Todos\n\n## IN PROGRESS\n- [ ] Make it pass\n"
PASSING = "def test_ok():\n    assert True\n"
RED = "def test_value():\n    assert 1 == 2\n"
RED_REASON = (
    "tests are not green: 1 failed of 1 (report N s old).\n"
    "  tests/test_app.py::test_value: assert 1 == 2\n"
    "Run the full suite: python -m pytest"
)
SKIPPING = (
    "import pytest\n\n\ndef test_ok():\n    assert True\n\n\n"
    '@pytest.mark.skip(reason="not today")\ndef test_later():\n    assert True\n'
)


def stop_feedback(outcome, request: int) -> list[str]:
    return [timeless(t) for t in outcome.user_texts(request)]


def test_the_agents_pytest_run_writes_the_report_tddgate_judges(scenario):
    scenario.install_tddgate(GATES_OFF)
    scenario.write("tests/test_ok.py", PASSING)

    outcome = scenario.run([scenario.pytest_call("b1"), text("done")], allowed_tools=["Bash"])

    [bash] = outcome.tool_results(1)
    assert "tddgate: wrote .claude/tddgate/report.json (full suite)" in bash.content.splitlines()
    assert (scenario.project / ".claude" / "tddgate" / "report.json").is_file()


def test_a_red_stop_is_blocked_and_the_agent_stops_once_green(scenario):
    scenario.install_tddgate(GREEN_GATE)
    scenario.write(".claude/todos/current.md", TODO_FILE)
    turns = [
        scenario.call("Write", "w1", file_path="tests/test_app.py", content=RED),
        scenario.pytest_call("p1"),
        text("done"),
        scenario.call("Write", "w2", file_path="tests/test_app.py", content=PASSING),
        scenario.pytest_call("p2"),
        text("done, all green"),
    ]

    outcome = scenario.run(turns, allowed_tools=["Bash"])

    assert stop_feedback(outcome, 3) == [
        f"Stop hook feedback:\ntddgate: you cannot stop yet. {RED_REASON}"
    ]
    assert outcome.run.result["result"] == "done, all green"


def test_a_skipped_test_blocks_stop_until_the_skip_is_gone(scenario):
    scenario.install_tddgate(GREEN_GATE)
    scenario.write(".claude/todos/current.md", TODO_FILE)
    scenario.write("tests/test_app.py", SKIPPING)
    skip_marker = '@pytest.mark.skip(reason="not today")\n'
    turns = [
        scenario.call(
            "Edit",
            "e1",
            file_path="tests/test_app.py",
            old_string="def test_ok",
            new_string="def test_fine",
        ),
        scenario.pytest_call("p1"),
        text("done"),
        scenario.call(
            "Edit", "e2", file_path="tests/test_app.py", old_string=skip_marker, new_string=""
        ),
        scenario.pytest_call("p2"),
        text("done, nothing skipped"),
    ]

    outcome = scenario.run(turns, allowed_tools=["Bash"])

    assert stop_feedback(outcome, 3) == [
        "Stop hook feedback:\ntddgate: you cannot stop yet. tests are not green: 1 skipped of 2 "
        "(report N s old).\n  tests/test_app.py::test_later: skipped: not today\n"
        "Run the full suite: python -m pytest"
    ]
    assert outcome.run.result["result"] == "done, nothing skipped"


def test_stopping_without_progress_is_allowed_after_three_blocks_with_a_note(scenario):
    scenario.install_tddgate(GREEN_GATE)
    scenario.write(".claude/todos/current.md", TODO_FILE)
    edit_and_run = [
        scenario.call("Write", "w1", file_path="tests/test_app.py", content=RED),
        scenario.pytest_call("p1"),
    ]
    stops = [text(f"done {n}") for n in range(1, 5)]

    outcome = scenario.run([*edit_and_run, *stops], allowed_tools=["Bash"])

    blocked = f"Stop hook feedback:\ntddgate: you cannot stop yet. {RED_REASON}"
    assert [stop_feedback(outcome, n) for n in (3, 4, 5)] == [[blocked]] * 3
    # The fourth stop ends the run; the note is for the human, who sees it as a CLI notice.
    assert outcome.run.result["result"] == "done 4"
    assert [timeless(n) for n in outcome.run.notices()] == [
        "Stop says: tddgate: session stopped with red tests after 3 blocked stops without "
        "progress: tests are not green: 1 failed of 1 (report N s old). Run `tddgate check` to "
        "see what is left."
    ]
    assert outcome.run.stderr == ""
