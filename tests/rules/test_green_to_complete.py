"""No "done" below 100 %: the completion gates in a session, through the real entrypoints.

Every report is written by a real pytest run in the temp project (tddgate's plugin), and
every event is a payload captured from Claude Code 2.1.330. Ages in reasons are replaced by
N (see testing.session.timeless); everything else is asserted whole.
"""

from __future__ import annotations

import json
from pathlib import Path

from tddgate.state import tasks
from testing.hooks import HookResult
from testing.project import CALC, make_calc_project
from testing.session import (
    SESSION,
    SUBAGENT,
    Session,
    block_reason,
    deny_reason,
    timeless,
    utc_clock,
)

RED_TEST = "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 4\n"
GREEN_TEST = "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"
RED = (
    "tests are not green: 1 failed of 1 (report N s old).\n"
    "  tests/test_calc.py::test_add: assert 3 == 4\n"
    "Run the full suite: python -m pytest"
)
STOP_RED = f"tddgate: you cannot stop yet. {RED}"
CAPPED = (
    "tddgate: session stopped with red tests after 3 blocked stops without progress: tests are "
    "not green: 1 failed of 1 (report N s old). Run `tddgate check` to see what is left."
)
TODOS = ".claude/todos/current.md"


def _claim(what: str) -> str:
    return f"tddgate: {what} cannot be marked completed while the tests are not green. {RED}"


def _red_session(project: Path, home: Path, agent_id: str | None = None) -> Session:
    """A session that edited a test (through the hooks) and ran the suite red."""
    make_calc_project(project)
    session = Session(project, home)
    assert session.write("tests/test_calc.py", RED_TEST, agent_id) == (0, "", "")
    assert session.pytest() == 1
    return session


def _red_project(project: Path, home: Path) -> Session:
    """A red suite on disk, and a session that has not edited anything yet."""
    make_calc_project(project)
    (project / "tests/test_calc.py").write_text(RED_TEST)
    session = Session(project, home)
    assert session.pytest() == 1
    return session


def _fix(session: Session) -> None:
    (session.project / "tests/test_calc.py").write_text(GREEN_TEST)
    assert session.pytest() == 0


def _system_message(result: tuple[int, str, str]) -> str:
    code, stdout, stderr = result
    assert (code, stderr) == (0, "")
    data = json.loads(stdout)
    assert set(data) == {"systemMessage"}, data
    return timeless(data["systemMessage"])


# -- Stop ---------------------------------------------------------------------------------


def test_a_red_stop_is_blocked_and_allowed_once_a_fixed_run_is_green(
    project: Path, home: Path
) -> None:
    session = _red_session(project, home)
    assert block_reason(session.stop()) == STOP_RED

    assert session.write("tests/test_calc.py", GREEN_TEST) == (0, "", "")
    assert session.pytest() == 0
    assert session.stop(active=True) == (0, "", "")


def test_an_edit_after_the_last_run_makes_the_report_stale(project: Path, home: Path) -> None:
    make_calc_project(project)
    session = Session(project, home)
    assert session.pytest() == 0
    assert session.write("src/calc.py", CALC + "# tidy\n") == (0, "", "")
    edit = json.loads((project / ".claude/tddgate/last-edit.json").read_text())

    assert block_reason(session.stop()) == (
        "tddgate: you cannot stop yet. the last test run is older than the last edit "
        f"(src/calc.py at {utc_clock(edit['time'])}); run python -m pytest"
    )
    assert session.pytest() == 0
    assert session.stop(active=True) == (0, "", "")


def test_a_turn_that_edited_nothing_stops_at_once_even_when_red(project: Path, home: Path) -> None:
    session = _red_project(project, home)
    assert session.stop() == (0, "", "")
    assert session.stop(active=True) == (0, "", "")


def test_a_subagent_is_gated_only_when_it_edited(project: Path, home: Path) -> None:
    session = _red_session(project, home, agent_id=SUBAGENT)
    assert block_reason(session.subagent_stop(SUBAGENT)) == (
        f"tddgate: the subagent cannot stop yet. {RED}"
    )
    assert session.subagent_stop("a0ther5ubagent00") == (0, "", "")
    # The main agent answers for the whole session, its subagents' edits included.
    assert block_reason(session.stop()) == STOP_RED


# -- the stop-loop cap --------------------------------------------------------------------


def test_stops_without_progress_are_blocked_three_times_then_allowed_with_a_message(
    project: Path, home: Path
) -> None:
    session = _red_session(project, home)
    assert block_reason(session.stop()) == STOP_RED
    assert block_reason(session.stop(active=True)) == STOP_RED
    assert block_reason(session.stop(active=True)) == STOP_RED
    assert _system_message(session.stop(active=True)) == CAPPED
    # The next turn starts counting again.
    assert block_reason(session.stop()) == STOP_RED


def test_a_new_run_or_an_edit_resets_the_count(project: Path, home: Path) -> None:
    session = _red_session(project, home)
    assert block_reason(session.stop()) == STOP_RED
    assert block_reason(session.stop(active=True)) == STOP_RED
    assert session.pytest() == 1  # progress: a new run, still red
    for _ in range(3):
        assert block_reason(session.stop(active=True)) == STOP_RED
    assert _system_message(session.stop(active=True)) == CAPPED

    assert block_reason(session.stop()) == STOP_RED
    assert block_reason(session.stop(active=True)) == STOP_RED
    assert session.write("tests/test_calc.py", RED_TEST + "\n") == (0, "", "")  # progress: an edit
    stale = block_reason(session.stop(active=True))
    assert stale.startswith("tddgate: you cannot stop yet. the last test run is older than")
    assert block_reason(session.stop(active=True)) == stale
    assert block_reason(session.stop(active=True)) == stale
    assert _system_message(session.stop(active=True)).startswith(
        "tddgate: session stopped with red tests after 3 blocked stops without progress: the "
        "last test run is older than the last edit (tests/test_calc.py at "
    )


def test_max_stop_blocks_in_the_config_sets_the_cap(project: Path, home: Path) -> None:
    session = _red_session(project, home)
    (project / ".tddgate.toml").write_text("max_stop_blocks = 1\n")
    assert block_reason(session.stop()) == STOP_RED
    assert _system_message(session.stop(active=True)) == (
        "tddgate: session stopped with red tests after 1 blocked stop without progress: tests "
        "are not green: 1 failed of 1 (report N s old). Run `tddgate check` to see what is left."
    )


# -- task tools ---------------------------------------------------------------------------


def _task_in_progress(session: Session) -> None:
    for name in ("capture-PostToolUse-TaskCreate", "capture-PostToolUse-TaskUpdate-in_progress"):
        assert session.send("PostToolUse", session.payload(name)) == (0, "", "")


def _task_status(project: Path) -> str:
    [task] = tasks.load(project, SESSION)
    return task["status"]


def test_task_completed_is_blocked_while_red_and_the_task_stays_open(
    project: Path, home: Path
) -> None:
    session = _red_project(project, home)
    _task_in_progress(session)
    completed = session.payload("capture-TaskCompleted")

    assert block_reason(session.send("TaskCompleted", completed)) == _claim(
        'task 1 ("Add subtraction")'
    )
    assert _task_status(project) == "in_progress"

    _fix(session)
    assert session.send("TaskCompleted", completed) == (0, "", "")
    assert _task_status(project) == "completed"


def test_task_update_to_completed_is_denied_while_red(project: Path, home: Path) -> None:
    session = _red_project(project, home)
    _task_in_progress(session)
    update = session.payload("capture-PreToolUse-TaskUpdate-completed")

    assert deny_reason(session.send("PreToolUse", update)) == _claim('task 1 ("Add subtraction")')
    _fix(session)
    assert session.send("PreToolUse", update) == (0, "", "")


def test_todowrite_completing_an_item_is_denied_while_red(project: Path, home: Path) -> None:
    session = _red_project(project, home)
    listed = [("Write the test", "completed"), ("Add subtraction", "in_progress")]
    assert session.todowrite("PostToolUse", listed) == (0, "", "")
    done = [("Write the test", "completed"), ("Add subtraction", "completed")]

    assert deny_reason(session.todowrite("PreToolUse", done)) == _claim('"Add subtraction"')
    # An item completed in the previous list is no new claim.
    more = [*listed, ("Document it", "pending")]
    assert session.todowrite("PreToolUse", more) == (0, "", "")
    _fix(session)
    assert session.todowrite("PreToolUse", done) == (0, "", "")


# -- the markdown todo file ---------------------------------------------------------------

BOARD = "# TODOs\n\n## IN PROGRESS\n- [ ] Add subtraction\n\n## COMPLETED\n- [x] Add addition\n"


def test_checking_an_item_off_in_the_todo_file_is_denied_while_red(
    project: Path, home: Path
) -> None:
    session = _red_project(project, home)
    (project / TODOS).write_text(BOARD)
    checked = BOARD.replace("- [ ] Add subtraction", "- [x] Add subtraction")

    assert deny_reason(session.pre_write(TODOS, checked)) == _claim('"Add subtraction"')
    # Rewriting the file with the item still open, or an old item still done, claims nothing.
    assert session.pre_write(TODOS, BOARD + "- [x] Add addition\n") == (0, "", "")
    _fix(session)
    assert session.pre_write(TODOS, checked) == (0, "", "")


def test_moving_an_item_under_completed_is_denied_while_red(project: Path, home: Path) -> None:
    session = _red_project(project, home)
    (project / TODOS).write_text(BOARD)
    old = "## IN PROGRESS\n- [ ] Add subtraction\n\n## COMPLETED\n"
    new = "## IN PROGRESS\n\n## COMPLETED\n- Add subtraction\n"

    assert deny_reason(session.pre_edit(TODOS, old, new)) == _claim('"Add subtraction"')
    _fix(session)
    assert session.pre_edit(TODOS, old, new) == (0, "", "")


def _bash(session: Session, command: str) -> HookResult:
    data = session.payload("capture-PreToolUse-Bash")
    data["tool_input"] = {"command": command, "description": "x"}
    return session.send("PreToolUse", data)


def test_completing_an_item_through_bash_is_denied_while_red(project: Path, home: Path) -> None:
    """Claude Code refuses Write/Edit under .claude/, so Bash is how an agent reaches the file."""
    session = _red_project(project, home)
    (project / TODOS).write_text(BOARD)
    checked = BOARD.replace("- [ ] Add subtraction", "- [x] Add subtraction")
    rewrite = f"cat > {TODOS} <<'EOF'\n{checked}EOF"
    append = f"echo '- [x] Add division' >> {TODOS}"

    assert deny_reason(_bash(session, rewrite)) == _claim('"Add subtraction"')
    assert deny_reason(_bash(session, append)) == _claim('"Add division"')
    # Starting an item is no claim.
    assert _bash(session, f"echo '- [ ] Add division' >> {TODOS}") == (0, "", "")
    _fix(session)
    assert _bash(session, rewrite) == (0, "", "")
