"""`tddgate todo`: every verb through the CLI, its refusals, the file it writes, its history."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tddgate.cli import cli
from tddgate.cli.todo import command
from tddgate.config import load_config
from tddgate.errors import ConfigError
from tddgate.state.snapshots import iter_snapshots
from tddgate.todofile import stamps
from tddgate.todos.markdown import parse_markdown
from testing.project import make_calc_project, run_pytest

FIXTURES = Path(__file__).parents[1] / "fixtures" / "todo-files"
REL = ".claude/todos/current.md"
SOURCE = f"markdown:{REL}"
NO_REPORT = "no test report yet: run python -m pytest in {project} (tddgate's plugin writes " \
    ".claude/tddgate/report.json)"  # fmt: skip


@pytest.fixture(autouse=True)
def no_session(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAUDE_CODE_SESSION_ID", raising=False)


def todo(project: Path, *args: str) -> Result:
    return CliRunner().invoke(command, [*args, "--project", str(project)])


def ok(project: Path, *args: str) -> str:
    result = todo(project, *args)
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result.stdout


def refused(project: Path, *args: str) -> str:
    """The stderr of a refused verb, once sure it changed neither the file nor the history."""
    path = project / REL
    before = path.read_bytes() if path.exists() else None
    count = len(snapshots(project))
    result = todo(project, *args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert (path.read_bytes() if path.exists() else None) == before
    assert len(snapshots(project)) == count
    return result.stderr


def snapshots(project: Path) -> list[dict[str, Any]]:
    warnings: list[str] = []
    snaps = iter_snapshots(project / ".claude/tddgate", warn=warnings.append)
    found = [snap.to_record() for snap in snaps]
    assert warnings == []
    return found


def text(project: Path) -> str:
    return (project / REL).read_text(encoding="utf-8")


def state(project: Path) -> list[tuple[str, str]]:
    return [(i.content, i.status) for i in parse_markdown(text(project)).items]


def updated(project: Path) -> str:
    """The "Last updated" stamp of the newest change: the time its snapshot recorded."""
    return stamps(snapshots(project)[-1]["time"])[1]


def write(project: Path, body: str) -> None:
    (project / REL).parent.mkdir(parents=True, exist_ok=True)
    (project / REL).write_text(body, encoding="utf-8")


def config(project: Path, body: str) -> None:
    (project / ".tddgate.toml").write_text(body)


# --- start: one call on a fresh project ------------------------------------------------------


def test_start_on_a_fresh_project_creates_the_file_and_starts_the_item(project: Path) -> None:
    assert ok(project, "start", "Add subtraction") == (
        "added and started: Add subtraction (in progress)\n"
    )
    assert text(project) == (
        f"# Current Session TODOs\n*Last updated: {updated(project)}*\n\n"
        "## 🔄 IN PROGRESS (Max 1 item)\n- [ ] Add subtraction\n"
    )
    [snap] = snapshots(project)
    assert (snap["session_id"], snap["agent_id"], snap["source"], snap["event"]) == (
        "cli", None, SOURCE, "cli:todo start"
    )
    assert snap["items"] == [
        {"id": "L5", "content": "Add subtraction", "status": "in_progress", "activeForm": ""}
    ]
    assert snap["verdict"]["green"] is False
    assert snap["verdict"]["reason"] == NO_REPORT.format(project=project)


def test_unquoted_words_make_one_text(project: Path) -> None:
    assert ok(project, "start", "Add", " subtraction") == (
        "added and started: Add subtraction (in progress)\n"
    )


def test_start_an_existing_item_by_a_piece_of_its_text(project: Path) -> None:
    ok(project, "add", "Write the parser")
    ok(project, "add", "Write the docs")
    assert ok(project, "start", "DOCS") == "started: Write the docs (in progress)\n"
    assert state(project) == [("Write the docs", "in_progress"), ("Write the parser", "pending")]


def test_start_by_id(project: Path) -> None:
    ok(project, "add", "a")
    ok(project, "add", "b")
    assert ok(project, "start", "L6") == "started: b (in progress)\n"


def test_an_unknown_id_is_not_a_new_item(project: Path) -> None:
    ok(project, "add", "a")
    assert refused(project, "start", "L9") == (
        "tddgate: no todo matches 'L9'; `tddgate todo list` shows them\n"
    )


def test_start_new_adds_even_when_the_text_is_part_of_another_item(project: Path) -> None:
    config(project, "max_in_progress = 2\n")
    ok(project, "add", "Add subtraction")
    assert ok(project, "start", "--new", "Add") == "added and started: Add (in progress)\n"
    assert state(project) == [("Add", "in_progress"), ("Add subtraction", "pending")]


def test_start_new_with_the_exact_text_starts_that_item(project: Path) -> None:
    ok(project, "add", "a")
    assert ok(project, "start", "--new", "a") == "started: a (in progress)\n"
    assert state(project) == [("a", "in_progress")]


def test_starting_the_item_in_progress_changes_nothing(project: Path) -> None:
    ok(project, "start", "a")
    before = text(project)
    assert ok(project, "start", "a") == "unchanged: a (already in progress)\n"
    assert ok(project, "start", "--new", "a") == "unchanged: a (already in progress)\n"
    assert text(project) == before
    assert len(snapshots(project)) == 1


def test_start_beyond_max_in_progress_is_refused(project: Path) -> None:
    ok(project, "start", "Add subtraction")
    ok(project, "add", "Add division")
    message = (
        "tddgate: cannot start '{}': 1 todo(s) already in progress (max 1): L5 'Add "
        "subtraction'. Finish one with `tddgate todo done L5` or block it with `tddgate todo "
        "block L5` first\n"
    )
    assert refused(project, "start", "division") == message.format("Add division")
    assert refused(project, "start", "Add multiplication") == message.format(
        "Add multiplication"
    )


def test_max_in_progress_comes_from_the_config(project: Path) -> None:
    config(project, "max_in_progress = 2\n")
    ok(project, "start", "a")
    assert ok(project, "start", "b") == "added and started: b (in progress)\n"
    assert "## 🔄 IN PROGRESS (Max 2 items)\n- [ ] a\n- [ ] b\n" in text(project)


def test_an_ambiguous_match_lists_the_candidates(project: Path) -> None:
    ok(project, "add", "Write the parser")
    ok(project, "add", "Write the docs")
    assert refused(project, "start", "write") == (
        "tddgate: 'write' matches 2 todos: L5 (pending) Write the parser; L6 (pending) Write "
        "the docs. Name one by its id, e.g. `tddgate todo start L5`\n"
    )


def test_an_empty_text_is_refused(project: Path) -> None:
    assert refused(project, "start", " ") == (
        "tddgate: cannot start an empty todo; give its text, e.g. "
        '`tddgate todo start "Write the parser"`\n'
    )
    assert refused(project, "add", "") == (
        "tddgate: cannot add an empty todo; give its text, e.g. "
        '`tddgate todo add "Write the parser"`\n'
    )


# --- add -------------------------------------------------------------------------------------


def test_add(project: Path) -> None:
    assert ok(project, "add", "Write the parser") == "added: Write the parser (pending)\n"
    assert text(project) == (
        f"# Current Session TODOs\n*Last updated: {updated(project)}*\n\n"
        "## 📋 PENDING\n- [ ] Write the parser\n"
    )
    assert [s["event"] for s in snapshots(project)] == ["cli:todo add"]


def test_add_refuses_a_pending_duplicate(project: Path) -> None:
    ok(project, "add", "a")
    assert refused(project, "add", "a") == (
        "tddgate: 'a' is already a pending todo (L5); start it with `tddgate todo start L5`\n"
    )


# --- done: only while the tests are green ----------------------------------------------------


def test_done_is_refused_until_the_tests_are_green(project: Path) -> None:
    ok(project, "start", "Add subtraction")
    assert refused(project, "done", "subtraction") == (
        f"tddgate: cannot mark 'Add subtraction' done: {NO_REPORT.format(project=project)}\n"
    )


def test_done_when_red_prints_the_verdicts_reason(project: Path, home: Path) -> None:
    make_calc_project(project)
    (project / "tests/test_calc.py").write_text("def test_sub():\n    assert 1 == 2\n")
    assert run_pytest(project, home).returncode == 1
    assert re.fullmatch(
        re.escape(
            "tddgate: cannot mark 'Add subtraction' done: tests are not green: 1 failed of 1 "
            "(report AGE old).\n  tests/test_calc.py::test_sub: assert 1 == 2\n"
            "Run the full suite: python -m pytest\n"
        ).replace("AGE", r"\d+ s"),
        refused(project, "done", "subtraction"),
    )


def test_done_when_green(project: Path, home: Path) -> None:
    make_calc_project(project)
    ok(project, "add", "Add division")
    assert run_pytest(project, home).returncode == 0
    assert ok(project, "done", "subtraction") == "done: Add subtraction (completed)\n"
    done_at = stamps(snapshots(project)[-1]["time"])[0]
    assert text(project) == (
        "# TODOs\n\n## IN PROGRESS\n\n## 📋 PENDING\n- [ ] Add division\n\n"
        f"## ✅ COMPLETED\n- [x] Add subtraction (Completed: {done_at})\n"
    )
    last = snapshots(project)[-1]
    assert (last["event"], last["verdict"]["green"], last["verdict"]["passed"]) == (
        "cli:todo done", True, 1
    )
    assert [(c["content"], c["evidence"]["green"]) for c in last["completed"]] == [
        ("Add subtraction", True)
    ]


def test_done_on_a_completed_item_changes_nothing(project: Path) -> None:
    write(project, "## ✅ COMPLETED\n- [x] a\n")
    assert ok(project, "done", "a") == "unchanged: a (already completed)\n"
    assert snapshots(project) == []


def test_done_without_a_match(project: Path) -> None:
    ok(project, "add", "a")
    assert refused(project, "done", "zzz") == (
        "tddgate: no todo matches 'zzz'; `tddgate todo list` shows them\n"
    )


# --- block -----------------------------------------------------------------------------------


def test_block_with_a_reason(project: Path) -> None:
    ok(project, "start", "Ship it")
    assert ok(project, "block", "ship", "--reason", "waiting — for review") == (
        "blocked: Ship it (blocked: waiting - for review)\n"
    )
    assert text(project).endswith(
        "## 🔄 IN PROGRESS (Max 1 item)\n\n## 🔵 BLOCKED\n- [ ] Ship it — waiting - for review\n"
    )
    assert state(project) == [("Ship it", "blocked")]
    assert [s["event"] for s in snapshots(project)] == ["cli:todo start", "cli:todo block"]


def test_block_with_an_empty_reason(project: Path) -> None:
    ok(project, "add", "a")
    assert ok(project, "block", "a", "--reason", "") == "blocked: a (blocked)\n"
    assert ok(project, "block", "a", "--reason", "x") == "unchanged: a (already blocked)\n"


def test_block_needs_a_reason(project: Path) -> None:
    ok(project, "add", "a")
    result = todo(project, "block", "a")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", (
        "Usage: todo block [OPTIONS] MATCH...\nTry 'todo block --help' for help.\n\n"
        "Error: Missing option '--reason'.\n"
    ))  # fmt: skip


# --- list ------------------------------------------------------------------------------------


def test_list_by_status_with_ids(project: Path) -> None:
    write(project, (FIXTURES / "current-md-session-snapshot.md").read_text(encoding="utf-8"))
    lines = ok(project, "list").splitlines()
    assert lines[:3] == [
        "IN PROGRESS",
        "  L10   Set up PostgreSQL schema with Alembic migrations",
        "PENDING",
    ]
    assert [line for line in lines if not line.startswith("  ")] == [
        "IN PROGRESS", "PENDING", "COMPLETED"
    ]


def test_list_a_small_file(project: Path) -> None:
    ok(project, "start", "a")
    ok(project, "add", "b")
    ok(project, "add", "c")
    ok(project, "block", "c", "--reason", "r")
    assert ok(project, "list") == "IN PROGRESS\n  L5   a\nPENDING\n  L8   b\nBLOCKED\n  L11  c\n"


def test_list_json(project: Path) -> None:
    ok(project, "start", "a")
    assert json.loads(ok(project, "list", "--json")) == {
        "file": REL,
        "items": [{"id": "L5", "content": "a", "status": "in_progress", "activeForm": ""}],
        "warnings": [],
    }


def test_list_without_a_file(project: Path) -> None:
    assert ok(project, "list") == (
        f'no todos in {REL} yet; add one with `tddgate todo add "<text>"` or start one with '
        '`tddgate todo start "<text>"`\n'
    )
    assert not (project / REL).exists()
    assert json.loads(ok(project, "list", "--json")) == {"file": REL, "items": [], "warnings": []}


def test_list_prints_what_it_could_not_read_on_stderr(project: Path) -> None:
    write(project, "| Task | Status |\n|-|-|\n| a | Approved |\n| b | ✅ |\n")
    result = todo(project, "list")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "COMPLETED\n  L4  b\n", (
        f"tddgate: {REL}: line 3: table status 'Approved' is not one of in progress, pending, "
        "completed, blocked; row skipped\n"
    ))  # fmt: skip


# --- the file, the project, the config -------------------------------------------------------


def test_a_real_file_keeps_every_other_line(project: Path) -> None:
    original = (FIXTURES / "current-md-session-snapshot.md").read_text(encoding="utf-8")
    write(project, original)
    config(project, "max_in_progress = 2\n")
    assert ok(project, "start", "L87") == (
        "started: Implement OpenPhone webhook receiver with queue (in progress)\n"
    )
    old, new = original.splitlines(), text(project).splitlines()
    assert new[1] == f"*Last updated: {updated(project)}*"
    assert len(new) == len(old)
    moved = "- [ ] Implement OpenPhone webhook receiver with queue"
    assert sorted(new[2:]) == sorted([*old[2:86], *old[87:], moved])
    assert old[86] != moved


def test_the_first_configured_file_is_used(project: Path) -> None:
    config(project, 'todo_files = ["docs/TODO.md", "other.md"]\n')
    ok(project, "add", "a")
    assert (project / "docs/TODO.md").read_text().endswith("## 📋 PENDING\n- [ ] a\n")
    assert snapshots(project)[0]["source"] == "markdown:docs/TODO.md"


def test_a_bad_config_exits_1_with_its_message(project: Path) -> None:
    config(project, "max_in_progress = 'many'\n")
    with pytest.raises(ConfigError) as caught:
        load_config(project)
    for args in (("add", "a"), ("list",)):
        assert refused(project, *args) == f"tddgate: {caught.value}\n"


def test_a_file_that_is_not_utf8_is_refused(project: Path) -> None:
    (project / REL).parent.mkdir(parents=True)
    (project / REL).write_bytes(b"- [ ] caf\xe9\n")
    message = (
        f"tddgate: {REL} is not UTF-8 (byte 9); tddgate only rewrites UTF-8 todo files: save "
        "it as UTF-8, then try again\n"
    )
    assert refused(project, "add", "a") == message
    assert refused(project, "list") == message


def test_the_session_id_comes_from_claude_code(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAUDE_CODE_SESSION_ID", "8c15dcad-1")
    ok(project, "add", "a")
    assert snapshots(project)[0]["session_id"] == "8c15dcad-1"


def test_the_project_defaults_to_claude_project_dir_then_cwd(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert CliRunner().invoke(cli, ["todo", "add", "a"]).stdout == "added: a (pending)\n"
    assert state(project) == [("a", "pending")]
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.delenv("CLAUDE_PROJECT_DIR")
    monkeypatch.chdir(other)
    assert CliRunner().invoke(cli, ["todo", "add", "b"]).stdout == "added: b (pending)\n"
    assert state(other) == [("b", "pending")]


def test_a_missing_project_dir_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(command, ["add", "a", "--project", str(tmp_path / "nope")])
    assert (result.exit_code, result.stderr) == (2, (
        "Usage: todo add [OPTIONS] TEXT...\nTry 'todo add --help' for help.\n\n"
        f"Error: Invalid value for '--project': Directory '{tmp_path / 'nope'}' does not exist.\n"
    ))  # fmt: skip


def test_round_trip_of_a_session(project: Path, home: Path) -> None:
    make_calc_project(project, todo=None)
    config(project, "max_in_progress = 1\n")
    ok(project, "start", "Add subtraction")
    ok(project, "add", "Add division")
    ok(project, "add", "Add multiplication")
    ok(project, "block", "multiplication", "--reason", "needs a spec")
    assert run_pytest(project, home).returncode == 0
    ok(project, "done", "subtraction")
    ok(project, "start", "division")
    expected = [
        ("Add division", "in_progress"),
        ("Add subtraction", "completed"),
        ("Add multiplication", "blocked"),
    ]
    assert state(project) == expected
    listed = json.loads(ok(project, "list", "--json"))["items"]
    assert [(i["content"], i["status"]) for i in listed] == expected
    assert [s["event"] for s in snapshots(project)] == [
        "cli:todo start", "cli:todo add", "cli:todo add", "cli:todo block", "cli:todo done",
        "cli:todo start",
    ]  # fmt: skip
    assert [s["items"] for s in snapshots(project)][-1] == listed


def test_a_copy_of_the_fixture_is_not_touched_by_list(project: Path) -> None:
    source = FIXTURES / "progress-status-tables.md"
    shutil.copy(source, project / "TODO.md")
    config(project, 'todo_files = ["TODO.md"]\n')
    ok(project, "list")
    assert (project / "TODO.md").read_bytes() == source.read_bytes()
    assert not (project / ".claude/tddgate/snapshots.jsonl").exists()
