"""What is installed where: tddgate's hook entries in each scope's settings, and the manifests.

Read-only: doctor reports a broken settings file or manifest, it never rewrites one.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any, NamedTuple

from tddgate.errors import InstallError
from tddgate.install import Target, entries, files, manifest, settings
from tddgate.install.manifest import SCOPES, InstallRecord, Scope

VERB = "doctor"


class Found(NamedTuple):
    """One of our hook commands in a settings file."""

    scope: Scope
    event: str
    matcher: str | None
    command: str


class Records(NamedTuple):
    """The install records of every scope, and why a manifest could not be read."""

    by_scope: dict[Scope, InstallRecord]
    problems: tuple[str, ...]


class Hooks(NamedTuple):
    """Our hook commands in every scope, and why a settings file could not be read."""

    found: tuple[Found, ...]
    problems: tuple[str, ...]


def read_records(root: Path, home: Path) -> Records:
    """Project and local share one manifest file; user scope has its own under `~`."""
    by_scope: dict[Scope, InstallRecord] = {}
    problems: list[str] = []
    for path in dict.fromkeys(manifest.path_for(scope, root, home) for scope in SCOPES):
        try:
            book = manifest.load(path, "install")
        except InstallError as error:
            problems.append(str(error))
            continue
        by_scope.update(book.installs)
    ordered = {scope: by_scope[scope] for scope in SCOPES if scope in by_scope}
    return Records(ordered, tuple(problems))


def is_ours(records: Records) -> entries.OurHooks:
    """Recorded commands, plus scripts in a recorded or the current tddgate hooks dir."""
    dirs = [record.hooks_dir for record in records.by_scope.values()]
    # Without the hooks package, recorded commands and .../tddgate/hooks/ paths still match.
    with contextlib.suppress(InstallError):
        dirs.append(entries.locate_hooks_dir().as_posix())
    commands = [c for record in records.by_scope.values() for c in record.commands]
    return entries.OurHooks(commands, dirs)


def find_hooks(root: Path, home: Path, records: Records) -> Hooks:
    """Our hook commands in the project, local and user settings files, in that order."""
    ours = is_ours(records)
    found: list[Found] = []
    problems: list[str] = []
    for scope in SCOPES:
        target = Target(scope, root, home)
        try:
            data = _read(target)
        except InstallError as error:
            problems.append(str(error))
            continue
        found.extend(_ours_in(scope, data, ours))
    return Hooks(tuple(found), tuple(problems))


def _read(target: Target) -> settings.Settings:
    path = target.settings_path
    raw = files.read_bytes(path, VERB)
    text = "" if raw is None else files.decode(raw, path, VERB)
    return settings.parse(text, target.label(path), VERB)


def _ours_in(scope: Scope, data: settings.Settings, ours: entries.OurHooks) -> list[Found]:
    found = []
    for event, groups in data.get("hooks", {}).items():
        for group in groups:
            for command in _commands(group):
                if ours(command):
                    found.append(Found(scope, event, group.get("matcher"), command))
    return found


def _commands(group: Any) -> list[str]:
    """The command strings of one entry group; foreign shapes hold none."""
    if not isinstance(group, dict) or not isinstance(group.get("hooks"), list):
        return []
    return [h["command"] for h in group["hooks"] if isinstance(h, dict) and "command" in h]
