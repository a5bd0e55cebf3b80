"""Public functions, classes and methods an edit adds: the new behaviour a test must name.

Hot path (every edit of a Python source): the builtin `_ast` module and `compile(...,
PyCF_ONLY_AST)` give the same tree as `ast.parse` without importing the `ast` module's
Python helpers (~1 ms); nothing here needs them.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    import ast
    from collections.abc import Iterator

# Dunder methods are protocol plumbing, not behaviour, except these two.
BEHAVIOUR_DUNDERS = frozenset({"__init__", "__call__"})


def added_public_names(old: str | None, new: str) -> tuple[str, ...] | None:
    """Names public in `new` and absent from `old`, in source order, rendered as `sub()`,
    `Calc.mul()`, `class Calc`; every public name when `old` is None (a new module); None
    when either text does not parse.

    Counted: module-level functions (async too) and classes, their methods and nested
    classes, including definitions under `if`/`try` at module level. Not counted: names
    starting with "_", anything inside a private class, dunder methods other than
    `__init__` / `__call__`, functions nested in functions, and `if TYPE_CHECKING:` blocks.
    """
    new_names = public_names(new)
    if new_names is None:
        return None
    if old is None:
        return new_names
    old_names = public_names(old)
    if old_names is None:
        return None
    known = set(old_names)
    return tuple(name for name in new_names if name not in known)


def public_names(text: str) -> tuple[str, ...] | None:
    """Every public name defined in `text`, in source order, or None on a syntax error."""
    import _ast

    try:
        tree = compile(text.lstrip("\ufeff"), "<unknown>", "exec", _ast.PyCF_ONLY_AST)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    if not isinstance(tree, _ast.Module):  # always a Module in "exec" mode; narrows the type
        return None
    return tuple(dict.fromkeys(_names(tree.body, prefix="")))


def _names(body: list[ast.stmt], prefix: str) -> Iterator[str]:
    import _ast as ast

    for node in _flatten(body):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if _is_public(node.name, method=bool(prefix)):
                yield f"{prefix}{node.name}()"
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            yield f"class {prefix}{node.name}"
            yield from _names(node.body, prefix=f"{prefix}{node.name}.")


def _flatten(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements of a block, looking inside `if` (except TYPE_CHECKING) and `try`."""
    import _ast as ast

    for node in body:
        if isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                yield from _flatten(node.body)
            yield from _flatten(node.orelse)
        elif isinstance(node, ast.Try | ast.TryStar):
            yield from _flatten(node.body)
            for handler in node.handlers:
                yield from _flatten(handler.body)
            yield from _flatten(node.orelse)
            yield from _flatten(node.finalbody)
        else:
            yield node


def _is_type_checking(test: ast.expr) -> bool:
    import _ast as ast

    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _is_public(name: str, method: bool) -> bool:
    if method and name in BEHAVIOUR_DUNDERS:
        return True
    return not name.startswith("_")
