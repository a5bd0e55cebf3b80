"""One error family: every failure tddgate raises on purpose is a TddgateError."""

from __future__ import annotations


class TddgateError(Exception):
    """Base of every deliberate tddgate failure; its message says what to do."""


class BadInputError(TddgateError):
    """The hook's stdin was not a valid event."""


class ConfigError(TddgateError):
    """[tool.tddgate] or .tddgate.toml is invalid."""


class StateError(TddgateError):
    """tddgate's state files could not be read or written."""


class ReportError(TddgateError):
    """The pytest report is missing, broken, or cannot be trusted."""


class TodoError(TddgateError):
    """A `tddgate todo` verb was refused (no match, ambiguous, over the limit)."""


class InstallError(TddgateError):
    """Claude Code settings could not be changed safely."""
