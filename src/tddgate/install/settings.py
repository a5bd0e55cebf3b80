"""Merge tddgate's entries into a Claude Code settings document and take them out again.

Pure: text in, text out. Everything the user wrote is kept: foreign hooks, other keys, key
order, indentation, line endings and whether the file ends with a newline. A file tddgate
cannot round-trip safely (comments, trailing commas, duplicate keys, wrong shapes) is
refused rather than "repaired", because a repair would silently change someone's settings.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

from tddgate.errors import InstallError
from tddgate.install.entries import Entries

Settings = dict[str, Any]
IsOurs = Callable[[object], bool]

_INDENT = re.compile(r"^[{\[]\r?\n([ \t]+)\S")
# A JSON string, a comment, or a comma followed only by whitespace and a closing bracket.
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|//[^\n]*|/\*.*?\*/|,\s*[}\]]', re.DOTALL)


class Unparsable(InstallError):
    """The settings file is not plain JSON of the shape Claude Code reads."""


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _why_not_json(text: str, error: json.JSONDecodeError) -> str:
    """Name the likely cause: Claude Code users often carry JSONC habits into settings."""
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token.startswith(("//", "/*")):
            return f"has a comment on line {_line_of(text, match.start())}; JSON allows none"
        if token.startswith(","):
            return f"has a trailing comma on line {_line_of(text, match.start())}"
    return f"is not valid JSON ({error.msg} on line {error.lineno}, column {error.colno})"


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    dupes = sorted({key for key in keys if keys.count(key) > 1})
    if dupes:
        raise ValueError(f"duplicate key {dupes[0]!r}")
    return dict(pairs)


def parse(text: str, label: str, verb: str) -> Settings:
    """The settings object in `text`; `label` names the file and `verb` the command to re-run."""
    retry = f"then run `tddgate {verb}` again. The file was not changed."
    if not text.strip():
        return {}
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        why = _why_not_json(text, error)
        raise Unparsable(f"{label} {why}. Make it plain JSON, {retry}") from None
    except ValueError as error:
        raise Unparsable(f"{label} has a {error}. Keep one of them, {retry}") from None
    if not isinstance(data, dict):
        raise Unparsable(f"{label} is not a JSON object. Make it `{{}}` or move it aside, {retry}")
    _check_shape(data, label, retry)
    return data


def _check_shape(data: Settings, label: str, retry: str) -> None:
    hooks = data.get("hooks", {})
    if not isinstance(hooks, dict):
        raise Unparsable(
            f'"hooks" in {label} is {_kind(hooks)}, but Claude Code expects an object '
            f'({{"hooks": {{"Stop": [...]}}}}). Fix it, {retry}'
        )
    for event, groups in hooks.items():
        if not isinstance(groups, list):
            raise Unparsable(
                f'"hooks.{event}" in {label} is {_kind(groups)}, but Claude Code expects a '
                f"list of entries. Fix it, {retry}"
            )


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    return names.get(type(value), "null" if value is None else "a number")


def render(data: Settings, original: str | None) -> str:
    """`data` as JSON in the original's indentation, line endings and final newline."""
    indent: str | int = 2
    newline, final = "\n", True
    if original and original.strip():
        match = _INDENT.match(original.lstrip("\ufeff"))
        indent = match.group(1) if match else 2
        newline = "\r\n" if "\r\n" in original else "\n"
        final = original.endswith("\n")
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    if newline != "\n":
        text = text.replace("\n", newline)
    return text + newline if final else text


def _our_hooks(group: object, is_ours: IsOurs) -> tuple[int, int]:
    """(our hooks, all hooks) in one entry group; foreign shapes count as (0, 0)."""
    if not isinstance(group, dict) or not isinstance(group.get("hooks"), list):
        return 0, 0
    hooks = group["hooks"]
    ours = sum(1 for h in hooks if isinstance(h, dict) and is_ours(h.get("command")))
    return ours, len(hooks)


def _strip(group: dict[str, Any], is_ours: IsOurs) -> dict[str, Any]:
    kept = [h for h in group["hooks"] if not (isinstance(h, dict) and is_ours(h.get("command")))]
    return {**group, "hooks": kept}


def _without_ours(groups: list[Any], is_ours: IsOurs) -> tuple[list[Any], int | None]:
    """`groups` minus our hooks, and where our first all-ours group stood (to reuse its slot)."""
    kept: list[Any] = []
    slot: int | None = None
    for group in groups:
        ours, total = _our_hooks(group, is_ours)
        if ours and ours == total:
            slot = len(kept) if slot is None else slot
        elif ours:
            kept.append(_strip(group, is_ours))
        else:
            kept.append(group)
    return kept, slot


def count_ours(data: Settings, is_ours: IsOurs) -> int:
    """How many of our hooks `data` holds, across every event."""
    hooks = data.get("hooks", {})
    return sum(_our_hooks(group, is_ours)[0] for groups in hooks.values() for group in groups)


def skeleton(data: Settings) -> Settings:
    """Which hook containers exist in `data`, without their content (kept in the manifest)."""
    hooks = data.get("hooks")
    return {"hooks": {event: [] for event in hooks}} if isinstance(hooks, dict) else {}


def merge(data: Settings, entries: Entries, is_ours: IsOurs) -> Settings:
    """`data` with `entries` installed: after foreign entries, or in place of an older install."""
    result = copy.deepcopy(data)
    hooks = result.setdefault("hooks", {})
    for event, new in entries.items():
        kept, slot = _without_ours(hooks.get(event, []), is_ours)
        at = len(kept) if slot is None else slot
        hooks[event] = kept[:at] + copy.deepcopy(new) + kept[at:]
    return result


def unmerge(data: Settings, is_ours: IsOurs, existed: Settings | None) -> Settings:
    """`data` without our hooks; containers we emptied go only if `existed` lacked them.

    `existed` is the settings before install; None means unknown, and then emptied
    containers go, since only tddgate's removal emptied them.
    """
    result = copy.deepcopy(data)
    hooks = result.get("hooks")
    if not isinstance(hooks, dict):
        return result
    before = (existed or {}).get("hooks")
    before_events = before if isinstance(before, dict) else {}
    for event in list(hooks):
        kept, slot = _without_ours(hooks[event], is_ours)
        if slot is None and kept == hooks[event]:
            continue
        if kept or event in before_events:
            hooks[event] = kept
        else:
            del hooks[event]
    if not hooks and data["hooks"] and not isinstance(before, dict):
        del result["hooks"]
    return result
