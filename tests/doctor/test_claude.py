"""Check 8: `claude --version`, when a `claude` is on PATH."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tddgate.doctor import CheckResult, Context
from tddgate.doctor import claude as doctor_claude
from tddgate.doctor.claude import check_claude

SLEEP = shutil.which("sleep") or "/bin/sleep"
FIX = "reinstall Claude Code (npm install -g @anthropic-ai/claude-code), or take it off PATH"


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The only folder on PATH, so the machine's own `claude` is never found."""
    path = tmp_path / "bin"
    path.mkdir()
    monkeypatch.setenv("PATH", str(path))
    return path


def fake_claude(bin_dir: Path, text: str) -> Path:
    path = bin_dir / "claude"
    path.write_text(text)
    path.chmod(0o755)
    return path


def test_no_claude_on_path_is_fine(ctx: Context, bin_dir: Path) -> None:
    assert check_claude(ctx) == CheckResult(
        True, "claude not on PATH (fine if you use another install)"
    )


def test_the_version_is_shown(ctx: Context, bin_dir: Path) -> None:
    claude = fake_claude(bin_dir, '#!/bin/sh\necho "2.1.330 (Claude Code)"\n')

    assert check_claude(ctx) == CheckResult(True, f"claude 2.1.330 (Claude Code) at {claude}")


def test_a_failing_claude(ctx: Context, bin_dir: Path) -> None:
    claude = fake_claude(bin_dir, "#!/bin/sh\necho 'error: config is corrupt' >&2\nexit 3\n")

    assert check_claude(ctx) == CheckResult(
        False, f"{claude} --version failed (error: config is corrupt) — {FIX}"
    )


def test_a_silent_claude(ctx: Context, bin_dir: Path) -> None:
    claude = fake_claude(bin_dir, "#!/bin/sh\n")

    assert check_claude(ctx) == CheckResult(
        False, f"{claude} --version failed (exit code 0) — {FIX}"
    )


def test_a_hanging_claude(ctx: Context, bin_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doctor_claude, "TIMEOUT_S", 0.2)
    claude = fake_claude(bin_dir, f"#!/bin/sh\nexec {SLEEP} 10\n")

    assert check_claude(ctx) == CheckResult(
        False, f"{claude} --version did not answer within 0.2 s — {FIX}"
    )


def test_a_claude_that_cannot_execute(ctx: Context, bin_dir: Path) -> None:
    claude = fake_claude(bin_dir, "not a program\n")

    assert check_claude(ctx) == CheckResult(
        False, f"cannot run {claude} (Exec format error) — {FIX}"
    )
