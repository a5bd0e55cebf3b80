"""File primitives for install/uninstall: exact reads, atomic writes, printable diffs.

Settings files are shared with Claude Code and the user's editor, so a write is all or
nothing (temp file + os.replace) and keeps the file's permission bits.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import tempfile
from pathlib import Path

from tddgate.errors import InstallError


def read_bytes(path: Path, verb: str) -> bytes | None:
    """The file's exact bytes, or None when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise InstallError(
            f"cannot read {path}: {error.strerror}. Make it readable, "
            f"then run `tddgate {verb}` again."
        ) from None


def decode(data: bytes, path: Path, verb: str) -> str:
    """UTF-8 text, or a refusal: any other encoding would not survive a rewrite."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InstallError(
            f"{path} is not UTF-8 text. Save it as UTF-8 JSON, "
            f"then run `tddgate {verb}` again. The file was not changed."
        ) from None


def sha256(data: bytes | None) -> str | None:
    """Hex digest of `data`; None stands for "the file did not exist"."""
    return None if data is None else hashlib.sha256(data).hexdigest()


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes, verb: str) -> None:
    """Replace `path` with `data` in one step; readers never see half a file.

    A symlinked settings file (dotfiles repos do this) is written through, so the link
    survives instead of being replaced by a plain file.
    """
    path = path.resolve() if path.is_symlink() else path
    _make_parent(path, verb)
    try:
        mode = _mode_for(path)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError as error:
        raise _unwritable(path, error, verb) from None


def _make_parent(path: Path, verb: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        blocker = next(p for p in reversed(path.parents) if p.exists() and not p.is_dir())
        raise InstallError(
            f"cannot write {path}: {blocker} is a file, not a directory. Move it aside, "
            f"then run `tddgate {verb}` again. Nothing was changed."
        ) from None
    except OSError as error:
        raise _unwritable(path, error, verb) from None


def remove(path: Path, verb: str) -> None:
    """Delete `path`; a file already gone is fine."""
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise _unwritable(path, error, verb) from None


def _unwritable(path: Path, error: OSError, verb: str) -> InstallError:
    return InstallError(
        f"cannot write {path}: {error.strerror}. Make it writable (or pick another --scope), "
        f"then run `tddgate {verb}` again. Nothing was changed."
    )


def diff(before: str | None, after: str | None, label: str) -> str:
    """A unified diff of one file; None on either side means the file does not exist."""
    lines = difflib.unified_diff(
        (before or "").splitlines(keepends=True),
        (after or "").splitlines(keepends=True),
        fromfile="/dev/null" if before is None else f"a/{label}",
        tofile="/dev/null" if after is None else f"b/{label}",
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )
