"""The todo file glue: locate, read, one locked atomic change, one snapshot per change."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tddgate.config import Config
from tddgate.errors import TodoError
from tddgate.state.snapshots import iter_snapshots
from tddgate.todofile import (
    Step,
    TodoFile,
    current_evidence,
    locate,
    read_text,
    record,
    stamps,
    update,
)
from tddgate.todos import canonical
from tddgate.todos.markdown import parse_markdown
from tddgate.todos.model import TodoItem
from testing import reports as r

NOW = 1_795_000_000.0  # 2026-11-18 11:06:40 UTC
REL = ".claude/todos/current.md"


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def todo(project: Path) -> TodoFile:
    return TodoFile(project, REL)


def _snapshots(project: Path) -> list[dict[str, Any]]:
    warnings: list[str] = []
    snaps = iter_snapshots(project / ".claude/tddgate", warn=warnings.append)
    found = [snap.to_record() for snap in snaps]
    assert warnings == []
    return found


def _adding(content: str) -> Any:
    return lambda text: Step(canonical.add(text, content), f"added: {content}")


def _no_verdict() -> None:
    return None


def test_locate_takes_the_first_configured_file(project: Path) -> None:
    todo = locate(project, Config(todo_files=["TODO.md", "docs/todo.md"]))
    assert (todo, todo.path, todo.source) == (
        TodoFile(project, "TODO.md"), project / "TODO.md", "markdown:TODO.md"
    )
    assert locate(project, Config()).rel == REL


def test_stamps_are_local_time(utc: None) -> None:
    assert stamps(NOW) == ("2026-11-18 11:06", "2026-11-18T11:06:40+00:00")


def test_stamps_carry_the_utc_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "EST+5")
    time.tzset()
    try:
        assert stamps(NOW) == ("2026-11-18 06:06", "2026-11-18T06:06:40-05:00")
    finally:
        monkeypatch.undo()
        time.tzset()


def test_read_text(todo: TodoFile) -> None:
    assert read_text(todo) == ""
    todo.path.parent.mkdir(parents=True)
    todo.path.write_bytes("# T\r\n- [ ] ✅ a\r\n".encode())
    assert read_text(todo) == "# T\r\n- [ ] ✅ a\r\n"


def test_a_file_that_is_not_utf8_is_refused(todo: TodoFile) -> None:
    todo.path.parent.mkdir(parents=True)
    todo.path.write_bytes(b"# T\n- [ ] caf\xe9\n")
    with pytest.raises(TodoError) as caught:
        read_text(todo)
    assert str(caught.value) == (
        ".claude/todos/current.md is not UTF-8 (byte 13); tddgate only rewrites UTF-8 todo "
        "files: save it as UTF-8, then try again"
    )


def test_the_first_change_creates_the_file_with_title_and_time(
    todo: TodoFile, project: Path, utc: None
) -> None:
    outcome = update(todo, "add", _adding("Write the parser"), _no_verdict, now=NOW, environ={})
    assert todo.path.read_text() == (
        "# Current Session TODOs\n*Last updated: 2026-11-18T11:06:40+00:00*\n\n"
        "## 📋 PENDING\n- [ ] Write the parser\n"
    )
    assert (outcome.said, outcome.changed, outcome.result.items) == (
        "added: Write the parser", True, (TodoItem("L5", "Write the parser", "pending"),)
    )
    assert (project / ".claude/tddgate/.gitignore").is_file()
    assert (project / ".claude/tddgate/todofile.lock").is_file()


def test_an_existing_time_line_is_refreshed(todo: TodoFile, utc: None) -> None:
    todo.path.parent.mkdir(parents=True)
    todo.path.write_text("# T\n*Last updated: Sun Aug 31 11:48:15 EDT 2025*\n\n## PENDING\n")
    update(todo, "add", _adding("a"), _no_verdict, now=NOW, environ={})
    assert todo.path.read_text() == (
        "# T\n*Last updated: 2026-11-18T11:06:40+00:00*\n\n## PENDING\n- [ ] a\n"
    )


def test_a_file_without_a_time_line_gets_none(todo: TodoFile) -> None:
    # Adding the line would shift the ids `tddgate todo list` just printed.
    todo.path.parent.mkdir(parents=True)
    todo.path.write_text("# TODOs\n\n## IN PROGRESS\n- [ ] a\n")
    update(todo, "add", _adding("b"), _no_verdict, now=NOW, environ={})
    assert todo.path.read_text() == (
        "# TODOs\n\n## IN PROGRESS\n- [ ] a\n\n## 📋 PENDING\n- [ ] b\n"
    )


def test_each_change_appends_one_snapshot(todo: TodoFile, project: Path) -> None:
    verdict = {"green": True, "passed": 3, "node_ids": ["t.py::a"], "reason": ""}
    update(todo, "add", _adding("a"), lambda: verdict, now=NOW, environ={})
    update(todo, "add", _adding("b"), _no_verdict, now=NOW + 1,
           environ={"CLAUDE_CODE_SESSION_ID": "s-1"})  # fmt: skip
    items_a = [{"id": "L5", "content": "a", "status": "pending", "activeForm": ""}]
    items_b = [*items_a, {"id": "L6", "content": "b", "status": "pending", "activeForm": ""}]
    assert _snapshots(project) == [
        {"v": 1, "time": NOW, "session_id": "cli", "agent_id": None,
         "source": "markdown:.claude/todos/current.md", "event": "cli:todo add",
         "items": items_a, "verdict": {"green": True, "passed": 3, "reason": ""},
         "completed": []},
        {"v": 1, "time": NOW + 1, "session_id": "s-1", "agent_id": None,
         "source": "markdown:.claude/todos/current.md", "event": "cli:todo add",
         "items": items_b, "verdict": None, "completed": []},
    ]  # fmt: skip


def test_the_steps_own_verdict_is_the_evidence(todo: TodoFile, project: Path) -> None:
    def step(text: str) -> Step:
        return Step(canonical.add(text, "a"), "added", {"green": True, "total": 1})

    update(todo, "add", step, lambda: {"green": False}, now=NOW, environ={})
    assert _snapshots(project)[0]["verdict"] == {"green": True, "total": 1}


def test_an_unchanged_text_writes_and_records_nothing(todo: TodoFile, project: Path) -> None:
    update(todo, "add", _adding("a"), _no_verdict, now=NOW, environ={})
    before = todo.path.read_bytes()
    outcome = update(todo, "start", lambda t: Step(t, "unchanged"), _no_verdict,
                     now=NOW + 60, environ={})  # fmt: skip
    assert (outcome.said, outcome.changed) == ("unchanged", False)
    assert outcome.result == parse_markdown(before.decode())
    assert todo.path.read_bytes() == before
    assert len(_snapshots(project)) == 1


def test_a_refused_verb_changes_nothing(todo: TodoFile, project: Path) -> None:
    update(todo, "add", _adding("a"), _no_verdict, now=NOW, environ={})
    before = todo.path.read_bytes()
    with pytest.raises(TodoError):
        update(todo, "add", _adding("a"), _no_verdict, now=NOW, environ={})
    assert todo.path.read_bytes() == before
    assert len(_snapshots(project)) == 1


def test_record_stores_the_parsed_state(todo: TodoFile, project: Path) -> None:
    result = parse_markdown("## 🔄 IN PROGRESS\n- [ ] a\n")
    assert record(todo, result, "start", None, now=NOW, environ={}) is True
    assert record(todo, result, "start", None, now=NOW + 1, environ={}) is False  # same state
    assert [s["items"] for s in _snapshots(project)] == [
        [{"id": "L2", "content": "a", "status": "in_progress", "activeForm": ""}]
    ]


def test_concurrent_changes_are_all_kept(todo: TodoFile, project: Path) -> None:
    names = [f"item {n}" for n in range(8)]
    errors: list[BaseException] = []

    def worker(name: str) -> None:
        try:
            update(todo, "add", _adding(name), _no_verdict, now=time.time(), environ={})
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(name,)) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(i.content for i in parse_markdown(todo.path.read_text()).items) == names
    assert sorted(len(s["items"]) for s in _snapshots(project)) == list(range(1, 9))


def test_current_evidence(project: Path) -> None:
    created = time.time() - 30
    r.write(project / ".claude/tddgate/report.json",
            r.report([r.passed("t.py::a")], root=project, created=created))  # fmt: skip
    evidence = current_evidence(project, Config())
    assert evidence is not None
    assert (evidence["green"], evidence["passed"], evidence["reason"]) == (True, 1, "")
    json.dumps(evidence)  # storable as it is


def test_no_evidence_when_the_test_state_cannot_be_read(project: Path) -> None:
    (project / ".claude/tddgate").mkdir(parents=True)
    (project / ".claude/tddgate/last-edit.json").write_text("{")
    assert current_evidence(project, Config()) is None
