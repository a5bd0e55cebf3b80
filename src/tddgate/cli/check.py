"""`tddgate check`: print the test verdict for a project; exit 0 when green, 1 otherwise."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from tddgate.errors import TddgateError
from tddgate.paths import project_root, state_dir
from tddgate.report.verdict import Verdict

project_option = click.option(
    "--project",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Project root (default: $CLAUDE_PROJECT_DIR, else the current directory).",
)


def resolve_root(project: Path | None) -> Path:
    return project.absolute() if project is not None else project_root()


def verdict_for(root: Path, *, with_baseline: bool = True, now: float | None = None) -> Verdict:
    """The verdict on the project's report now, as the Stop hook would judge it.

    Raises TddgateError (bad config, unreadable state) with a message naming the fix.
    """
    from tddgate.config import load_config
    from tddgate.report.baseline import load_baseline
    from tddgate.report.current import report_file
    from tddgate.report.summary import summarize
    from tddgate.report.verdict import judge
    from tddgate.state.edits import last_edit

    cfg = load_config(root)
    folder = state_dir(root)
    summary = summarize(report_file(root, cfg), cache_dir=folder if folder.is_dir() else None)
    edit = last_edit(folder)
    return judge(
        summary,
        project_root=root,
        last_edit=edit[0] if edit else None,
        last_edit_path=edit[1] if edit else None,
        baseline_ids=load_baseline(folder) if with_baseline else None,
        now=time.time() if now is None else now,
        assume_full=bool(cfg.report_file),
        command=cfg.pytest_command,
    )


def green_line(verdict: Verdict, now: float) -> str:
    from tddgate.report.messages import age

    old = age(now - (verdict.created or now))
    return f"tests are green: {verdict.passed} passed, full suite (report {old} old)."


@click.command("check")
@project_option
@click.option("--json", "as_json", is_flag=True, help="Print the verdict as a JSON object.")
@click.pass_context
def command(ctx: click.Context, project: Path | None, as_json: bool) -> None:
    """Print the test verdict; exit 0 when green, 1 otherwise.

    Green means the latest report is fresh, covers the full suite, and every test passed
    (no skips, xfails or errors). The first green verdict also records the baseline.
    """
    from tddgate.report.baseline import load_baseline, save_baseline

    root = resolve_root(project)
    now = time.time()
    try:
        verdict = verdict_for(root, now=now)
        if verdict.green and load_baseline(state_dir(root)) is None:
            save_baseline(state_dir(root), verdict.node_ids)
    except TddgateError as error:
        click.echo(f"tddgate: {error}", err=True)
        ctx.exit(1)
    if as_json:
        click.echo(json.dumps(verdict.to_dict(), indent=1))
    else:
        click.echo(green_line(verdict, now) if verdict.green else verdict.reason)
    ctx.exit(0 if verdict.green else 1)
