"""The entries table, command quoting, and recognising our hooks again."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tddgate.errors import InstallError
from tddgate.install import entries
from tddgate.install.entries import OurHooks


def test_table_is_the_specified_events_matchers_and_scripts() -> None:
    assert [tuple(spec) for spec in entries.HOOKS] == [
        (
            "PreToolUse",
            "Write|Edit|MultiEdit|NotebookEdit|Bash|TodoWrite|TaskUpdate",
            "pre_tool_use.py",
        ),
        (
            "PostToolUse",
            "Write|Edit|MultiEdit|NotebookEdit|Bash|TodoWrite|TaskCreate|TaskUpdate",
            "post_tool_use.py",
        ),
        ("PostToolUseFailure", "Bash", "post_tool_use_failure.py"),
        ("Stop", None, "stop.py"),
        ("SubagentStop", None, "subagent_stop.py"),
        ("TaskCreated", None, "task_created.py"),
        ("TaskCompleted", None, "task_completed.py"),
        ("SessionStart", None, "session_start.py"),
        ("UserPromptSubmit", None, "user_prompt_submit.py"),
    ]


def test_build_entries_quotes_both_paths_and_omits_absent_matchers() -> None:
    built = entries.build_entries("/v env/bin/python", "/site/tddgate/hooks")

    assert built["Stop"] == [
        {
            "hooks": [
                {
                    "type": "command",
                    "command": '"/v env/bin/python" "/site/tddgate/hooks/stop.py"',
                    "timeout": 30,
                }
            ]
        }
    ]
    assert built["PreToolUse"][0]["matcher"] == entries.HOOKS[0].matcher
    assert list(built) == [spec.event for spec in entries.HOOKS]


@pytest.mark.parametrize("char", ['"', "$", "`", "\\", "\n"])
def test_paths_the_shell_would_mangle_are_refused(char: str) -> None:
    path = f"/opt/a{char}b/python"

    with pytest.raises(InstallError) as caught:
        entries.command_for(path, "/site/tddgate/hooks/stop.py")

    assert str(caught.value) == (
        f"the path {path!r} contains {char!r}, which cannot be quoted safely in a hook "
        "command. Install tddgate in a virtualenv whose path has none of these characters, "
        "then run `tddgate install` again."
    )


def test_entry_commands_lists_every_command_in_order() -> None:
    built = entries.build_entries("/py", "/h")

    assert entries.entry_commands(built) == [f'"/py" "/h/{s.script}"' for s in entries.HOOKS]


@pytest.mark.parametrize(
    "command",
    [
        '"/old/bin/python" "/x/site-packages/tddgate/hooks/stop.py"',
        '"/py" "/work/checkout/hooks/pre_tool_use.py"',
        "recorded exactly",
    ],
)
def test_ours_by_record_by_tddgate_dir_or_by_known_hooks_dir(command: str) -> None:
    ours = OurHooks(["recorded exactly"], ["/work/checkout/hooks/"])

    assert ours(command)


@pytest.mark.parametrize(
    "command",
    [
        '"/py" "/my/project/hooks/stop.py"',
        '"/py" "/x/tddgate/hooks/my_own.py"',
        '"/py" "/x/tddgate/scripts/stop.py"',
        "/py /x/tddgate/hooks/stop.py",
        '"/py" "/x/tddgate/hooks/stop.py" --flag "x"',
        '"/py" "unbalanced',
        'python3 "${CLAUDE_PLUGIN_ROOT}/hooks/stop.py"',
        None,
        42,
    ],
)
def test_not_ours(command: object) -> None:
    assert not OurHooks(["recorded exactly"], ["/work/checkout/hooks"])(command)


def test_check_hooks_dir_names_missing_scripts(tmp_path: Path) -> None:
    (tmp_path / "stop.py").write_text("")

    with pytest.raises(InstallError) as caught:
        entries.check_hooks_dir(tmp_path)

    assert str(caught.value) == (
        f"tddgate's hook scripts are missing from {tmp_path}: post_tool_use.py, "
        "post_tool_use_failure.py, pre_tool_use.py, session_start.py, subagent_stop.py, task_completed.py, "
        "task_created.py, user_prompt_submit.py. Reinstall tddgate "
        "(`pip install --force-reinstall tddgate`), then run `tddgate install` again."
    )


def test_locate_hooks_dir_finds_the_hooks_package() -> None:
    spec = importlib.util.find_spec("tddgate.hooks")
    assert spec is not None
    assert spec.submodule_search_locations is not None

    found = entries.locate_hooks_dir()

    assert found == Path(spec.submodule_search_locations[0])
    entries.check_hooks_dir(found)


def test_locate_hooks_dir_without_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)

    with pytest.raises(InstallError) as caught:
        entries.locate_hooks_dir()

    assert str(caught.value) == (
        "cannot find the tddgate.hooks package that holds tddgate's hook scripts. "
        "Reinstall tddgate (`pip install --force-reinstall tddgate`), "
        "then run `tddgate install` again."
    )
