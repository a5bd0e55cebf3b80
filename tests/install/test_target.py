"""Where each scope's files live and how they are named in messages."""

from __future__ import annotations

from pathlib import Path

from tddgate.install import Target


def test_settings_paths_per_scope() -> None:
    project, home = Path("/w/demo"), Path("/home/u")

    assert Target("project", project, home).settings_path == project / ".claude/settings.json"
    assert Target("local", project, home).settings_path == project / ".claude/settings.local.json"
    assert Target("user", project, home).settings_path == home / ".claude/settings.json"


def test_state_dir_only_for_project_scopes() -> None:
    project, home = Path("/w/demo"), Path("/home/u")

    assert Target("local", project, home).state_dir == project / ".claude/tddgate"
    assert Target("user", project, home).state_dir is None


def test_labels_prefer_project_then_home_then_absolute() -> None:
    target = Target("project", Path("/home/u/demo"), Path("/home/u"))

    assert target.label(Path("/home/u/demo/.claude/settings.json")) == ".claude/settings.json"
    assert target.label(Path("/home/u/.claude/settings.json")) == "~/.claude/settings.json"
    assert target.label(Path("/etc/claude.json")) == "/etc/claude.json"


def test_scope_flag_is_empty_for_the_default_scope() -> None:
    assert Target("project", Path("/p"), Path("/h")).scope_flag == ""
    assert Target("user", Path("/p"), Path("/h")).scope_flag == " --scope user"


def test_user_scope_labels_prefer_home_even_when_the_project_is_home() -> None:
    target = Target("user", Path("/home/u"), Path("/home/u"))

    assert target.label(target.settings_path) == "~/.claude/settings.json"
