"""`tddgate install` and `tddgate uninstall`: thin click wiring over `tddgate.install`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from tddgate.errors import InstallError, TddgateError
from tddgate.install import Target, entries, install, uninstall
from tddgate.install.manifest import SCOPES, Scope

_project = click.option(
    "--project",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."),
    show_default="current directory",
    help="Project root whose .claude/ settings to change.",
)
_scope = click.option(
    "--scope",
    type=click.Choice(SCOPES),
    default="project",
    show_default=True,
    help="project: .claude/settings.json (shared); local: .claude/settings.local.json; "
    "user: ~/.claude/settings.json.",
)
_dry_run = click.option(
    "--dry-run", is_flag=True, help="Print the change as a unified diff; write nothing."
)


def _target(project: Path, scope: Scope) -> Target:
    return Target(scope, project.absolute(), Path.home())


def _fail(ctx: click.Context, error: TddgateError) -> NoReturn:
    click.echo(f"tddgate: {error}", err=True)
    ctx.exit(1)


@click.command("install")
@_project
@_scope
@_dry_run
@click.pass_context
def install_command(ctx: click.Context, project: Path, scope: Scope, dry_run: bool) -> None:
    """Add tddgate's hooks to Claude Code settings, keeping everything already there."""
    try:
        hooks_dir = entries.locate_hooks_dir()
        output = install(_target(project, scope), sys.executable, hooks_dir, dry_run=dry_run)
    except TddgateError as error:
        _fail(ctx, error)
    click.echo(output, nl=False)


@click.command("uninstall")
@_project
@_scope
@_dry_run
@click.pass_context
def uninstall_command(ctx: click.Context, project: Path, scope: Scope, dry_run: bool) -> None:
    """Take tddgate's hooks out again: the exact old file if untouched, else only our hooks."""
    try:
        hooks_dir: Path | None = entries.locate_hooks_dir()
    except InstallError:
        hooks_dir = None  # recorded commands and .../tddgate/hooks/ paths still match
    try:
        output = uninstall(_target(project, scope), hooks_dir, dry_run=dry_run)
    except TddgateError as error:
        _fail(ctx, error)
    click.echo(output, nl=False)
