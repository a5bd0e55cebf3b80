"""Red -> green -> refactor through the real entrypoints, with real pytest runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from testing import payloads
from testing.hooks import HookResult, run_hook
from testing.project import CALC, make_calc_project, run_pytest

SUB = CALC + "\n\ndef sub(a, b):\n    return a - b\n"
TEST_SUB = "\n\ndef test_sub():\n    from calc import sub\n\n    assert sub(3, 1) == 2\n"


def _edit(project: Path, home: Path, event: str, tool: str, rel: str, **inp: Any) -> HookResult:
    data = payloads.load(f"capture-{event}-{'Edit' if tool == 'Edit' else 'Write'}", project)
    data["tool_name"] = tool
    data["tool_input"] = {"file_path": str(project / rel), **inp}
    if event == "PostToolUse":
        data["tool_response"] = {"filePath": str(project / rel)}
    return run_hook(event, data, project, home)


def _write(project: Path, home: Path, rel: str, content: str, apply: bool = True) -> HookResult:
    """PreToolUse; if allowed and `apply`, write the file and send PostToolUse, as the CLI does."""
    result = _edit(project, home, "PreToolUse", "Write", rel, content=content)
    if result.stdout == "" and apply:
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(content)
        assert _edit(project, home, "PostToolUse", "Write", rel, content=content).stdout == ""
    return result


def _reason(result: HookResult) -> str:
    reason: str = result.json["hookSpecificOutput"]["permissionDecisionReason"]
    return reason


def _stop(project: Path, home: Path) -> HookResult:
    return run_hook("Stop", payloads.load("capture-Stop", project), project, home)


def test_red_green_refactor(project: Path, home: Path) -> None:
    make_calc_project(project)
    assert run_pytest(project, home).returncode == 0

    # New behaviour while green: blocked.
    assert _reason(_write(project, home, "src/calc.py", SUB)) == (
        "tddgate: the suite is green; `sub()` is new behaviour in src/calc.py: add a failing "
        "test that calls it, run `python -m pytest` (it must fail), then implement."
    )
    # The failing test: allowed, and the run is red.
    test = (project / "tests/test_calc.py").read_text() + TEST_SUB
    assert _write(project, home, "tests/test_calc.py", test) == (0, "", "")
    assert run_pytest(project, home).returncode == 1
    # The green step: implementation allowed while a failing run is on record.
    assert _write(project, home, "src/calc.py", SUB) == (0, "", "")
    stop = _stop(project, home)
    assert stop.json["decision"] == "block"
    assert run_pytest(project, home).returncode == 0
    assert _stop(project, home) == (0, "", "")
    # Refactor while green: no new public name, allowed.
    refactor = SUB.replace("return a - b", "return a + -b")
    assert _write(project, home, "src/calc.py", refactor) == (0, "", "")
    assert run_pytest(project, home).returncode == 0
    # A new public method while green: blocked again.
    with_class = refactor + "\n\nclass Calc:\n    def mul(self, a, b):\n        return a * b\n"
    assert _reason(_write(project, home, "src/calc.py", with_class)) == (
        "tddgate: the suite is green; `class Calc`, `Calc.mul()` are new behaviour in "
        "src/calc.py: add a failing test that calls it, run `python -m pytest` (it must fail), "
        "then implement."
    )
    # A private helper while green is no new behaviour.
    private = refactor + "\n\ndef _helper():\n    return 1\n"
    assert _write(project, home, "src/calc.py", private, apply=False) == (0, "", "")


def test_a_test_edit_after_the_red_run_needs_a_new_run(project: Path, home: Path) -> None:
    make_calc_project(project)
    test = (project / "tests/test_calc.py").read_text() + TEST_SUB
    _write(project, home, "tests/test_calc.py", test)
    assert run_pytest(project, home).returncode == 1
    # Another test edit after the red run: the red run no longer vouches for the new code.
    _write(project, home, "tests/test_calc.py", test + "\n# more\n")
    assert _reason(_write(project, home, "src/calc.py", SUB)) == (
        "tddgate: `sub()` is new behaviour in src/calc.py, and no failing test run is on record "
        "since your last test edit: add a failing test that calls it, run `python -m pytest` "
        "(it must fail), then implement."
    )


def test_source_without_a_test_is_blocked(project: Path, home: Path) -> None:
    make_calc_project(project)
    assert _reason(_write(project, home, "src/pkg/money.py", "X = 1\n")) == (
        "tddgate: src/pkg/money.py has no test. Write a failing test first, e.g. "
        "tests/test_money.py, then change src/pkg/money.py."
    )
    assert _write(project, home, "src/pkg/__init__.py", "") == (0, "", "")
    assert _write(project, home, "docs/notes.md", "# notes\n") == (0, "", "")


def test_modes(project: Path, home: Path) -> None:
    make_calc_project(project)
    (project / ".tddgate.toml").write_text(
        'tdd = "tests-exist"\n[tdd_overrides]\n"src/legacy/**" = "off"\n'
    )
    assert run_pytest(project, home).returncode == 0
    assert _write(project, home, "src/calc.py", SUB, apply=False) == (0, "", "")
    assert _write(project, home, "src/legacy/old.py", "def f():\n    pass\n") == (0, "", "")
    assert _reason(_write(project, home, "src/new.py", "X = 1\n")).startswith(
        "tddgate: src/new.py has no test."
    )


def test_syntax_errors_and_malformed_edits_never_crash(project: Path, home: Path) -> None:
    make_calc_project(project)
    assert run_pytest(project, home).returncode == 0
    assert _write(project, home, "src/calc.py", "def broken(:\n", apply=False) == (0, "", "")
    missing = _edit(
        project,
        home,
        "PreToolUse",
        "Edit",
        "src/calc.py",
        old_string="not there",
        new_string="def x(): pass",
    )
    assert missing == (0, "", "")
    (project / "src/blob.py").write_bytes(b"\x00\xff" * 10)
    binary = _edit(
        project, home, "PreToolUse", "Edit", "src/blob.py", old_string="a", new_string="b"
    )
    assert binary.code == 0
    assert binary.stderr == ""
    notebook = payloads.load("capture-PreToolUse-Write", project)
    notebook["tool_name"] = "NotebookEdit"
    notebook["tool_input"] = {"notebook_path": str(project / "src/nb.ipynb"), "new_source": "x"}
    assert run_hook("PreToolUse", notebook, project, home) == (0, "", "")


def test_a_collection_error_is_a_red_step(project: Path, home: Path) -> None:
    """`from calc import add, sub` at the top of the test fails at collection: still red."""
    make_calc_project(project)
    assert run_pytest(project, home).returncode == 0
    test = "from calc import add, sub\n\n\ndef test_sub():\n    assert sub(3, 1) == 2\n"
    assert _write(project, home, "tests/test_calc.py", test) == (0, "", "")
    assert run_pytest(project, home).returncode == 2
    assert _write(project, home, "src/calc.py", SUB) == (0, "", "")


def test_non_python_sources_need_a_test_by_name_but_no_red_step(project: Path, home: Path) -> None:
    make_calc_project(project)
    (project / ".tddgate.toml").write_text('[test_name_patterns]\n"*.ts" = ["{name}.test.ts"]\n')
    assert run_pytest(project, home).returncode == 0
    code = "export function sub(a: number, b: number) { return a - b }\n"
    assert _reason(_write(project, home, "web/app.ts", code, apply=False)) == (
        "tddgate: web/app.ts has no test. Write a failing test first, e.g. web/app.test.ts, "
        "then change web/app.ts."
    )
    (project / "web").mkdir()
    (project / "web/app.test.ts").write_text("test('sub', () => {})\n")
    assert _write(project, home, "web/app.ts", code, apply=False) == (0, "", "")
