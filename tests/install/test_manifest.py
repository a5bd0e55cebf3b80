"""The install manifest: load, save, and refusing a broken one."""

from __future__ import annotations

from pathlib import Path

import pytest

from tddgate.errors import InstallError
from tddgate.install import manifest
from tddgate.install.manifest import InstallRecord, Manifest


def record(original: str = "absent") -> InstallRecord:
    return InstallRecord(
        tddgate_version="0.1.0",
        scope="local",
        interpreter="/py",
        hooks_dir="/h",
        settings_path="/p/.claude/settings.local.json",
        entries={},
        commands=[],
        sha256_before=None,
        sha256_after="0" * 64,
        original=original,
        existed_before={},
    )


def test_a_missing_manifest_is_empty(tmp_path: Path) -> None:
    assert manifest.load(tmp_path / "install.json", "uninstall") == Manifest()


def test_save_then_load_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "install.json"
    book = Manifest(installs={"local": record()})

    manifest.save(path, book, "install")

    assert manifest.load(path, "install") == book


def test_saving_an_empty_manifest_deletes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "install.json"
    manifest.save(path, Manifest(installs={"local": record()}), "install")

    manifest.save(path, Manifest(), "uninstall")

    assert not path.exists()


@pytest.mark.parametrize("text", ["{", "[]", '{"manifest_version": 2}', '{"installs": {"x": {}}}'])
def test_a_broken_manifest_is_refused_with_the_way_out(tmp_path: Path, text: str) -> None:
    path = tmp_path / "install.json"
    path.write_text(text)

    with pytest.raises(InstallError) as caught:
        manifest.load(path, "uninstall")

    assert str(caught.value) == (
        f"{path} is not a valid tddgate install manifest. Delete it, then run "
        "`tddgate uninstall` again; tddgate then finds its hooks by their script paths."
    )


def test_original_bytes_round_trip_through_base64() -> None:
    data = b'{\r\n  "x": "\xc3\xa9"}'

    kept = record(manifest.encode_original(data))

    assert kept.original_bytes() == data
    assert kept.restorable


def test_absent_and_unknown_originals() -> None:
    assert record("absent").original_bytes() is None
    assert record("absent").restorable
    assert not record("unknown").restorable


def test_path_for_each_scope(tmp_path: Path) -> None:
    project, home = tmp_path / "p", tmp_path / "h"

    assert manifest.path_for("project", project, home) == project / ".claude/tddgate/install.json"
    assert manifest.path_for("local", project, home) == project / ".claude/tddgate/install.json"
    assert manifest.path_for("user", project, home) == home / ".claude/tddgate-install.json"
