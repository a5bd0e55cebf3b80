"""Bash is an edit tool too: a command that writes a file meets the same gates as Write.

The real CLI runs the agent's Bash call only after tddgate's PreToolUse:Bash hook allowed it,
so each scenario proves the deny reaches the model and the command did not run (the file
is unchanged, the folder still there). tddgate's reason comes first: the CLI's own "sensitive
file" refusal of `rm -rf .claude/...` would hide a missing guard.
"""

from __future__ import annotations

from testing.claude_cli import ToolResult
from testing.fake_anthropic import text
from testing.project import CALC, make_calc_project

PREFIX = "PreToolUse:Bash hook error: tddgate: "


def hint(path: str, how: str) -> str:
    """What tddgate adds to a Bash deny: how it read the command, and the tool to use."""
    return (
        f" (tddgate read this Bash command as writing {path} ({how}); change files with the "
        "Edit or Write tool instead, so the change can be checked.)"
    )


NO_TODO = (
    f"{PREFIX}no todo is in progress, so this edit of src/extra.py is blocked. Say what you are "
    "working on first: TaskCreate a task and TaskUpdate it to status in_progress, or TodoWrite "
    "a list with one item in_progress, or, without a todo tool, run "
    '`tddgate todo start "<what you are doing>"` (it records the item under IN PROGRESS in '
    ".claude/todos/current.md)."
) + hint("src/extra.py", ">> redirection")
NO_TEST = (
    f"{PREFIX}src/calc.py has no test. Write a failing test first, e.g. tests/test_calc.py, "
    "then change src/calc.py."
) + hint("src/calc.py", "sed -i")
GUARDED = (
    f"{PREFIX}.claude/tddgate (tddgate's state) is guarded: a human must make this change "
    "(outside the agent), then tell the agent it is done."
)


def denied_bash(scenario, command: str) -> list[ToolResult]:
    """Run one Bash call of the agent; what the model was told about it."""
    outcome = scenario.run([scenario.bash("b1", command), text("ok")], allowed_tools=["Bash"])
    return outcome.tool_results(1)


def test_a_shell_append_without_a_todo_is_denied(scenario):
    make_calc_project(scenario.project, todo=None)
    scenario.install_tddgate()

    told = denied_bash(scenario, "echo 'x = 1' >> src/extra.py")

    assert told == [ToolResult("b1", NO_TODO, True)]
    assert not (scenario.project / "src/extra.py").exists()


def test_sed_in_place_on_a_source_without_a_test_is_denied_by_test_first(scenario):
    make_calc_project(scenario.project, todo="Rename things")
    (scenario.project / "tests/test_calc.py").unlink()
    scenario.install_tddgate()

    told = denied_bash(scenario, "sed -i 's/a/b/' src/calc.py")

    assert told == [ToolResult("b1", NO_TEST, True)]
    assert (scenario.project / "src/calc.py").read_text() == CALC


def test_removing_tddgates_state_is_denied(scenario):
    make_calc_project(scenario.project, todo="Clean up")
    scenario.install_tddgate()
    scenario.pytest_in_terminal()

    told = denied_bash(scenario, "rm -rf .claude/tddgate")

    assert told == [ToolResult("b1", GUARDED, True)]
    assert (scenario.project / ".claude/tddgate/report.json").is_file()


def test_the_agent_cannot_accept_a_smaller_baseline_itself(scenario):
    """Round-2 red team: a dropped-tests block tells a human to run `tddgate baseline
    accept`; the agent running it through Bash is refused (the command never runs)."""
    make_calc_project(scenario.project, todo="Trim the suite")
    scenario.install_tddgate()
    scenario.pytest_in_terminal()

    told = denied_bash(scenario, "tddgate baseline accept")

    assert told == [
        ToolResult(
            "b1",
            f"{PREFIX}.claude/tddgate/baseline.json (tddgate's state) is guarded: a human must "
            "make this change (outside the agent), then tell the agent it is done.",
            True,
        )
    ]


def test_the_agent_cannot_uninstall_the_hooks(scenario):
    make_calc_project(scenario.project, todo="Tidy up")
    scenario.install_tddgate()
    settings = (scenario.project / ".claude/settings.json").read_bytes()

    told = denied_bash(scenario, "tddgate uninstall")

    assert told == [
        ToolResult(
            "b1",
            f'{PREFIX}the "hooks" section of .claude/settings.json is guarded: a human must '
            "make this change (outside the agent), then tell the agent it is done.",
            True,
        )
    ]
    assert (scenario.project / ".claude/settings.json").read_bytes() == settings
