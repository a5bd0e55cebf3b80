from __future__ import annotations

import pytest

from tddgate.tdd.imports import imported_modules

CASES = [
    ("import a.b.c\n", ["a.b.c"]),
    ("import a, b as bee\n", ["a", "b"]),
    ("from a.b import c, d as dee\n", ["a.b", "a.b.c", "a.b.d"]),
    ("from a import *\n", ["a"]),
    ("def test():\n    from a import b\n", ["a", "a.b"]),
    ("import importlib\nimportlib.import_module('x.y')\n", ["importlib", "x.y"]),
    (
        "from importlib import import_module\nimport_module('x.y')\n",
        ["importlib", "importlib.import_module", "x.y"],
    ),
    ("import_module(name)\n", []),
    ("", []),
]


@pytest.mark.parametrize(("text", "modules"), CASES)
def test_absolute_imports(text: str, modules: list[str]) -> None:
    assert imported_modules(text, "tests/test_x.py") == modules


RELATIVE = [
    ("from . import calc\n", "src/app/tests/test_x.py", ["src.app.tests", "src.app.tests.calc"]),
    ("from .. import calc\n", "src/app/tests/test_x.py", ["src.app", "src.app.calc"]),
    ("from ..calc import add\n", "src/app/tests/test_x.py", ["src.app.calc", "src.app.calc.add"]),
    (
        "from ...app.calc import add\n",
        "src/app/tests/test_x.py",
        ["src.app.calc", "src.app.calc.add"],
    ),
    ("from .....x import y\n", "src/app/tests/test_x.py", []),  # leaves the tree
    ("from .helpers import make\n", "tests/test_x.py", ["tests.helpers", "tests.helpers.make"]),
]


@pytest.mark.parametrize(("text", "path", "modules"), RELATIVE)
def test_relative_imports(text: str, path: str, modules: list[str]) -> None:
    assert imported_modules(text, path) == modules


UNPARSABLE = [
    ("import a.b\ndef broken(:\n", ["a.b"]),
    ("import a, b as bee\nif (\n", ["a", "b"]),
    ("from a.b import (\n    c,\n)\nclass\n", ["a.b"]),
    (
        "from ..calc import add, sub\nclass\n",
        ["src.app.calc", "src.app.calc.add", "src.app.calc.sub"],
    ),
    ("\0import a\n", []),
    ("x = 1\n\0\nimport a\n", ["a"]),
]


@pytest.mark.parametrize(("text", "modules"), UNPARSABLE)
def test_unparsable_text_is_read_line_by_line(text: str, modules: list[str]) -> None:
    assert imported_modules(text, "src/app/tests/test_x.py") == modules


def test_byte_order_mark() -> None:
    assert imported_modules("\ufeffimport a\n", "tests/test_x.py") == ["a"]
