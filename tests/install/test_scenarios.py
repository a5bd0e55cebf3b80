"""Install/uninstall end to end on real files, checked against golden files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tddgate.install import Target, install, uninstall
from tddgate.install.manifest import SCOPES, Scope

PYTHON = "/opt/venv/bin/python"
Golden = Callable[[str, str], None]
Input = Callable[[str], bytes]


def settings_of(target: Target) -> Path:
    return target.settings_path


def tree(root: Path) -> list[str]:
    """Every file under `root`, relative: proves what was (not) written."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_no_settings_install_creates_file_manifest_and_gitignore(
    target: Target, hooks_dir: Path, golden: Golden
) -> None:
    output = install(target, PYTHON, hooks_dir)

    golden("no_settings/install.out", output)
    golden("no_settings/settings.json", target.settings_path.read_text())
    assert tree(target.project) == [
        ".claude/settings.json",
        ".claude/tddgate/.gitignore",
        ".claude/tddgate/install.json",
    ]
    assert (target.project / ".claude/tddgate/.gitignore").read_bytes() == b"*\n"


def test_no_settings_manifest_records_interpreter_hashes_and_absent_original(
    target: Target, hooks_dir: Path
) -> None:
    install(target, PYTHON, hooks_dir)

    record = json.loads(target.manifest_path.read_text())["installs"]["project"]
    assert record["interpreter"] == PYTHON
    assert record["tddgate_version"] == "0.1.0"
    assert record["scope"] == "project"
    assert record["settings_path"] == target.settings_path.as_posix()
    assert record["hooks_dir"] == hooks_dir.as_posix()
    assert record["original"] == "absent"
    assert record["sha256_before"] is None
    assert len(record["sha256_after"]) == 64
    assert record["entries"] == json.loads(target.settings_path.read_text())["hooks"]
    assert len(record["commands"]) == 9


def test_no_settings_uninstall_leaves_nothing_behind(
    target: Target, hooks_dir: Path, golden: Golden
) -> None:
    install(target, PYTHON, hooks_dir)

    output = uninstall(target, hooks_dir)

    golden("no_settings/uninstall.out", output)
    assert tree(target.project) == []
    assert [p.name for p in target.project.iterdir()] == [".claude"]


@pytest.mark.parametrize("name", ["foreign_hooks", "other_keys", "styled"])
def test_install_keeps_everything_and_uninstall_restores_bytes(
    target: Target, hooks_dir: Path, golden: Golden, settings_input: Input, name: str
) -> None:
    original = settings_input(f"{name}.json")
    target.settings_path.parent.mkdir()
    target.settings_path.write_bytes(original)

    install(target, PYTHON, hooks_dir)
    golden(f"{name}/settings.json", target.settings_path.read_bytes().decode())
    output = uninstall(target, hooks_dir)

    golden(f"{name}/uninstall.out", output)
    assert target.settings_path.read_bytes() == original


@pytest.mark.parametrize("scope", SCOPES)
def test_each_scope_writes_its_own_file_and_manifest(
    project: Path, home: Path, hooks_dir: Path, golden: Golden, scope: Scope
) -> None:
    target = Target(scope, project, home)

    output = install(target, PYTHON, hooks_dir)

    golden(f"scopes/{scope}.out", output)
    golden("no_settings/settings.json", target.settings_path.read_text())
    listing = [f"project: {p}" for p in tree(project)] + [f"home: {p}" for p in tree(home)]
    golden(f"scopes/{scope}.files", "\n".join(listing) + "\n")
    uninstall(target, hooks_dir)
    assert tree(project) + tree(home) == []


def test_project_and_local_scopes_share_a_manifest_and_uninstall_separately(
    project: Path, home: Path, hooks_dir: Path
) -> None:
    shared, local = Target("project", project, home), Target("local", project, home)
    install(shared, PYTHON, hooks_dir)
    install(local, PYTHON, hooks_dir)

    uninstall(local, hooks_dir)

    assert not local.settings_path.exists()
    assert list(json.loads(shared.manifest_path.read_text())["installs"]) == ["project"]
    uninstall(shared, hooks_dir)
    assert tree(project) == []


def test_dry_run_install_prints_diff_and_writes_nothing(
    target: Target, hooks_dir: Path, golden: Golden, settings_input: Input
) -> None:
    target.settings_path.parent.mkdir()
    target.settings_path.write_bytes(settings_input("foreign_hooks.json"))

    output = install(target, PYTHON, hooks_dir, dry_run=True)

    golden("dry_run/install.out", output)
    assert tree(target.project) == [".claude/settings.json"]
    assert target.settings_path.read_bytes() == settings_input("foreign_hooks.json")


def test_dry_run_install_without_settings_diffs_against_dev_null(
    target: Target, hooks_dir: Path, golden: Golden
) -> None:
    output = install(target, PYTHON, hooks_dir, dry_run=True)

    golden("dry_run/install_new_file.out", output)
    assert tree(target.project) == []


def test_dry_run_uninstall_prints_diff_and_writes_nothing(
    target: Target, hooks_dir: Path, golden: Golden, settings_input: Input
) -> None:
    target.settings_path.parent.mkdir()
    target.settings_path.write_bytes(settings_input("foreign_hooks.json"))
    install(target, PYTHON, hooks_dir)
    files_before = {p: (target.project / p).read_bytes() for p in tree(target.project)}

    output = uninstall(target, hooks_dir, dry_run=True)

    golden("dry_run/uninstall.out", output)
    assert {p: (target.project / p).read_bytes() for p in tree(target.project)} == files_before


@pytest.mark.parametrize(
    "name",
    [
        "invalid",
        "comments",
        "block_comment",
        "trailing_comma",
        "hooks_not_object",
        "event_not_list",
        "duplicate_key",
        "top_level_list",
    ],
)
def test_refuses_settings_it_cannot_round_trip(
    target: Target, hooks_dir: Path, golden: Golden, settings_input: Input, name: str
) -> None:
    from tddgate.errors import InstallError

    original = settings_input(f"{name}.json")
    target.settings_path.parent.mkdir()
    target.settings_path.write_bytes(original)

    with pytest.raises(InstallError) as caught:
        install(target, PYTHON, hooks_dir)

    golden(f"refused/{name}.out", f"{caught.value}\n")
    assert target.settings_path.read_bytes() == original
    assert tree(target.project) == [".claude/settings.json"]
