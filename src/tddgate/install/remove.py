"""`tddgate uninstall`: undo one scope's install exactly, keeping everything anyone else wrote."""

from __future__ import annotations

from pathlib import Path

from tddgate.install import entries, files, manifest, settings
from tddgate.install.add import DRY_RUN_NOTE, Before, read_settings
from tddgate.install.manifest import InstallRecord
from tddgate.install.target import Target, drop_state_dir

VERB = "uninstall"


def uninstall(target: Target, hooks_dir: Path | None, dry_run: bool = False) -> str:
    """Uninstall from `target`; `hooks_dir` is this tddgate's scripts dir when it is known.

    An untouched file goes back to its exact bytes from before install; an edited one
    loses only our hooks (recorded commands, or scripts in a tddgate hooks dir).
    """
    book = manifest.load(target.manifest_path, VERB)
    record = book.installs.get(target.scope)
    before = read_settings(target, VERB)
    label = target.label(target.settings_path)
    if record and record.restorable and record.sha256_after == files.sha256(before.raw):
        after, how = _restore(record, label)
    else:
        after, how = _strip(before, record, hooks_dir, label)
    if after == before.raw:
        return _nothing(target, label, before, book, record, dry_run)
    after_text = None if after is None else after.decode("utf-8")
    if dry_run:
        return files.diff(before.text, after_text, label) + DRY_RUN_NOTE
    if after is None:
        files.remove(target.settings_path, VERB)
    else:
        files.write_atomic(target.settings_path, after, VERB)
    _forget(target, book)
    return f"{how} ({target.scope} scope).\n"


def _restore(record: InstallRecord, label: str) -> tuple[bytes | None, str]:
    original = record.original_bytes()
    if original is None:
        return None, f"Removed {label}, which `tddgate install` had created"
    return original, f"Restored {label} to its exact content from before `tddgate install`"


def _strip(
    before: Before, record: InstallRecord | None, hooks_dir: Path | None, label: str
) -> tuple[bytes | None, str]:
    dirs = [d for d in (record.hooks_dir if record else None, hooks_dir) if d is not None]
    is_ours = entries.OurHooks(
        record.commands if record else (), [Path(d).as_posix() for d in dirs]
    )
    existed = record.existed_before if record else None
    data = settings.unmerge(before.data, is_ours, existed)
    count = settings.count_ours(before.data, is_ours)
    how = f"Removed tddgate's {count} hooks from {label}; kept everything else in it"
    if before.text is None:
        return None, how
    return settings.render(data, before.text).encode("utf-8"), how


def _forget(target: Target, book: manifest.Manifest) -> None:
    """Drop this scope's record; the state dir goes too when only our `.gitignore` is left."""
    record = book.installs.pop(target.scope, None)
    manifest.save(target.manifest_path, book, VERB)
    if record and record.created_gitignore:
        drop_state_dir(target, VERB)


def _nothing(
    target: Target,
    label: str,
    before: Before,
    book: manifest.Manifest,
    record: InstallRecord | None,
    dry_run: bool,
) -> str:
    why = "does not exist" if before.raw is None else "has no tddgate hooks"
    message = f"Nothing to uninstall: {label} {why} ({target.scope} scope).\n"
    if record and not dry_run:
        _forget(target, book)
        message += f"Removed the stale install record from {target.label(target.manifest_path)}.\n"
    return message
