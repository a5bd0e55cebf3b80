"""`.ci/install-claude`: reuses a good install, and fails loudly (exit 1, a message) otherwise.

npm is replaced by stubs on a PATH built for each test, so nothing here reaches the registry.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).parents[2] / ".ci" / "install-claude"
TOOLS = ("bash", "mkdir", "timeout", "awk", "uname")


def stub(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


def run_script(tmp_path: Path, npm: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run the script with a PATH of only the tools it needs, plus `npm` when given."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, f"{tool} is needed to test .ci/install-claude; install it"
        (bin_dir / tool).symlink_to(found)
    if npm is not None:
        stub(bin_dir / "npm", npm)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path), "TDDGATE_CLAUDE_DIR": str(tmp_path / "cc")}
    return subprocess.run(
        ["bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30, check=False
    )


def test_a_good_install_is_reused_without_npm(tmp_path: Path) -> None:
    binary = stub(tmp_path / "cc/node_modules/.bin/claude", 'echo "2.1.330 (Claude Code)"')

    done = run_script(tmp_path)

    assert (done.returncode, done.stdout, done.stderr) == (0, f"{binary}\n", "")


def test_no_npm_fails_with_what_to_do(tmp_path: Path) -> None:
    done = run_script(tmp_path)

    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "install-claude: npm is not on PATH; install Node.js 20+ with npm (e.g. apt-get install "
        "nodejs npm), then run .ci/install-claude again.\n"
    )


def test_a_failing_npm_fails_with_what_to_do(tmp_path: Path) -> None:
    done = run_script(tmp_path, npm="echo 'npm ERR! network' >&2; exit 1")

    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "npm ERR! network\n"
        "install-claude: npm install @anthropic-ai/claude-code@2.1.330 into "
        f"{tmp_path}/cc failed (see npm's output above); check that the npm registry is "
        "reachable, then run .ci/install-claude again.\n"
    )


def test_an_install_without_the_native_binary_fails(tmp_path: Path) -> None:
    done = run_script(tmp_path, npm="exit 0")

    assert (done.returncode, done.stdout) == (1, "")
    platform = f"{os.uname().sysname} {os.uname().machine}"
    assert done.stderr == (
        f"install-claude: {tmp_path}/cc/node_modules/.bin/claude is missing after npm install; "
        "the native optional dependency @anthropic-ai/claude-code-linux-x64 was not installed "
        f"(npm --omit=optional? unsupported platform {platform}?). Remove {tmp_path}/cc and run "
        ".ci/install-claude again.\n"
    )


def test_a_wrong_version_fails(tmp_path: Path) -> None:
    stub(tmp_path / "cc/node_modules/.bin/claude", 'echo "2.1.197 (Claude Code)"')

    done = run_script(tmp_path, npm="exit 0")

    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"install-claude: {tmp_path}/cc/node_modules/.bin/claude reports version '2.1.197', "
        f"expected 2.1.330; remove {tmp_path}/cc and run .ci/install-claude again.\n"
    )
