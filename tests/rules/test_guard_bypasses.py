"""The guard, red-teamed: every other way to reach tddgate's own files, through the hooks."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tddgate import guarded_paths as places
from tddgate.bash.selfguard import PACKAGE_DIR
from tddgate.runner import evaluate
from testing import payloads
from testing.project import make_calc_project

HUMAN = "a human must make this change (outside the agent), then tell the agent it is done."


def _bash(project: Path, command: str) -> str:
    data = payloads.load("capture-PreToolUse-Bash", project)
    data["tool_input"] = {"command": command, "description": "x"}
    out, notices = evaluate(json.dumps(data).encode(), "PreToolUse")
    assert notices == []
    return out


def _write(project: Path, path: str, content: str) -> str:
    data = payloads.load("capture-PreToolUse-Edit", project)
    data["tool_name"] = "Write"
    data["tool_input"] = {"file_path": str(project / path), "content": content}
    out, notices = evaluate(json.dumps(data).encode(), "PreToolUse")
    assert notices == []
    return out


def _reason(out: str) -> str:
    reason: str = json.loads(out)["hookSpecificOutput"]["permissionDecisionReason"]
    return reason


def _guarded(what: str) -> str:
    return f"tddgate: {what} is guarded: {HUMAN}"


@pytest.fixture
def calc(project: Path) -> Path:
    """The calc project, a todo in progress, hook settings, a report in the state dir."""
    make_calc_project(project)
    (project / ".claude/settings.json").write_text('{"hooks": {}}\n')
    (project / ".claude/settings.local.json").write_text('{"hooks": {}}\n')
    (project / ".claude/tddgate").mkdir()
    (project / ".claude/tddgate/report.json").write_text("{}")
    return project


@pytest.mark.parametrize(
    ("command", "what"),
    [
        ("tddgate baseline accept", ".claude/tddgate/baseline.json (tddgate's state)"),
        ("python3 -m tddgate baseline accept", ".claude/tddgate/baseline.json (tddgate's state)"),
        ("tddgate uninstall", 'the "hooks" section of .claude/settings.json'),
        ("tddgate install --scope local", 'the "hooks" section of .claude/settings.local.json'),
    ],
)
def test_tddgate_commands_that_change_its_gates(calc: Path, command: str, what: str) -> None:
    assert _reason(_bash(calc, command)) == _guarded(what)


def test_a_test_run_that_writes_into_the_state(calc: Path) -> None:
    assert _reason(_bash(calc, "pytest --junitxml=.claude/tddgate/baseline.json")) == _guarded(
        ".claude/tddgate/baseline.json (tddgate's state)"
    )
    assert _bash(calc, "python -m pytest -q") == ""


def test_tddgate_commands_that_keep_their_own_checks_run(calc: Path) -> None:
    for command in ('tddgate todo start "Add sub"', "tddgate check", "tddgate status"):
        assert _bash(calc, command) == ""


def test_uninstalling_tddgate(calc: Path) -> None:
    what = f"{PACKAGE_DIR} (it holds tddgate's installation, which runs these hooks)"
    for command in ("pip uninstall -y tddgate", "uv remove tddgate", "pipx uninstall tddgate"):
        assert _reason(_bash(calc, command)) == _guarded(what)
    assert _bash(calc, "pip uninstall -y requests") == ""


def test_removing_the_installation_the_hooks_run_from(
    calc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    venv = calc / ".venv"
    package = venv / "lib/python3.11/site-packages/tddgate"
    monkeypatch.setattr(places, "installation", lambda: (str(package), str(venv / "bin/python")))
    assert _reason(_bash(calc, "rm -rf .venv")) == _guarded(
        f"{venv} (it holds tddgate's installation, which runs these hooks)"
    )
    assert _reason(_bash(calc, "mv .venv/bin/python /tmp/p")) == _guarded(
        f"{venv}/bin/python (it holds tddgate's installation, which runs these hooks)"
    )
    edit = f"sed -i 's/block/allow/' {package}/rules/guard_files.py"
    assert _reason(_bash(calc, edit)) == _guarded(
        f"{package}/rules/guard_files.py (tddgate's installed code, which runs these hooks)"
    )
    assert _bash(calc, "find .venv -name '*.pyc' -delete") == ""
    assert _bash(calc, "ruff format .") == ""


def test_a_source_checkout_of_tddgate_stays_editable(
    calc: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = calc / "src/tddgate"
    monkeypatch.setattr(places, "installation", lambda: (str(package), "/usr/bin/python3"))
    (calc / "tests/test_tddgate.py").write_text("def test_x():\n    pass\n")
    (package).mkdir(parents=True)
    assert _bash(calc, "echo 'X = 1' > src/tddgate/__init__.py") == ""
    assert _reason(_bash(calc, "rm -rf src")) == _guarded(
        f"{calc}/src (it holds tddgate's installation, which runs these hooks)"
    )


@pytest.mark.parametrize(
    ("content", "what"),
    [
        ('{"hooks": {}, "disableAllHooks": true}', 'disableAllHooks" setting'),
        ('{"hooks": {}, "env": {"TDDGATE_DISABLE": "all"}}', 'env" entry TDDGATE_DISABLE'),
        ('{"hooks": {}, "env": {"CLAUDE_PROJECT_DIR": "/tmp"}}', 'env" entry CLAUDE_PROJECT_DIR'),
        ('{"hooks": {}, "env": {"PYTHONPATH": "/tmp/fake"}}', 'env" entry PYTHONPATH'),
    ],
)
def test_settings_that_turn_hooks_off(calc: Path, content: str, what: str) -> None:
    for rel in (".claude/settings.json", ".claude/settings.local.json"):
        assert _reason(_write(calc, rel, content)) == _guarded(f'the "{what} of {rel}')


def test_other_settings_stay_editable(calc: Path) -> None:
    content = '{"hooks": {}, "env": {"FOO": "1"}, "model": "opus"}'
    assert _write(calc, ".claude/settings.json", content) == ""


@pytest.mark.parametrize(
    ("command", "what"),
    [
        ("rm -rf .", ". (it holds tddgate's state in .claude/tddgate)"),
        ("find . -delete", ". (it holds tddgate's state in .claude/tddgate)"),
        ("find . -name '*.json' -delete", ". (it holds tddgate's state in .claude/tddgate)"),
        (
            "find . -name 'report*' -exec rm {} +",
            ". (it holds tddgate's state in .claude/tddgate)",
        ),
        ("cp -r /tmp/forged/.claude .", ".claude (it holds tddgate's state in .claude/tddgate)"),
        ("git stash --all", ". (it holds tddgate's state in .claude/tddgate)"),
        ("chmod -R 000 .claude", ".claude (it holds tddgate's state in .claude/tddgate)"),
        ("rm -rf ..", ".. (it holds tddgate's state in .claude/tddgate)"),
        ("pytest --basetemp=.", ". (it holds tddgate's state in .claude/tddgate)"),
        ("tar -xf /tmp/forged.tar", ". (it holds tddgate's state in .claude/tddgate)"),
        ("unzip -o /tmp/forged.zip", ". (it holds tddgate's state in .claude/tddgate)"),
    ],
)
def test_folders_that_hold_the_state(calc: Path, command: str, what: str) -> None:
    assert _reason(_bash(calc, command)) == _guarded(what)


@pytest.mark.parametrize(
    "command",
    [
        "ruff format .",
        "black .",
        "find . -name '*.pyc' -delete",
        "find . -name __pycache__ -exec rm -rf {} +",
        "git stash -u",
        "git checkout .",
        "touch .",
        "tar -xf vendor.tar -C vendor",
    ],
)
def test_ordinary_work_on_the_whole_tree_is_not_guarded(calc: Path, command: str) -> None:
    assert _bash(calc, command) == ""


def test_a_symlink_made_earlier(calc: Path) -> None:
    (calc / "r.json").symlink_to(calc / ".claude/tddgate/report.json")
    (calc / "st").symlink_to(".claude/tddgate")
    assert _reason(_bash(calc, "cp /tmp/forged.json r.json")) == _guarded(
        "r.json, a link to .claude/tddgate/report.json (tddgate's state),"
    )
    assert _reason(_bash(calc, "echo '{}' > st/baseline.json")) == _guarded(
        "st/baseline.json, a link to .claude/tddgate/baseline.json (tddgate's state),"
    )
    assert _reason(_write(calc, "r.json", "{}")) == _guarded(
        "r.json, a link to .claude/tddgate/report.json (tddgate's state),"
    )
    (calc / "s.json").symlink_to(".claude/settings.json")
    assert _reason(_write(calc, "s.json", "{}")) == _guarded(
        's.json, a link to the "hooks" section of .claude/settings.json,'
    )


def test_a_link_made_in_the_same_command(calc: Path) -> None:
    assert _reason(_bash(calc, "ln -s .claude/tddgate st && cp x st/report.json")) == (
        _guarded(".claude/tddgate/report.json (tddgate's state)")
    )


def test_a_hard_link_made_earlier(calc: Path) -> None:
    os.link(calc / ".claude/tddgate/report.json", calc / "r.json")
    assert _reason(_bash(calc, "cp /tmp/forged.json r.json")) == _guarded(
        "r.json, the same file as .claude/tddgate/report.json (tddgate's state),"
    )


def test_other_letter_case(calc: Path) -> None:
    assert _reason(_bash(calc, "cp x .Claude/TDDGATE/report.json")) == _guarded(
        ".Claude/TDDGATE/report.json (tddgate's state)"
    )
    assert _reason(_bash(calc, "echo x > .TDDGATE.toml")) == _guarded(
        ".TDDGATE.toml (tddgate's config)"
    )


@pytest.mark.parametrize(
    ("command", "what"),
    [
        (
            "cp x .claude/tddgat?/report.json",
            ".claude/tddgat?/report.json, a pattern that may match "
            ".claude/tddgate (tddgate's state),",
        ),
        (
            "cat x > .claude/settings.jso[n]",
            '.claude/settings.jso[n], a pattern that may match the "hooks" section of '
            ".claude/settings.json,",
        ),
        (
            "rm -rf .c*",
            ".c*, a pattern that may match a folder holding .claude/tddgate,",
        ),
    ],
)
def test_glob_patterns(calc: Path, command: str, what: str) -> None:
    assert _reason(_bash(calc, command)) == _guarded(what)


def test_globs_that_cannot_reach_the_state_are_not_guarded(calc: Path) -> None:
    assert _bash(calc, "sed -i 's/a/b/' docs/*.md") == ""
    assert _bash(calc, "cat x > */notes.txt") == ""


@pytest.mark.parametrize(
    ("command", "named", "note"),
    [
        (
            'cat x > "$(echo .claude)/tddgate/report.json"',
            "report.json",
            '> redirection: the path "$(echo .claude)/tddgate/report.json" is computed at run time',
        ),
        (
            "python3 /tmp/forge.py .claude/tddgate/report.json",
            ".claude/tddgate",
            "python runs the script /tmp/forge.py (with .claude/tddgate/report.json), which was "
            "not analysed",
        ),
    ],
)
def test_unanalysable_commands_that_name_tddgate_files(
    calc: Path, command: str, named: str, note: str
) -> None:
    assert _reason(_bash(calc, command)) == (
        f"tddgate: this command names tddgate's own files ({named}) but tddgate cannot tell "
        f"what it writes ({note}). Write the paths out literally so they can be checked, or "
        f"{HUMAN}"
    )


def test_unanalysable_commands_elsewhere_stay_allowed(calc: Path) -> None:
    assert _bash(calc, 'cat x > "$OUT"') == ""
    assert _bash(calc, "python3 scripts/gen.py") == ""
    assert _bash(calc, "python3 scripts/todo.py .claude/todos/current.md") == ""


def test_where_a_write_lands_when_a_cd_fails(calc: Path) -> None:
    command = "cd .claude/tddgate && cd ../../elsewhere; cat x > report.json"
    assert _reason(_bash(calc, command)) == (
        "tddgate: .claude/tddgate/report.json (tddgate's state) is guarded (this command "
        f"writes there if a cd before it fails or does not run): {HUMAN}"
    )
    assert _bash(calc, "cd docs; touch notes.txt") == ""


def test_settings_outside_the_project(
    calc: Path, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(config))
    assert _reason(
        _bash(calc, f"echo '{{\"disableAllHooks\": true}}' > {config}/settings.json")
    ) == (_guarded(f'the "disableAllHooks" setting of {config}/settings.json'))
    managed = "/etc/claude-code/managed-settings.json"
    assert _reason(_bash(calc, f"sed -i 's/a/b/' {managed}")) == (
        _guarded(f'the "hooks" section of {managed}')
    )
