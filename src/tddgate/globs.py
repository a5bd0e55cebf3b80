"""Gitignore-like globs over POSIX paths relative to the project root (hot path: stdlib only).

Why not fnmatch: its `*` crosses "/", so `src/*.py` would match `src/a/b.py`, and it has no
notion of "basename at any depth" or of `**`. The rules, as in .gitignore:

- a pattern without "/" (ignoring a trailing one) matches the basename at any depth:
  `*.py` matches `a/b/c.py`;
- a pattern with "/" is anchored at the root: `src/*.py` matches `src/a.py`, not `x/src/a.py`;
  a leading "/" only anchors;
- `**` spans directories (`a/**/b` matches `a/b` and `a/x/y/b`); `*`, `?` and `[..]` never
  match "/"; `**` not between slashes is a plain `*`, as in git;
- a trailing "/" matches a directory and everything under it: `build/` matches `build/x.py`
  and `pkg/build/y.py`; without it a pattern matches the path itself only.
- a backslash escapes the next character. Negation ("!") is not supported: `validate`
  rejects it, so a config never silently means something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from tddgate.errors import ConfigError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypeVar

if TYPE_CHECKING:
    T = TypeVar("T")

_CACHE: dict[str, re.Pattern[str]] = {}


def match(rel_path: str, pattern: str) -> bool:
    """True when the root-relative POSIX `rel_path` matches the gitignore-like `pattern`."""
    compiled = _CACHE.get(pattern)
    if compiled is None:
        compiled = _CACHE[pattern] = re.compile(translate(pattern))
    return compiled.match(rel_path) is not None


def match_any(rel_path: str, patterns: Iterable[str]) -> bool:
    """True when any of `patterns` matches."""
    return any(match(rel_path, p) for p in patterns)


def first_match(rel_path: str, mapping: Mapping[str, T]) -> T | None:
    """The value of the first key (in order) that matches: config maps are first-match-wins."""
    for pattern, value in mapping.items():
        if match(rel_path, pattern):
            return value
    return None


def validate(pattern: str) -> None:
    """Raise ConfigError for a pattern that cannot mean what its author expects."""
    if not pattern.strip("/"):
        raise ConfigError(
            f"invalid glob {pattern!r}: it matches nothing; "
            "write a pattern such as 'tests/' or '*.py'"
        )
    if pattern.startswith("!"):
        raise ConfigError(
            f"invalid glob {pattern!r}: negation ('!') is not supported; list the paths "
            "to match instead, or escape a literal '!' as '\\!'"
        )


def translate(pattern: str) -> str:
    """The regular expression (anchored at both ends) equivalent to `pattern`."""
    dir_only = pattern.endswith("/")
    body = pattern.strip("/") if pattern.startswith("/") else pattern.rstrip("/")
    if not body:
        return r"(?!)"  # matches nothing
    anchored = pattern.startswith("/") or "/" in body
    regex = _translate_body(body)
    prefix = "" if anchored else r"(?:.*/)?"
    suffix = r"/.*" if dir_only and not body.endswith("**") else ""
    return rf"{prefix}{regex}{suffix}\Z"


def _translate_body(body: str) -> str:
    parts: list[str] = []
    for part in body.split("/"):
        if not (part == "**" and parts and parts[-1] == "**"):  # a/**/**/b is a/**/b
            parts.append(part)
    out: list[str] = []
    last = len(parts) - 1
    for index, part in enumerate(parts):
        if part == "**":
            if index == last:
                out.append(r".*" if index == 0 else r"/.*")
            elif index == 0:
                out.append(r"(?:.*/)?")
            else:
                out.append(r"/(?:.*/)?")
            continue
        joined_after_globstar = index > 0 and parts[index - 1] == "**"
        if index > 0 and not joined_after_globstar:
            out.append("/")
        out.append(_translate_segment(part))
    return "".join(out)


def _translate_segment(segment: str) -> str:
    """One path segment: `*`, `?`, `[..]` and escapes, never matching "/"."""
    out: list[str] = []
    i, n = 0, len(segment)
    while i < n:
        char = segment[i]
        if char == "*":
            while i + 1 < n and segment[i + 1] == "*":
                i += 1
            out.append(r"[^/]*")
        elif char == "?":
            out.append(r"[^/]")
        elif char == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(segment[i]))
        elif char == "[":
            klass, i = _translate_class(segment, i)
            out.append(klass)
            continue
        else:
            out.append(re.escape(char))
        i += 1
    return "".join(out)


def _translate_class(segment: str, start: int) -> tuple[str, int]:
    """A `[..]` class starting at `start`: (regex, index after it); unclosed is a literal '['."""
    i = start + 1
    negate = i < len(segment) and segment[i] in "!^"
    if negate:
        i += 1
    first = i
    while i < len(segment) and (segment[i] != "]" or i == first):
        i += 1
    if i >= len(segment):
        return re.escape("["), start + 1
    members = "".join("\\" + c if c in "\\^[]" else c for c in segment[first:i])
    if negate:
        return f"[^/{members}]", i + 1
    return f"(?:(?!/)[{members}])", i + 1
