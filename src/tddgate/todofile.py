"""The todo file as `tddgate todo` changes it: locate, lock, read, write atomically, record.

Claude Code 2.1.330 gives agents no todo tool by default and refuses their Write/Edit under
`.claude/`, so agents keep the default todo file through `tddgate todo` (via Bash), and
people may too. One change is one critical section under `<state dir>/todofile.lock`: read
the file, compute the new text with a pure verb (todos/canonical.py), write it atomically
and append the snapshot, so two concurrent calls never lose each other's change and the
history lists states in the order they were written.

The file is the first of `todo_files` in the config; a verb on a missing file creates it
(and its folder) with the canonical title and a "*Last updated: …*" line. In an existing
file that line is refreshed only when it is already there: inserting one would shift every
item's id ("L12") that `tddgate todo list` may just have printed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from tddgate.config import Config
from tddgate.errors import StateError, TddgateError, TodoError
from tddgate.paths import state_dir
from tddgate.state.atomic import ensure_dir, write_text_atomic
from tddgate.state.lock import locked
from tddgate.todos import canonical
from tddgate.todos.markdown import ParseResult, parse_markdown
from tddgate.todos.model import TodoState

LOCK_NAME = "todofile.lock"
SESSION_ENV = "CLAUDE_CODE_SESSION_ID"


class TodoFile(NamedTuple):
    """The project's todo file: its root and its POSIX path relative to that root."""

    root: Path
    rel: str

    @property
    def path(self) -> Path:
        return self.root / self.rel

    @property
    def source(self) -> str:
        """The snapshot source name, as the hooks record the same file."""
        return f"markdown:{self.rel}"


class Step(NamedTuple):
    """What a verb made of the text: the new text, the line to print, the verdict it used."""

    text: str
    said: str
    verdict: dict[str, Any] | None = None


class Outcome(NamedTuple):
    """A finished change: the line to print and whether the file (and history) changed."""

    said: str
    changed: bool
    result: ParseResult


def locate(root: Path, cfg: Config) -> TodoFile:
    """The first configured todo file; tddgate's CLI writes only that one."""
    return TodoFile(root, cfg.todo_files[0])


def read_text(todo: TodoFile) -> str:
    """The file's text ("" when it does not exist yet), line endings as they are."""
    try:
        raw = todo.path.read_bytes()
    except FileNotFoundError:
        return ""
    except OSError as exc:
        raise StateError(
            f"cannot read {todo.rel}: {exc.strerror}; check that the user running tddgate "
            "can read it"
        ) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Decoding with replacement would rewrite the undecodable bytes on the next write.
        raise TodoError(
            f"{todo.rel} is not UTF-8 (byte {exc.start}); tddgate only rewrites UTF-8 todo "
            "files: save it as UTF-8, then try again"
        ) from None


def stamps(now: float) -> tuple[str, str]:
    """(completion stamp, "Last updated" stamp) for `now`, in local time."""
    local = time.localtime(now)
    iso = time.strftime("%Y-%m-%dT%H:%M:%S%z", local)
    iso = f"{iso[:-2]}:{iso[-2:]}" if iso[-5:-4] in "+-" else iso
    return time.strftime("%Y-%m-%d %H:%M", local), iso


def update(
    todo: TodoFile,
    verb: str,
    edit: Callable[[str], Step],
    verdict: Callable[[], dict[str, Any] | None],
    *,
    now: float,
    environ: dict[str, str] | None = None,
) -> Outcome:
    """Apply `edit` to the file under the lock; write and record a snapshot if it changed.

    `verdict` gives the evidence stored with the snapshot when the step brought none.
    TodoError from `edit` (a refused verb) leaves the file and the history untouched.
    """
    folder = state_dir(todo.root)
    ensure_dir(folder)
    with locked(folder / LOCK_NAME):
        before = read_text(todo)
        step = edit(before)
        if step.text == before:
            return Outcome(step.said, False, parse_markdown(before))
        text = canonical.touch(step.text, stamps(now)[1], insert=not before.strip())
        write_text_atomic(todo.path, text)
        result = parse_markdown(text)
        evidence = step.verdict if step.verdict is not None else verdict()
        record(todo, result, verb, evidence, now=now, environ=environ)
    return Outcome(step.said, True, result)


def record(
    todo: TodoFile,
    result: ParseResult,
    verb: str,
    verdict: dict[str, Any] | None,
    *,
    now: float,
    environ: dict[str, str] | None = None,
) -> bool:
    """Append the file's state to the todo history, as the hooks do for agents' edits."""
    from tddgate.state.snapshot_format import Snapshot
    from tddgate.state.snapshots import append_snapshot

    env = os.environ if environ is None else environ
    snap = Snapshot.of(
        TodoState(todo.source, result.items),
        session_id=env.get(SESSION_ENV) or "cli",
        agent_id=None,
        event=f"cli:todo {verb}",
        verdict=verdict,
        time=now,
    )
    return append_snapshot(state_dir(todo.root), snap)


def current_evidence(root: Path, cfg: Config) -> dict[str, Any] | None:
    """The verdict standing now, as snapshot evidence; None when it cannot be judged.

    A todo change must not fail because the test state is unreadable: the snapshot then
    says "no evidence", which is the truth.
    """
    from tddgate.report.current import current_verdict

    try:
        return current_verdict(root, cfg).to_dict()
    except TddgateError:
        return None
