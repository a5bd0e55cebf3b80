"""Check 2: the interpreter recorded in the install manifest still exists."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from tddgate.doctor import CheckResult, Context
from tddgate.doctor.recorded import check_recorded_interpreter, recorded_python
from tddgate.install import Target

Install = Callable[..., Target]
PY = sys.executable


def test_without_a_manifest_there_is_nothing_to_check(ctx: Context) -> None:
    assert check_recorded_interpreter(ctx) == CheckResult(
        True, "no install record, so no recorded interpreter to check"
    )
    assert recorded_python(ctx) == PY


def test_each_recorded_scope_is_named(ctx: Context, installed: Install, venv_python: Path) -> None:
    installed("local")
    installed("user")

    assert check_recorded_interpreter(ctx) == CheckResult(
        True,
        f"interpreter recorded at install exists: {venv_python} (local scope), "
        f"{venv_python} (user scope)",
    )
    assert recorded_python(ctx) == str(venv_python)


def test_a_deleted_interpreter_names_the_reinstall(
    ctx: Context, installed: Install, venv_python: Path, project: Path
) -> None:
    installed()
    venv_python.unlink()

    assert check_recorded_interpreter(ctx) == CheckResult(
        False,
        f"interpreter {venv_python} (recorded at install) no longer exists — reinstall: "
        f"{PY} -m pip install tddgate && {PY} -m tddgate install --project {project}",
    )
    assert recorded_python(ctx) == PY


def test_a_broken_manifest_says_to_delete_it(ctx: Context, project: Path) -> None:
    manifest = project / ".claude" / "tddgate" / "install.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text("{not json")

    assert check_recorded_interpreter(ctx) == CheckResult(
        False,
        f"{manifest} is not a valid tddgate install manifest. Delete it, then run "
        "`tddgate install` again; tddgate then finds its hooks by their script paths.",
    )
