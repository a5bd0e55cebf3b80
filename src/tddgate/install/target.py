"""Where one scope's settings, manifest and state live, and how to name them to a human."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from tddgate.install import files
from tddgate.install.manifest import Scope, path_for

GITIGNORE = b"*\n"


class Target(NamedTuple):
    """One install location: `project` is --project DIR, `home` stands for `~`."""

    scope: Scope
    project: Path
    home: Path

    @property
    def settings_path(self) -> Path:
        if self.scope == "user":
            return self.home / ".claude" / "settings.json"
        name = "settings.local.json" if self.scope == "local" else "settings.json"
        return self.project / ".claude" / name

    @property
    def manifest_path(self) -> Path:
        return path_for(self.scope, self.project, self.home)

    @property
    def state_dir(self) -> Path | None:
        """The project's tddgate state dir; user scope spans projects, so it has none."""
        return None if self.scope == "user" else self.project / ".claude" / "tddgate"

    @property
    def scope_flag(self) -> str:
        """The --scope option to repeat in advice; empty for the default scope."""
        return "" if self.scope == "project" else f" --scope {self.scope}"

    def label(self, path: Path) -> str:
        """`path` relative to the project (for user scope: to `~` first), else absolute."""
        bases = [(self.project, ""), (self.home, "~/")]
        for base, prefix in reversed(bases) if self.scope == "user" else bases:
            if path.is_relative_to(base):
                return prefix + path.relative_to(base).as_posix()
        return path.as_posix()


def ensure_gitignore(target: Target, verb: str) -> bool:
    """Keep the state dir out of git; True when this call created the `.gitignore`."""
    if target.state_dir is None:
        return False
    path = target.state_dir / ".gitignore"
    if files.read_bytes(path, verb) is not None:
        return False
    files.write_atomic(path, GITIGNORE, verb)
    return True


def drop_state_dir(target: Target, verb: str) -> None:
    """Remove the `.gitignore` we created, and the state dir, when nothing else is left."""
    if target.state_dir is None:
        return
    path = target.state_dir / ".gitignore"
    try:
        leftovers = [p.name for p in target.state_dir.iterdir()]
    except OSError:
        return
    if leftovers != [".gitignore"] or files.read_bytes(path, verb) != GITIGNORE:
        return
    files.remove(path, verb)
    try:
        target.state_dir.rmdir()
    except OSError:
        return
