"""A small Python project in a temp dir, with pytest runs that write tddgate's real report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from testing.hooks import hook_env

PYPROJECT = """\
[tool.pytest.ini_options]
pythonpath = ["src"]
testpaths = ["tests"]

[tool.tddgate]
"""

CALC = "def add(a, b):\n    return a + b\n"
TEST_CALC = "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"


def make_calc_project(root: Path, todo: str | None = "Add subtraction") -> Path:
    """pyproject + src/calc.py + tests/test_calc.py, and a todo in progress unless None."""
    (root / "src").mkdir(parents=True, exist_ok=True)
    (root / "tests").mkdir(exist_ok=True)
    (root / "pyproject.toml").write_text(PYPROJECT)
    (root / "src/calc.py").write_text(CALC)
    (root / "tests/test_calc.py").write_text(TEST_CALC)
    if todo is not None:
        todos = root / ".claude/todos/current.md"
        todos.parent.mkdir(parents=True, exist_ok=True)
        todos.write_text(f"# TODOs\n\n## IN PROGRESS\n- [ ] {todo}\n")
    return root


def run_pytest(root: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The agent's `python -m pytest` in the project: tddgate's plugin writes the report."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            *args,
        ],
        cwd=root,
        env=hook_env(root, home),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
