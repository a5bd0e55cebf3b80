"""Bash writes are edits: the bypass catalogue, each entry blocked or detected through the rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tddgate.invocation import tddgate_command
from tddgate.runner import evaluate
from testing import payloads
from testing.hooks import run_hook
from testing.project import make_calc_project, run_pytest


def _bash(project: Path, command: str, event: str = "PreToolUse") -> str:
    data = payloads.load("capture-PreToolUse-Bash", project, hook_event_name=event)
    data["tool_input"] = {"command": command, "description": "x"}
    if event == "PostToolUse":
        data["tool_response"] = {"stdout": "", "stderr": ""}
    out, notices = evaluate(json.dumps(data).encode(), event)
    assert notices == []
    return out


def _reason(out: str) -> str:
    reason: str = json.loads(out)["hookSpecificOutput"]["permissionDecisionReason"]
    return reason


def _no_todo(rel: str) -> str:
    return (
        f"tddgate: no todo is in progress, so this edit of {rel} is blocked. Say what you are "
        "working on first: TaskCreate a task and TaskUpdate it to status in_progress, or "
        "TodoWrite a list with one item in_progress, or, without a todo tool, run "
        f'`{tddgate_command()} todo start "<what you are doing>"` (it records the item under '
        "IN PROGRESS in .claude/todos/current.md)."
    )


def _hint(*seen: str) -> str:
    return (
        f" (tddgate read this Bash command as writing {', '.join(seen)}; change files with the "
        "Edit or Write tool instead, so the change can be checked.)"
    )


def test_the_captured_bypass_is_blocked(project: Path) -> None:
    command = payloads.load("capture-PreToolUse-Bash")["tool_input"]["command"]
    assert _reason(_bash(project, command)) == _no_todo("src/extra.py") + _hint(
        "src/extra.py (>> redirection)"
    )


CATALOGUE = [
    ("echo x > notes.txt", "notes.txt", "> redirection"),
    ("printf 'x' >| notes.txt", "notes.txt", ">| redirection"),
    ("cat <<'EOF' > notes.txt\nx\nEOF", "notes.txt", "> redirection"),
    ("echo x | tee notes.txt", "notes.txt", "tee"),
    ("echo x | tee -a notes.txt", "notes.txt", "tee -a"),
    ("sed -i 's/a/b/' notes.txt", "notes.txt", "sed -i"),
    ("perl -i -pe 's/a/b/' notes.txt", "notes.txt", "perl -i"),
    ("cp a.txt notes.txt", "notes.txt", "cp"),
    ("touch notes.txt", "notes.txt", "touch"),
    ("truncate -s 0 notes.txt", "notes.txt", "truncate"),
    ("dd if=/dev/zero of=notes.txt count=1", "notes.txt", "dd of="),
    ("rm -f notes.txt", "notes.txt", "rm"),
    ("bash -c 'echo x > notes.txt'", "notes.txt", "> redirection"),
    ("(cd docs && echo x > notes.txt)", "docs/notes.txt", "> redirection"),
    ("true && { echo x; } > notes.txt", "notes.txt", "> redirection"),
    ("python3 -c \"open('notes.txt', 'w').write('x')\"", "notes.txt", "python -c open()"),
    # Round 2: what an agent tried next.
    ("python3 - <<EOF\nopen('notes.txt', 'w')\nEOF", "notes.txt", "python stdin open()"),
    ("ruff format notes.py", "notes.py", "ruff format"),
    ("black notes.py", "notes.py", "black"),
    ("isort notes.py", "notes.py", "isort"),
    ("git stash pop", ".", "git stash"),
    ("git stash -u", ".", "git stash --include-untracked"),
    (
        "git apply <<'EOF'\n--- a/notes.txt\n+++ b/notes.txt\n@@ -1 +1 @@\n-a\n+b\nEOF",
        "notes.txt",
        "git apply",
    ),
    ("awk -i inplace '{print}' notes.txt", "notes.txt", "awk -i inplace"),
    ("ed -s notes.txt <<< $',d\\nw'", "notes.txt", "ed"),
    ("install -D a.txt notes.txt", "notes.txt", "install"),
    ("ln -s /tmp/x notes.txt", "notes.txt", "ln"),
    ("echo $(echo x > notes.txt)", "notes.txt", "> redirection"),
    ("echo notes.txt | xargs rm", "notes.txt", "rm"),
    ("echo x > >(tee notes.txt)", "notes.txt", "tee"),
    ("exec 3>notes.txt", "notes.txt", "3> redirection"),
    ("F=notes.txt; echo x > $F", "notes.txt", "> redirection"),
    ('echo x > "$CLAUDE_PROJECT_DIR/notes.txt"', "notes.txt", "> redirection"),
    ("echo x > ./docs/../notes.txt", "notes.txt", "> redirection"),
    ("sponge notes.txt < a.txt", "notes.txt", "sponge"),
    ("sort -o notes.txt a.txt", "notes.txt", "sort -o"),
    ("gzip -k notes.txt", "notes.txt.gz", "gzip"),
    ("chmod +x notes.txt", "notes.txt", "chmod"),
    ("f() { touch notes.txt; }; f", "notes.txt", "touch"),
    ("flock /tmp/l -c 'touch notes.txt'", "notes.txt", "touch"),
]


@pytest.mark.parametrize(("command", "rel", "how"), CATALOGUE)
def test_catalogue_without_a_todo(project: Path, command: str, rel: str, how: str) -> None:
    reason = _reason(_bash(project, command))
    assert reason.startswith(_no_todo(rel))
    assert f"{rel} (" in reason.removeprefix(_no_todo(rel))


def test_reading_commands_write_nothing(project: Path) -> None:
    for command in (
        "python -m pytest -q 2>&1 | tail -3",
        "cat src/a.py",
        "git status",
        "ls > /dev/null",
        "grep -rn x src",
    ):
        assert _bash(project, command) == ""


def test_unanalysable_commands_are_allowed_and_logged(project: Path) -> None:
    assert _bash(project, 'eval "$CMD"') == ""
    assert _bash(project, 'eval "$CMD"', event="PostToolUse") == ""
    log = (project / ".claude/tddgate/log.jsonl").read_text().splitlines()
    entry = json.loads(log[-1])
    assert (entry["kind"], entry["command"]) == ("bash-unanalysable", 'eval "$CMD"')


def test_test_first_applies_to_bash(project: Path, home: Path) -> None:
    make_calc_project(project)
    assert run_pytest(project, home).returncode == 0
    assert _reason(_bash(project, "sed -i 's/a/b/' src/nomod.py")) == (
        "tddgate: src/nomod.py has no test. Write a failing test first, e.g. tests/test_nomod.py, "
        "then change src/nomod.py." + _hint("src/nomod.py (sed -i)")
    )
    heredoc = "cat > src/calc.py <<'EOF'\ndef add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n"
    heredoc += "    return a - b\nEOF"
    assert _reason(_bash(project, heredoc)).startswith(
        "tddgate: the suite is green; `sub()` is new behaviour in src/calc.py"
    )
    appended = "printf '\\n\\ndef mul(a, b):\\n    return a * b\\n' >> src/calc.py"
    assert _reason(_bash(project, appended)).startswith(
        "tddgate: the suite is green; `mul()` is new behaviour in src/calc.py"
    )
    skip = "printf 'import pytest\\n\\n@pytest.mark.skip\\ndef test_x():\\n    pass\\n'"
    skip += " > tests/test_s.py"
    assert _reason(_bash(project, skip)).startswith(
        "tddgate: this edit adds a skip to tests/test_s.py at line 3: `@pytest.mark.skip`."
    )
    # Deleting or restoring adds no behaviour: only the todo rule applies (a todo is in progress).
    assert _bash(project, "rm src/calc.py") == ""
    assert _bash(project, "git checkout -- src/calc.py") == ""


@pytest.mark.parametrize(
    ("command", "what"),
    [
        ("rm -rf .claude/tddgate", ".claude/tddgate (tddgate's state)"),
        (
            "echo '{}' > .claude/tddgate/report.json",
            ".claude/tddgate/report.json (tddgate's state)",
        ),
        ("git clean -fdx", ". (it holds tddgate's state in .claude/tddgate)"),
        (
            "sed -i 's/strict/off/' pyproject.toml",
            "the [tool.tddgate] table of pyproject.toml (tddgate's config)",
        ),
        ("echo '{}' > .claude/settings.json", 'the "hooks" section of .claude/settings.json'),
    ],
)
def test_guarded_paths_through_bash(project: Path, command: str, what: str) -> None:
    make_calc_project(project)
    (project / ".claude/settings.json").write_text('{"hooks": {}}\n')
    assert _reason(_bash(project, command)) == (
        f"tddgate: {what} is guarded: a human must make this change (outside the agent), then "
        "tell the agent it is done."
    )


def test_a_bash_write_makes_the_report_stale(project: Path, home: Path) -> None:
    make_calc_project(project)
    assert run_pytest(project, home).returncode == 0
    post = payloads.load("capture-PreToolUse-Bash", project)
    post.update(hook_event_name="PostToolUse", tool_response={"stdout": "", "stderr": ""})
    assert run_hook("PostToolUse", post, project, home) == (0, "", "")
    stop = run_hook("Stop", payloads.load("capture-Stop", project), project, home)
    assert stop.json["decision"] == "block"
    assert "the last test run is older than the last edit (src/extra.py" in stop.json["reason"]


def test_bash_writes_can_be_turned_off(project: Path) -> None:
    (project / ".tddgate.toml").write_text('disable = ["bash_writes"]\n')
    assert _bash(project, "echo x > notes.txt") == ""


def test_a_failed_bash_command_still_counts_its_writes(project: Path, home: Path) -> None:
    """Claude Code sends PostToolUseFailure, not PostToolUse, when a command exits non-zero."""
    make_calc_project(project)
    assert run_pytest(project, home).returncode == 0
    failed = payloads.load("capture-PostToolUseFailure-Read", project)
    failed.update(tool_name="Write", tool_input={"file_path": str(project / "src/calc.py")})
    assert run_hook("PostToolUseFailure", failed, project, home) == (0, "", "")
    assert run_hook("Stop", payloads.load("capture-Stop", project), project, home).stdout == ""
    failed.update(tool_name="Bash", tool_input={"command": "echo 'x = 1' >> src/calc.py; false"})
    assert run_hook("PostToolUseFailure", failed, project, home) == (0, "", "")
    stop = run_hook("Stop", payloads.load("capture-Stop", project), project, home)
    assert "the last test run is older than the last edit (src/calc.py" in stop.json["reason"]


def test_unknown_changes_to_sources_need_edit_unless_red(project: Path, home: Path) -> None:
    """`sed -i` on a tested source: tddgate cannot tell new behaviour from a refactor."""
    make_calc_project(project)
    assert run_pytest(project, home).returncode == 0
    cannot_see = (
        "tddgate: cannot see what `sed -i` changes in src/calc.py, so it cannot tell new "
        "behaviour from a refactor. Make the change with the Edit or Write tool (new behaviour "
        "needs a failing test first: add one and run `python -m pytest`)."
    )
    assert _reason(_bash(project, "sed -i 's/a + b/b + a/' src/calc.py")) == cannot_see + _hint(
        "src/calc.py (sed -i)"
    )
    globbed = _reason(_bash(project, "sed -i 's/a/b/' src/*.py"))
    assert globbed.startswith("tddgate: cannot see what `sed -i` changes in src/*.py")
    assert _bash(project, "ruff format src/calc.py") == ""
    # The red step: a failing test on record licenses the implementation, by any means.
    (project / "tests/test_calc.py").write_text("def test_sub():\n    assert False\n")
    assert run_pytest(project, home).returncode == 1
    assert _bash(project, "sed -i 's/a + b/b + a/' src/calc.py") == ""
