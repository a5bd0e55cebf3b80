"""`tddgate install` / `tddgate uninstall` through click, as a user runs them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tddgate.cli import cli
from tddgate.cli.install import install_command, uninstall_command
from tddgate.errors import InstallError
from tddgate.install import entries

NEXT = "Next: run the whole test suite once with `pytest`, so tddgate has a fresh report.\n"


def installed(scope_file: str, scope: str, manifest: str, flag: str = "") -> str:
    return (
        f"Installed tddgate's 9 hooks in {scope_file} ({scope} scope), run by {sys.executable}.\n"
        f"Recorded the install in {manifest}; `tddgate uninstall{flag}` takes out exactly "
        f"these hooks.\n{NEXT}"
    )


def test_install_uses_this_python_and_the_installed_hooks_package(project: Path) -> None:
    result = CliRunner().invoke(install_command, ["--project", str(project)])

    assert result.exit_code == 0, result.output
    assert result.stdout == installed(
        ".claude/settings.json", "project", ".claude/tddgate/install.json"
    )
    stop = json.loads((project / ".claude/settings.json").read_text())["hooks"]["Stop"]
    hooks_dir = entries.locate_hooks_dir().as_posix()
    assert stop[0]["hooks"][0]["command"] == f'"{sys.executable}" "{hooks_dir}/stop.py"'


def test_install_defaults_to_the_current_directory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)

    result = CliRunner().invoke(install_command, ["--scope", "local"])

    assert result.exit_code == 0, result.output
    assert result.stdout == installed(
        ".claude/settings.local.json", "local", ".claude/tddgate/install.json", " --scope local"
    )
    assert (project / ".claude/settings.local.json").is_file()


def test_user_scope_writes_under_home(project: Path, home: Path) -> None:
    result = CliRunner().invoke(install_command, ["--scope", "user", "--project", str(project)])

    assert result.exit_code == 0, result.output
    assert result.stdout == installed(
        "~/.claude/settings.json", "user", "~/.claude/tddgate-install.json", " --scope user"
    )
    assert sorted(p.name for p in (home / ".claude").iterdir()) == [
        "settings.json",
        "tddgate-install.json",
    ]
    assert list(project.iterdir()) == []


def test_dry_run_prints_a_diff_and_writes_nothing(project: Path) -> None:
    result = CliRunner().invoke(install_command, ["--project", str(project), "--dry-run"])

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:3] == ["--- /dev/null", "+++ b/.claude/settings.json", "@@ -0,0 +1,106 @@"]
    assert lines[-1] == (
        "Dry run: nothing was written. Run the same command without --dry-run to apply it."
    )
    assert list(project.iterdir()) == []


def test_a_refusal_goes_to_stderr_with_exit_1(project: Path) -> None:
    settings = project / ".claude/settings.json"
    settings.parent.mkdir()
    settings.write_text('{"model": "opus",}\n')

    result = CliRunner().invoke(install_command, ["--project", str(project)])

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "tddgate: .claude/settings.json has a trailing comma on line 1. Make it plain JSON, "
        "then run `tddgate install` again. The file was not changed.\n"
    )
    assert settings.read_text() == '{"model": "opus",}\n'


def test_uninstall_restores_the_file_byte_for_byte(project: Path) -> None:
    settings = project / ".claude/settings.json"
    settings.parent.mkdir()
    settings.write_bytes(b'{"model": "opus"}')
    CliRunner().invoke(install_command, ["--project", str(project)])

    result = CliRunner().invoke(uninstall_command, ["--project", str(project)])

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Restored .claude/settings.json to its exact content from before `tddgate install` "
        "(project scope).\n"
    )
    assert settings.read_bytes() == b'{"model": "opus"}'


def test_uninstall_with_nothing_installed_says_so_and_succeeds(project: Path) -> None:
    result = CliRunner().invoke(uninstall_command, ["--project", str(project), "--dry-run"])

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Nothing to uninstall: .claude/settings.json does not exist (project scope).\n"
    )


def test_without_the_hooks_package_install_fails_and_uninstall_still_works(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    CliRunner().invoke(install_command, ["--project", str(project)])

    def missing() -> Path:
        raise InstallError("no hooks package")

    monkeypatch.setattr(entries, "locate_hooks_dir", missing)
    refused = CliRunner().invoke(install_command, ["--project", str(project)])
    removed = CliRunner().invoke(uninstall_command, ["--project", str(project)])

    assert (refused.exit_code, refused.stderr) == (1, "tddgate: no hooks package\n")
    assert removed.exit_code == 0, removed.output
    assert not (project / ".claude/settings.json").exists()


def test_a_missing_project_dir_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(install_command, ["--project", str(tmp_path / "nope")])

    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: install [OPTIONS]\nTry 'install --help' for help.\n\n"
        f"Error: Invalid value for '--project': Directory '{tmp_path / 'nope'}' does not exist.\n"
    )


def test_the_tddgate_command_group_runs_install_and_uninstall(project: Path) -> None:
    runner = CliRunner()

    first = runner.invoke(cli, ["install", "--project", str(project)])
    second = runner.invoke(cli, ["uninstall", "--project", str(project)])

    assert (first.exit_code, second.exit_code) == (0, 0), first.output + second.output
    assert second.stdout == (
        "Removed .claude/settings.json, which `tddgate install` had created (project scope).\n"
    )
