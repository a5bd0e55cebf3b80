"""Real payloads captured from Claude Code 2.1.330, re-rooted into a test project."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
PAYLOADS = FIXTURES / "payloads"
CAPTURED_ROOT = "/home/dev/work/demo"


def _reroot(value: Any, project: Path) -> Any:
    if isinstance(value, str):
        return value.replace(CAPTURED_ROOT, str(project))
    if isinstance(value, list):
        return [_reroot(v, project) for v in value]
    if isinstance(value, dict):
        return {k: _reroot(v, project) for k, v in value.items()}
    return value


def load(name: str, project: Path | None = None, **overrides: Any) -> dict[str, Any]:
    """The captured payload `name` (file stem), moved into `project`, with top-level overrides."""
    data: dict[str, Any] = json.loads((PAYLOADS / f"{name}.json").read_text())
    if project is not None:
        data = _reroot(data, project)
    data.update(overrides)
    return data


def all_names() -> list[str]:
    return sorted(p.stem for p in PAYLOADS.glob("*.json"))
