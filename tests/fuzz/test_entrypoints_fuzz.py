"""Fuzz the real hook scripts as Claude Code runs them: a new process, the event on stdin.

What only a process shows: the exit code (0, or 2 where an event has no JSON form), a
traceback on stderr, bytes on stdout that do not encode. ~200 derandomized inputs, drawn like
the in-process fuzz (tests/fuzz/test_runner_fuzz.py), sent to the script of their event, or of
another event now and then.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tddgate.invocation import tddgate_command
from testing import payloads
from testing.fuzzing import (
    EVENTS,
    check_answer,
    damaged,
    encode,
    fuzz_project,
    mutated_payloads,
    payload_names,
)
from testing.hooks import run_hook
from testing.project import run_pytest

FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """(project, home): one project for the module, with a todo and a green report."""
    base = tmp_path_factory.mktemp("entry")
    home = base / "home"
    home.mkdir()
    root = fuzz_project(base / "demo")
    assert run_pytest(root, home).returncode == 0
    yield root, home


def call(fuzzed: tuple[Path, Path], script_event: str, raw: bytes) -> None:
    """Run the hook script of `script_event` on `raw` and check everything it did."""
    project, home = fuzzed
    result = run_hook(script_event, raw, project, home)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.code in (0, 2), result
    notices = result.stderr.splitlines()
    assert result.stderr == "".join(f"{line}\n" for line in notices)  # whole lines only
    out = result.stdout
    if out:
        assert out.endswith("\n") and out.count("\n") == 1, out  # one JSON document
        out = out[:-1]
    check_answer(raw, script_event, out, notices)


@FUZZ
@given(data=st.data(), event=st.sampled_from(EVENTS))
def test_the_hook_scripts_answer_anything(
    fuzzed: tuple[Path, Path], data: st.DataObject, event: str
) -> None:
    payload = data.draw(mutated_payloads(fuzzed[0], payload_names(event)))
    raw = data.draw(damaged(encode(payload)))
    script = data.draw(st.sampled_from((event,) * 5 + EVENTS))  # now and then the wrong one
    call(fuzzed, script, raw)


# Raw bytes rarely get past the parser; the in-process fuzz sends thousands of them.
@settings(FUZZ, max_examples=40)
@given(raw=st.binary(max_size=200), script=st.sampled_from(EVENTS))
@example(raw=b"", script="Stop")
@example(raw=b"\xed\xa0\x80{}", script="SessionStart")
@example(raw=b"[" * 50_000, script="PreToolUse")
@example(raw=b" " * (10 * 1024 * 1024 + 1), script="UserPromptSubmit")
def test_the_hook_scripts_answer_any_bytes(
    fuzzed: tuple[Path, Path], raw: bytes, script: str
) -> None:
    call(fuzzed, script, raw)


def test_half_an_emoji_in_a_deny_reaches_stdout_as_its_escape(project: Path, home: Path) -> None:
    """Node sends a lone surrogate as "\\ud83d" (valid JSON); echoed in a reason, it must
    still encode, or the hook would die with a traceback instead of denying."""
    data = payloads.load("capture-PreToolUse-Write", project)
    data["tool_input"]["file_path"] = str(project / "src/cut\ud83d.py")
    raw = json.dumps(data).encode()  # ASCII, with the escape, as Claude Code writes it

    result = run_hook("PreToolUse", raw, project, home)

    assert (result.code, result.stderr) == (0, "")
    assert "\\ud83d" in result.stdout and result.stdout.isascii()
    assert result.json["hookSpecificOutput"]["permissionDecisionReason"] == (
        "tddgate: no todo is in progress, so this edit of src/cut\ud83d.py is blocked. Say what "
        "you are working on first: TaskCreate a task and TaskUpdate it to status in_progress, "
        "or TodoWrite a list with one item in_progress, or, without a todo tool, run "
        f'`{tddgate_command()} todo start "<what you are doing>"` (it records the item under '
        "IN PROGRESS in .claude/todos/current.md)."
    )
