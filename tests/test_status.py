"""`tddgate.status`: every todo source, the verdict, and the gates' answers, changing nothing.

State is made the way a session makes it: captured Claude Code payloads played through the
runner in-process. Reports come from testing.reports (real shape, valid integrity record).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from tddgate.config import Config
from tddgate.invocation import tddgate_command
from tddgate.runner import evaluate
from tddgate.state.edits import record_edit
from tddgate.state.tasks import session_dir
from tddgate.status import Preview, SourceView, Status, collect
from tddgate.status.gates import edit_target
from tddgate.status.sessions import latest_session
from tddgate.todos.model import TodoItem
from testing import payloads
from testing import reports as r

SESSION = "8c15dcad-8f13-4e4e-a1da-eabe1cf31355"
T0 = 1_750_000_000.0
NO_REPORT = (
    "no test report yet: run python -m pytest in {root} "
    "(tddgate's plugin writes .claude/tddgate/report.json)"
)
NO_TODO = (
    "tddgate: no todo is in progress, so this edit of {rel} is blocked. Say what you are "
    "working on first: TaskCreate a task and TaskUpdate it to status in_progress, or TodoWrite "
    "a list with one item in_progress, or, without a todo tool, run "
    f'`{tddgate_command()} todo start "<what you are doing>"` (it records the item under '
    "IN PROGRESS in .claude/todos/current.md)."
)
UNTOUCHED = (
    SourceView("tasks", "task store", (), "no tasks"),
    SourceView("todowrite", "TodoWrite list", (), "none"),
    SourceView("markdown:.claude/todos/current.md", ".claude/todos/current.md", (), "no such file"),
)


def play(project: Path, name: str, **overrides: Any) -> None:
    """Run one captured event through the real runner; it must be allowed silently."""
    data = payloads.load(name, project, **overrides)
    assert evaluate(json.dumps(data).encode()) == ("", [])


def start_task(project: Path) -> None:
    play(project, "capture-PostToolUse-TaskCreate")
    play(project, "capture-PostToolUse-TaskUpdate-in_progress")


def write_code(project: Path) -> None:
    """src/calc.py and its test, so the test-first rule lets an edit of it through."""
    for rel, text in (
        ("src/calc.py", "def add(a, b):\n    return a + b\n"),
        ("tests/test_calc.py", "def test_add():\n    assert 1 + 2 == 3\n"),
    ):
        (project / rel).parent.mkdir(exist_ok=True)
        (project / rel).write_text(text)


def edit_source(project: Path) -> None:
    """The agent wrote src/calc.py (at T0, so report times can be fixed): the session edited."""
    write_code(project)
    play(project, "capture-PostToolUse-Write")
    record = {"time": T0, "path": "src/calc.py", "session_id": SESSION}
    (project / ".claude/tddgate/last-edit.json").write_text(json.dumps(record))


def write_report(project: Path, tests: list[dict[str, Any]], created: float) -> None:
    r.write(project / ".claude/tddgate/report.json", r.report(tests, root=project, created=created))


def green(project: Path) -> None:
    write_report(project, [r.passed("tests/test_calc.py::test_add")], created=T0 + 60)


def red(project: Path) -> None:
    tests = [r.passed("tests/test_calc.py::test_add"), r.failed("tests/test_calc.py::test_sub")]
    write_report(project, tests, created=T0 + 60)


RED_REASON = (
    "tests are not green: 1 failed of 2 (report 1 min old).\n"
    "  tests/test_calc.py::test_sub: assert 1 == 2\n"
    "Run the full suite: python -m pytest"
)


# -- the whole status ---------------------------------------------------------------------


def test_a_project_without_state(project: Path) -> None:
    status = collect(project, now=T0)

    assert status == Status(
        root=project, session_id=None, session_given=False, config_source="",
        config_error="", sources=(
            SourceView("tasks", "task store", (), "no session yet"),
            SourceView("todowrite", "TodoWrite list", (), "no session yet"),
            UNTOUCHED[2],
        ),
        in_force=None, todo_problems=(), verdict=status.verdict, verdict_error="", now=T0,
        edit_path="src/example.py",
        stop=Preview(True, "no file was edited in this session"),
        edit=Preview(False, NO_TODO.format(rel="src/example.py")),
    )
    assert status.verdict is not None
    assert (status.verdict.green, status.verdict.reason) == (False, NO_REPORT.format(root=project))
    assert list(project.iterdir()) == []  # status created nothing


def test_a_task_in_progress_allows_the_edit(project: Path) -> None:
    start_task(project)
    write_code(project)

    status = collect(project, now=T0)

    assert (status.session_id, status.in_force) == (SESSION, "tasks")
    assert status.sources == (
        SourceView("tasks", "task store", (
            TodoItem("1", "Add subtraction", "in_progress", "Adding subtraction"),
        )),
        *UNTOUCHED[1:],
    )
    assert (status.edit_path, status.edit) == ("src/calc.py", Preview(True))


def test_a_pending_task_names_the_task_update(project: Path) -> None:
    play(project, "capture-PostToolUse-TaskCreate")
    edit_source(project)

    status = collect(project, now=T0)

    assert (status.edit_path, status.edit) == ("src/calc.py", Preview(False, (
        "tddgate: no todo is in progress, so this edit of src/calc.py is blocked. Say what you "
        'are working on first: TaskUpdate task 1 ("Add subtraction") to status in_progress.'
    )))


def test_every_source_is_shown_and_the_first_with_items_is_in_force(project: Path) -> None:
    play(project, "PostToolUse-TodoWrite", session_id=SESSION)
    todo = project / ".claude/todos/current.md"
    todo.parent.mkdir(parents=True)
    todo.write_text("## IN PROGRESS\n- [ ] Write the docs\n\n## PENDING\n- [ ] Ship it\n")

    status = collect(project, now=T0)

    assert status.in_force == "todowrite"
    assert status.sources == (
        UNTOUCHED[0],
        SourceView("todowrite", "TodoWrite list", (
            TodoItem("1", "Write allowed.txt", "completed", "Writing allowed.txt"),
            TodoItem("2", "Make tests green", "in_progress", "Making tests green"),
        )),
        SourceView("markdown:.claude/todos/current.md", ".claude/todos/current.md", (
            TodoItem("L2", "Write the docs", "in_progress"),
            TodoItem("L5", "Ship it", "pending"),
        )),
    )


def test_a_subagent_todowrite_list_is_shown_after_the_main_one(project: Path) -> None:
    play(project, "PostToolUse-TodoWrite", session_id=SESSION, agent_id="helper-1",
         agent_type="general-purpose")

    status = collect(project, now=T0)

    assert status.in_force is None  # the main agent's gates see only the main list
    assert status.sources[1:3] == (
        SourceView("todowrite", "TodoWrite list", (), "none"),
        SourceView("todowrite:helper-1", "TodoWrite list of subagent helper-1", (
            TodoItem("1", "Write allowed.txt", "completed", "Writing allowed.txt"),
            TodoItem("2", "Make tests green", "in_progress", "Making tests green"),
        )),
    )


def test_only_the_configured_sources_are_shown(project: Path) -> None:
    (project / ".tddgate.toml").write_text(
        'todo_sources = ["markdown"]\ntodo_files = ["TODO.md", "docs/plan.md"]\n'
    )
    (project / "TODO.md").write_text("# nothing here\n")

    status = collect(project, now=T0)

    assert (status.config_source, status.sources) == (".tddgate.toml", (
        SourceView("markdown:TODO.md", "TODO.md", (), "no todo items tddgate can read"),
        SourceView("markdown:docs/plan.md", "docs/plan.md", (), "no such file"),
    ))


def test_an_unreadable_todo_file_is_a_problem(project: Path) -> None:
    (project / ".claude/todos/current.md").mkdir(parents=True)

    status = collect(project, now=T0)

    problem = "could not read .claude/todos/current.md: Is a directory"
    assert status.sources[2] == UNTOUCHED[2]._replace(note=problem)
    assert status.todo_problems == (problem,)


def test_a_broken_task_store_is_a_problem_not_a_crash(project: Path) -> None:
    start_task(project)
    store = session_dir(project, SESSION) / "tasks.json"
    store.write_text("{")

    status = collect(project, now=T0)

    assert (status.sources, status.in_force, status.todo_problems) == ((), None, (
        f"{store} is not valid JSON; delete it and tddgate will start that state afresh",
    ))


def test_a_named_session_without_state(project: Path) -> None:
    start_task(project)

    status = collect(project, "other-session", now=T0)

    assert (status.session_id, status.session_given, status.in_force) == (
        "other-session", True, None,
    )
    assert status.edit == Preview(False, NO_TODO.format(rel="src/example.py"))


# -- Stop ---------------------------------------------------------------------------------


def test_stop_is_blocked_after_an_edit_while_red(project: Path) -> None:
    start_task(project)
    edit_source(project)
    red(project)

    status = collect(project, now=T0 + 120)

    assert status.stop == Preview(False, RED_REASON)


def test_stop_is_allowed_when_green(project: Path) -> None:
    edit_source(project)
    green(project)

    assert collect(project, now=T0 + 120).stop == Preview(True, "the tests are green")


def test_stop_is_allowed_when_the_rule_is_disabled(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit_source(project)
    monkeypatch.setenv("TDDGATE_DISABLE", "green_to_complete")

    assert collect(project, now=T0).stop == Preview(
        True, "the green_to_complete rule is disabled"
    )


def test_a_stale_report_blocks_the_stop(project: Path) -> None:
    edit_source(project)
    green(project)
    record_edit(project / ".claude/tddgate", "src/calc.py", T0 + 300, SESSION)

    status = collect(project, now=T0 + 400)

    at = time.strftime("%H:%M:%S", time.localtime(T0 + 300))
    assert status.stop == Preview(False, (
        f"the last test run is older than the last edit (src/calc.py at {at}); "
        "run python -m pytest"
    ))


# -- what the real hooks answer -----------------------------------------------------------


def _real_stop(project: Path) -> str:
    out, _ = evaluate(json.dumps(payloads.load("capture-Stop", project)).encode())
    return out


def _real_edit(project: Path, rel: str) -> str:
    data = payloads.load("capture-PreToolUse-Write", project)
    data["tool_input"] = {"file_path": str(project / rel), "content": ""}
    out, _ = evaluate(json.dumps(data).encode())
    return out


def _rendered_stop(preview: Preview) -> str:
    if preview.allowed:
        return ""
    reason = f"tddgate: you cannot stop yet. {preview.reason}"
    return json.dumps({"decision": "block", "reason": reason}, ensure_ascii=False)


def _rendered_edit(preview: Preview) -> str:
    if preview.allowed:
        return ""
    return json.dumps({"hookSpecificOutput": {
        "hookEventName": "PreToolUse",
        "permissionDecision": "deny",
        "permissionDecisionReason": preview.reason,
    }}, ensure_ascii=False)


SCENARIOS = {
    "nothing": [],
    "task": [start_task],
    "task, code": [start_task, write_code],
    "edited, no report": [edit_source],
    "edited, red": [start_task, edit_source, red],
    "edited, green": [edit_source, green],
}


@pytest.mark.parametrize("steps", SCENARIOS.values(), ids=SCENARIOS.keys())
def test_the_previews_agree_with_the_real_hooks(project: Path, steps: list[Any]) -> None:
    for step in steps:
        step(project)
    status = collect(project)

    assert _rendered_edit(status.edit) == _real_edit(project, status.edit_path)
    assert _rendered_stop(status.stop) == _real_stop(project)  # last: it counts the stop


def _files(*roots: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p): (p.read_bytes(), p.stat().st_mtime_ns)
        for root in roots for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_status_changes_no_state(project: Path, home: Path) -> None:
    start_task(project)
    edit_source(project)
    red(project)
    for _ in range(2):  # the agent already tried to stop twice: the loop counter is at 2
        evaluate(json.dumps(payloads.load("capture-Stop", project, stop_hook_active=True)).encode())
    before = _files(project, home)

    collect(project)

    assert _files(project, home) == before


# -- failing open -------------------------------------------------------------------------


def test_a_bad_config_is_shown_and_the_gates_fail_open(project: Path) -> None:
    (project / ".tddgate.toml").write_text("max_in_progress = 0\n")

    status = collect(project, now=T0)

    error = (
        "config error in .tddgate.toml: max_in_progress: Input should be greater than or equal "
        "to 1; see the configuration reference in tddgate's README"
    )
    allowed = Preview(True, f"{error} (the hooks let every call through until this is fixed)")
    assert (status.config_error, status.sources, status.stop, status.edit) == (
        error, status.sources, allowed, allowed,
    )
    assert status.sources[2] == UNTOUCHED[2]  # the listing falls back to the defaults


def test_a_broken_edit_record_is_shown_and_the_gates_fail_open(project: Path) -> None:
    edit_source(project)
    record = project / ".claude/tddgate/last-edit.json"
    record.write_text("[]")

    status = collect(project, now=T0)

    error = (
        f"{record} is not a tddgate edit record "
        '({"time": <epoch>, "path": "…"}); delete it and tddgate will treat the next edit '
        "as the last one"
    )
    assert (status.verdict, status.verdict_error, status.stop) == (
        None, error, Preview(True, f"state error: {error}; the hooks let the call through"),
    )


# -- parts --------------------------------------------------------------------------------


def test_the_latest_session_is_the_one_changed_last(project: Path) -> None:
    sessions = project / ".claude/tddgate/sessions"
    assert latest_session(project) is None
    for age, name in ((300, "old"), (10, "new"), (200, "middle")):
        (sessions / name).mkdir(parents=True)
        os.utime(sessions / name, (T0 - age, T0 - age))
    assert latest_session(project) == "new"

    (sessions / "old" / "tasks.json").write_text("{}")  # a file inside changed just now

    assert latest_session(project) == "old"


def test_the_edit_target_is_the_first_source_file_not_ignored(
    project: Path, tmp_path: Path
) -> None:
    for rel in ("src/pkg/b.py", "src/pkg/a.py", "src/a_gen.py", "src/notes.txt"):
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text("")
    cfg = Config(ignore=["*_gen.py"])

    assert edit_target(project, cfg) == "src/pkg/a.py"
    assert edit_target(tmp_path, cfg) == "src/example.py"
