"""No edit without an in-progress todo, through the real CLI, for each todo source.

Each scenario first proves the deny (the file stays unwritten and the model reads why), then
registers the work the way that source allows, and proves the same Write now runs. The
project is installed with `tddgate install --project`; the test-first and green gates are
off here so that only the todo rule speaks (notes.md is no source file either way).
"""

from __future__ import annotations

from testing.claude_cli import TASK_TOOLS_ENV, TODOWRITE_ENV, ToolResult
from testing.fake_anthropic import text

ONLY_TODOS = 'disable = ["green_to_complete", "test_first"]\n'
NOTES = "notes.md"
MARKDOWN_ACTION = (
    'run `tddgate todo start "<what you are doing>"` (it records the item under IN PROGRESS in '
    ".claude/todos/current.md)"
)


def denied(tool_id: str, why: str) -> list[ToolResult]:
    prefix = (
        f"PreToolUse:Write hook error: tddgate: no todo is in progress, so this edit of {NOTES}"
    )
    return [
        ToolResult(tool_id, f"{prefix} is blocked. Say what you are working on first: {why}.", True)
    ]


def test_an_edit_without_any_todo_is_denied_and_the_model_is_told_why(scenario):
    scenario.install_tddgate(ONLY_TODOS)

    outcome = scenario.run(
        [scenario.call("Write", "w1", file_path=NOTES, content="x\n"), text("ok")]
    )

    assert outcome.tool_results(1) == denied(
        "w1",
        "TaskCreate a task and TaskUpdate it to status in_progress, or TodoWrite a list with one "
        f"item in_progress, or, without a todo tool, {MARKDOWN_ACTION}",
    )
    assert not (scenario.project / NOTES).exists()


def test_task_tools_a_task_in_progress_allows_the_write(scenario):
    scenario.install_tddgate(ONLY_TODOS)
    write = scenario.call("Write", "w1", file_path=NOTES, content="x\n")
    turns = [
        scenario.call("TaskCreate", "c1", subject="Write notes", description="notes.md"),
        write,
        scenario.call("TaskUpdate", "u1", taskId="1", status="in_progress"),
        scenario.call("Write", "w2", file_path=NOTES, content="x\n"),
        text("done"),
    ]

    outcome = scenario.run(turns, env=TASK_TOOLS_ENV)

    assert outcome.tool_results(2) == denied(
        "w1", 'TaskUpdate task 1 ("Write notes") to status in_progress'
    )
    assert outcome.errors(4) == []
    assert (scenario.project / NOTES).read_text() == "x\n"


def test_todowrite_an_item_in_progress_allows_the_write(scenario):
    scenario.install_tddgate(ONLY_TODOS)
    todo = {"content": "Write notes", "activeForm": "Writing notes"}
    turns = [
        scenario.call("TodoWrite", "t1", todos=[{**todo, "status": "pending"}]),
        scenario.call("Write", "w1", file_path=NOTES, content="x\n"),
        scenario.call("TodoWrite", "t2", todos=[{**todo, "status": "in_progress"}]),
        scenario.call("Write", "w2", file_path=NOTES, content="x\n"),
        text("done"),
    ]

    outcome = scenario.run(turns, env=TODOWRITE_ENV)

    assert outcome.tool_results(2) == denied(
        "w1", "TodoWrite your list again with the item you are working on as status in_progress"
    )
    assert outcome.errors(4) == []


def test_markdown_file_with_only_pending_items_denies_the_write(scenario):
    scenario.install_tddgate(ONLY_TODOS)
    scenario.write(".claude/todos/current.md", "# Todos\n\n## PENDING\n- [ ] Write notes\n")

    outcome = scenario.run(
        [scenario.call("Write", "w1", file_path=NOTES, content="x\n"), text("ok")]
    )

    assert outcome.tool_results(1) == denied("w1", MARKDOWN_ACTION)
    assert not (scenario.project / NOTES).exists()


def test_markdown_file_an_item_under_in_progress_allows_the_write(scenario):
    scenario.install_tddgate(ONLY_TODOS)
    scenario.write(".claude/todos/current.md", "# Todos\n\n## IN PROGRESS\n- [ ] Write notes\n")

    outcome = scenario.run(
        [scenario.call("Write", "w1", file_path=NOTES, content="x\n"), text("ok")]
    )

    assert outcome.errors(1) == []
    assert (scenario.project / NOTES).read_text() == "x\n"
