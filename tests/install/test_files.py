"""Exact reads, atomic writes that keep permissions, and diffs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tddgate.errors import InstallError
from tddgate.install import files


def test_write_atomic_keeps_the_mode_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{}")
    path.chmod(0o640)

    files.write_atomic(path, b'{"a": 1}\n', "install")

    assert path.read_bytes() == b'{"a": 1}\n'
    assert path.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["settings.json"]


def test_write_atomic_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "settings.json"
    real.parent.mkdir()
    real.write_text("{}")
    link = tmp_path / "settings.json"
    link.symlink_to(real)

    files.write_atomic(link, b"[]", "install")

    assert link.is_symlink()
    assert real.read_bytes() == b"[]"


def test_write_atomic_creates_parents_with_the_umask_mode(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b.json"
    umask = os.umask(0o022)
    try:
        files.write_atomic(path, b"x", "install")
    finally:
        os.umask(umask)

    assert path.read_bytes() == b"x"
    assert path.stat().st_mode & 0o777 == 0o644


def test_write_atomic_refuses_with_the_next_step(tmp_path: Path) -> None:
    (tmp_path / "blocker").write_text("")
    path = tmp_path / "blocker" / "settings.json"

    with pytest.raises(InstallError) as caught:
        files.write_atomic(path, b"{}", "uninstall")

    assert str(caught.value) == (
        f"cannot write {path}: {tmp_path / 'blocker'} is a file, not a directory. "
        "Move it aside, then run `tddgate uninstall` again. Nothing was changed."
    )


def test_write_atomic_reports_an_os_refusal_with_the_next_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores chmod, so simulate the read-only disk the way the OS reports it.
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    path = tmp_path / "settings.json"

    with pytest.raises(InstallError) as caught:
        files.write_atomic(path, b"{}", "install")

    assert str(caught.value) == (
        f"cannot write {path}: Permission denied. Make it writable (or pick another --scope), "
        "then run `tddgate install` again. Nothing was changed."
    )
    assert os.listdir(tmp_path) == []


def test_write_atomic_cleans_up_its_temp_file_when_replace_fails(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()

    with pytest.raises(InstallError):
        files.write_atomic(path, b"{}", "install")

    assert os.listdir(tmp_path) == ["settings.json"]


def test_read_bytes_of_a_missing_file_is_none(tmp_path: Path) -> None:
    assert files.read_bytes(tmp_path / "nope", "install") is None


def test_read_bytes_refuses_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InstallError) as caught:
        files.read_bytes(tmp_path, "install")

    assert str(caught.value) == (
        f"cannot read {tmp_path}: Is a directory. Make it readable, "
        "then run `tddgate install` again."
    )


def test_decode_refuses_non_utf8(tmp_path: Path) -> None:
    with pytest.raises(InstallError) as caught:
        files.decode(b'{"a": "\xe9"}', tmp_path / "s.json", "install")

    assert str(caught.value) == (
        f"{tmp_path / 's.json'} is not UTF-8 text. Save it as UTF-8 JSON, "
        "then run `tddgate install` again. The file was not changed."
    )


def test_remove_is_quiet_about_a_missing_file(tmp_path: Path) -> None:
    files.remove(tmp_path / "nope", "uninstall")

    assert os.listdir(tmp_path) == []


def test_sha256_of_absent_is_none() -> None:
    assert files.sha256(None) is None
    assert files.sha256(b"") == ("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")


def test_diff_marks_a_missing_final_newline() -> None:
    assert files.diff('{\n  "a": 1\n}', '{\n  "a": 2\n}', "s.json") == (
        "--- a/s.json\n"
        "+++ b/s.json\n"
        "@@ -1,3 +1,3 @@\n"
        " {\n"
        '-  "a": 1\n'
        '+  "a": 2\n'
        " }\n"
        "\\ No newline at end of file\n"
    )


def test_diff_of_a_deleted_file_goes_to_dev_null() -> None:
    assert files.diff("{}\n", None, "s.json") == (
        "--- a/s.json\n+++ /dev/null\n@@ -1 +0,0 @@\n-{}\n"
    )
