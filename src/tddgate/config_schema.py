"""The pydantic model behind Config: every key, its type and default, and clear errors."""

from __future__ import annotations

import tomllib
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tddgate.errors import ConfigError

Mode = Literal["strict", "tests-exist", "off"]
Source = Literal["tasks", "todowrite", "markdown"]
DEFAULT_SOURCES: tuple[Source, ...] = ("tasks", "todowrite", "markdown")
RuleName = Literal[
    "edit_needs_todo",
    "green_to_complete",
    "test_first",
    "no_new_skips",
    "guard_files",
    "bash_writes",
]


class ConfigModel(BaseModel):
    """`[tool.tddgate]` / `.tddgate.toml`; unknown keys are errors, not silently ignored."""

    model_config = ConfigDict(extra="forbid", strict=True)

    todo_files: list[str] = Field(default_factory=lambda: [".claude/todos/current.md"])
    todo_sources: list[Source] = Field(default_factory=lambda: list(DEFAULT_SOURCES))
    max_in_progress: int = Field(default=1, ge=1)
    ignore: list[str] = Field(default_factory=list)
    test_paths: list[str] = Field(default_factory=lambda: ["tests"])
    test_patterns: list[str] = Field(default_factory=lambda: ["test_*.py", "*_test.py"])
    source_patterns: list[str] = Field(default_factory=lambda: ["*.py"])
    tdd: Mode = "strict"
    tdd_overrides: dict[str, Mode] = Field(default_factory=dict)
    test_name_patterns: dict[str, list[str]] = Field(default_factory=dict)
    test_map: dict[str, list[str]] = Field(default_factory=dict)
    max_stop_blocks: int = Field(default=3, ge=1, le=7)
    report_file: str | None = None
    pytest_command: str = "python -m pytest"
    disable: list[RuleName] = Field(default_factory=list)

    @field_validator("ignore", "tdd_overrides", "test_name_patterns", "test_map")
    @classmethod
    def _globs(cls, value: Any) -> Any:
        """Globs that cannot mean what their author expects ("", "!negation") are errors."""
        from tddgate.globs import validate as check_glob

        for pattern in value:  # a list of globs, or a dict keyed by globs
            try:
                check_glob(pattern)
            except ConfigError as exc:
                raise ValueError(str(exc)) from None
        return value


def validate(raw: bytes, label: str, *, dedicated: bool) -> dict[str, Any] | None:
    """Parse TOML bytes and validate the tddgate table; ConfigError names the key and the fix.

    None when a pyproject has no tddgate table at all (defaults apply)."""
    try:
        doc = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"config error in {label}: not valid TOML ({exc}); fix the file"
        ) from None
    tool = doc.get("tool", {})
    if not dedicated and (not isinstance(tool, dict) or "tddgate" not in tool):
        return None  # a pyproject that mentions tddgate (e.g. a dependency) but configures nothing
    table = doc if dedicated else tool["tddgate"]
    if not isinstance(table, dict):
        raise ConfigError(f"config error in {label}: expected a table of settings")
    try:
        model = ConfigModel.model_validate(table)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(table)"
        problem = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
        problem = problem.removeprefix("Value error, ")
        raise ConfigError(
            f"config error in {label}: {where}: {problem}; "
            "see the configuration reference in tddgate's README"
        ) from None
    return model.model_dump()
