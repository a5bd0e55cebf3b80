"""`tddgate doctor`: thin click wiring over `tddgate.doctor`; exit 1 when any check fails."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tddgate.doctor import Context, mark, run_checks
from tddgate.paths import project_root

_COLOURS = {True: "green", False: "red"}


@click.command("doctor")
@click.option(
    "--project",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Project root to check (default: $CLAUDE_PROJECT_DIR, else the current directory).",
)
@click.pass_context
def command(ctx: click.Context, project: Path | None) -> None:
    """Check the installation; say how to fix each problem."""
    root = project.absolute() if project is not None else project_root()
    results = run_checks(Context(root, Path.home(), sys.executable))
    for result in results:
        # click drops the colour unless stdout is a terminal
        click.echo(f"{click.style(mark(result), fg=_COLOURS[result.ok])} {result.line}")
    ctx.exit(0 if all(result.ok for result in results) else 1)
