"""The tdd modules run inside PreToolUse: importing them must stay stdlib-only and cheap."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

MODULES = [
    "tddgate.globs",
    "tddgate.tdd.classify",
    "tddgate.tdd.testmap",
    "tddgate.tdd.after_edit",
    "tddgate.tdd.public_names",
    "tddgate.tdd.skips",
]
HEAVY = [
    "ast",
    "pydantic",
    "click",
    "filelock",
    "dataclasses",
    "inspect",
    "asyncio",
    "subprocess",
    "msgspec",
    "tempfile",
]


def test_importing_the_tdd_modules_loads_nothing_heavy(tmp_path: Path) -> None:
    script = (
        "import sys, json\n"
        f"for name in {MODULES!r}:\n"
        "    __import__(name)\n"
        f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))\n"
    )
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(done.stdout) == []
