"""`tddgate demo`: replay a scripted agent session through the real hooks and print it."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import click

from tddgate.demo.script import CALC, TEST_ADD, play
from tddgate.demo.session import DemoSession


def _say(text: str, **style: object) -> None:
    click.secho(text, **style)  # type: ignore[arg-type]


def _wrap(text: str) -> str:
    lines = []
    for para in text.splitlines():
        lines.extend(textwrap.wrap(para, 88, initial_indent="       ", subsequent_indent="       "))
    return "\n".join(lines)


@click.command()
@click.option("--keep", is_flag=True, help="Keep the temp project and print where it is.")
def command(keep: bool) -> None:
    """Replay a scripted agent session through the real hook entrypoints, in a temp project."""
    from tddgate.install.entries import locate_hooks_dir

    started = time.monotonic()
    base = Path(tempfile.mkdtemp(prefix="tddgate-demo-"))
    session = DemoSession(base / "project", locate_hooks_dir())
    session.create_project({"src/calc.py": CALC, "tests/test_calc.py": TEST_ADD})
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"],
        cwd=session.root,
        env=session.env,
        capture_output=True,
        check=False,
        timeout=120,
    )
    _say("tddgate demo: a scripted agent session, every call through the real hooks", bold=True)
    _say(f"project: {session.root} (calc.py with add(), its test, suite green)\n", dim=True)
    surprises = 0
    for number, step, answer, output in play(session):
        ok = answer.blocked == step.expect_block
        surprises += not ok
        mark, colour = ("✗ BLOCKED", "red") if answer.blocked else ("✓ allowed", "green")
        _say(f"{number:>2}. {step.title}", bold=True)
        click.echo(f"     {step.call:<40} ", nl=False)
        _say(mark + ("" if ok else "   (unexpected!)"), fg=colour, bold=True)
        if answer.text:
            _say(_wrap(answer.text), fg="yellow" if answer.blocked else None)
        if output:
            _say(_wrap(output), dim=True)
    _say("\nThe todo history tddgate kept (tddgate history):", bold=True)
    history = subprocess.run(
        [sys.executable, "-m", "tddgate", "history", "--project", str(session.root)],
        env=session.env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    click.echo(history.stdout.rstrip())
    elapsed = time.monotonic() - started
    verdict = "every gate answered as expected" if not surprises else f"{surprises} surprises"
    _say(f"\ndemo finished in {elapsed:.1f} s: {verdict}.", bold=True)
    if keep:
        click.echo(f"project kept at {session.root}")
    else:
        import shutil

        shutil.rmtree(base, ignore_errors=True)
    if surprises:
        raise SystemExit(1)
