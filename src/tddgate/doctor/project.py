"""Checks 3 and 5: the project's config is valid, and tddgate can keep state in it."""

from __future__ import annotations

import os
import shlex

from tddgate.config import load_config
from tddgate.doctor.base import CheckResult, Context, failed, label, passed
from tddgate.errors import ConfigError, StateError
from tddgate.paths import state_dir
from tddgate.state.atomic import ensure_dir

PROBE = ".doctor-probe"


def check_config(ctx: Context) -> CheckResult:
    """The config every hook reads; ConfigError already names the key and the fix."""
    try:
        config = load_config(ctx.root)
    except ConfigError as error:
        return CheckResult(False, str(error))
    if not config.source:
        return passed("config: none found, using the defaults")
    return passed(f"config valid: {config.source}")


def check_state_dir(ctx: Context) -> CheckResult:
    """Hooks record todos, edits and reports here; an unwritable dir loses all of it."""
    path = state_dir(ctx.root)
    name, shell = label(ctx, path), shlex.quote(str(path))
    if path.exists() and not path.is_dir():
        return failed(
            f"{name} is a file, but tddgate keeps its state in a directory there",
            f"move the file aside: mv {shell} {shell}.bak",
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return failed(
            f"cannot create the state dir {name} ({error.strerror})",
            f"make {path.parent} a writable directory",
        )
    try:
        write_probe(path / PROBE)
        ensure_dir(path)  # adds the .gitignore that keeps state out of git
    except OSError as error:
        return failed(
            f"state dir {name} is not writable ({error.strerror})",
            f"make it writable: chmod -R u+w {shell}",
        )
    except StateError as error:
        return CheckResult(False, str(error))
    return passed(f"state dir {name} is writable")


def write_probe(probe: os.PathLike[str]) -> None:
    """Create, write and remove a file: what every atomic state write of a hook does."""
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, b"tddgate doctor\n")
    finally:
        os.close(fd)
    os.unlink(probe)
