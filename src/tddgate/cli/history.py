"""`tddgate history`: every todo state tddgate recorded, with the proof behind each completion."""

from __future__ import annotations

import io
import os
import sys
import time
from collections.abc import Iterator
from itertools import chain
from pathlib import Path

import click

from tddgate.history import parse_since, render_json, render_md
from tddgate.paths import project_root, state_dir
from tddgate.state.snapshots import FILE_NAME, iter_snapshots


@click.command("history")
@click.option(
    "--project",
    type=click.Path(path_type=Path),
    default=None,
    help="Project root (default: $CLAUDE_PROJECT_DIR, else the current directory).",
)
@click.option("--session", default=None, help="Only this session: its id or first characters.")
@click.option(
    "--since",
    "since_text",
    default=None,
    help="Only states from then on: ISO 8601 (2026-11-22T10:00) or an age (30m, 2h, 1d).",
)
@click.option("--format", "fmt", type=click.Choice(["md", "json"]), default="md", show_default=True)
def command(project: Path | None, session: str | None, since_text: str | None, fmt: str) -> None:
    """Show the todo history: markdown for reading, or one JSON snapshot per line."""
    root = Path(os.path.abspath(project)) if project is not None else project_root()
    if not root.is_dir():
        raise click.BadParameter(
            f"{root} is not a directory: pass the project's root folder", param_hint="--project"
        )
    since = _since(since_text)
    snaps = iter_snapshots(
        state_dir(root), session=session, since=since, warn=lambda w: click.echo(w, err=True)
    )
    first = next(snaps, None)
    if first is None:
        _say_empty(root, session, since_text, to_stderr=fmt == "json")
        return
    stream = chain([first], snaps)
    chunks = render_json(stream) if fmt == "json" else render_md(stream, root.name)
    _emit(chunks)


def _since(text: str | None) -> float | None:
    if text is None:
        return None
    since = parse_since(text, now=time.time())
    if since is None:
        raise click.BadParameter(
            f"{text!r} is not a time: use ISO 8601 (2026-11-22T10:00:00, 2026-11-22) "
            "or an age such as 30m, 2h, 1d",
            param_hint="--since",
        )
    return since


def _say_empty(root: Path, session: str | None, since: str | None, *, to_stderr: bool) -> None:
    """Tell apart "nothing recorded yet" from "nothing matches your filters"."""
    recorded = (state_dir(root) / FILE_NAME).is_file()
    if recorded and (session is not None or since is not None):
        filters = " ".join(
            f"--{name} {value}" for name, value in (("session", session), ("since", since)) if value
        )
        message = f"no todo history in {root} matches {filters}: drop the filters to see all of it"
    else:
        message = (
            f"no todo history yet in {root}: todo changes are recorded by tddgate's hooks "
            "once it is installed (tddgate install)"
        )
    click.echo(message, err=to_stderr)


def _emit(chunks: Iterator[str]) -> None:
    """Write as the chunks come; a reader that stops early (`| head`) is not an error."""
    out = sys.stdout
    if isinstance(out, io.TextIOWrapper):
        # The agent may have sent a lone surrogate ("\ud83d", half an emoji: valid JSON);
        # the history keeps it, and shows it as that escape instead of failing on it.
        out.reconfigure(errors="backslashreplace")
    try:
        for chunk in chunks:
            out.write(chunk)
        out.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
