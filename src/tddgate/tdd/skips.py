"""Skip and xfail constructs an edit adds: a test that does not run cannot go red.

Existing skips are not judged, only added ones. With the AST (when both texts parse) a
construct is keyed by what it is and where it lives (`pytest.mark.skip` in `test_add`), so
moving a test or rewording a skip's reason adds nothing, while a second skip in the same
test does (counts are compared). When a text does not parse, both are read line by line
and a construct is keyed by its stripped line.

`ast` is imported inside the functions (hot path).
"""

from __future__ import annotations

import re

from tddgate.namedtuple import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ast

# Canonical dotted names (after resolving `import pytest as pt`, `from pytest import mark`,
# `skip = pytest.mark.skip`, `unittest.case.X`) that skip or xfail wherever they appear:
# decorators, `pytestmark = ...`, `pytest.param(marks=...)`, `item.add_marker(...)`.
SKIP_REFS = frozenset(
    {
        "pytest.mark.skip",
        "pytest.mark.skipif",
        "pytest.mark.xfail",
        "pytest.skip",
        "pytest.xfail",
        "pytest.importorskip",
        "unittest.skip",
        "unittest.skipIf",
        "unittest.skipUnless",
        "unittest.expectedFailure",
        "unittest.SkipTest",
    }
)
# Last components that skip whatever they hang on: `self.skipTest(...)`, `raise SkipTest`,
# the attributes unittest.skip sets, pytest's deselection hook.
SKIP_ATTRS = frozenset(
    {
        "skipTest",
        "SkipTest",
        "__unittest_skip__",
        "__unittest_expecting_failure__",
        "pytest_deselected",
    }
)
# conftest.py names that drop files from collection.
COLLECT_IGNORE = frozenset({"collect_ignore", "collect_ignore_glob"})
IGNORE_HOOK = "pytest_ignore_collect"
MARKER_METHODS = frozenset({"add_marker", "applymarker"})
STRING_MARKERS = frozenset({"skip", "skipif", "xfail"})

# Compiled on first use (re caches it): only text that does not parse needs it.
_LINE_SKIP = (
    r"\bmark\.(?:skip|skipif|xfail)\b"
    r"|\bpytest\.(?:skip|xfail|importorskip)\b"
    r"|\bunittest\.(?:skip|skipIf|skipUnless|expectedFailure|SkipTest)\b"
    r"|@\s*(?:skip|skipif|skipIf|skipUnless|xfail|expectedFailure)\b"
    r"|\b(?:skipTest|SkipTest|__unittest_skip__|__unittest_expecting_failure__)\b"
    r"|\b(?:pytest_deselected|pytest_ignore_collect|collect_ignore(?:_glob)?)\b"
    r"|^\s*from\s+(?:pytest|unittest)\s+import\b.*\b(?:skip|xfail|importorskip|skipIf"
    r"|skipUnless|expectedFailure)\b"
    r"|\b(?:add_marker|applymarker)\s*\(\s*[\"'](?:skip|skipif|xfail)\b"
    r"|^\s*(?:skip|xfail|importorskip)\s*\("
)


class Found(NamedTuple):
    """One construct: `key` identifies it across versions; `line` is 1-based in its text."""

    key: tuple[str, str]
    line: int
    text: str


def added_skips(old: str | None, new: str) -> tuple[tuple[int, str], ...]:
    """(line in new, stripped line) of each skip construct in `new` that `old` lacks, in
    line order. `old` None means a new file: every construct is added."""
    found_new = _ast_constructs(new)
    found_old = [] if old is None else _ast_constructs(old)
    if found_new is None or found_old is None:
        found_new = _line_constructs(new)
        found_old = [] if old is None else _line_constructs(old)
    added = _subtract(found_new, found_old)
    return tuple(sorted({(item.line, item.text) for item in added}))


def _subtract(new: list[Found], old: list[Found]) -> list[Found]:
    """Constructs of new whose key occurs more often than in old.

    Which occurrences are the added ones: first those whose text old does not have, then
    the latest.
    """
    old_texts: dict[tuple[str, str], list[str]] = {}
    for item in old:
        old_texts.setdefault(item.key, []).append(item.text)
    by_key: dict[tuple[str, str], list[Found]] = {}
    for item in new:
        by_key.setdefault(item.key, []).append(item)
    added: list[Found] = []
    for key, items in by_key.items():
        texts = list(old_texts.get(key, ()))
        surplus = len(items) - len(texts)
        if surplus <= 0:
            continue
        fresh: list[Found] = []
        seen: list[Found] = []
        for item in items:
            if item.text in texts:
                texts.remove(item.text)
                seen.append(item)
            else:
                fresh.append(item)
        added.extend((fresh + seen[::-1])[:surplus])
    return added


def _line_constructs(text: str) -> list[Found]:
    """The fallback for text that does not parse: one construct per matching line."""
    found: list[Found] = []
    for number, line in enumerate(_lines(text), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and re.search(_LINE_SKIP, line):
            found.append(Found(("line", stripped), number, stripped))
    return found


def _ast_constructs(text: str) -> list[Found] | None:
    """Constructs found in the syntax tree, or None when `text` does not parse."""
    import ast

    try:
        tree = ast.parse(text.lstrip("\ufeff"))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    lines = _lines(text)
    aliases = _aliases(tree)
    found: list[Found] = []
    stack: list[tuple[ast.AST, str]] = [(tree, "<module>")]
    while stack:
        node, scope = stack.pop()
        kind, inner = _inspect(node, scope, aliases)
        if kind:
            line = getattr(node, "lineno", 1)
            found.append(Found((kind, inner), line, _text(lines, line)))
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
        stack.extend((child, inner) for child in reversed(list(ast.iter_child_nodes(node))))
    return sorted(found, key=lambda item: item.line)


def _inspect(node: ast.AST, scope: str, aliases: dict[str, str]) -> tuple[str, str]:
    """(kind of construct or "", scope for the node's children)."""
    import ast

    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        inner = node.name if scope == "<module>" else f"{scope}.{node.name}"
        is_hook = node.name == IGNORE_HOOK and not isinstance(node, ast.ClassDef)
        return (IGNORE_HOOK if is_hook else ""), inner
    if isinstance(node, ast.Name | ast.Attribute):
        return _reference_kind(node, aliases), scope
    if isinstance(node, ast.Call):
        return _string_marker_kind(node), scope
    return "", scope


def _reference_kind(node: ast.Name | ast.Attribute, aliases: dict[str, str]) -> str:
    import ast

    dotted = _dotted(node)
    if dotted is None:
        return ""
    last = dotted.rpartition(".")[2]
    if last in SKIP_ATTRS or (isinstance(node, ast.Name) and last in COLLECT_IGNORE):
        return last
    if not isinstance(node.ctx, ast.Load):
        return ""
    canonical = _canonical(dotted, aliases)
    return canonical if canonical in SKIP_REFS else ""


def _string_marker_kind(node: ast.Call) -> str:
    """`item.add_marker("skip")` / `request.applymarker("xfail")`."""
    import ast

    func = node.func
    if not (isinstance(func, ast.Attribute) and func.attr in MARKER_METHODS and node.args):
        return ""
    first = node.args[0]
    if isinstance(first, ast.Constant) and first.value in STRING_MARKERS:
        return f"{func.attr}:{first.value}"
    return ""


def _aliases(tree: ast.Module) -> dict[str, str]:
    """Local name → dotted name it stands for, from imports anywhere and module-level
    `name = dotted.name` assignments."""
    import ast

    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                head = alias.name.partition(".")[0]
                aliases[alias.asname or head] = alias.name if alias.asname else head
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, dotted = stmt.targets[0], _dotted(stmt.value)
            if isinstance(target, ast.Name) and dotted is not None:
                aliases[target.id] = _canonical(dotted, aliases)
    return aliases


def _canonical(dotted: str, aliases: dict[str, str]) -> str:
    head, dot, rest = dotted.partition(".")
    resolved = aliases.get(head, head) + dot + rest
    if resolved.startswith("unittest.case."):
        resolved = "unittest." + resolved[len("unittest.case.") :]
    return resolved


def _dotted(node: ast.AST) -> str | None:
    """`a.b.c` for a chain of attributes on a name, else None."""
    import ast

    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _lines(text: str) -> list[str]:
    return [line.rstrip("\r") for line in text.split("\n")]


def _text(lines: list[str], line: int) -> str:
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""
