"""tddgate.namedtuple.NamedTuple behaves as typing.NamedTuple does for what tddgate uses."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tddgate.namedtuple import NamedTuple


class Point(NamedTuple):
    """A point; the docstring is kept."""

    x: int
    y: int = 0
    label: str = "origin"

    @classmethod
    def at(cls, x: int) -> Point:
        return cls(x, x)

    @property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)

    def moved(self, dx: int) -> Point:
        return self._replace(x=self.x + dx)


def test_fields_defaults_and_methods() -> None:
    p = Point(3)
    assert p == (3, 0, "origin")
    assert isinstance(p, tuple)
    assert Point._fields == ("x", "y", "label")
    assert Point._field_defaults == {"y": 0, "label": "origin"}
    assert Point.at(2) == Point(2, 2)
    assert Point(-3, 4).norm == 7
    assert p.moved(1)._asdict() == {"x": 4, "y": 0, "label": "origin"}
    assert Point._make([1, 2, "a"]) == Point(1, 2, "a")


def test_names_and_docstring() -> None:
    assert Point.__name__ == "Point"
    assert Point.__qualname__ == "Point"
    assert Point.__module__ == __name__
    assert Point.__doc__ == "A point; the docstring is kept."
    assert repr(Point(1)) == "Point(x=1, y=0, label='origin')"


def test_a_field_without_default_after_one_with_is_refused() -> None:
    with pytest.raises(TypeError) as info:

        class Bad(NamedTuple):
            a: int = 0
            b: int  # type: ignore[misc]

    assert str(info.value) == "Bad: a field without a default follows one with"


def test_replacing_a_namedtuple_attribute_is_refused() -> None:
    with pytest.raises(AttributeError) as info:

        class Bad(NamedTuple):
            a: int

            def _replace(self, **kw: int) -> Bad:  # type: ignore[override]
                return self

    assert str(info.value) == "Bad: cannot overwrite NamedTuple attribute _replace"


def test_importing_it_does_not_import_typing() -> None:
    code = "import sys, tddgate.namedtuple; print('typing' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "False\n"
