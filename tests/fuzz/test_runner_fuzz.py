"""Fuzz `tddgate.runner.evaluate` in-process: whatever arrives on stdin, the hook answers.

Over 10,000 inputs across all events (testing.fuzzing.EVENTS): raw bytes, random JSON
objects, captured payloads with fields dropped, retyped, blown up or pointed into a real
project (whose todos and test report change from example to example, so the rules run deep),
invalid UTF-8, huge strings and deep nesting. Each answer must be silence or one documented
JSON shape for its event, every notice one `tddgate:` line and none an internal error (see
testing.fuzzing.check_answer). Derandomized, so CI runs the same inputs every time.

The project is shared by every example (a module-scoped directory): hypothesis runs a test's
examples inside one call of it, so function-scoped fixtures would not be reset between them
anyway, and state piling up across examples is what a long session does too.
"""

from __future__ import annotations

import contextlib
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from tddgate.runner import evaluate
from testing.fuzzing import (
    EVENTS,
    TODO_TEXT,
    check_answer,
    damaged,
    encode,
    fuzz_project,
    mutated_payloads,
    payload_names,
    random_objects,
)
from testing.project import run_pytest

BASE = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
EXPECTED = st.sampled_from((*EVENTS, None))


def fuzz(examples: int) -> settings:
    return settings(BASE, max_examples=examples)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One project for the module, with HOME and CLAUDE_PROJECT_DIR pointing into it."""
    base = tmp_path_factory.mktemp("fuzz")
    home = base / "home"
    home.mkdir()
    root = fuzz_project(base / "demo")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HOME", str(home))
        env.setenv("CLAUDE_PROJECT_DIR", str(root))
        for name in ("CLAUDE_CONFIG_DIR", "CLAUDE_CODE_TASK_LIST_ID", "TDDGATE_DISABLE"):
            env.delenv(name, raising=False)
        assert run_pytest(root, home).returncode == 0  # a real green report to judge
        yield root


def run(raw: bytes, expected: str | None) -> None:
    """One hook call in-process; it must not raise, print, or break the contract."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        out, notices = evaluate(raw, expected)
    assert printed.getvalue() == ""
    check_answer(raw, expected, out, notices)
    event(outcome(out, notices))  # --hypothesis-show-statistics shows how deep inputs got


def outcome(out: str, notices: list[str]) -> str:
    """A label for the kind of answer, e.g. "deny", "block", "notice: bad input"."""
    if notices:
        return "notice: " + notices[0].split(":")[1].strip().split(" (")[0][:30]
    if not out:
        return "silent"
    answer = json.loads(out)
    if "decision" in answer:
        return "block"
    specific = answer.get("hookSpecificOutput", {})
    return "deny" if "permissionDecision" in specific else next(iter(specific or answer))


@fuzz(2500)
@given(raw=st.binary(max_size=300), expected=EXPECTED)
@example(raw=b"", expected="Stop")
@example(raw=b"\xff\xfe{}", expected=None)
@example(raw=b"[" * 100_000 + b"]" * 100_000, expected="PreToolUse")
def test_any_bytes(fuzzed: Path, raw: bytes, expected: str | None) -> None:
    run(raw, expected)


@fuzz(1500)
@given(data=random_objects(), expected=EXPECTED, raw=st.data())
def test_any_json_object(
    fuzzed: Path, data: dict[str, Any], expected: str | None, raw: st.DataObject
) -> None:
    run(raw.draw(damaged(encode(data))), expected)


def set_scene(root: Path, data: st.DataObject, session: Any, agent: Any) -> None:
    """Put the project in a state the rules judge differently: the todo file in progress,
    done, odd or gone; the tests green, stale after an edit of this session, or unreadable.
    Drawn per example, so every event meets every state whatever order the tests run in."""
    todo = data.draw(st.sampled_from((*TODO_TEXT, None)))
    todo_file = root / ".claude/todos/current.md"
    if todo is None:
        todo_file.unlink(missing_ok=True)
    else:
        todo_file.write_text(todo)
    folder = root / ".claude/tddgate"
    tests = data.draw(st.sampled_from(("green", "stale", "unreadable")))
    report = folder / "report.json"
    good = folder.parent / "good-report.json"  # the real run's report, kept aside once
    if not good.exists():
        good.write_bytes(report.read_bytes())
    report.write_bytes(good.read_bytes() if tests != "unreadable" else b'{"created": ')
    (folder / "last-edit.json").unlink(missing_ok=True)
    if tests == "stale" and isinstance(session, str):
        from tddgate.state.edits import record_edit
        from tddgate.state.session import mark_edited

        record_edit(folder, "src/calc.py", time.time(), session)
        mark_edited(root, session, agent if isinstance(agent, str) else None)


@pytest.mark.parametrize("event", EVENTS)
@fuzz(750)
@given(data=st.data())
def test_mutated_captured_payloads(fuzzed: Path, event: str, data: st.DataObject) -> None:
    payload = data.draw(mutated_payloads(fuzzed, payload_names(event)))
    set_scene(fuzzed, data, payload.get("session_id"), payload.get("agent_id"))
    raw = data.draw(damaged(encode(payload)))
    run(raw, data.draw(st.sampled_from((event, event, None))))


DEEP = "@@deep@@"


def nested(depth: int, leaf: str) -> bytes:
    """`depth` levels of {"a": [...]} as JSON text (json.dumps itself stops near 1,000)."""
    return (b'{"a": [' * depth) + leaf.encode() + (b"]}" * depth)


@fuzz(250)
@given(
    data=st.data(),
    depth=st.integers(min_value=0, max_value=1200),
    size=st.integers(min_value=0, max_value=1_000_000),
)
def test_huge_strings_and_deep_nesting(
    fuzzed: Path, data: st.DataObject, depth: int, size: int
) -> None:
    payload = data.draw(mutated_payloads(fuzzed, payload_names()))
    where = data.draw(st.sampled_from(("tool_input", "prompt", "content", "todos")))
    tool_input = payload.get("tool_input")
    if where == "tool_input" and isinstance(tool_input, dict):
        tool_input["deep"] = DEEP
        tool_input["command"] = "\u00e9" * (size // 2)
    elif where == "content" and isinstance(tool_input, dict):
        tool_input["content"] = "def f():\n    return 1\n" + "#" * size
    elif where == "todos" and isinstance(tool_input, dict):
        tool_input["todos"] = [
            {"content": f"t{n}", "status": "pending"} for n in range(size // 500)
        ]
    else:
        payload["prompt"] = "\u00e9" * (size // 2)
        payload["extra"] = DEEP
    raw = encode(payload).replace(f'"{DEEP}"'.encode(), nested(depth, '"leaf"'))
    run(raw, data.draw(st.sampled_from((None, payload.get("hook_event_name")))))


def test_stdin_over_10_mb_is_bad_input(fuzzed: Path) -> None:
    raw = b" " * (10 * 1024 * 1024) + b"{}"
    assert evaluate(raw, "Stop") == (
        "",
        ["tddgate: bad input: event on stdin is larger than 10 MB; the call was allowed"],
    )


def test_real_answers_pass_the_property(project: Path) -> None:
    """The property accepts what the rules really say: a deny, a block, a recovery context."""
    from testing import payloads
    from testing.project import make_calc_project

    make_calc_project(project, todo=None)
    (project / ".claude/tddgate").mkdir(parents=True, exist_ok=True)
    (project / ".claude/tddgate/edits.jsonl").write_text("")
    calls = [
        ("PreToolUse", payloads.load("capture-PreToolUse-Write", project)),
        ("TaskCompleted", payloads.load("capture-TaskCompleted", project)),
        ("SessionStart", payloads.load("capture-SessionStart", project)),
    ]
    kinds = []
    for event_name, data in calls:
        if event_name == "SessionStart":
            (project / ".claude/todos").mkdir(parents=True, exist_ok=True)
            (project / ".claude/todos/current.md").write_text("## IN PROGRESS\n- [ ] Parser\n")
        raw = json.dumps(data).encode()
        out, notices = evaluate(raw, event_name)
        check_answer(raw, event_name, out, notices)
        kinds.append(outcome(out, notices))
    assert kinds == ["deny", "block", "hookEventName"]


def test_half_an_emoji_from_the_agent_is_recorded_not_fatal(project: Path) -> None:
    """Node's JSON.stringify writes a lone surrogate as "\\ud83d": valid JSON that UTF-8
    cannot carry. The todo state must still be kept, and the snapshot read back as sent."""
    from tddgate.state.snapshots import iter_snapshots
    from testing import payloads

    data = payloads.load("PostToolUse-TodoWrite", project)
    data["tool_input"]["todos"] = [{"content": "cut \ud83d", "status": "in_progress"}]

    assert evaluate(json.dumps(data).encode(), "PostToolUse") == ("", [])

    warnings: list[str] = []
    [snap] = iter_snapshots(project / ".claude/tddgate", warn=warnings.append)
    assert (snap.items[0]["content"], warnings) == ("cut \ud83d", [])


BROKEN = [
    ("Stop", '{"decision": "allow"}', []),
    ("Stop", '{"decision": "block", "reason": "no prefix"}', []),
    ("Stop", '{"hookSpecificOutput": {"hookEventName": "Stop", "additionalContext": "x"}}', []),
    ("PreToolUse", '{"decision": "block", "reason": "tddgate: no"}', []),
    ("SessionStart", '{"hookSpecificOutput": {"hookEventName": "SessionStart", '
     f'"additionalContext": "tddgate {"x" * 2000}"}}}}', []),
    ("Stop", "", ["tddgate: internal error (KeyError: 'x'); the call was allowed"]),
    ("Stop", "", ["tddgate: bad input: two\nlines"]),
    ("Stop", "", ["no prefix"]),
    ("Stop", '{"systemMessage": "no prefix"}', []),
]  # fmt: skip


@pytest.mark.parametrize(("event_name", "out", "notices"), BROKEN)
def test_the_property_rejects_what_the_contract_forbids(
    event_name: str, out: str, notices: list[str]
) -> None:
    raw = json.dumps({"hook_event_name": event_name}).encode()
    with pytest.raises(AssertionError):
        check_answer(raw, event_name, out, notices)
