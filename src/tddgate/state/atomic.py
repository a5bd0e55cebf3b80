"""Crash-safe file writes: a temp file in the same directory, then os.replace.

A reader sees the old file or the new one, never half of one, even after kill -9.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from tddgate.errors import StateError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_GITIGNORE = "# tddgate state: written by hooks, never commit it\n*\n"


def ensure_dir(path: Path) -> None:
    """Create a directory; the state dir also gets a .gitignore so users never commit state."""
    try:
        path.mkdir(parents=True, exist_ok=True)
        marker = path / ".gitignore"
        if path.name == "tddgate" and path.parent.name == ".claude" and not marker.exists():
            write_text_atomic(marker, _GITIGNORE)
    except OSError as exc:
        raise StateError(f"cannot create {path}: {exc.strerror}; check its permissions") from None


def write_text_atomic(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A unique name without importing tempfile (hot path): pid + monotonic ns, O_EXCL.
        tmp = str(path.parent / f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            # backslashreplace: a lone surrogate from the agent's input ("\ud83d" is valid
            # JSON) becomes its JSON escape instead of failing the write of all the state.
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(text)
            os.replace(tmp, path)
        except BaseException:
            with _quiet():
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise StateError(f"cannot write {path}: {exc.strerror}; check its permissions") from None


def write_json_atomic(path: Path, data: Any) -> None:
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


NOT_JSON = object()  # read_json_lenient's answer for a file that exists but is not JSON


def read_json_lenient(path: Path) -> Any:
    """The JSON in `path`; None when the file does not exist, NOT_JSON when it is not JSON.

    For readers that name their own file in the error (what it should hold, how to fix it).
    """
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StateError(f"cannot read {path}: {exc.strerror}; check its permissions") from None
    try:
        return json.loads(raw)
    except ValueError:
        return NOT_JSON


def read_json(path: Path) -> Any:
    """The JSON in `path`, or None when the file does not exist."""
    data = read_json_lenient(path)
    if data is NOT_JSON:
        raise StateError(
            f"{path} is not valid JSON; delete it and tddgate will start that state afresh"
        )
    return data


def append_line(path: Path, line: str) -> None:
    """Append one whole line with a single O_APPEND write (atomic for concurrent writers)."""
    data = (line.rstrip("\n") + "\n").encode("utf-8", "backslashreplace")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
    except OSError as exc:
        raise StateError(f"cannot append to {path}: {exc.strerror}") from None


class _quiet:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return True
