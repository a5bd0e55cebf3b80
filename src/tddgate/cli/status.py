"""`tddgate status`: todos per source, the last verdict, and what a Stop and an edit get now."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import click

from tddgate.paths import project_root

# The moment status judges at; tests replace it to make report ages exact.
clock: Callable[[], float] = time.time


@click.command("status")
@click.option(
    "--project",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Project root (default: $CLAUDE_PROJECT_DIR, else the current directory).",
)
@click.option(
    "--session", "session_id", default=None,
    help="Session id (default: the session whose state changed last).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the status as one JSON object.")
def command(project: Path | None, session_id: str | None, as_json: bool) -> None:
    """Show todos, the test verdict, and what the gates say now. Changes no state."""
    from tddgate.status import collect
    from tddgate.status.text import render_text, to_json

    root = project.absolute() if project is not None else project_root()
    status = collect(root, session_id, clock())
    click.echo(json.dumps(to_json(status), indent=1) if as_json else render_text(status))
    if status.config_error:
        # Like every command on a broken config: the report above, then exit 1.
        click.echo(f"tddgate: {status.config_error}", err=True)
        raise SystemExit(1)
