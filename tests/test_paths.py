"""Where a project is: the hook's $CLAUDE_PROJECT_DIR, the event's cwd, or found upwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from tddgate.paths import project_root, relative, safe_key


def test_claude_project_dir_wins(tmp_path: Path) -> None:
    env = {"CLAUDE_PROJECT_DIR": str(tmp_path / "p")}
    assert project_root("/elsewhere", env) == tmp_path / "p"
    assert project_root("/elsewhere", {}) == Path("/elsewhere")


def test_a_shell_in_a_subfolder_finds_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".claude").mkdir()
    (tmp_path / ".claude/settings.json").write_text("{}")
    (tmp_path / "src/pkg").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "src/pkg")
    assert project_root(None, {}) == tmp_path
    monkeypatch.chdir(tmp_path.parent)
    assert project_root(None, {}) == tmp_path.parent


def test_relative_paths(tmp_path: Path) -> None:
    assert relative(tmp_path, str(tmp_path / "src/a.py")) == "src/a.py"
    assert relative(tmp_path, "src/a.py", str(tmp_path)) == "src/a.py"
    assert relative(tmp_path, "/etc/passwd") is None
    assert relative(tmp_path, str(tmp_path)) is None
    assert relative(tmp_path, "../x", str(tmp_path)) is None


def test_safe_keys() -> None:
    assert safe_key("8c15dcad-8f13") == "8c15dcad-8f13"
    assert safe_key("../../etc") == ".._.._etc"
    assert safe_key("..") == "_"
    assert safe_key("") == "_"
