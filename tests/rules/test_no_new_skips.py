"""No new skips: each skip form, introduced by Write, Edit and MultiEdit, is blocked by line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tddgate.runner import evaluate
from testing import payloads
from testing.hooks import run_hook
from testing.project import make_calc_project

BASE = "import pytest\nimport unittest\n\n\ndef test_one():\n    assert True\n"
FORMS = {
    "mark.skip": ('@pytest.mark.skip(reason="later")', "decorator"),
    "mark.skipif": ('@pytest.mark.skipif(True, reason="ci")', "decorator"),
    "mark.xfail": ("@pytest.mark.xfail", "decorator"),
    "pytest.skip": ('pytest.skip("no key")', "body"),
    "pytest.xfail": ('pytest.xfail("flaky")', "body"),
    "importorskip": ('pytest.importorskip("numpy")', "body"),
    "unittest.skip": ('@unittest.skip("later")', "decorator"),
    "unittest.skipIf": ('@unittest.skipIf(True, "x")', "decorator"),
    "pytestmark": ("pytestmark = pytest.mark.skip", "module"),
}


def _with(form: str) -> tuple[str, str, int]:
    """(new content, the added line, its 1-based number) for a skip form."""
    code, where = FORMS[form]
    if where == "decorator":
        new = BASE + f"\n\n{code}\ndef test_two():\n    assert True\n"
        return new, code, 9
    if where == "body":
        new = BASE + f"\n\ndef test_two():\n    {code}\n"
        return new, code, 10
    return BASE + f"\n{code}\n", code, 8


def _pre(project: Path, tool: str, rel: str, tool_input: dict[str, Any]) -> str:
    data = payloads.load("capture-PreToolUse-Edit", project)
    data["tool_name"] = tool
    data["tool_input"] = {"file_path": str(project / rel), **tool_input}
    out, notices = evaluate(json.dumps(data).encode(), "PreToolUse")
    assert notices == []
    return out


def _reason(out: str) -> str:
    reason: str = json.loads(out)["hookSpecificOutput"]["permissionDecisionReason"]
    return reason


@pytest.fixture
def tests_project(project: Path) -> Path:
    make_calc_project(project)
    (project / "tests/test_x.py").write_text(BASE)
    return project


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("tool", ["Write", "Edit", "MultiEdit"])
def test_added_skip_is_blocked_naming_the_line(tests_project: Path, form: str, tool: str) -> None:
    new, line_text, number = _with(form)
    if tool == "Write":
        tool_input: dict[str, Any] = {"content": new}
    elif tool == "Edit":
        tool_input = {"old_string": BASE, "new_string": new}
    else:
        tool_input = {
            "edits": [
                {"old_string": "assert True\n", "new_string": "assert 1\n"},
                {
                    "old_string": BASE.replace("assert True", "assert 1"),
                    "new_string": new.replace("assert True", "assert 1", 1),
                },
            ]
        }
    out = _pre(tests_project, tool, "tests/test_x.py", tool_input)
    assert _reason(out) == (
        f"tddgate: this edit adds a skip to tests/test_x.py at line {number}: `{line_text}`. "
        "A skipped test is not a passing test: remove it and make the test pass, or delete the "
        "test if it is obsolete."
    )


def test_existing_skips_are_not_this_rules_business(tests_project: Path) -> None:
    new, _, _ = _with("mark.skip")
    (tests_project / "tests/test_x.py").write_text(new)
    edited = new.replace("assert True", "assert 1 == 1")
    assert _pre(tests_project, "Write", "tests/test_x.py", {"content": edited}) == ""


def test_conftest_hook_that_skips_is_blocked(tests_project: Path) -> None:
    hook = (
        "import pytest\n\n\ndef pytest_collection_modifyitems(items):\n    for item in items:\n"
        '        item.add_marker(pytest.mark.skip(reason="slow"))\n'
    )
    reason = _reason(_pre(tests_project, "Write", "tests/conftest.py", {"content": hook}))
    assert reason.startswith("tddgate: this edit adds a skip to tests/conftest.py at line ")


def test_through_the_real_entrypoint(tests_project: Path, home: Path) -> None:
    new, line_text, number = _with("mark.skip")
    data = payloads.load("capture-PreToolUse-Write", tests_project)
    data["tool_input"] = {"file_path": str(tests_project / "tests/test_x.py"), "content": new}
    result = run_hook("PreToolUse", data, tests_project, home)
    assert result.code == 0
    assert result.stderr == ""
    assert _reason(result.stdout).startswith(
        f"tddgate: this edit adds a skip to tests/test_x.py at line {number}: `{line_text}`."
    )
