"""`tddgate status` through click, in temp projects with real pytest reports.

Reports here come from real pytest runs in a subprocess (tddgate's plugin through its
pytest11 entry point, as in a user's project). The status clock is set a few seconds after
the run, so report ages are exact.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tddgate.cli import cli
from tddgate.cli import status as status_cli
from tddgate.cli.status import command
from tddgate.invocation import tddgate_command
from tddgate.runner import evaluate
from testing import payloads
from testing.hooks import hook_env

SESSION = "8c15dcad-8f13-4e4e-a1da-eabe1cf31355"
PYPROJECT = (
    '[tool.pytest.ini_options]\ntestpaths = ["tests"]\npythonpath = ["src"]\n\n[tool.tddgate]\n'
)
CALC = "def add(a, b):\n    return a + b\n"
TESTS = (
    "import calc\n\n\ndef test_add():\n    assert calc.add(1, 2) == 3\n\n\n"
    "def test_sub():\n    assert calc.sub(3, 1) == 2\n"
)
NO_TODO = (
    "tddgate: no todo is in progress, so this edit of {rel} is blocked. Say what you are "
    "working on first: TaskCreate a task and TaskUpdate it to status in_progress, or TodoWrite "
    "a list with one item in_progress, or, without a todo tool, run "
    f'`{tddgate_command()} todo start "<what you are doing>"` (it records the item under '
    "IN PROGRESS in .claude/todos/current.md)."
)


def play(project: Path, name: str, **overrides: Any) -> None:
    data = payloads.load(name, project, **overrides)
    assert evaluate(json.dumps(data).encode()) == ("", [])


def start_task(project: Path) -> None:
    play(project, "capture-PostToolUse-TaskCreate")
    play(project, "capture-PostToolUse-TaskUpdate-in_progress")


def write_code(project: Path, tests: str = TESTS) -> None:
    files = {"pyproject.toml": PYPROJECT, "src/calc.py": CALC, "tests/test_calc.py": tests}
    for rel, text in files.items():
        (project / rel).parent.mkdir(exist_ok=True)
        (project / rel).write_text(text)


def run_pytest(project: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real full run in the project; status then judges it 5 s after it was written."""
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:randomly", "-q"],
        cwd=project, env=hook_env(project, home), capture_output=True, timeout=120, check=False,
    )
    report = project / ".claude/tddgate/report.json"
    assert report.exists(), proc.stdout.decode() + proc.stderr.decode()
    created = json.loads(report.read_bytes())["created"]
    monkeypatch.setattr(status_cli, "clock", lambda: created + 5)


def status(project: Path, *args: str, **kwargs: Any) -> str:
    result = CliRunner().invoke(command, ["--project", str(project), *args], **kwargs)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_project_without_state(project: Path) -> None:
    assert status(project) == (
        f"Project: {project}\n"
        "Session: none yet (no hook has recorded one in this project)\n"
        "Config: defaults (no .tddgate.toml or [tool.tddgate])\n"
        "\n"
        "Todos (in force: none, no source holds a todo):\n"
        "  task store: no session yet\n"
        "  TodoWrite list: no session yet\n"
        "  .claude/todos/current.md: no such file\n"
        "\n"
        "Tests: RED\n"
        f"  no test report yet: run python -m pytest in {project} "
        "(tddgate's plugin writes .claude/tddgate/report.json)\n"
        "\n"
        "Stop now: allowed (no file was edited in this session)\n"
        f"Edit of src/example.py now: blocked — {NO_TODO.format(rel='src/example.py')}\n"
    )


def test_a_task_in_progress_and_a_red_run(
    project: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_code(project)
    start_task(project)
    play(project, "capture-PostToolUse-Write")
    run_pytest(project, home, monkeypatch)

    red = (
        "tests are not green: 1 failed of 2 (report 5 s old).\n"
        "    tests/test_calc.py::test_sub: AttributeError: module 'calc' has no attribute 'sub'\n"
        "  Run the full suite: python -m pytest\n"
    )
    assert status(project) == (
        f"Project: {project}\n"
        f"Session: {SESSION} (the most recently active; choose one with --session)\n"
        "Config: pyproject.toml [tool.tddgate]\n"
        "\n"
        "Todos (in force: task store):\n"
        "  task store:\n"
        "    in progress: #1 Add subtraction\n"
        "  TodoWrite list: none\n"
        "  .claude/todos/current.md: no such file\n"
        "\n"
        "Tests: RED — 1 passed, 1 failed of 2, report 5 s old\n"
        f"  {red}"
        "\n"
        f"Stop now: blocked — {red}"
        "Edit of src/calc.py now: allowed\n"
    )


def test_a_markdown_todo_file_and_a_green_run(
    project: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_code(project, tests="import calc\n\n\ndef test_add():\n    assert calc.add(1, 2) == 3\n")
    todo = project / ".claude/todos/current.md"
    todo.parent.mkdir(parents=True)
    todo.write_text(
        "# Calc\n\n## IN PROGRESS\n- [ ] Add subtraction\n\n## PENDING\n- [ ] Add division\n"
        "- [ ] Add modulo\n\n## COMPLETED\n- [x] Add addition\n"
    )
    play(project, "capture-PostToolUse-Write")
    run_pytest(project, home, monkeypatch)

    assert status(project, "--session", SESSION) == (
        f"Project: {project}\n"
        f"Session: {SESSION}\n"
        "Config: pyproject.toml [tool.tddgate]\n"
        "\n"
        "Todos (in force: .claude/todos/current.md):\n"
        "  task store: no tasks\n"
        "  TodoWrite list: none\n"
        "  .claude/todos/current.md:\n"
        "    in progress: Add subtraction\n"
        "    pending: Add division\n"
        "    pending: Add modulo\n"
        "    completed: Add addition\n"
        "\n"
        "Tests: GREEN — 1 passed, full suite, report 5 s old\n"
        "\n"
        "Stop now: allowed (the tests are green)\n"
        "Edit of src/calc.py now: allowed\n"
    )


def test_a_todowrite_list_with_every_status(project: Path) -> None:
    todos = [
        {"content": "Ship", "status": "pending", "activeForm": "Shipping"},
        {"content": "Wait for review", "status": "blocked", "activeForm": "Waiting"},
        {"content": "Write tests", "status": "completed", "activeForm": "Writing tests"},
        {"content": "Fix the bug", "status": "in_progress", "activeForm": "Fixing the bug"},
    ]
    data = payloads.load("PostToolUse-TodoWrite", project, session_id=SESSION)
    data["tool_input"]["todos"] = todos
    assert evaluate(json.dumps(data).encode()) == ("", [])

    lines = status(project).splitlines()

    assert lines[4:11] == [
        "Todos (in force: TodoWrite list):",
        "  task store: no tasks",
        "  TodoWrite list:",
        "    in progress: Fix the bug",
        "    pending: Ship",
        "    blocked: Wait for review",
        "    completed: Write tests",
    ]


def test_json(project: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_code(project)
    start_task(project)
    play(project, "capture-PostToolUse-Write")
    run_pytest(project, home, monkeypatch)
    created = status_cli.clock() - 5
    reason = (
        "tests are not green: 1 failed of 2 (report 5 s old).\n"
        "  tests/test_calc.py::test_sub: AttributeError: module 'calc' has no attribute 'sub'\n"
        "Run the full suite: python -m pytest"
    )

    assert json.loads(status(project, "--json")) == {
        "project": str(project),
        "session": SESSION,
        "session_given": False,
        "config": {"source": "pyproject.toml [tool.tddgate]", "error": ""},
        "todos": {
            "in_force": "tasks",
            "sources": [
                {"source": "tasks", "label": "task store", "note": "", "items": [{
                    "id": "1", "content": "Add subtraction", "status": "in_progress",
                    "activeForm": "Adding subtraction",
                }]},
                {"source": "todowrite", "label": "TodoWrite list", "note": "none", "items": []},
                {"source": "markdown:.claude/todos/current.md",
                 "label": ".claude/todos/current.md", "note": "no such file", "items": []},
            ],
            "problems": [],
        },
        "verdict": {
            "green": False, "reason": reason, "passed": 1, "failed": 1, "errors": 0,
            "skipped": 0, "xfailed": 0, "xpassed": 0, "collection_errors": 0, "total": 2,
            "created": created, "full_suite": True, "node_ids": [], "age_seconds": 5.0,
        },
        "verdict_error": "",
        "stop": {"allowed": False, "reason": reason},
        "edit": {"path": "src/calc.py", "allowed": True, "reason": ""},
    }


def test_json_without_state(project: Path) -> None:
    data = json.loads(status(project, "--json"))

    assert (data["session"], data["todos"]["in_force"], data["stop"], data["edit"]) == (
        None, None,
        {"allowed": True, "reason": "no file was edited in this session"},
        {"path": "src/example.py", "allowed": False,
         "reason": NO_TODO.format(rel="src/example.py")},
    )
    assert data["verdict"]["reason"] == (
        f"no test report yet: run python -m pytest in {project} "
        "(tddgate's plugin writes .claude/tddgate/report.json)"
    )
    assert data["verdict"]["age_seconds"] is None


def test_a_bad_config(project: Path) -> None:
    (project / ".tddgate.toml").write_text("tdd = 'sometimes'\n")
    error = (
        "config error in .tddgate.toml: tdd: Input should be 'strict', 'tests-exist' or 'off'; "
        "see the configuration reference in tddgate's README"
    )

    result = CliRunner().invoke(command, ["--project", str(project)])
    assert (result.exit_code, result.stderr) == (1, f"tddgate: {error}\n")
    lines = result.stdout.splitlines()

    assert (lines[2], lines[-2:]) == (f"Config: invalid — {error}", [
        f"Stop now: allowed ({error} (the hooks let every call through until this is fixed))",
        f"Edit of src/example.py now: allowed ({error} (the hooks let every call through "
        "until this is fixed))",
    ])


def test_colour_only_for_a_terminal(project: Path) -> None:
    lines = status(project, color=True).splitlines()

    assert (lines[9], lines[-2], lines[-1][:44]) == (
        "Tests: \x1b[31mRED\x1b[0m",
        "Stop now: \x1b[32mallowed\x1b[0m (no file was edited in this session)",
        "Edit of src/example.py now: \x1b[31mblocked\x1b[0m",
    )


def test_the_project_defaults_to_claude_project_dir(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    result = CliRunner().invoke(cli, ["status"])

    assert (result.exit_code, result.stdout.splitlines()[0]) == (0, f"Project: {project}")
