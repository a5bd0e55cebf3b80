"""What each hook process imports: only what its decision needs.

Why: a hook's budget is a few times the interpreter's own start (benchmarks/run.py measures
it), and most of a hook's time is imports. Beyond the libraries no hook may load at all
(pydantic, click, dataclasses, …), `typing` (2-3 ms; see tddgate.namedtuple) and the `ast`
module (the builtin `_ast` parses as well) stay out of every event's path. The config cache
must be warm, else the first call validates the config (cold path, allowed to be slow).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from testing import payloads
from testing.hooks import run_hook
from testing.project import CALC, make_calc_project, run_pytest

NEVER = {
    "typing", "ast", "pydantic", "click", "dataclasses", "inspect", "asyncio", "subprocess",
    "msgspec", "tomllib", "tempfile", "shutil", "datetime",
}  # fmt: skip
SESSION = "8c15dcad-8f13-4e4e-a1da-eabe1cf31355"


def _imported(stderr: str) -> set[str]:
    return {
        line.split("|")[2].strip()
        for line in stderr.splitlines()
        if line.startswith("import time:") and "self [us]" not in line
    }


def _write(project: Path, event: str, tool: str, rel: str, **inp: str) -> dict[str, Any]:
    data = payloads.load(f"capture-{event}-{tool}", project)
    data["tool_input"] = {"file_path": str(project / rel), **inp}
    return data


def _steps(project: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(name, event, payload) in session order; a name of "" is a pytest run, not a hook."""
    edit = _write(project, "PreToolUse", "Edit", "src/calc.py", old_string="a + b",
                  new_string="b + a")  # fmt: skip
    return [
        # The todo in progress is a TodoWrite item: a markdown file written a moment ago
        # would be parsed on every call (tddgate.todos.cache trusts no stat younger than
        # 2 s); tests/todos/test_cache.py shows an unchanged file is not parsed at all.
        ("PostToolUse TodoWrite", "PostToolUse", payloads.load("PostToolUse-TodoWrite", project,
                                                               session_id=SESSION)),
        ("PreToolUse Write docs", "PreToolUse",
         _write(project, "PreToolUse", "Write", "docs/n.md", content="# n\n")),
        ("PreToolUse Edit source", "PreToolUse", edit),
        ("PostToolUse Write source", "PostToolUse",
         _write(project, "PostToolUse", "Write", "src/calc.py", content=CALC)),
        ("", "", {}),  # a fresh run: Stop then judges a session that edited
        ("Stop", "Stop", payloads.load("capture-Stop", project)),
        ("TaskCompleted", "TaskCompleted", payloads.load("capture-TaskCompleted", project)),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def imports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, set[str]]]:
    """(stdout, imported modules) of each hook's second run (the first fills the caches)."""
    base = tmp_path_factory.mktemp("hot")
    project, home = base / "demo", base / "home"
    project.mkdir()
    home.mkdir()
    make_calc_project(project, todo=None)
    assert run_pytest(project, home).returncode == 0
    seen = {}
    for name, event, data in _steps(project):
        if not name:
            assert run_pytest(project, home).returncode == 0
            continue
        run_hook(event, data, project, home)
        result = run_hook(event, data, project, home, PYTHONPROFILEIMPORTTIME="1")
        seen[name] = (result.stdout, _imported(result.stderr))
    return seen


@pytest.mark.parametrize(
    "name",
    [
        "PreToolUse Write docs",
        "PreToolUse Edit source",
        "PostToolUse Write source",
        "PostToolUse TodoWrite",
        "Stop",
        "TaskCompleted",
    ],
)
def test_no_hook_imports_what_it_does_not_need(
    imports: dict[str, tuple[str, set[str]]], name: str
) -> None:
    stdout, modules = imports[name]
    assert stdout == ""  # each case is an allow: the whole decision ran
    assert "tddgate.runner" in modules
    if name in ("Stop", "TaskCompleted"):
        assert "tddgate.report.verdict" in modules  # the gate judged the report
    assert sorted(modules & NEVER) == []


def test_an_edit_outside_python_sources_loads_no_test_first_machinery(
    imports: dict[str, tuple[str, set[str]]],
) -> None:
    _, modules = imports["PreToolUse Write docs"]
    assert sorted(m for m in modules if m.startswith(("tddgate.tdd.", "_ast"))) == [
        "tddgate.tdd.classify"
    ]
