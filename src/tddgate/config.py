"""Project configuration: `[tool.tddgate]` in pyproject.toml, or a `.tddgate.toml`.

No config at all gives working defaults. Validation uses the pydantic model in
config_schema (imported only when a config file changed); the validated values are
cached in the state dir keyed by file size and mtime, so a hook normally pays for
neither tomllib nor pydantic.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from tddgate.errors import ConfigError, StateError
from tddgate.paths import state_dir
from tddgate.state.atomic import read_json, write_json_atomic

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CACHE_FILE = "config-cache.json"


class Config:
    """The settings rules read. Defaults here are the documented defaults (README)."""

    todo_files: tuple[str, ...] = (".claude/todos/current.md",)
    todo_sources: tuple[str, ...] = ("tasks", "todowrite", "markdown")
    max_in_progress: int = 1
    ignore: tuple[str, ...] = ()
    test_paths: tuple[str, ...] = ("tests",)
    test_patterns: tuple[str, ...] = ("test_*.py", "*_test.py")
    source_patterns: tuple[str, ...] = ("*.py",)
    tdd: str = "strict"
    tdd_overrides: dict[str, str]
    test_name_patterns: dict[str, tuple[str, ...]]
    test_map: dict[str, tuple[str, ...]]
    max_stop_blocks: int = 3
    report_file: str | None = None
    pytest_command: str = "python -m pytest"
    disable: tuple[str, ...] = ()
    source: str = ""

    def __init__(self, **values: Any) -> None:
        self.tdd_overrides = {}
        self.test_name_patterns = {}
        self.test_map = {}
        for key, value in values.items():
            if isinstance(value, list):
                value = tuple(value)
            elif isinstance(value, dict):
                value = {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}
            setattr(self, key, value)

    def disabled(self, rule: str, environ: dict[str, str] | None = None) -> bool:
        """A rule is off by config (`disable`) or for one session by $TDDGATE_DISABLE."""
        env = os.environ if environ is None else environ
        session_off = {p.strip() for p in env.get("TDDGATE_DISABLE", "").split(",") if p.strip()}
        return rule in self.disable or rule in session_off or "all" in session_off


def _find(root: Path) -> tuple[Path, str, bytes] | None:
    """(file, label, bytes) of the config in force, or None for defaults."""
    dedicated = root / ".tddgate.toml"
    try:
        return dedicated, ".tddgate.toml", dedicated.read_bytes()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise ConfigError(
            f"config error in .tddgate.toml: cannot read it ({exc.strerror})"
        ) from None
    pyproject = root / "pyproject.toml"
    try:
        raw = pyproject.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(
            f"config error in pyproject.toml: cannot read it ({exc.strerror})"
        ) from None
    # Any mention (`[tool.tddgate]`, `[tool."tddgate"]`, `[tool]` + `tddgate = {…}`, or just a
    # dependency on tddgate) is parsed once; the cache below spares every later hook.
    if b"tddgate" not in raw:
        return None
    return pyproject, "pyproject.toml [tool.tddgate]", raw


def load_config(root: Path) -> Config:
    """The project's Config; ConfigError (with the file and the fix) when it is invalid."""
    found = _find(root)
    if found is None:
        return Config()
    path, label, raw = found
    stat = path.stat()
    key = [str(path), stat.st_mtime_ns, len(raw)]
    cache_path = state_dir(root) / CACHE_FILE
    try:
        cached = read_json(cache_path)
    except StateError:
        cached = None
    if isinstance(cached, dict) and cached.get("key") == key:
        return Config(source=cached.get("source", label), **cached["values"])
    from tddgate.config_schema import validate  # cold: only when the file changed

    values = validate(raw, label, dedicated=label == ".tddgate.toml")
    source = label if values is not None else ""  # pyproject without a tddgate table
    values = values or {}
    with contextlib.suppress(StateError):  # an unwritable cache only costs speed
        write_json_atomic(cache_path, {"key": key, "source": source, "values": values})
    return Config(source=source, **values)
