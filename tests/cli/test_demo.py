"""`tddgate demo` through click's runner: every gate answers as scripted, plain text, exit 0."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from tddgate.cli import cli


def test_demo_walks_every_gate(home: Path) -> None:
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    steps = re.findall(r"^\s*(\d+)\. (.+)\n\s+(.+?)\s+(✗ BLOCKED|✓ allowed)$", result.output, re.M)
    assert [(title, mark) for _, title, _, mark in steps] == [
        ("Edit before saying what it works on", "✗ BLOCKED"),
        ("Register the work", "✓ allowed"),
        ("Add sub() while the suite is green", "✗ BLOCKED"),
        ("Write the failing test first", "✓ allowed"),
        ("Run the tests: red, as it should be", "✓ allowed"),
        ("Try to stop with a red suite", "✗ BLOCKED"),
        ("Implement sub(): the green step", "✓ allowed"),
        ("Skip the test instead of fixing it", "✗ BLOCKED"),
        ("Try to stop before re-running the tests", "✗ BLOCKED"),
        ("Run the tests: green", "✓ allowed"),
        ("Mark the todo done (green, so allowed)", "✓ allowed"),
        ("Stop: fresh, full, 100 % green", "✓ allowed"),
    ]
    assert "(unexpected!)" not in result.output
    assert "\x1b[" not in result.output  # plain text when not a terminal
    assert "### 🏁 Completions\n- ✅ Add sub() — 2 passed, 0 skipped, full suite" in result.output
    assert re.search(
        r"demo finished in \d+\.\d s: every gate answered as expected\.", result.output
    )
