"""Check 4: pytest under the hooks' interpreter loads tddgate's plugin."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tddgate.doctor import CheckResult, Context
from tddgate.doctor import plugin as doctor_plugin
from tddgate.doctor.plugin import check_plugin
from tddgate.install import Target

SLEEP = shutil.which("sleep") or "/bin/sleep"


@pytest.fixture(autouse=True)
def autoload(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)


def fake_python(tmp_path: Path, body: str) -> str:
    """A program that answers the probe the way a real interpreter might."""
    path = tmp_path / "fake" / "python"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return str(path)


def test_this_interpreter_has_the_plugin(ctx: Context) -> None:
    assert check_plugin(ctx) == CheckResult(
        True, f"pytest plugin loadable under {sys.executable} (tddgate.report.plugin)"
    )


def test_the_recorded_interpreter_is_asked(
    ctx: Context, installed: Callable[..., Target], venv_python: Path
) -> None:
    installed()
    venv_python.write_text('#!/bin/sh\necho \'{"plugins": ["site.plugin"], "error": ""}\'\n')

    assert check_plugin(ctx) == CheckResult(
        True, f"pytest plugin loadable under {venv_python} (site.plugin)"
    )


def test_disabled_autoload_skips_the_plugin(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")

    assert check_plugin(ctx) == CheckResult(
        False,
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD is set, so pytest does not load tddgate's plugin — "
        "unset it, or add `-p tddgate.report.plugin` to pytest's addopts",
    )


def test_an_interpreter_without_the_entry_point(ctx: Context, tmp_path: Path) -> None:
    python = fake_python(tmp_path, 'echo \'{"plugins": [], "error": ""}\'')

    assert check_plugin(ctx._replace(python=python)) == CheckResult(
        False,
        f"pytest under {python} has no tddgate plugin (no pytest11 entry point) — "
        f"install tddgate there: {python} -m pip install tddgate",
    )


def test_a_plugin_that_fails_to_import(ctx: Context, tmp_path: Path) -> None:
    answer = '{"plugins": ["tddgate.report.plugin"], "error": "ImportError: no pytest_jsonreport"}'
    python = fake_python(tmp_path, f"echo '{answer}'")

    assert check_plugin(ctx._replace(python=python)) == CheckResult(
        False,
        f"tddgate's pytest plugin does not load under {python} "
        "(ImportError: no pytest_jsonreport) — "
        f"reinstall: {python} -m pip install --force-reinstall tddgate",
    )


def test_an_interpreter_that_crashes(ctx: Context, tmp_path: Path) -> None:
    python = fake_python(tmp_path, "echo 'Traceback:' >&2; echo 'SyntaxError: nope' >&2; exit 1")

    assert check_plugin(ctx._replace(python=python)) == CheckResult(
        False,
        f"{python} could not list its pytest plugins (SyntaxError: nope) — "
        f"check that it starts: {python} -m pytest --version",
    )


def test_an_interpreter_that_says_nothing(ctx: Context, tmp_path: Path) -> None:
    python = fake_python(tmp_path, "exit 0")

    assert check_plugin(ctx._replace(python=python)) == CheckResult(
        False,
        f"{python} could not list its pytest plugins (exit code 0) — "
        f"check that it starts: {python} -m pytest --version",
    )


def test_an_interpreter_that_hangs(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(doctor_plugin, "TIMEOUT_S", 0.2)
    python = fake_python(tmp_path, f"exec {SLEEP} 10")

    assert check_plugin(ctx._replace(python=python)) == CheckResult(
        False,
        f"{python} did not list its pytest plugins within 0.2 s — "
        f"check that it starts: {python} -m pytest --version",
    )


def test_an_interpreter_that_cannot_run(ctx: Context, tmp_path: Path) -> None:
    python = str(tmp_path / "gone" / "python")

    assert check_plugin(ctx._replace(python=python)) == CheckResult(
        False,
        f"cannot run {python} (No such file or directory) — "
        f"check that it starts: {python} -m pytest --version",
    )
