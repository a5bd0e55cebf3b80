"""The CLI runner on its own: finding the binary, the clean environment, the hard time limit."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from testing.claude_cli import (
    API_KEY,
    ClaudeCliError,
    ClaudeRun,
    ToolResult,
    clean_env,
    command,
    find_claude,
    parse_events,
    run_claude,
    timeless,
    tool_results,
    user_texts,
)


def executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_find_claude_prefers_tddgate_claude(tmp_path: Path) -> None:
    binary = executable(tmp_path / "claude")
    env = {"TDDGATE_CLAUDE": str(binary), "TDDGATE_CLAUDE_DIR": str(tmp_path / "unused")}

    assert find_claude(env) == binary


def test_find_claude_looks_in_the_install_dir(tmp_path: Path) -> None:
    binary = executable(tmp_path / "node_modules" / ".bin" / "claude")

    assert find_claude({"TDDGATE_CLAUDE_DIR": str(tmp_path)}) == binary


def test_find_claude_defaults_to_the_cache_under_home(tmp_path: Path) -> None:
    cache = tmp_path / ".cache" / "tddgate" / "claude-code-2.1.330"
    binary = executable(cache / "node_modules" / ".bin" / "claude")

    assert find_claude({"HOME": str(tmp_path)}) == binary


def test_a_missing_cli_names_the_install_command(tmp_path: Path) -> None:
    with pytest.raises(ClaudeCliError) as caught:
        find_claude({"TDDGATE_CLAUDE_DIR": str(tmp_path)})

    assert str(caught.value) == (
        f"Claude Code CLI 2.1.330 not found at {tmp_path}/node_modules/.bin/claude (from the "
        "install cache); the e2e tests need it. Run `.ci/install-claude` (npm install of "
        "@anthropic-ai/claude-code@2.1.330) or set TDDGATE_CLAUDE to the path of a claude binary."
    )


def test_a_non_executable_tddgate_claude_is_refused(tmp_path: Path) -> None:
    (tmp_path / "claude").write_text("")

    with pytest.raises(ClaudeCliError) as caught:
        find_claude({"TDDGATE_CLAUDE": str(tmp_path / "claude")})

    assert str(caught.value) == (
        f"Claude Code CLI 2.1.330 not found at {tmp_path}/claude (from TDDGATE_CLAUDE); the e2e "
        "tests need it. Run `.ci/install-claude` (npm install of "
        "@anthropic-ai/claude-code@2.1.330) or set TDDGATE_CLAUDE to the path of a claude binary."
    )


def test_clean_env_keeps_only_path_and_points_everything_at_temp_dirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "real-key")
    monkeypatch.setenv("CLAUDE_CODE_SESSION_ID", "outer-session")

    env = clean_env(tmp_path, "http://127.0.0.1:1", {"EXTRA": "1"}, path="/bin")

    tmp = str(tmp_path / "tmp")
    assert env == {
        "PATH": "/bin",
        "HOME": str(tmp_path),
        "ANTHROPIC_BASE_URL": "http://127.0.0.1:1",
        "ANTHROPIC_API_KEY": API_KEY,
        "TMPDIR": tmp,
        "CLAUDE_CODE_TMPDIR": tmp,
        "XDG_RUNTIME_DIR": tmp,
        "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1",
        "DISABLE_TELEMETRY": "1",
        "DISABLE_AUTOUPDATER": "1",
        "DISABLE_ERROR_REPORTING": "1",
        "EXTRA": "1",
    }
    assert (tmp_path / "tmp").is_dir()


def test_command_runs_print_mode_with_hook_events(tmp_path: Path) -> None:
    argv = command(tmp_path / "claude", "go", ["Bash", "Write"])

    assert argv == [
        f"{tmp_path}/claude",
        "-p",
        "go",
        "--output-format",
        "stream-json",
        "--verbose",
        "--permission-mode",
        "acceptEdits",
        "--include-hook-events",
        "--allowedTools",
        "Bash,Write",
    ]


def test_a_run_past_its_time_limit_is_killed(tmp_path: Path) -> None:
    argv = [sys.executable, "-c", "import time; print('started', flush=True); time.sleep(30)"]

    with pytest.raises(ClaudeCliError) as caught:
        run_claude(argv, tmp_path, {}, timeout=0.5)

    assert str(caught.value) == (
        "claude did not finish within 0.5 s and was killed; the scenario script probably left "
        "the CLI waiting. Its last output:\nstarted\n\nstderr:\n"
    )


def test_a_run_returns_its_events_and_stderr(tmp_path: Path) -> None:
    code = 'import sys; print(\'{"type": "result", "result": "ok"}\'); sys.stderr.write(\'e\')'

    run = run_claude([sys.executable, "-c", code], tmp_path, {})

    assert run == ClaudeRun(0, [{"type": "result", "result": "ok"}], "e")
    assert run.result == {"type": "result", "result": "ok"}


def test_a_run_without_a_result_event_explains_itself() -> None:
    with pytest.raises(ClaudeCliError) as caught:
        _ = ClaudeRun(1, [], "boom").result

    assert str(caught.value) == "claude printed no result event (exit 1); stderr:\nboom"


def test_parse_events_keeps_lines_that_are_not_json() -> None:
    assert parse_events('{"type": "a"}\n\nnot json\n[1]\n') == [
        {"type": "a"},
        {"type": "raw", "line": "not json"},
        {"type": "raw", "line": "[1]"},
    ]


def test_hook_responses_filter_by_hook_name() -> None:
    write = {"subtype": "hook_response", "hook_name": "PreToolUse:Write"}
    stop = {"subtype": "hook_response", "hook_name": "Stop"}
    run = ClaudeRun(0, [write, {"subtype": "hook_started"}, stop], "")

    assert run.hook_responses() == [write, stop]
    assert run.hook_responses("Stop") == [stop]


def test_notices_are_the_informational_lines_the_cli_shows_the_human() -> None:
    # Shape seen from 2.1.330 when a Stop hook answers {"systemMessage": ...}.
    notice = {"type": "system", "subtype": "informational", "content": "Stop says: hi"}
    hook = {"type": "system", "subtype": "hook_response", "output": "{}"}
    run = ClaudeRun(0, [hook, notice, {"type": "result", "result": "ok"}], "")

    assert run.notices() == ["Stop says: hi"]


def test_what_the_model_was_told_is_read_from_the_last_user_message() -> None:
    body = {
        "messages": [
            {"role": "user", "content": [{"type": "text", "text": "old"}]},
            {
                "role": "user",
                "content": [
                    {"type": "tool_result", "tool_use_id": "t1", "content": "R", "is_error": True},
                    {
                        "type": "tool_result",
                        "tool_use_id": "t2",
                        "content": [{"type": "text", "text": "ok"}],
                    },
                    {"type": "text", "text": "note"},
                ],
            },
            {"role": "system", "content": [{"type": "text", "text": "not the user"}]},
        ]
    }

    assert tool_results(body) == [ToolResult("t1", "R", True), ToolResult("t2", "ok", False)]
    assert user_texts(body) == ["note"]
    assert user_texts({"messages": [{"role": "user", "content": "plain"}]}) == ["plain"]
    assert tool_results({"messages": []}) == []


def test_timeless_hides_only_the_ages_tddgate_quotes() -> None:
    told = "1 failed of 1 (report 12 s old).\nLast test run: green, 3 passed, 0 min old. 7 s"

    assert timeless(told) == (
        "1 failed of 1 (report N s old).\nLast test run: green, 3 passed, N min old. 7 s"
    )
