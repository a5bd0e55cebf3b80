"""Guarded paths: tddgate's state, report, hook settings and config are a human's to change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tddgate.runner import evaluate
from testing import payloads
from testing.hooks import run_hook
from testing.project import make_calc_project

HUMAN = "a human must make this change (outside the agent), then tell the agent it is done."
SETTINGS = {"model": "opus", "hooks": {"Stop": [{"hooks": [{"type": "command", "command": "x"}]}]}}


def _pre(project: Path, rel_or_abs: str, **tool_input: Any) -> str:
    data = payloads.load("capture-PreToolUse-Edit", project)
    path = rel_or_abs if rel_or_abs.startswith("/") else str(project / rel_or_abs)
    data["tool_name"] = "Edit" if "old_string" in tool_input else "Write"
    data["tool_input"] = {"file_path": path, **tool_input}
    out, notices = evaluate(json.dumps(data).encode(), "PreToolUse")
    assert notices == []
    return out


def _blocked(out: str) -> str:
    reason: str = json.loads(out)["hookSpecificOutput"]["permissionDecisionReason"]
    return reason


@pytest.fixture
def calc(project: Path) -> Path:
    make_calc_project(project)
    (project / ".claude/settings.json").write_text(json.dumps(SETTINGS, indent=2) + "\n")
    return project


@pytest.mark.parametrize(
    "rel", [".claude/tddgate/report.json", ".claude/tddgate/baseline.json", ".claude/tddgate"]
)
def test_state_dir_and_report(calc: Path, rel: str) -> None:
    assert _blocked(_pre(calc, rel, content="{}")) == (
        f"tddgate: {rel} (tddgate's state) is guarded: {HUMAN}"
    )


def test_settings_hooks_are_guarded_other_keys_are_not(calc: Path) -> None:
    text = (calc / ".claude/settings.json").read_text()
    no_hooks = json.dumps({"model": "opus"}, indent=2)
    assert _blocked(_pre(calc, ".claude/settings.json", content=no_hooks)) == (
        f'tddgate: the "hooks" section of .claude/settings.json is guarded: {HUMAN}'
    )
    other = _pre(calc, ".claude/settings.json", old_string='"opus"', new_string='"sonnet"')
    assert other == ""
    assert text == (calc / ".claude/settings.json").read_text()
    assert _blocked(_pre(calc, ".claude/settings.local.json", content=json.dumps(SETTINGS)))


def test_user_settings_hooks_are_guarded(calc: Path, home: Path) -> None:
    user = home / ".claude/settings.json"
    user.parent.mkdir()
    user.write_text(json.dumps(SETTINGS))
    assert _blocked(_pre(calc, str(user), content="{}")) == (
        f'tddgate: the "hooks" section of ~/.claude/settings.json is guarded: {HUMAN}'
    )


def test_config_table_is_guarded_the_rest_of_pyproject_is_not(calc: Path) -> None:
    text = (calc / "pyproject.toml").read_text()
    changed = text.replace("[tool.tddgate]\n", '[tool.tddgate]\ndisable = ["test_first"]\n')
    assert _blocked(_pre(calc, "pyproject.toml", content=changed)) == (
        "tddgate: the [tool.tddgate] table of pyproject.toml (tddgate's config) is guarded: "
        + HUMAN
    )
    assert _pre(calc, "pyproject.toml", content=text + '\n[project]\nname = "calc"\n') == ""
    assert _blocked(_pre(calc, ".tddgate.toml", content="tdd = 'off'\n")) == (
        f"tddgate: .tddgate.toml (tddgate's config) is guarded: {HUMAN}"
    )


def test_configured_report_file_is_guarded(calc: Path) -> None:
    (calc / "pyproject.toml").write_text(
        (calc / "pyproject.toml").read_text() + 'report_file = "build/report.json"\n'
    )
    assert _blocked(_pre(calc, "build/report.json", content="{}")) == (
        f"tddgate: build/report.json (the test report tddgate judges) is guarded: {HUMAN}"
    )


def test_moving_the_report_or_disabling_the_plugin_leaves_the_verdict_red(
    calc: Path, home: Path
) -> None:
    from testing.project import run_pytest

    assert run_pytest(calc, home).returncode == 0
    run_hook("PostToolUse", _post_write(calc, "src/calc.py"), calc, home)
    assert run_pytest(calc, home, "-p", "no:tddgate").returncode == 0
    stop = run_hook("Stop", payloads.load("capture-Stop", calc), calc, home)
    assert stop.json["decision"] == "block"
    assert "older than the last edit" in stop.json["reason"]
    (calc / ".claude/tddgate/report.json").rename(calc / "moved.json")
    stop = run_hook("Stop", payloads.load("capture-Stop", calc), calc, home)
    assert stop.json["reason"].startswith("tddgate: you cannot stop yet. no test report yet")


def _post_write(project: Path, rel: str) -> dict[str, Any]:
    data = payloads.load("capture-PostToolUse-Write", project)
    data["tool_input"]["file_path"] = str(project / rel)
    return data
