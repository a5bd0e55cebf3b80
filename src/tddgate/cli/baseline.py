"""`tddgate baseline accept`: a human records a smaller test suite on purpose.

The verdict turns red when a run lists fewer tests than the last green full run. When the
removal was intended, this records the current report's tests as the new baseline. It
refuses when the report is red for any other reason: a baseline only comes from green.
"""

from __future__ import annotations

from pathlib import Path

import click

from tddgate.cli.check import project_option, resolve_root, verdict_for
from tddgate.errors import TddgateError
from tddgate.paths import state_dir


@click.group("baseline")
def command() -> None:
    """Manage the baseline: the test ids of the last green full run."""


@command.command("accept")
@project_option
@click.pass_context
def accept(ctx: click.Context, project: Path | None) -> None:
    """Record the current green report's tests as the baseline, even if fewer than before."""
    from tddgate.report.baseline import load_baseline, save_baseline
    from tddgate.report.messages import tests

    root = resolve_root(project)
    folder = state_dir(root)
    try:
        verdict = verdict_for(root, with_baseline=False)
        if not verdict.green:
            click.echo(f"tddgate: not recording a baseline: {verdict.reason}", err=True)
            ctx.exit(1)
        before = load_baseline(folder)
        save_baseline(folder, verdict.node_ids)
    except TddgateError as error:
        click.echo(f"tddgate: {error}", err=True)
        ctx.exit(1)
    was = "none before" if before is None else f"was {len(before)}"
    click.echo(f"tddgate: recorded the baseline: {tests(len(verdict.node_ids))} ({was}).")
