"""Install and uninstall over time: repeats, new interpreters, edits by others, lost records."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tddgate.errors import InstallError
from tddgate.install import Target, install, manifest, uninstall

PYTHON = "/opt/venv/bin/python"
Golden = Callable[[str, str], None]
Input = Callable[[str], bytes]


def edit(path: Path, change: Callable[[dict[str, object]], None]) -> None:
    """Change the settings the way an editor would (2-space JSON)."""
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, indent=2) + "\n")


def add_foreign_stop_hook(data: dict[str, object]) -> None:
    hooks = data["hooks"]
    assert isinstance(hooks, dict)
    hooks["Stop"].append({"hooks": [{"type": "command", "command": "make lint"}]})
    data["model"] = "haiku"


def test_install_twice_is_install_once(
    target: Target, hooks_dir: Path, settings_input: Input, golden: Golden
) -> None:
    target.settings_path.parent.mkdir()
    target.settings_path.write_bytes(settings_input("foreign_hooks.json"))
    install(target, PYTHON, hooks_dir)
    settings_once = target.settings_path.read_bytes()
    manifest_once = target.manifest_path.read_bytes()

    output = install(target, PYTHON, hooks_dir)

    golden("twice/install.out", output)
    assert target.settings_path.read_bytes() == settings_once
    assert target.manifest_path.read_bytes() == manifest_once
    uninstall(target, hooks_dir)
    assert target.settings_path.read_bytes() == settings_input("foreign_hooks.json")


def test_reinstall_with_another_interpreter_replaces_our_entries_in_place(
    target: Target, hooks_dir: Path, settings_input: Input, golden: Golden
) -> None:
    target.settings_path.parent.mkdir()
    target.settings_path.write_bytes(settings_input("foreign_hooks.json"))
    install(target, "/old/venv/bin/python", hooks_dir)

    output = install(target, PYTHON, hooks_dir)

    golden("reinstall/install.out", output)
    golden("foreign_hooks/settings.json", target.settings_path.read_text())
    record = manifest.load(target.manifest_path, "install").installs["project"]
    assert record.interpreter == PYTHON
    uninstall(target, hooks_dir)
    assert target.settings_path.read_bytes() == settings_input("foreign_hooks.json")


def test_uninstall_after_someone_edited_the_file_keeps_their_edit(
    target: Target, hooks_dir: Path, settings_input: Input, golden: Golden
) -> None:
    target.settings_path.parent.mkdir()
    target.settings_path.write_bytes(settings_input("foreign_hooks.json"))
    install(target, PYTHON, hooks_dir)
    edit(target.settings_path, add_foreign_stop_hook)

    output = uninstall(target, hooks_dir)

    golden("edited/uninstall.out", output)
    golden("edited/settings.json", target.settings_path.read_text())
    assert not target.manifest_path.exists()


def test_uninstall_of_edited_new_file_drops_only_containers_it_created(
    target: Target, hooks_dir: Path, golden: Golden
) -> None:
    install(target, PYTHON, hooks_dir)
    edit(target.settings_path, add_foreign_stop_hook)

    uninstall(target, hooks_dir)

    golden("edited_new_file/settings.json", target.settings_path.read_text())


def test_reinstall_after_an_edit_still_uninstalls_without_losing_the_edit(
    target: Target, hooks_dir: Path, settings_input: Input, golden: Golden
) -> None:
    target.settings_path.parent.mkdir()
    target.settings_path.write_bytes(settings_input("foreign_hooks.json"))
    install(target, "/old/venv/bin/python", hooks_dir)
    edit(target.settings_path, add_foreign_stop_hook)
    install(target, PYTHON, hooks_dir)

    uninstall(target, hooks_dir)

    golden("edited/settings.json", target.settings_path.read_text())


def test_uninstall_without_a_manifest_finds_hooks_by_script_path(
    target: Target, hooks_dir: Path, settings_input: Input, golden: Golden
) -> None:
    # A teammate committed .claude/settings.json; this clone never ran install (and
    # .claude/tddgate/ is git-ignored, so the teammate's manifest is not here).
    target.settings_path.parent.mkdir()
    target.settings_path.write_bytes(settings_input("foreign_hooks.json"))
    install(target, "/home/alice/.venv/bin/python", hooks_dir)
    target.manifest_path.unlink()

    output = uninstall(target, None)

    golden("no_manifest/uninstall.out", output)
    assert target.settings_path.read_bytes() == settings_input("foreign_hooks.json")


def test_install_over_a_teammates_install_uninstalls_to_no_tddgate_hooks(
    target: Target, hooks_dir: Path, settings_input: Input
) -> None:
    target.settings_path.parent.mkdir()
    target.settings_path.write_bytes(settings_input("foreign_hooks.json"))
    install(target, "/home/alice/.venv/bin/python", hooks_dir)
    target.manifest_path.unlink()
    install(target, PYTHON, hooks_dir)

    uninstall(target, hooks_dir)

    assert target.settings_path.read_bytes() == settings_input("foreign_hooks.json")


def test_nothing_to_uninstall_without_file(target: Target, golden: Golden) -> None:
    output = uninstall(target, None)

    golden("nothing/no_file.out", output)
    assert list(target.project.iterdir()) == []


def test_nothing_to_uninstall_when_file_has_no_tddgate_hooks(
    target: Target, settings_input: Input, golden: Golden
) -> None:
    target.settings_path.parent.mkdir()
    target.settings_path.write_bytes(settings_input("foreign_hooks.json"))

    output = uninstall(target, None)

    golden("nothing/foreign_only.out", output)
    assert target.settings_path.read_bytes() == settings_input("foreign_hooks.json")


def test_uninstall_after_hooks_were_removed_by_hand_drops_the_stale_record(
    target: Target, hooks_dir: Path, settings_input: Input, golden: Golden
) -> None:
    target.settings_path.parent.mkdir()
    target.settings_path.write_bytes(settings_input("other_keys.json"))
    install(target, PYTHON, hooks_dir)
    target.settings_path.write_bytes(settings_input("other_keys.json"))

    output = uninstall(target, hooks_dir)

    golden("nothing/stale_record.out", output)
    assert list(target.project.joinpath(".claude").iterdir()) == [target.settings_path]


def test_uninstall_keeps_a_state_dir_that_holds_tddgate_state(
    target: Target, hooks_dir: Path
) -> None:
    install(target, PYTHON, hooks_dir)
    (target.project / ".claude/tddgate/report.json").write_text("{}")

    uninstall(target, hooks_dir)

    state = target.project / ".claude/tddgate"
    assert sorted(p.name for p in state.iterdir()) == [".gitignore", "report.json"]


def test_install_keeps_an_existing_state_gitignore(target: Target, hooks_dir: Path) -> None:
    state = target.project / ".claude/tddgate"
    state.mkdir(parents=True)
    (state / ".gitignore").write_text("report.json\n")

    install(target, PYTHON, hooks_dir)
    uninstall(target, hooks_dir)

    assert (state / ".gitignore").read_text() == "report.json\n"


def test_failed_manifest_write_puts_the_settings_back(
    target: Target, hooks_dir: Path, settings_input: Input, monkeypatch: pytest.MonkeyPatch
) -> None:
    target.settings_path.parent.mkdir()
    target.settings_path.write_bytes(settings_input("other_keys.json"))

    def fail(*args: object) -> None:
        raise InstallError("disk full")

    monkeypatch.setattr(manifest, "save", fail)

    with pytest.raises(InstallError, match=r"^disk full$"):
        install(target, PYTHON, hooks_dir)
    assert target.settings_path.read_bytes() == settings_input("other_keys.json")


def test_failed_manifest_write_removes_a_settings_file_it_created(
    target: Target, hooks_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise InstallError("disk full")

    monkeypatch.setattr(manifest, "save", fail)

    with pytest.raises(InstallError, match=r"^disk full$"):
        install(target, PYTHON, hooks_dir)
    assert not target.settings_path.exists()


def test_blocked_claude_dir_is_refused_with_nothing_changed(
    target: Target, hooks_dir: Path
) -> None:
    # A file where the .claude dir should be: fails for root too, unlike chmod.
    (target.project / ".claude").write_text("not a dir")

    with pytest.raises(InstallError) as caught:
        install(target, PYTHON, hooks_dir)

    assert str(caught.value) == (
        f"cannot read {target.manifest_path}: Not a directory. Make it readable, "
        "then run `tddgate install` again."
    )
    assert (target.project / ".claude").read_text() == "not a dir"
