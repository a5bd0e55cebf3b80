"""The install manifest: what `tddgate install` did, so `uninstall` can undo exactly that.

One file per location holds one record per scope (project and local share
`<DIR>/.claude/tddgate/install.json`; user scope uses `~/.claude/tddgate-install.json`).
A record keeps the original bytes so an untouched file is restored byte for byte, and the
commands we added so an edited file loses exactly those and nothing else.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from tddgate.errors import InstallError
from tddgate.install import files

Scope = Literal["project", "local", "user"]
SCOPES: tuple[Scope, ...] = ("project", "local", "user")
MANIFEST_VERSION: Literal[1] = 1


class InstallRecord(BaseModel):
    """One scope's install. `original` is "absent", "unknown" or the base64 of the bytes.

    "unknown" means the file changed between two installs, so the bytes before the first
    install no longer describe it; uninstall then removes our entries instead of restoring.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    tddgate_version: str
    scope: Scope
    interpreter: str
    hooks_dir: str
    settings_path: str
    entries: dict[str, list[dict[str, Any]]]
    commands: list[str]
    sha256_before: str | None
    sha256_after: str
    original: str
    existed_before: dict[str, Any] | None
    created_gitignore: bool = False

    def original_bytes(self) -> bytes | None:
        """The file before install (None: it did not exist). Only valid when known."""
        return None if self.original == "absent" else base64.b64decode(self.original)

    @property
    def restorable(self) -> bool:
        return self.original != "unknown"


def encode_original(data: bytes | None) -> str:
    """The manifest form of the bytes before install."""
    return "absent" if data is None else base64.b64encode(data).decode("ascii")


class Manifest(BaseModel):
    """Every scope's record kept in one manifest file."""

    model_config = ConfigDict(extra="forbid")

    manifest_version: Literal[1] = MANIFEST_VERSION
    installs: dict[Scope, InstallRecord] = {}


def path_for(scope: Scope, project: Path, home: Path) -> Path:
    """Where the manifest for `scope` lives: next to the state it describes."""
    if scope == "user":
        return home / ".claude" / "tddgate-install.json"
    return project / ".claude" / "tddgate" / "install.json"


def load(path: Path, verb: str) -> Manifest:
    """The manifest at `path`; an empty one when the file does not exist."""
    data = files.read_bytes(path, verb)
    if data is None:
        return Manifest()
    try:
        return Manifest.model_validate(json.loads(data))
    except (ValueError, ValidationError):
        raise InstallError(
            f"{path} is not a valid tddgate install manifest. Delete it, then run "
            f"`tddgate {verb}` again; tddgate then finds its hooks by their script paths."
        ) from None


def save(path: Path, manifest: Manifest, verb: str) -> None:
    """Write `manifest`, or delete the file when no scope is installed any more."""
    if not manifest.installs:
        files.remove(path, verb)
        return
    text = json.dumps(manifest.model_dump(mode="json"), indent=2) + "\n"
    files.write_atomic(path, text.encode("utf-8"), verb)
