"""Which guarded part of a settings or config file an edit changes (hot path: stdlib only).

Claude Code settings: `hooks` (tddgate's own entries live there), `disableAllHooks` (one key
turns every hook off) and the `env` entries that reach the hooks' environment
(TDDGATE_DISABLE, CLAUDE_PROJECT_DIR, …). pyproject.toml: the `[tool.tddgate]` table.
"""

from __future__ import annotations

import json

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: env entries of settings that change what the hooks do or where they look.
GUARDED_ENV = ("TDDGATE", "CLAUDE_PROJECT_DIR", "PYTHONPATH", "PYTHONHOME", "PATH")
_UNPARSABLE = "unparsable"


def settings_change(before: str | None, after: str | None, label: str) -> str | None:
    """What guarded part of settings file `label` changes, or None. `after` None: the new
    content is unknown, so the hooks may change."""
    if after is None:
        return f'the "hooks" section of {label}'
    old, new = _guarded_keys(before), _guarded_keys(after)
    for key in ("hooks", "disableAllHooks"):
        if old.get(key) != new.get(key):
            noun = "section" if key == "hooks" else "setting"
            return f'the "{key}" {noun} of {label}'
    for name in sorted(set(old) | set(new)):
        if name.startswith("env.") and old.get(name) != new.get(name):
            return f'the "env" entry {name[4:]} of {label}'
    return None


def _guarded_keys(text: str | None) -> dict[str, Any]:
    if text is None:
        return {}
    try:
        data = json.loads(text) if text.strip() else {}
    except ValueError:
        return {"hooks": (_UNPARSABLE, text)}
    if not isinstance(data, dict):
        return {"hooks": ("not an object", text)}
    found = {key: data[key] for key in ("hooks", "disableAllHooks") if key in data}
    env = data.get("env")
    if isinstance(env, dict):
        found.update({f"env.{k}": v for k, v in env.items() if k.upper().startswith(GUARDED_ENV)})
    elif env is not None:
        found["env.*"] = env
    return found


def config_changes(before: str | None, after: str | None) -> bool:
    """True when the [tool.tddgate] table differs (or the new content is unknown)."""
    return after is None or _tool_table(before) != _tool_table(after)


def _tool_table(text: str | None) -> Any:
    if text is None or "tddgate" not in text:
        return None
    import tomllib

    try:
        return tomllib.loads(text).get("tool", {}).get("tddgate")
    except tomllib.TOMLDecodeError:
        return (_UNPARSABLE, text)
