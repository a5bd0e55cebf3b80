"""Check 8: which Claude Code answers `claude --version`, when one is on PATH.

Informational: Claude Code may be installed where PATH does not reach (an IDE, a desktop
app), so its absence is no fault; a `claude` that cannot say its version is one.
"""

from __future__ import annotations

import shutil
import subprocess

from tddgate.doctor.base import CheckResult, Context, failed, passed

TIMEOUT_S = 3.0
FIX = "reinstall Claude Code (npm install -g @anthropic-ai/claude-code), or take it off PATH"


def check_claude(ctx: Context) -> CheckResult:
    """✓ with the version, or a note when there is no `claude` to ask."""
    claude = shutil.which("claude")
    if claude is None:
        return passed("claude not on PATH (fine if you use another install)")
    try:
        done = subprocess.run(
            [claude, "--version"],
            cwd=ctx.root,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return failed(f"{claude} --version did not answer within {TIMEOUT_S:g} s", FIX)
    except OSError as error:
        return failed(f"cannot run {claude} ({error.strerror})", FIX)
    version = done.stdout.strip().splitlines()[:1]
    if done.returncode != 0 or not version:
        why = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        return failed(f"{claude} --version failed ({why})", FIX)
    return passed(f"claude {version[0]} at {claude}")
