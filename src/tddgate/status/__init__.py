"""`tddgate status`: the todo state per source, the last verdict, and what the gates say now.

Read-only: status runs in no session, so it must not change what the next hook sees (the
one write it shares with every gate is the baseline a green verdict records).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import NamedTuple

from tddgate.config import Config, load_config
from tddgate.errors import ConfigError, StateError
from tddgate.report.verdict import Verdict
from tddgate.status.gates import Preview, edit_now, edit_target, fail_open, stop_now
from tddgate.status.sessions import latest_session
from tddgate.status.todos import SourceView, source_views

__all__ = ["Preview", "SourceView", "Status", "collect"]


class Status(NamedTuple):
    """Everything `tddgate status` prints; `*_error` is "" unless that part could not be read."""

    root: Path
    session_id: str | None
    session_given: bool
    config_source: str
    config_error: str
    sources: tuple[SourceView, ...]
    in_force: str | None
    todo_problems: tuple[str, ...]
    verdict: Verdict | None
    verdict_error: str
    now: float
    edit_path: str
    stop: Preview
    edit: Preview


def collect(root: Path, session_id: str | None = None, now: float | None = None) -> Status:
    """The status of the project at `root` for `session_id` (default: the latest session)."""
    now = time.time() if now is None else now
    chosen = session_id if session_id is not None else latest_session(root)
    try:
        cfg, config_error = load_config(root), ""
    except ConfigError as error:
        cfg, config_error = Config(), str(error)
    sources, in_force, problems = _todos(root, cfg, chosen)
    verdict, verdict_error = _verdict(root, cfg, now)
    rel = edit_target(root, cfg)
    if config_error:
        stop = edit = fail_open(config_error)
    else:
        stop = _stop(root, cfg, chosen, verdict, verdict_error)
        edit = edit_now(root, cfg, chosen, rel)
    return Status(
        root, chosen, session_id is not None, cfg.source, config_error, sources, in_force,
        problems, verdict, verdict_error, now, rel, stop, edit,
    )


def _todos(
    root: Path, cfg: Config, session_id: str | None
) -> tuple[tuple[SourceView, ...], str | None, tuple[str, ...]]:
    """(every source, the one in force as `gather` decides, read problems)."""
    from tddgate.todos.sources import gather

    try:
        views = tuple(source_views(root, cfg, session_id))
        gathered = gather(root, cfg.todo_sources, cfg.todo_files, session_id or "", None)
    except StateError as error:
        return (), None, (str(error),)
    source = gathered.state.source if gathered.state else None
    return views, source, gathered.problems


def _verdict(root: Path, cfg: Config, now: float) -> tuple[Verdict | None, str]:
    from tddgate.report.current import current_verdict

    try:
        return current_verdict(root, cfg, now), ""
    except StateError as error:
        return None, str(error)


def _stop(
    root: Path, cfg: Config, session_id: str | None, verdict: Verdict | None, error: str
) -> Preview:
    if verdict is None:
        return Preview(True, f"state error: {error}; the hooks let the call through")
    try:
        return stop_now(root, cfg, session_id, verdict)
    except StateError as exc:
        return Preview(True, f"state error: {exc}; the hooks let the call through")
