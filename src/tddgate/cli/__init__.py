"""`tddgate` command line: one module per command, registered here explicitly.

Commands are imported only when invoked, so `tddgate check` does not pay for `demo`.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import click

from tddgate import __version__

# command name -> (module, attribute, one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "install": (
        "tddgate.cli.install",
        "install_command",
        "Add tddgate's hooks to Claude Code settings.",
    ),
    "uninstall": ("tddgate.cli.install", "uninstall_command", "Remove exactly what install added."),
    "check": ("tddgate.cli.check", "command", "Print the test verdict; exit 1 unless green."),
    "baseline": ("tddgate.cli.baseline", "command", "Record the current test ids as the baseline."),
    "history": ("tddgate.cli.history", "command", "Print every todo state tddgate recorded."),
    "todo": ("tddgate.cli.todo", "command", "Add, start, finish or block todos in the todo file."),
    "status": ("tddgate.cli.status", "command", "Show todos, verdict, and what the gates say now."),
    "doctor": (
        "tddgate.cli.doctor",
        "command",
        "Check the installation; say how to fix each problem.",
    ),
    "demo": ("tddgate.cli.demo", "command", "Replay a scripted agent session through the hooks."),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[cmd_name]
        command: click.Command = getattr(importlib.import_module(module), attr)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, help_) for name, (_, _, help_) in COMMANDS.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tddgate")
def cli() -> None:
    """tddgate: no edit without a todo, no "done" below 100 % green, tests first."""


def main(argv: Sequence[str] | None = None) -> int:
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="tddgate")
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0
