"""Where a project is and where tddgate keeps its state (hot path: stdlib only)."""

from __future__ import annotations

import os
import re
from pathlib import Path

STATE_DIR = ".claude/tddgate"
REPORT_FILE = "report.json"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


_MARKERS = (STATE_DIR, ".claude/settings.json", ".claude/settings.local.json", ".tddgate.toml")


def project_root(cwd: str | None = None, environ: dict[str, str] | None = None) -> Path:
    """$CLAUDE_PROJECT_DIR (set by Claude Code for every hook), else the event's cwd.

    Without either (a command typed in a shell, or an agent's Bash call from a subfolder),
    the nearest folder up from the current one that holds tddgate state, Claude Code
    settings or a .tddgate.toml; else the current folder.
    """
    env = os.environ if environ is None else environ
    chosen = env.get("CLAUDE_PROJECT_DIR") or cwd
    if chosen:
        return Path(os.path.abspath(chosen))
    here = Path(os.path.abspath(os.getcwd()))
    for folder in (here, *here.parents):
        if any(os.path.exists(folder / marker) for marker in _MARKERS):
            return folder
    return here


def state_dir(root: Path) -> Path:
    return root / STATE_DIR


def report_path(root: Path) -> Path:
    return state_dir(root) / REPORT_FILE


def relative(root: Path, file_path: str, cwd: str | None = None) -> str | None:
    """`file_path` as a POSIX path relative to root, or None when it lies outside the project.

    A path that is outside as written may still be inside through symlinks: the project
    dir named through a link while the tool names the real path, or the reverse (macOS
    /tmp, symlinked home folders). Such a file is the project's and meets every gate.
    """
    base = cwd or str(root)
    full = os.path.normpath(os.path.join(base, os.path.expanduser(file_path)))
    rel = _inside(full, str(root))
    if rel is None:  # only outside paths pay for resolving links
        try:
            rel = _inside(os.path.realpath(full), os.path.realpath(root))
        except (OSError, ValueError):  # a NUL byte, a link loop: outside, as written
            return None
    return rel


def same_place(a: str | Path, b: str | Path) -> bool:
    """True when both paths name one file or folder once symlinks are resolved."""
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


def _inside(full: str, root: str) -> str | None:
    try:
        rel = os.path.relpath(full, root)
    except ValueError:
        return None
    if rel == os.curdir or rel.startswith(os.pardir + os.sep) or rel == os.pardir:
        return None
    return rel.replace(os.sep, "/")


def safe_key(value: str) -> str:
    """A session or agent id made safe as a file name (ids come from untrusted input)."""
    cleaned = _UNSAFE.sub("_", value)[:120]
    return cleaned if cleaned and cleaned not in (".", "..") else "_"
