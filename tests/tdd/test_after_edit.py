from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tddgate.tdd.after_edit import content_after, read_current
from testing.payloads import PAYLOADS

CURRENT = "a = 1\nb = 1\na = 1\n"


def test_write_returns_content() -> None:
    assert content_after("Write", {"file_path": "x.py", "content": "new\n"}, "old\n") == "new\n"


def test_write_creates() -> None:
    assert content_after("Write", {"file_path": "x.py", "content": ""}, None) == ""


def test_edit_replaces_first_occurrence_only() -> None:
    edit = {"old_string": "a = 1", "new_string": "a = 2"}
    assert content_after("Edit", edit, CURRENT) == "a = 2\nb = 1\na = 1\n"


def test_edit_replace_all() -> None:
    edit = {"old_string": "a = 1", "new_string": "a = 2", "replace_all": True}
    assert content_after("Edit", edit, CURRENT) == "a = 2\nb = 1\na = 2\n"


def test_edit_replace_all_false_and_null_mean_first_only() -> None:
    for flag in (False, None):
        edit = {"old_string": "a = 1", "new_string": "a = 2", "replace_all": flag}
        assert content_after("Edit", edit, CURRENT) == "a = 2\nb = 1\na = 1\n"


def test_edit_with_same_strings_is_a_no_op() -> None:
    edit = {"old_string": "b = 1", "new_string": "b = 1"}
    assert content_after("Edit", edit, CURRENT) == CURRENT


def test_edit_with_empty_old_string_creates_a_missing_or_empty_file() -> None:
    edit = {"old_string": "", "new_string": "x = 1\n"}
    assert content_after("Edit", edit, None) == "x = 1\n"
    assert content_after("Edit", edit, "") == "x = 1\n"


def test_captured_edit_payload() -> None:
    payload = json.loads((PAYLOADS / "capture-PreToolUse-Edit.json").read_text())
    current = "from src.calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"
    after = content_after(payload["tool_name"], payload["tool_input"], current)
    assert after == (
        "from src.calc import add\n\n\n"
        "def test_sub():\n    from src.calc import sub\n    assert sub(3, 1) == 2\n\n\n"
        "def test_add():\n    assert add(1, 2) == 3\n"
    )


def test_captured_write_payload() -> None:
    payload = json.loads((PAYLOADS / "capture-PreToolUse-Write.json").read_text())
    after = content_after(payload["tool_name"], payload["tool_input"], None)
    assert after == "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n"


def test_multiedit_applies_edits_in_order() -> None:
    edits = [
        {"old_string": "a = 1", "new_string": "a = 2", "replace_all": True},
        {"old_string": "a = 2\nb", "new_string": "c = 3\nb"},
    ]
    assert content_after("MultiEdit", {"edits": edits}, CURRENT) == "c = 3\nb = 1\na = 2\n"


def test_multiedit_first_edit_may_create_the_file() -> None:
    edits = [{"old_string": "", "new_string": "x = 1\n"}, {"old_string": "1", "new_string": "2"}]
    assert content_after("MultiEdit", {"edits": edits}, None) == "x = 2\n"


MALFORMED: list[tuple[str, Any, str | None]] = [
    ("NotebookEdit", {"notebook_path": "n.ipynb", "new_source": "x"}, "{}"),
    ("Bash", {"command": "echo > x.py"}, CURRENT),
    ("Read", {"file_path": "x.py"}, CURRENT),
    ("Write", {"file_path": "x.py"}, CURRENT),
    ("Write", {"file_path": "x.py", "content": 3}, CURRENT),
    ("Write", ["not", "a", "mapping"], CURRENT),
    ("Edit", {"old_string": "missing", "new_string": "x"}, CURRENT),
    ("Edit", {"old_string": "a = 1", "new_string": "x"}, None),
    ("Edit", {"old_string": "", "new_string": "x"}, CURRENT),
    ("Edit", {"old_string": 1, "new_string": "x"}, CURRENT),
    ("Edit", {"old_string": "a = 1", "new_string": None}, CURRENT),
    ("Edit", {"old_string": "a = 1"}, CURRENT),
    ("Edit", {"old_string": "a = 1", "new_string": "x", "replace_all": "yes"}, CURRENT),
    ("MultiEdit", {"edits": []}, CURRENT),
    ("MultiEdit", {"edits": "a = 1"}, CURRENT),
    ("MultiEdit", {"edits": ["a = 1"]}, CURRENT),
    ("MultiEdit", {}, CURRENT),
    (
        "MultiEdit",
        {
            "edits": [
                {"old_string": "a = 1", "new_string": "x"},
                {"old_string": "zz", "new_string": ""},
            ]
        },
        CURRENT,
    ),
]


@pytest.mark.parametrize(("tool", "tool_input", "current"), MALFORMED)
def test_malformed_gives_none(tool: str, tool_input: Any, current: str | None) -> None:
    assert content_after(tool, tool_input, current) is None


def test_read_current_text(tmp_path: Path) -> None:
    path = tmp_path / "a.py"
    path.write_bytes("x = 'é'\r\n".encode())
    assert read_current(path) == "x = 'é'\r\n"


def test_read_current_missing_and_folder(tmp_path: Path) -> None:
    assert read_current(tmp_path / "missing.py") is None
    assert read_current(tmp_path) is None


def test_read_current_binary(tmp_path: Path) -> None:
    nul = tmp_path / "nul.bin"
    nul.write_bytes(b"abc\0def")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("café".encode("latin-1"))
    assert read_current(nul) is None
    assert read_current(latin) is None


def test_read_current_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 11)
    assert read_current(path, limit=10) is None
    assert read_current(path, limit=11) == "x" * 11
