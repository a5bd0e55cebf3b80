"""Where an edit really lands, as far as the guard cares (hot path: stdlib only).

A path as written can reach a guarded file another way: a symlink or hard link made
earlier (`ln -s .claude/tddgate/report.json r.json`, then `cp fake r.json`), a glob that
bash expands (`.claude/tddgat?/report.json`), other letter case on a case-insensitive disk
(`.CLAUDE/TDDGATE/…` on macOS), or a folder that holds it (`rm -rf .`, `cp -r x/.claude .`).
And the hooks themselves run from tddgate's installed package: removing it (or the
interpreter) turns every gate off, since a hook that cannot start fails open.
"""

from __future__ import annotations

import os
import sys
from fnmatch import fnmatchcase

GLOB_CHARS = frozenset("*?[")
#: What a command does to a folder that holds a guarded file, by its label: these remove,
#: replace or lock what is inside. (Others, such as `git checkout .` or `ruff format .`,
#: touch tracked or source files only.)
DESTROYS: tuple[str, ...] = ("rm", "unlink", "shred", "mv", "cp", "rsync", "install", "ln")
DESTROYS += ("scp", "chmod", "chown", "chgrp", "chattr", "setfacl", "git clean", "git stash --all")
DESTROYS += ("pytest --basetemp", "unzip", "tar -x")
_UNINSTALLS = ("uninstall tddgate", "remove tddgate")
_FIND_ACTIONS = ("-delete", "-exec", "-execdir", "-ok", "-okdir")
_FIXED_NAMES = frozenset(
    {"tddgate", ".claude", "settings.json", "settings.local.json", ".tddgate.toml"}
    | {"pyproject.toml"}
)


def label(how: str) -> str:
    """The Bash label inside "Bash (…)", else the tool name."""
    return how[6:-1] if how.startswith("Bash (") and how.endswith(")") else how


def destroys(how: str, names: frozenset[str] | None = None) -> bool:
    """True when the command `how` removes or replaces what is inside a folder it names.
    `names`: the guarded names under that folder, for `find -name PATTERN` to spare."""
    inner = label(how)
    if inner.endswith(_UNINSTALLS):
        return True
    if inner.startswith("find"):
        return _find_destroys(inner, names)
    return any(inner == word or inner.startswith(word + " ") for word in DESTROYS)


def _find_destroys(inner: str, names: frozenset[str] | None) -> bool:
    """`find -name '*.pyc' -delete` spares every guarded name; `find -delete` does not."""
    words = inner.split(" ")
    i = 1
    patterns: list[tuple[str, str]] = []
    while i + 1 < len(words) and words[i] in ("-name", "-iname"):
        patterns.append((words[i], words[i + 1]))
        i += 2
    action = words[i] if i < len(words) else ""
    rest = " ".join(words[i + 1 :])
    if action not in _FIND_ACTIONS or (action != "-delete" and not destroys(rest)):
        return False
    if names is None or not patterns:
        return True
    return not any(all(not _matches(n, p, op) for n in names) for op, p in patterns)


def _matches(name: str, pattern: str, op: str) -> bool:
    if op == "-iname":
        return fnmatchcase(name.lower(), pattern.lower())
    return fnmatchcase(name, pattern)


def names_under(*folders: str) -> frozenset[str]:
    """Every file and folder name under `folders` (bytecode caches left out: deleting
    them is harmless), with the fixed guarded names. Read only when a find deletes."""
    found = set(_FIXED_NAMES)
    for folder in folders:
        found.add(os.path.basename(folder))
        for _, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            found.update(dirs)
            found.update(files)
    return frozenset(found)


def holds(folder: str, path: str) -> bool:
    """True when `path` is `folder` or lies inside it (both absolute and normalized)."""
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def holds_really(folder: str, path: str) -> bool:
    """`holds`, as written or once symlinks are resolved (a project reached by a link)."""
    if holds(folder, path):
        return True
    try:
        return holds(os.path.realpath(folder), os.path.realpath(path))
    except (OSError, ValueError):
        return False


def installation() -> tuple[str, str]:
    """(tddgate's package folder, the interpreter running the hooks)."""
    import tddgate

    return os.path.dirname(os.path.abspath(tddgate.__file__)), os.path.abspath(sys.executable)


def installation_hit(full: str, how: str) -> str | None:
    """What of tddgate's installation `full` (absolute) would change, or None."""
    package, interpreter = installation()
    in_site = any(part in ("site-packages", "dist-packages") for part in package.split("/"))
    if in_site and holds(package, full) and full != package:
        return f"{full} (tddgate's installed code, which runs these hooks)"
    finds = label(how).startswith("find")
    holder = holds(full, package) or holds(full, interpreter)
    if holder and destroys(how, names_under(package) if finds else None):
        return f"{full} (it holds tddgate's installation, which runs these hooks)"
    return None


def real_rel(full: str, root: str) -> str | None:
    """`full` relative to the real project root once symlinks are resolved (None: outside
    the project, or nothing to resolve)."""
    try:
        real = os.path.realpath(full)
        real_root = os.path.realpath(root)
    except (OSError, ValueError):
        return None
    if real == full:
        return None
    if real == real_root:
        return "."
    if not real.startswith(real_root.rstrip("/") + "/"):
        return None
    return real[len(real_root.rstrip("/")) + 1 :]


def hard_linked(full: str) -> bool:
    """True for an existing file with more than one name."""
    try:
        return os.stat(full).st_nlink > 1 and os.path.isfile(full)
    except (OSError, ValueError):
        return False


def same_file(full: str, candidates: list[str]) -> str | None:
    """The candidate (absolute) that is the same file as `full` through a hard link."""
    for other in candidates:
        try:
            if os.path.samefile(full, other) and other != full:
                return other
        except (OSError, ValueError):
            continue
    return None


def pattern_hits(rel: str, guarded: list[str], folder: str) -> list[tuple[str, bool]]:
    """The guarded paths (relative) that the glob `rel` may reach, each with True when the
    pattern only reaches a folder holding it (`.c*` holds `.claude/tddgate`). Only
    `folder` (the state dir) has paths beneath it; the others are files."""
    parts = rel.split("/")
    hits = []
    for path in guarded:
        names = path.split("/")
        if len(parts) > len(names) and path != folder:
            continue
        deep = min(len(parts), len(names))
        if all(_component(parts[i], names[i]) for i in range(deep)):
            hits.append((path, len(parts) < len(names)))
    return hits


def _component(pattern: str, name: str) -> bool:
    if not GLOB_CHARS.intersection(pattern) and "(" not in pattern:
        return pattern.lower() == name.lower()
    if name.startswith(".") and not pattern.startswith("."):
        return False  # a glob does not match a leading dot (bash without dotglob)
    return fnmatchcase(name.lower(), _plain_glob(pattern).lower())


def _plain_glob(pattern: str) -> str:
    """extglob groups such as @(a|b) or !(x) read as `*` (they may match anything)."""
    out: list[str] = []
    depth = 0
    for i, ch in enumerate(pattern):
        if ch == "(" and i and pattern[i - 1] in "@!+*?":
            if depth == 0:
                out[-1] = "*"
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)
