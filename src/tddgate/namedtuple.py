"""`NamedTuple` for the hot path, without importing `typing` (hot path: stdlib only).

Importing typing costs a hook 2-3 ms (it pulls in contextlib, warnings and builds hundreds of
aliases) and the hook's whole budget is a few times the interpreter's start. Type checkers
see `typing.NamedTuple` itself; at run time the same class syntax builds a plain
`collections.namedtuple` with the class body's methods, properties and docstring, which is
what typing.NamedTuple does too, minus `__annotations__` evaluation nobody here needs.

Modules on the hook path also spell `TYPE_CHECKING = False` / `if TYPE_CHECKING:` instead of
importing it from typing: mypy treats a name TYPE_CHECKING as true, Python as false.
"""

from __future__ import annotations

TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
else:
    import collections

    # Namespace entries of a class body that are not its own methods or attributes.
    _IMPLICIT = frozenset({"__module__", "__qualname__", "__annotations__", "__doc__", "_root"})
    # What typing.NamedTuple refuses to let a class body replace.
    _PROHIBITED = frozenset({
        "__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults",
        "_make", "_replace", "_asdict", "_source",
    })  # fmt: skip

    class _Builder(type):
        """The metaclass of NamedTuple: a subclass becomes a collections.namedtuple."""

        def __new__(mcls, typename, bases, namespace):
            if namespace.get("_root"):
                return super().__new__(mcls, typename, bases, namespace)
            fields = tuple(namespace.get("__annotations__", {}))
            defaults = [namespace[f] for f in fields if f in namespace]
            if defaults and any(f not in namespace for f in fields[-len(defaults) :]):
                raise TypeError(f"{typename}: a field without a default follows one with")
            cls = collections.namedtuple(
                typename, fields, defaults=defaults, module=namespace["__module__"]
            )
            cls.__qualname__ = namespace["__qualname__"]
            cls.__doc__ = namespace.get("__doc__") or cls.__doc__
            for key, value in namespace.items():
                if key in fields or key in _IMPLICIT:
                    continue
                if key in _PROHIBITED:
                    raise AttributeError(f"{typename}: cannot overwrite NamedTuple attribute {key}")
                setattr(cls, key, value)
            return cls

    class NamedTuple(metaclass=_Builder):
        _root = True
