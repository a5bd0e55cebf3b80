"""The plugin form and the example settings agree with what `tddgate install` writes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tddgate import __version__
from tddgate.install import entries

ROOT = Path(__file__).resolve().parents[2]
EVENTS = Literal[
    "PreToolUse",
    "PostToolUse",
    "PostToolUseFailure",
    "Stop",
    "SubagentStop",
    "TaskCreated",
    "TaskCompleted",
    "SessionStart",
    "UserPromptSubmit",
]


class CommandHook(BaseModel):
    """One hook as Claude Code reads it (settings and plugin hooks files alike)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    type: Literal["command"]
    command: str = Field(min_length=1)
    timeout: int = Field(gt=0, le=600)


class Group(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    matcher: str | None = None
    hooks: list[CommandHook] = Field(min_length=1)


class HooksFile(BaseModel):
    """`hooks/hooks.json` of a Claude Code plugin."""

    model_config = ConfigDict(extra="forbid", strict=True)

    description: str = Field(min_length=1)
    hooks: dict[EVENTS, list[Group]]


class Author(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(min_length=1)
    email: str | None = None
    url: str | None = None


class PluginManifest(BaseModel):
    """`.claude-plugin/plugin.json`: metadata only; hooks come from hooks/hooks.json."""

    model_config = ConfigDict(extra="forbid", strict=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
    version: str = Field(pattern=r"^\d+\.\d+\.\d+")
    description: str = Field(min_length=1)
    author: Author
    homepage: str | None = Field(default=None, pattern=r"^https://")
    license: str = Field(min_length=1)


def load(relative: str) -> Any:
    return json.loads((ROOT / relative).read_text(encoding="utf-8"))


def events_and_matchers(hooks: dict[str, list[dict[str, Any]]]) -> list[tuple[str, str | None]]:
    return [(event, group.get("matcher")) for event, groups in hooks.items() for group in groups]


def test_plugin_hooks_file_has_the_shape_claude_code_expects() -> None:
    HooksFile.model_validate(load("hooks/hooks.json"))


def test_plugin_hooks_file_matches_the_installer() -> None:
    plugin = load("hooks/hooks.json")["hooks"]
    installed = entries.build_entries("/py", "/site/tddgate/hooks")

    assert events_and_matchers(plugin) == events_and_matchers(installed)
    assert plugin == entries.build_plugin_entries()


def test_plugin_commands_run_the_scripts_from_the_plugin_root() -> None:
    commands = entries.entry_commands(load("hooks/hooks.json")["hooks"])

    assert commands == [
        f'python3 "${{CLAUDE_PLUGIN_ROOT}}/hooks/{spec.script}"' for spec in entries.HOOKS
    ]
    for spec in entries.HOOKS:
        assert (ROOT / "hooks" / spec.script).is_file()


def test_plugin_manifest_has_the_shape_claude_code_expects() -> None:
    plugin = PluginManifest.model_validate(load(".claude-plugin/plugin.json"))

    assert plugin.name == "tddgate"
    assert plugin.version == __version__


def test_settings_example_is_what_install_writes() -> None:
    example = load("settings.example.json")

    assert example == {
        "hooks": entries.build_entries("/path/to/venv/bin/python", "/path/to/tddgate/hooks")
    }


def test_settings_example_uses_only_placeholder_paths() -> None:
    text = (ROOT / "settings.example.json").read_text(encoding="utf-8")

    paths = set(re.findall(r'\\"(/[^"\\]+)\\"', text))
    assert {p.rsplit("/", 1)[0] for p in paths} == {"/path/to/venv/bin", "/path/to/tddgate/hooks"}
