"""The hook entries `tddgate install` adds, and how to recognise them again.

One table (`HOOKS`) drives the installer, `hooks/hooks.json` (plugin form) and
`settings.example.json`; tests check all three agree, so an event added here cannot be
forgotten in the other two.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
from collections.abc import Collection
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple

from tddgate.errors import InstallError

TIMEOUT = 30
HOOKS_PACKAGE = "tddgate.hooks"
PLUGIN_SCRIPT_DIR = "${CLAUDE_PLUGIN_ROOT}/hooks"

_TOOL_EDITS = "Write|Edit|MultiEdit|NotebookEdit|Bash|TodoWrite"

# Characters that double quotes do not protect in a POSIX shell, plus line breaks.
_UNQUOTABLE = frozenset('"$`\\\n\r')


class HookSpec(NamedTuple):
    """One Claude Code event tddgate listens to; `matcher` None means every occurrence."""

    event: str
    matcher: str | None
    script: str


HOOKS: tuple[HookSpec, ...] = (
    HookSpec("PreToolUse", f"{_TOOL_EDITS}|TaskUpdate", "pre_tool_use.py"),
    HookSpec("PostToolUse", f"{_TOOL_EDITS}|TaskCreate|TaskUpdate", "post_tool_use.py"),
    # A Bash command that exits non-zero fires PostToolUseFailure, not PostToolUse, yet may
    # have written files: tddgate still has to see them for freshness.
    HookSpec("PostToolUseFailure", "Bash", "post_tool_use_failure.py"),
    HookSpec("Stop", None, "stop.py"),
    HookSpec("SubagentStop", None, "subagent_stop.py"),
    HookSpec("TaskCreated", None, "task_created.py"),
    HookSpec("TaskCompleted", None, "task_completed.py"),
    HookSpec("SessionStart", None, "session_start.py"),
    HookSpec("UserPromptSubmit", None, "user_prompt_submit.py"),
)
SCRIPT_NAMES = frozenset(spec.script for spec in HOOKS)

Entries = dict[str, list[dict[str, Any]]]


def locate_hooks_dir() -> Path:
    """The installed `tddgate.hooks` folder: the scripts must outlive any source checkout."""
    spec = importlib.util.find_spec(HOOKS_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    if not locations:
        raise InstallError(
            f"cannot find the {HOOKS_PACKAGE} package that holds tddgate's hook scripts. "
            "Reinstall tddgate (`pip install --force-reinstall tddgate`), "
            "then run `tddgate install` again."
        )
    return Path(locations[0])


def check_hooks_dir(hooks_dir: Path) -> None:
    """Refuse to point Claude Code at scripts that are not there: every hook would fail."""
    missing = sorted(name for name in SCRIPT_NAMES if not (hooks_dir / name).is_file())
    if missing:
        raise InstallError(
            f"tddgate's hook scripts are missing from {hooks_dir}: {', '.join(missing)}. "
            "Reinstall tddgate (`pip install --force-reinstall tddgate`), "
            "then run `tddgate install` again."
        )


def quote(path: str) -> str:
    """Double-quote `path` for the shell Claude Code runs hook commands in."""
    bad = sorted(set(path) & _UNQUOTABLE)
    if bad:
        raise InstallError(
            f"the path {path!r} contains {' '.join(repr(c) for c in bad)}, which cannot be "
            "quoted safely in a hook command. Install tddgate in a virtualenv whose path has "
            "none of these characters, then run `tddgate install` again."
        )
    return f'"{path}"'


def command_for(interpreter: str, script: str) -> str:
    """`"<python>" "<script>"`: an absolute interpreter, so no venv needs to be active."""
    return f"{quote(interpreter)} {quote(script)}"


def _entry(spec: HookSpec, command: str) -> dict[str, Any]:
    hook = {"type": "command", "command": command, "timeout": TIMEOUT}
    if spec.matcher is None:
        return {"hooks": [hook]}
    return {"matcher": spec.matcher, "hooks": [hook]}


def build_entries(interpreter: str, hooks_dir: str) -> Entries:
    """Event name → the one entry group tddgate adds for it, in `HOOKS` order."""
    return {
        spec.event: [_entry(spec, command_for(interpreter, f"{hooks_dir}/{spec.script}"))]
        for spec in HOOKS
    }


def build_plugin_entries() -> Entries:
    """The same entries for the plugin form, where Claude Code supplies the plugin root."""
    return {
        spec.event: [_entry(spec, f'python3 "{PLUGIN_SCRIPT_DIR}/{spec.script}"')] for spec in HOOKS
    }


def entry_commands(entries: Entries) -> list[str]:
    """Every command string in `entries`, in order."""
    return [hook["command"] for groups in entries.values() for g in groups for hook in g["hooks"]]


class OurHooks:
    """Recognises tddgate's hook commands, even from an older install or another machine.

    A command is ours when it is one we recorded, or when it runs one of our script names
    from a `hooks` folder that is tddgate's: a known `tddgate.hooks` dir or any
    `.../tddgate/hooks/`. Script names alone are too common (`stop.py`) to be proof.
    """

    def __init__(self, recorded: Collection[str] = (), hooks_dirs: Collection[str] = ()) -> None:
        self._recorded = frozenset(recorded)
        self._hooks_dirs = frozenset(os.path.normpath(d) for d in hooks_dirs)

    def __call__(self, command: object) -> bool:
        if not isinstance(command, str):
            return False
        if command in self._recorded:
            return True
        script = _quoted_script(command)
        if script is None or script.name not in SCRIPT_NAMES or script.parent.name != "hooks":
            return False
        if script.parent.parent.name == "tddgate":
            return True
        return os.path.normpath(str(script.parent)) in self._hooks_dirs


def _quoted_script(command: str) -> PurePosixPath | None:
    """The script of a `"<python>" "<script>"` command, else None."""
    if not command.endswith('"'):
        return None
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    return PurePosixPath(words[1]) if len(words) == 2 else None
