"""`tddgate install`: merge our entries into one scope's settings and record how to undo it."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from tddgate import __version__
from tddgate.errors import InstallError
from tddgate.install import entries, files, manifest, settings
from tddgate.install.manifest import InstallRecord
from tddgate.install.target import Target, ensure_gitignore

VERB = "install"
DRY_RUN_NOTE = "Dry run: nothing was written. Run the same command without --dry-run to apply it.\n"


class Before(NamedTuple):
    """The settings file as install found it."""

    raw: bytes | None
    text: str | None
    data: settings.Settings


def read_settings(target: Target, verb: str) -> Before:
    """Read and parse the scope's settings file; refusals leave it untouched."""
    path = target.settings_path
    raw = files.read_bytes(path, verb)
    text = None if raw is None else files.decode(raw, path, verb)
    return Before(raw, text, settings.parse(text or "", target.label(path), verb))


def check_interpreter(interpreter: str) -> None:
    """Hooks run outside any venv, so the recorded Python must be a real absolute path."""
    if not interpreter or not os.path.isabs(interpreter):
        raise InstallError(
            f"cannot tell which Python runs tddgate (got {interpreter!r}). Run `tddgate install` "
            "from the virtualenv that has tddgate installed, e.g. `.venv/bin/tddgate install`."
        )


def install(target: Target, interpreter: str, hooks_dir: Path, dry_run: bool = False) -> str:
    """Install into `target`; returns what to print (a diff first when `dry_run`)."""
    check_interpreter(interpreter)
    entries.check_hooks_dir(hooks_dir)
    new_entries = entries.build_entries(interpreter, hooks_dir.as_posix())
    book = manifest.load(target.manifest_path, VERB)
    prior = book.installs.get(target.scope)
    before = read_settings(target, VERB)
    is_ours = entries.OurHooks(
        entries.entry_commands(new_entries) + (prior.commands if prior else []),
        [hooks_dir.as_posix()] + ([prior.hooks_dir] if prior else []),
    )
    text = settings.render(settings.merge(before.data, new_entries, is_ours), before.text)
    label = target.label(target.settings_path)
    if text == before.text and prior and prior.sha256_after == files.sha256(before.raw):
        return _already(target, label, dry_run)
    if dry_run:
        return files.diff(before.text, text, label) + DRY_RUN_NOTE
    record = _record(target, interpreter, hooks_dir, new_entries, before, text, is_ours, prior)
    _write(target, before, text, book, record)
    if text == before.text:
        how = "Found tddgate's {n} hooks already"
    elif settings.count_ours(before.data, is_ours):
        how = "Updated tddgate's {n} hooks"
    else:
        how = "Installed tddgate's {n} hooks"
    return _done(target, how.format(n=len(entries.HOOKS)), label, interpreter)


def _record(
    target: Target,
    interpreter: str,
    hooks_dir: Path,
    new_entries: entries.Entries,
    before: Before,
    after: str,
    is_ours: settings.IsOurs,
    prior: InstallRecord | None,
) -> InstallRecord:
    """What uninstall needs; keeps the very first original while the file is ours untouched."""
    sha_before = files.sha256(before.raw)
    if prior and prior.restorable and prior.sha256_after == sha_before:
        original, sha_before, existed = prior.original, prior.sha256_before, prior.existed_before
    elif settings.count_ours(before.data, is_ours):
        # Someone edited the file after our install, or it came with tddgate hooks already
        # (committed by a teammate): the old bytes would undo more than our install did.
        original = "unknown"
        stripped = settings.unmerge(before.data, is_ours, None)
        existed = prior.existed_before if prior else settings.skeleton(stripped)
    else:
        original, existed = manifest.encode_original(before.raw), settings.skeleton(before.data)
    return InstallRecord(
        tddgate_version=__version__,
        scope=target.scope,
        interpreter=interpreter,
        hooks_dir=hooks_dir.as_posix(),
        settings_path=target.settings_path.as_posix(),
        entries=new_entries,
        commands=entries.entry_commands(new_entries),
        sha256_before=sha_before,
        sha256_after=files.sha256(after.encode("utf-8")) or "",
        original=original,
        existed_before=existed,
        created_gitignore=bool(prior and prior.created_gitignore),
    )


def _write(
    target: Target, before: Before, text: str, book: manifest.Manifest, record: InstallRecord
) -> None:
    """Settings first, then the manifest; a failed manifest write puts the settings back."""
    if text != before.text:
        files.write_atomic(target.settings_path, text.encode("utf-8"), VERB)
    try:
        created = ensure_gitignore(target, VERB)
        record = record.model_copy(
            update={"created_gitignore": record.created_gitignore or created}
        )
        book.installs[target.scope] = record
        manifest.save(target.manifest_path, book, VERB)
    except InstallError:
        if before.raw is None:
            files.remove(target.settings_path, VERB)
        else:
            files.write_atomic(target.settings_path, before.raw, VERB)
        raise


def _next_step() -> str:
    return "Next: run the whole test suite once with `pytest`, so tddgate has a fresh report.\n"


def _already(target: Target, label: str, dry_run: bool) -> str:
    if dry_run:
        return (
            f"Dry run: tddgate's hooks are already installed in {label} "
            f"({target.scope} scope); nothing would change.\n"
        )
    return (
        f"tddgate's hooks are already installed in {label} ({target.scope} scope); "
        f"nothing changed.\n{_next_step()}"
    )


def _done(target: Target, how: str, label: str, interpreter: str) -> str:
    return (
        f"{how} in {label} ({target.scope} scope), "
        f"run by {interpreter}.\n"
        f"Recorded the install in {target.label(target.manifest_path)}; "
        f"`tddgate uninstall{target.scope_flag}` takes out exactly these hooks.\n"
        f"{_next_step()}"
    )
