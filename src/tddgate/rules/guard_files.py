"""Guarded paths: the agent may not change what tddgate itself relies on.

tddgate's state dir and report, the `hooks` section of Claude Code settings (project,
local and user), and the `[tool.tddgate]` config (or `.tddgate.toml`) are a human's to
change. Other keys of those files stay editable. When the new content is unknowable
(a Bash command such as `sed -i` on pyproject.toml), a guarded file is refused whole.
"""

from __future__ import annotations

import json
import os

from tddgate.decision import Decision
from tddgate.edits import EditTarget
from tddgate.facts import Facts

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

NAME = "guard_files"
SETTINGS = (".claude/settings.json", ".claude/settings.local.json")
_DESTRUCTIVE = ("rm", "clean", "mv", "rsync")
HUMAN = "a human must make this change (outside the agent), then tell the agent it is done"


def check(facts: Facts) -> Decision | None:
    for target in facts.targets:
        what = _guarded(facts, target)
        if what:
            return Decision.block(f"tddgate: {what} is guarded: {HUMAN}.", NAME)
    return None


def _guarded(facts: Facts, target: EditTarget) -> str | None:
    rel = target.rel
    if rel is None:
        user_settings = os.path.join(os.path.expanduser("~"), ".claude", "settings.json")
        if str(facts.absolute(target.path)) == user_settings:
            return _settings_change(facts, target, "~/.claude/settings.json")
        return None
    if rel == ".claude/tddgate" or rel.startswith(".claude/tddgate/"):
        return f"{rel} (tddgate's state)"
    if rel in (".", ".claude") and any(w in target.how for w in _DESTRUCTIVE):
        return f"{rel} (it holds tddgate's state in .claude/tddgate)"
    if facts.cfg.report_file and rel == facts.cfg.report_file:
        return f"{rel} (the test report tddgate judges)"
    if rel in SETTINGS:
        return _settings_change(facts, target, rel)
    if rel == ".tddgate.toml":
        return ".tddgate.toml (tddgate's config)"
    if rel == "pyproject.toml":
        return _config_change(facts, target)
    return None


def _settings_change(facts: Facts, target: EditTarget, label: str) -> str | None:
    before, after = facts.contents(target)
    if _hooks_of(before) == _hooks_of(after) and after is not None:
        return None
    return f'the "hooks" section of {label}'


def _hooks_of(text: str | None) -> Any:
    if text is None:
        return None
    try:
        data = json.loads(text) if text.strip() else {}
    except ValueError:
        return ("unparsable", text)
    return data.get("hooks") if isinstance(data, dict) else ("not an object", text)


def _config_change(facts: Facts, target: EditTarget) -> str | None:
    before, after = facts.contents(target)
    if after is not None and _tool_table(before) == _tool_table(after):
        return None
    return "the [tool.tddgate] table of pyproject.toml (tddgate's config)"


def _tool_table(text: str | None) -> Any:
    if text is None or "tddgate" not in text:
        return None
    import tomllib

    try:
        return tomllib.loads(text).get("tool", {}).get("tddgate")
    except tomllib.TOMLDecodeError:
        return ("unparsable", text)
