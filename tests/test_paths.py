"""Where a project is: the hook's $CLAUDE_PROJECT_DIR, the event's cwd, or found upwards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tddgate.paths import project_root, relative, safe_key
from tddgate.runner import evaluate
from testing import payloads


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


def test_a_symlinked_project_knows_its_files_by_either_path(tmp_path: Path) -> None:
    """$CLAUDE_PROJECT_DIR may name the link while a tool names the real path, or the reverse
    (macOS /tmp and /var, symlinked home folders): both are files of the project."""
    real = tmp_path / "real"
    (real / "src").mkdir(parents=True)
    link = tmp_path / "link"
    link.symlink_to(real)
    assert relative(link, str(real / "src/a.py")) == "src/a.py"
    assert relative(real, str(link / "src/a.py")) == "src/a.py"
    assert relative(link, "src/a.py", str(real)) == "src/a.py"
    assert relative(link, str(tmp_path / "other.py")) is None
    assert relative(link, str(real)) is None


def test_an_in_project_link_to_outside_stays_in_the_project(tmp_path: Path) -> None:
    outside = tmp_path / "vendor"
    outside.mkdir()
    project = tmp_path / "p"
    project.mkdir()
    (project / "lib").symlink_to(outside)
    assert relative(project, str(project / "lib/x.py")) == "lib/x.py"


def test_the_real_path_of_a_symlinked_project_meets_the_gates(
    linked_project: tuple[Path, Path],
) -> None:
    link, real = linked_project
    data = payloads.load("capture-PreToolUse-Write", link)
    data["tool_input"] = {"file_path": str(real / ".tddgate.toml"), "content": "tdd = 'off'\n"}
    out, notices = evaluate(json.dumps(data).encode(), "PreToolUse")
    assert notices == []
    assert json.loads(out)["hookSpecificOutput"]["permissionDecisionReason"] == (
        "tddgate: .tddgate.toml (tddgate's config) is guarded: a human must make this change "
        "(outside the agent), then tell the agent it is done."
    )


def test_a_path_that_cannot_be_resolved_is_outside(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    assert relative(project, "/elsewhere/a\x00b") is None
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert relative(project, str(loop / "x.py")) is None
