"""pyproject lists its packages by hand (hooks/ maps to tddgate.hooks): keep the list complete."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_under_src_is_listed() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(p.parent.relative_to(ROOT / "src").parts)
        for p in (ROOT / "src").rglob("__init__.py")
    }
    assert found | {"tddgate.hooks"} == listed


def test_hook_scripts_ship_with_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert config["tool"]["setuptools"]["package-dir"]["tddgate.hooks"] == "hooks"
    scripts = {p.name for p in (ROOT / "hooks").glob("*.py")}
    assert {"pre_tool_use.py", "post_tool_use.py", "stop.py", "subagent_stop.py",
            "task_created.py", "task_completed.py", "session_start.py",
            "user_prompt_submit.py",
        "post_tool_use_failure.py", "_entry.py", "__init__.py"} == scripts
