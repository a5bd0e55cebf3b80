"""SessionStart: a new session's first request carries tddgate's recovery context.

The model of a fresh (or resumed, cleared, compacted) session has forgotten what it was doing;
tddgate gives it back the todos in progress, the last verdict and the rules, and says nothing
in a project where it holds no state.
"""

from __future__ import annotations

from testing.claude_cli import TODOWRITE_ENV, timeless
from testing.fake_anthropic import text

GATES_OFF = 'disable = ["green_to_complete", "test_first"]\n'
RULES = (
    "Rules in force (tddgate): every file edit needs a todo in progress (at most 1); a todo is "
    "completed, and you may stop, only when the last `python -m pytest` run is fresh (after your "
    "last edit), ran the full suite, and passed 100 % with zero skips, xfails and errors. New "
    "behaviour needs a failing test first."
)
HOOK_CONTEXT = "SessionStart hook additional context: "
# 2.1.330 puts hook context in the system message that opens with its own "# Environment".
ENVIRONMENT = "\n\n# Environment\n"


def hook_context(outcome) -> str:
    """What the SessionStart hooks added to the first request ('' when they added nothing)."""
    first = outcome.context(0)[0]
    if not first.startswith(HOOK_CONTEXT):
        return ""
    return timeless(first[len(HOOK_CONTEXT) :].split(ENVIRONMENT)[0])


def test_todowrite_list_and_report_of_an_earlier_session_reach_the_next_session(scenario):
    scenario.install_tddgate(GATES_OFF)
    scenario.write("tests/test_ok.py", "def test_ok():\n    assert True\n")
    todos = [
        {"content": "Write notes", "activeForm": "Writing notes", "status": "in_progress"},
        {"content": "Add docs", "activeForm": "Adding docs", "status": "pending"},
    ]
    earlier = [scenario.call("TodoWrite", "t1", todos=todos), scenario.pytest_call("p1")]
    scenario.run([*earlier, text("paused")], env=TODOWRITE_ENV, allowed_tools=["Bash"])

    outcome = scenario.run([text("hello")], env=TODOWRITE_ENV)

    assert hook_context(outcome) == (
        "tddgate recovery context (startup):\n"
        "Todos (from todowrite):\n"
        "- IN PROGRESS: Write notes\n"
        "- pending: Add docs\n"
        "Last test run: green, 1 passed, N min old.\n" + RULES
    )


def test_todo_file_and_a_red_terminal_run_reach_the_first_request(scenario):
    scenario.install_tddgate(GATES_OFF)
    scenario.write(
        ".claude/todos/current.md",
        "# Todos\n\n## IN PROGRESS\n- [ ] Make it pass\n\n## PENDING\n- [ ] Add docs\n",
    )
    scenario.write("tests/test_app.py", "def test_value():\n    assert 1 == 2\n")
    scenario.pytest_in_terminal()

    outcome = scenario.run([text("hello")])

    assert hook_context(outcome) == (
        "tddgate recovery context (startup):\n"
        "Todos (from todo file .claude/todos/current.md):\n"
        "- IN PROGRESS: Make it pass\n"
        "- pending: Add docs\n"
        "Last test run: red, N min old: tests are not green: 1 failed of 1 (report N s old).\n"
        + RULES
    )


def test_a_project_without_tddgate_state_gets_no_context(scenario):
    scenario.install_tddgate(GATES_OFF)

    outcome = scenario.run([text("hello")])

    [start] = outcome.run.hook_responses("SessionStart:startup")
    assert (start["exit_code"], start["output"]) == (0, "")
    assert hook_context(outcome) == ""
    assert outcome.context(0)[0].startswith("# Environment\n")
