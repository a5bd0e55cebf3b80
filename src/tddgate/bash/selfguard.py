"""Commands that change tddgate itself: `tddgate install/uninstall/baseline accept`, and
uninstalling the tddgate package (imported on first use, see dispatch._lazy).

Why: a blocked agent is told "a human records the new baseline with `tddgate baseline
accept`" and can run exactly that through Bash; `tddgate uninstall` or `pip uninstall
tddgate` turn every gate off (a hook that cannot import tddgate fails open). Each is
reported as a write of the file it changes, so guard_files refuses it like any other
write there.
"""

from __future__ import annotations

import os
import posixpath
import re

from tddgate.bash.context import Call, Ctx
from tddgate.bash.nodes import UNQUOTED, Word
from tddgate.bash.options import parse_opts

#: The installed package the hooks import (an uninstall removes it).
PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_STATE = ".claude/tddgate"
_SETTINGS = {"project": ".claude/settings.json", "local": ".claude/settings.local.json"}
_MANIFEST = {"project": f"{_STATE}/install.json", "local": f"{_STATE}/install.json"}
_USER = ("~/.claude/settings.json", "~/.claude/tddgate-install.json")
_REQUIREMENT = r"[A-Za-z0-9._-]+"


def tddgate(call: Call, ctx: Ctx) -> str | None:
    """tddgate baseline accept | install | uninstall: what each changes."""
    opts = parse_opts(call.words[1:], long_values=frozenset({"project", "scope"}))
    words = [w.text for w in opts.operands]
    if opts.has("dry-run", "help", "h", "version"):
        return None
    project = opts.get("project")
    if words[:2] == ["baseline", "accept"]:
        base = _project(ctx, project, default_to_root=True)
        if base is not None:
            path = posixpath.join(base, _STATE, "baseline.json")
            ctx.write_path(path, "tddgate baseline accept", None)
    elif words[:1] in (["install"], ["uninstall"]):
        scope = opts.get("scope")
        scope_name = ctx.value(scope) if scope is not None else "project"
        base = _project(ctx, project, default_to_root=False)
        if base is None:
            return None
        paths: tuple[str, ...]
        if scope_name in _SETTINGS:
            paths = (_SETTINGS[scope_name], _MANIFEST[scope_name])
            paths = tuple(p if base == "." else posixpath.join(base, p) for p in paths)
        else:
            paths = _USER  # user, or a computed scope: the widest
        for path in paths:
            where = ctx.value(Word(path, UNQUOTED * len(path), path))
            ctx.write_path(where or path, f"tddgate {words[0]}", None)
    return None


def _project(ctx: Ctx, word: Word | None, default_to_root: bool) -> str | None:
    """--project DIR; else the project root tddgate would find (its CLAUDE_PROJECT_DIR)."""
    if word is not None:
        value = ctx.value(word)
        if value is None:
            ctx.note(f"tddgate: the project {word.shown} is computed at run time")
        return value
    if default_to_root:
        return ctx.vars.get("CLAUDE_PROJECT_DIR", ".")
    return "."


def pip(call: Call, ctx: Ctx) -> str | None:
    """pip uninstall … tddgate (also `uv pip`, `python -m pip`)."""
    if len(call.words) > 1 and call.words[1].text == "uninstall":
        uninstall(ctx, "pip uninstall", call.words[2:])
    return None


def uninstall(ctx: Ctx, how: str, args: tuple[Word, ...], everything: bool = False) -> None:
    """`how` removes the packages named in `args`: tddgate among them is a write of it."""
    opts = parse_opts(args, "rp", frozenset({"requirement", "python", "group", "package"}))
    names = [_name(ctx.value(w) or "") for w in opts.operands]
    if everything or "tddgate" in names:
        ctx.write_path(PACKAGE_DIR, f"{how} tddgate", None)
    elif opts.has("r", "requirement"):
        ctx.note(f"{how} -r: the packages it removes are named in a file that was not read")


def _name(requirement: str) -> str:
    m = re.match(_REQUIREMENT, requirement)
    return m.group().lower().replace("_", "-") if m else ""
