from __future__ import annotations

import pytest

from tddgate.tdd.after_edit import content_after
from tddgate.tdd.public_names import added_public_names, public_names

CALC = """\
def add(a, b):
    return a + b
"""


def test_new_module_every_public_name_in_source_order() -> None:
    new = """\
import typing


class Calc:
    def __init__(self):
        self.n = 0

    def mul(self, a, b):
        return a * b

    def _cache(self):
        pass

    def __repr__(self):
        return "Calc()"

    def __call__(self):
        return self.n


def sub(a, b):
    return a - b


async def fetch():
    pass


def _private():
    pass
"""
    assert added_public_names(None, new) == (
        "class Calc",
        "Calc.__init__()",
        "Calc.mul()",
        "Calc.__call__()",
        "sub()",
        "fetch()",
    )


def test_write_adding_a_function() -> None:
    new = CALC + "\n\ndef sub(a, b):\n    return a - b\n"
    assert added_public_names(CALC, new) == ("sub()",)


def test_edit_adding_a_method() -> None:
    old = "class Calc:\n    def add(self, a, b):\n        return a + b\n"
    edit = {
        "old_string": "        return a + b\n",
        "new_string": "        return a + b\n\n    def mul(self, a, b):\n        return a * b\n",
    }
    new = content_after("Edit", edit, old)
    assert new is not None
    assert added_public_names(old, new) == ("Calc.mul()",)


def test_multiedit_adding_class_and_function() -> None:
    edits = [
        {"old_string": "def add", "new_string": "class Calc:\n    pass\n\n\ndef add"},
        {"old_string": "a + b\n", "new_string": "a + b\n\n\nasync def total(xs):\n    pass\n"},
    ]
    new = content_after("MultiEdit", {"edits": edits}, CALC)
    assert new is not None
    assert added_public_names(CALC, new) == ("class Calc", "total()")


def test_changing_a_body_adds_nothing() -> None:
    assert added_public_names(CALC, "def add(a, b):\n    return b + a\n") == ()


def test_removing_adds_nothing() -> None:
    assert added_public_names(CALC + "\ndef sub(a, b):\n    pass\n", CALC) == ()


def test_renaming_is_a_new_name() -> None:
    assert added_public_names(CALC, "def plus(a, b):\n    return a + b\n") == ("plus()",)


def test_moving_a_function_into_a_class_is_new() -> None:
    new = "class Calc:\n    def add(self, a, b):\n        return a + b\n"
    assert added_public_names(CALC, new) == ("class Calc", "Calc.add()")


@pytest.mark.parametrize(
    "dunder", ["__repr__", "__eq__", "__hash__", "__enter__", "__exit__", "__len__"]
)
def test_protocol_dunders_are_not_behaviour(dunder: str) -> None:
    old = "class Calc:\n    pass\n"
    new = f"class Calc:\n    def {dunder}(self, *a):\n        pass\n"
    assert added_public_names(old, new) == ()


def test_module_level_dunder_is_private() -> None:
    assert added_public_names(CALC, CALC + "\ndef __getattr__(name):\n    pass\n") == ()


def test_nested_functions_are_ignored() -> None:
    new = "def add(a, b):\n    def helper():\n        pass\n    return a + b\n"
    assert added_public_names(CALC, new) == ()


def test_members_of_private_classes_are_ignored() -> None:
    new = CALC + "\nclass _Impl:\n    def run(self):\n        pass\n"
    assert added_public_names(CALC, new) == ()


def test_nested_class_and_its_methods() -> None:
    new = "class Calc:\n    class Mode:\n        def label(self):\n            pass\n"
    assert added_public_names(None, new) == ("class Calc", "class Calc.Mode", "Calc.Mode.label()")


def test_type_checking_blocks_are_ignored_but_their_else_is_not() -> None:
    new = """\
import typing
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    def stub(): ...
else:
    def real(): ...

if typing.TYPE_CHECKING:
    class Proto: ...
"""
    assert added_public_names(None, new) == ("real()",)


def test_conditional_and_try_definitions_count() -> None:
    new = """\
import sys

if sys.version_info >= (3, 12):
    def fast(): ...
else:
    def slow(): ...

try:
    def attempt(): ...
except ImportError:
    def fallback(): ...
finally:
    def always(): ...
"""
    assert added_public_names(None, new) == (
        "fast()",
        "slow()",
        "attempt()",
        "fallback()",
        "always()",
    )


def test_overloads_and_properties_are_named_once() -> None:
    new = """\
from typing import overload

@overload
def conv(x: int) -> int: ...
@overload
def conv(x: str) -> str: ...
def conv(x): return x

class Box:
    @property
    def size(self): return 1
    @size.setter
    def size(self, v): pass
"""
    assert added_public_names(None, new) == ("conv()", "class Box", "Box.size()")


def test_syntax_error_in_new_or_old_gives_none() -> None:
    assert added_public_names(CALC, "def broken(:\n") is None
    assert added_public_names("def broken(:\n", CALC) is None
    assert added_public_names(None, "class\n") is None


def test_null_byte_gives_none() -> None:
    assert added_public_names(None, "def a():\n    pass\n\0") is None


def test_byte_order_mark_is_ignored() -> None:
    assert added_public_names(None, "\ufeffdef a():\n    pass\n") == ("a()",)


def test_public_names_of_empty_module() -> None:
    assert public_names("") == ()
