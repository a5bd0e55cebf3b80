"""The file as it would be after a tool call, computed before the call runs (hot path).

Rules judge the result of an edit (which public names it adds, which skips), not the
fragment the tool input carries. Anything we cannot reproduce exactly (a notebook, an
`old_string` that is not in the file, a field of the wrong type) gives None: "cannot tell",
never an exception, so a malformed call cannot crash a hook.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

MAX_BYTES = 2_000_000


def content_after(
    tool_name: str, tool_input: Mapping[str, object], current: str | None
) -> str | None:
    """The whole file after Write / Edit / MultiEdit, or None when it cannot be known.

    `current` is the file now (None when it does not exist or is unreadable). Edit replaces
    the first occurrence of `old_string`, or all of them with `replace_all: true`; an empty
    `old_string` creates a file that does not exist (or is empty), as Claude Code does.
    MultiEdit applies `edits` in order, each on the result of the previous one.
    """
    if not isinstance(tool_input, Mapping):
        return None
    if tool_name == "Write":
        content = tool_input.get("content")
        return content if isinstance(content, str) else None
    if tool_name == "Edit":
        return _apply(current, tool_input)
    if tool_name == "MultiEdit":
        edits = tool_input.get("edits")
        if not isinstance(edits, list) or not edits:
            return None
        text = current
        for edit in edits:
            if not isinstance(edit, Mapping):
                return None
            text = _apply(text, edit)
            if text is None:
                return None
        return text
    return None


def _apply(current: str | None, edit: Mapping[str, object]) -> str | None:
    old = edit.get("old_string")
    new = edit.get("new_string")
    replace_all = edit.get("replace_all") or False  # absent or null: first occurrence
    if not isinstance(old, str) or not isinstance(new, str):
        return None
    if not isinstance(replace_all, bool):
        return None
    if old == "":
        return new if not current else None
    if current is None or old not in current:
        return None
    return current.replace(old, new) if replace_all else current.replace(old, new, 1)


def read_current(path: Path, limit: int = MAX_BYTES) -> str | None:
    """The text of `path`, or None when it is missing, not a file, binary (a NUL byte or
    invalid UTF-8), larger than `limit` bytes, or unreadable."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except (OSError, ValueError):
        return None
    if len(raw) > limit or b"\0" in raw:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
