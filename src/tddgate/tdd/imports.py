"""The modules a test file imports, as absolute dotted names (cold: run only on index refresh).

`ast` is imported inside the function: this module is loaded on the hot path's import chain
but parses only when the import index finds a new or changed test file.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ast

# Compiled on first use (re caches them): only files that do not parse need them.
_IMPORT_LINE = r"(?m)^\s*import\s+([\w., ]+)"
_FROM_LINE = r"(?m)^\s*from\s+(\.*)([\w.]*)\s+import\s*\(?([\w., ]*)"


def imported_modules(text: str, rel_path: str) -> list[str]:
    """Sorted module names `rel_path` imports.

    `from a.b import c` yields `a.b` and `a.b.c` (c may be a module); relative imports are
    resolved against the file's folders (`from ..calc import f` in `src/pkg/tests/test_x.py`
    yields `src.pkg.calc`); `importlib.import_module("a.b")` yields `a.b`. A file that does
    not parse (the agent may be mid-way through writing it) is read line by line instead.
    """
    import ast

    package = rel_path.split("/")[:-1]
    try:
        tree = ast.parse(text.lstrip("\ufeff"))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return _from_lines(text, package)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module or "", node.level, package)
            if base is not None:
                names.update(_from_names(base, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Call) and _is_import_module(node):
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                names.add(first.value)
    return sorted(n for n in names if n)


def _is_import_module(node: ast.Call) -> bool:
    func = node.func
    name = getattr(func, "attr", None) or getattr(func, "id", "")
    return name == "import_module" and bool(node.args)


def _from_lines(text: str, package: list[str]) -> list[str]:
    names: set[str] = set()
    for match in re.finditer(_IMPORT_LINE, text):
        names.update(part.split(" as ")[0].strip() for part in match.group(1).split(","))
    for match in re.finditer(_FROM_LINE, text):
        base = _resolve(match.group(2), len(match.group(1)), package)
        if base is not None:
            members = [part.split(" as ")[0].strip() for part in match.group(3).split(",")]
            names.update(_from_names(base, members))
    return sorted(n for n in names if n)


def _from_names(base: str, members: list[str]) -> list[str]:
    out = [base]
    out.extend(f"{base}.{m}" if base else m for m in members if m and m != "*")
    return out


def _resolve(module: str, level: int, package: list[str]) -> str | None:
    """The absolute name of `from <level dots><module> import`; None when it leaves the tree."""
    if level == 0:
        return module
    keep = len(package) - (level - 1)
    if keep < 0:
        return None
    return ".".join([*package[:keep], *([module] if module else [])])
