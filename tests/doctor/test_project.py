"""Checks 3 and 5: the config in force, and a writable state dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tddgate.doctor import CheckResult, Context
from tddgate.doctor import project as doctor_project
from tddgate.doctor.project import check_config, check_state_dir
from tddgate.errors import StateError


def test_no_config_means_the_defaults(ctx: Context) -> None:
    assert check_config(ctx) == CheckResult(True, "config: none found, using the defaults")


def test_the_config_in_force_is_named(ctx: Context, project: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.tddgate]\nmax_in_progress = 2\n")

    assert check_config(ctx) == CheckResult(True, "config valid: pyproject.toml [tool.tddgate]")


def test_an_invalid_config_shows_the_config_error(ctx: Context, project: Path) -> None:
    (project / ".tddgate.toml").write_text("colour = 'red'\n")

    assert check_config(ctx) == CheckResult(
        False,
        "config error in .tddgate.toml: colour: unknown key; "
        "see the configuration reference in tddgate's README",
    )


def test_the_state_dir_is_created_and_left_clean(ctx: Context, project: Path) -> None:
    result = check_state_dir(ctx)

    state = project / ".claude" / "tddgate"
    assert result == CheckResult(True, "state dir .claude/tddgate is writable")
    assert sorted(p.name for p in state.iterdir()) == [".gitignore"]


def test_a_file_where_the_state_dir_belongs(ctx: Context, project: Path) -> None:
    state = project / ".claude" / "tddgate"
    state.parent.mkdir()
    state.write_text("")

    assert check_state_dir(ctx) == CheckResult(
        False,
        ".claude/tddgate is a file, but tddgate keeps its state in a directory there — "
        f"move the file aside: mv {state} {state}.bak",
    )


def test_a_state_dir_that_cannot_be_created(ctx: Context, project: Path) -> None:
    (project / ".claude").write_text("")

    assert check_state_dir(ctx) == CheckResult(
        False,
        "cannot create the state dir .claude/tddgate (Not a directory) — "
        f"make {project / '.claude'} a writable directory",
    )


def test_a_state_dir_that_refuses_writes(
    ctx: Context, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, which chmod cannot stop; refuse the probe write instead.
    def refuse(probe: os.PathLike[str]) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(doctor_project, "write_probe", refuse)

    assert check_state_dir(ctx) == CheckResult(
        False,
        "state dir .claude/tddgate is not writable (Permission denied) — "
        f"make it writable: chmod -R u+w {project / '.claude' / 'tddgate'}",
    )


def test_a_gitignore_that_cannot_be_written(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path) -> None:
        raise StateError(
            f"cannot write {path}/.gitignore: No space left on device; check its permissions"
        )

    monkeypatch.setattr(doctor_project, "ensure_dir", refuse)

    assert check_state_dir(ctx) == CheckResult(
        False,
        f"cannot write {ctx.root}/.claude/tddgate/.gitignore: No space left on device; "
        "check its permissions",
    )
