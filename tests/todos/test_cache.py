"""Parsed todo files are cached by stat: an unchanged file is not parsed again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tddgate.todos import cache
from tddgate.todos.model import TodoItem
from tddgate.todos.sources import read_todo_file

REL = ".claude/todos/current.md"
BOARD = "# TODOs\n\n## IN PROGRESS\n- [ ] Add subtraction\n"
ITEMS = (TodoItem("L4", "Add subtraction", "in_progress"),)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / ".claude/tddgate").mkdir(parents=True)
    (tmp_path / ".claude/todos").mkdir()
    (tmp_path / REL).write_text(BOARD)
    return tmp_path


@pytest.fixture
def trusting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test are milliseconds old: trust their stat at once."""
    monkeypatch.setattr(cache, "RACY_NS", 0)


def _no_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    import tddgate.todos.markdown as markdown

    def refuse(text: str) -> None:
        raise AssertionError("the todo file was parsed again")

    monkeypatch.setattr(markdown, "parse_markdown", refuse)


def test_an_unchanged_file_is_read_from_the_cache(
    root: Path, trusting: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read_todo_file(root, REL) == (ITEMS, None)
    _no_parser(monkeypatch)
    assert read_todo_file(root, REL) == (ITEMS, None)


def test_a_change_of_the_same_size_is_seen(root: Path, trusting: None) -> None:
    assert read_todo_file(root, REL) == (ITEMS, None)
    path = root / REL
    before = path.stat()
    path.write_text(BOARD.replace("IN PROGRESS", "COMPLETED  "))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # even with the old mtime
    assert path.stat().st_size == before.st_size
    assert read_todo_file(root, REL) == ((TodoItem("L4", "Add subtraction", "pending"),), None)


def test_a_file_changed_within_the_racy_window_is_not_cached(root: Path) -> None:
    assert read_todo_file(root, REL) == (ITEMS, None)
    assert not (root / ".claude/tddgate" / cache.CACHE_FILE).exists()


@pytest.mark.parametrize(
    "content",
    ["not json", "[]", '{".claude/todos/current.md": {"key": 1}}', "{}"],
)
def test_a_broken_or_foreign_cache_is_a_miss(root: Path, trusting: None, content: str) -> None:
    (root / ".claude/tddgate" / cache.CACHE_FILE).write_text(content)
    assert read_todo_file(root, REL) == (ITEMS, None)
    assert read_todo_file(root, REL) == (ITEMS, None)


def test_a_cached_entry_with_wrong_items_is_a_miss(root: Path, trusting: None) -> None:
    assert read_todo_file(root, REL) == (ITEMS, None)
    path = root / ".claude/tddgate" / cache.CACHE_FILE
    data = json.loads(path.read_text())
    data[REL]["items"] = [["L4", "Add subtraction"]]  # three fields short of a TodoItem
    path.write_text(json.dumps(data))
    assert read_todo_file(root, REL) == (ITEMS, None)


def test_without_a_state_dir_nothing_is_written(tmp_path: Path, trusting: None) -> None:
    (tmp_path / REL).parent.mkdir(parents=True)
    (tmp_path / REL).write_text(BOARD)
    assert read_todo_file(tmp_path, REL) == (ITEMS, None)
    assert not (tmp_path / ".claude/tddgate").exists()


def test_a_cache_hit_does_not_import_the_parser(root: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from tddgate.todos import cache, sources;"
        "cache.RACY_NS = 0; print(sources.read_todo_file(Path(sys.argv[1]), sys.argv[2])[0]);"
        "print('tddgate.todos.markdown' in sys.modules)"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(root), REL], capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    ]
    assert runs == [f"{ITEMS}\nTrue\n", f"{ITEMS}\nFalse\n"]
