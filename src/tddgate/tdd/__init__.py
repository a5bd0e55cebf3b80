"""Test-first building blocks: pure functions the rules call (hot path: stdlib only).

- `classify`: is a root-relative path a test, a source, or something else; which TDD mode.
- `testmap`: which test covers a source (derived names, an import index, the config map).
- `after_edit`: the file as it would be after a Write / Edit / MultiEdit.
- `public_names`: public functions, classes and methods an edit adds.
- `skips`: skip / xfail constructs an edit adds.

They read config through `TddConfig`, the few attributes of `tddgate.config.Config` they
need, so tests and callers can pass a `TddSettings` instead of a whole Config.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from tddgate.namedtuple import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol
else:
    Protocol = object  # the hook path never imports typing; TddConfig is only an annotation


class TddConfig(Protocol):
    """The config values the tdd functions read (`tddgate.config.Config` has them all)."""

    @property
    def test_paths(self) -> tuple[str, ...]: ...

    @property
    def test_patterns(self) -> tuple[str, ...]: ...

    @property
    def source_patterns(self) -> tuple[str, ...]: ...

    @property
    def tdd(self) -> str: ...

    @property
    def tdd_overrides(self) -> Mapping[str, str]: ...

    @property
    def test_name_patterns(self) -> Mapping[str, tuple[str, ...]]: ...

    @property
    def test_map(self) -> Mapping[str, tuple[str, ...]]: ...


class TddSettings(NamedTuple):
    """A stand-alone TddConfig with the documented defaults."""

    test_paths: tuple[str, ...] = ("tests",)
    test_patterns: tuple[str, ...] = ("test_*.py", "*_test.py")
    source_patterns: tuple[str, ...] = ("*.py",)
    tdd: str = "strict"
    tdd_overrides: Mapping[str, str] = MappingProxyType({})
    test_name_patterns: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    test_map: Mapping[str, tuple[str, ...]] = MappingProxyType({})
