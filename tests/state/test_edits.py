"""last-edit.json: the last file change tddgate saw."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tddgate.errors import StateError
from tddgate.state.edits import LAST_EDIT_FILE, last_edit, record_edit


def test_nothing_recorded(tmp_path: Path) -> None:
    assert last_edit(tmp_path) is None


def test_record_and_read(tmp_path: Path) -> None:
    record_edit(tmp_path / "state", "src/x.py", 100.5, "s1")
    assert last_edit(tmp_path / "state") == (100.5, "src/x.py")
    assert json.loads((tmp_path / "state" / LAST_EDIT_FILE).read_text()) == {
        "time": 100.5,
        "path": "src/x.py",
        "session_id": "s1",
    }


def test_an_older_change_never_replaces_a_newer_one(tmp_path: Path) -> None:
    record_edit(tmp_path, "src/new.py", 200.0, "s1")
    record_edit(tmp_path, "src/old.py", 100.0, "s2")
    assert last_edit(tmp_path) == (200.0, "src/new.py")
    record_edit(tmp_path, "src/newer.py", 300.0, "s2")
    assert last_edit(tmp_path) == (300.0, "src/newer.py")


@pytest.mark.parametrize(
    "content",
    ["", "[]", '{"time": "x", "path": "a"}', '{"time": true, "path": "a"}', '{"time": 1.0}'],
)
def test_a_broken_record(tmp_path: Path, content: str) -> None:
    (tmp_path / LAST_EDIT_FILE).write_text(content)
    with pytest.raises(StateError) as info:
        last_edit(tmp_path)
    assert str(info.value) == (
        f'{tmp_path / LAST_EDIT_FILE} is not a tddgate edit record ({{"time": <epoch>, '
        '"path": "…"}); delete it and tddgate will treat the next edit as the last one'
    )
    record_edit(tmp_path, "src/x.py", 5.0, "s")
    assert last_edit(tmp_path) == (5.0, "src/x.py")


def test_an_unreadable_record(tmp_path: Path) -> None:
    (tmp_path / LAST_EDIT_FILE).mkdir()
    with pytest.raises(StateError) as info:
        last_edit(tmp_path)
    assert str(info.value) == (
        f"cannot read {tmp_path / LAST_EDIT_FILE}: Is a directory; check its permissions"
    )


def test_parallel_hooks_never_leave_the_older_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostToolUse hooks of parallel tool calls record at once. Here the newer change is
    recorded while the older one sits between reading the record and writing it; without a
    lock the older one would then overwrite it, and a run that started between the two
    changes would count as fresh."""
    import threading

    from tddgate.state import edits

    write = edits.write_text_atomic
    newer = threading.Thread(target=record_edit, args=(tmp_path, "src/new.py", 2.0, "s2"))

    def slow_write(path: Path, text: str) -> None:
        if not newer.is_alive() and "old.py" in text:
            newer.start()
            newer.join(0.5)  # with the lock it waits for us: give it time to try
        write(path, text)

    monkeypatch.setattr(edits, "write_text_atomic", slow_write)
    record_edit(tmp_path, "src/old.py", 1.0, "s1")
    newer.join()
    assert last_edit(tmp_path) == (2.0, "src/new.py")
