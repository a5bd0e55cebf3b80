"""The failure policy: every fail-open exit of the runner, through the real entrypoints."""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest

from tddgate import runner
from tddgate.state.lock import locked
from testing import payloads
from testing.hooks import run_hook


def test_row1_empty_stdin_allows_with_notice(project: Path, home: Path) -> None:
    result = run_hook("PreToolUse", b"", project, home)
    assert result == (
        0,
        "",
        "tddgate: bad input: stdin was empty; expected one JSON event from Claude Code; "
        "the call was allowed\n",
    )


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        (b"not json", "stdin is not valid JSON (Expecting value: line 1 column 1 (char 0))"),
        (b"[]", "stdin must be a JSON object, got list"),
        (b'{"hook_event_name": "Stop"}', "missing required field 'session_id'"),
    ],
)
def test_row1_bad_json_allows_with_notice(project: Path, home: Path, raw: bytes, why: str) -> None:
    result = run_hook("Stop", raw, project, home)
    assert result == (0, "", f"tddgate: bad input: {why}; the call was allowed\n")


def test_row2_event_for_another_script(project: Path, home: Path) -> None:
    result = run_hook("Stop", payloads.load("capture-PreToolUse-Write", project), project, home)
    assert result == (
        0,
        "",
        "tddgate: bad input: this hook script handles Stop but received PreToolUse; check the "
        "hooks in .claude/settings.json (`tddgate doctor` lists them); the call was allowed\n",
    )


def test_row3_unknown_event_and_tool_are_silent(project: Path, home: Path) -> None:
    end = payloads.load("capture-SessionEnd", project)
    assert run_hook("PreToolUse", end, project, home) == (0, "", "")
    read = payloads.load("capture-PreToolUse-Read", project)
    assert run_hook("PreToolUse", read, project, home) == (0, "", "")


def test_row4_bad_config_allows_and_tells_the_human(project: Path, home: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.tddgate]\nmax_in_progress = "two"\n')
    result = run_hook(
        "PreToolUse", payloads.load("capture-PreToolUse-Write", project), project, home
    )
    message = (
        "tddgate: config error in pyproject.toml [tool.tddgate]: max_in_progress: Input should "
        "be a valid integer; see the configuration reference in tddgate's README"
    )
    assert result.code == 0
    assert result.json == {"systemMessage": message}
    assert result.stderr == message + "\n"


def test_row5_unreadable_state_allows_with_notice(project: Path, home: Path) -> None:
    bad = project / ".claude/tddgate/sessions/8c15dcad-8f13-4e4e-a1da-eabe1cf31355/tasks.json"
    bad.parent.mkdir(parents=True)
    bad.write_text("{torn")
    result = run_hook(
        "PreToolUse", payloads.load("capture-PreToolUse-Write", project), project, home
    )
    assert result == (
        0,
        "",
        f"tddgate: state error: {bad} is not valid JSON; delete it and tddgate will start that "
        "state afresh; the call was allowed\n",
    )
    log = (project / ".claude/tddgate/log.jsonl").read_text().splitlines()
    assert json.loads(log[-1])["kind"] == "fail-open"


def test_row5_lock_timeout_allows_with_notice(project: Path, home: Path) -> None:
    session = project / ".claude/tddgate/sessions/8c15dcad-8f13-4e4e-a1da-eabe1cf31355"
    session.mkdir(parents=True)
    lock = session / "tasks.lock"
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with locked(lock):
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    try:
        result = run_hook(
            "PostToolUse", payloads.load("capture-PostToolUse-TaskCreate", project), project, home
        )
    finally:
        release.set()
        holder.join()
    assert result.code == 0
    assert result.stdout == ""
    assert result.stderr == (
        f"tddgate: state error: tddgate state is busy: could not lock {lock} within 2 s; another "
        "tddgate process holds it. Retry; if this keeps happening, stop stuck tddgate processes "
        "(the lock frees itself when its holder exits); the call was allowed\n"
    )


def test_row6_a_bug_allows_with_notice(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # In-process: only monkeypatching can plant a bug in a rule.
    from tddgate.rules import edit_needs_todo

    def broken(facts: object) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(edit_needs_todo, "check", broken)
    out, err = io.StringIO(), io.StringIO()
    data = json.dumps(payloads.load("capture-PreToolUse-Write", project)).encode()
    code = runner.main("PreToolUse", io.BytesIO(data), out, err)
    assert (code, out.getvalue()) == (0, "")
    assert err.getvalue() == (
        "tddgate: internal error (KeyError: 'boom'); the call was allowed. Please report it "
        "with .claude/tddgate/log.jsonl\n"
    )


def test_row6_a_bug_while_loading_the_config_allows_with_notice(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In-process: only monkeypatching can plant a bug in the config loader.
    def broken(root: Path) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(runner, "load_config", broken)
    out, err = io.StringIO(), io.StringIO()
    data = json.dumps(payloads.load("capture-Stop", project)).encode()
    code = runner.main("Stop", io.BytesIO(data), out, err)
    assert (code, out.getvalue()) == (0, "")
    assert err.getvalue() == (
        "tddgate: internal error (KeyError: 'boom'); the call was allowed. Please report it "
        "with .claude/tddgate/log.jsonl\n"
    )
