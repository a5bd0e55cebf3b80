"""Pure merge/unmerge/parse/render of a settings document."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tddgate.errors import InstallError
from tddgate.install import settings
from tddgate.install.entries import HOOKS, OurHooks, build_entries

ENTRIES = build_entries("/py", "/site/tddgate/hooks")
OURS = OurHooks()


def hook(command: str) -> dict[str, Any]:
    return {"type": "command", "command": command}


def test_merge_appends_after_foreign_entries_of_the_same_event() -> None:
    data = {"hooks": {"Stop": [{"hooks": [hook("say done")]}]}}

    merged = settings.merge(data, ENTRIES, OURS)

    assert merged["hooks"]["Stop"] == [{"hooks": [hook("say done")]}, *ENTRIES["Stop"]]
    assert data == {"hooks": {"Stop": [{"hooks": [hook("say done")]}]}}


def test_merge_replaces_an_older_install_in_its_slot() -> None:
    old = build_entries("/old/py", "/site/tddgate/hooks")["Stop"][0]
    foreign = {"hooks": [hook("say done")]}
    data = {"hooks": {"Stop": [old, foreign]}}

    merged = settings.merge(data, ENTRIES, OURS)

    assert merged["hooks"]["Stop"] == [ENTRIES["Stop"][0], foreign]


def test_merge_strips_our_hook_from_a_shared_group_and_adds_our_own() -> None:
    ours = ENTRIES["Stop"][0]["hooks"][0]
    data = {"hooks": {"Stop": [{"hooks": [hook("say done"), ours]}]}}

    merged = settings.merge(data, ENTRIES, OURS)

    assert merged["hooks"]["Stop"] == [{"hooks": [hook("say done")]}, ENTRIES["Stop"][0]]


def test_merge_leaves_shapes_it_does_not_know_alone() -> None:
    data = {"hooks": {"Stop": ["odd", {"no": "hooks"}, {"hooks": "x"}]}}

    merged = settings.merge(data, ENTRIES, OURS)

    assert merged["hooks"]["Stop"] == ["odd", {"no": "hooks"}, {"hooks": "x"}, *ENTRIES["Stop"]]


def test_unmerge_keeps_empty_containers_that_existed_before() -> None:
    before: dict[str, Any] = {"hooks": {"Stop": []}}
    merged = settings.merge(before, ENTRIES, OURS)

    assert settings.unmerge(merged, OURS, settings.skeleton(before)) == before


def test_unmerge_keeps_an_empty_hooks_object_that_existed_before() -> None:
    before: dict[str, Any] = {"model": "opus", "hooks": {}}
    merged = settings.merge(before, ENTRIES, OURS)

    assert settings.unmerge(merged, OURS, settings.skeleton(before)) == before


def test_unmerge_with_unknown_history_drops_what_it_emptied() -> None:
    merged = settings.merge({"model": "opus"}, ENTRIES, OURS)

    assert settings.unmerge(merged, OURS, None) == {"model": "opus"}


def test_unmerge_never_drops_a_container_that_was_empty_already() -> None:
    data: dict[str, Any] = {"hooks": {"Stop": []}}

    assert settings.unmerge(data, OURS, None) == data
    assert settings.unmerge({"hooks": {}}, OURS, None) == {"hooks": {}}


def test_count_ours_counts_hooks_not_groups() -> None:
    merged = settings.merge({}, ENTRIES, OURS)

    assert settings.count_ours(merged, OURS) == len(HOOKS)
    assert settings.count_ours({}, OURS) == 0


commands = st.sampled_from(["say done", "make lint", '"/x/tddgate/hooks/stop.py"'])
groups = st.lists(
    st.fixed_dictionaries(
        {"hooks": st.lists(st.builds(hook, commands), max_size=2)},
        optional={"matcher": st.sampled_from(["Bash", "*", ""])},
    ),
    max_size=3,
)
documents = st.fixed_dictionaries(
    {},
    optional={
        "model": st.text(max_size=5),
        "hooks": st.dictionaries(st.sampled_from(["Stop", "PreToolUse", "Notification"]), groups),
    },
)


@given(documents)
def test_merge_twice_is_merge_once(data: dict[str, Any]) -> None:
    once = settings.merge(data, ENTRIES, OURS)

    assert settings.merge(once, ENTRIES, OURS) == once


@given(documents)
def test_unmerge_undoes_merge_of_a_document_without_our_hooks(data: dict[str, Any]) -> None:
    merged = settings.merge(data, ENTRIES, OURS)

    assert settings.unmerge(merged, OURS, settings.skeleton(data)) == data


@given(documents)
def test_render_round_trips(data: dict[str, Any]) -> None:
    text = settings.render(data, None)

    assert settings.parse(text, "s.json", "install") == data
    assert settings.render(data, text) == text


def test_render_keeps_indent_line_endings_and_missing_final_newline() -> None:
    original = '{\r\n\t"a": [\r\n\t\t1\r\n\t]\r\n}'

    assert settings.render({"a": [1], "b": "é"}, original) == (
        '{\r\n\t"a": [\r\n\t\t1\r\n\t],\r\n\t"b": "é"\r\n}'
    )


def test_render_of_compact_or_empty_originals_uses_two_spaces_and_a_newline() -> None:
    assert settings.render({"a": 1}, '{"a": 0}\n') == '{\n  "a": 1\n}\n'
    assert settings.render({"a": 1}, "") == '{\n  "a": 1\n}\n'


def test_an_empty_file_parses_as_empty_settings() -> None:
    assert settings.parse(" \n", "s.json", "install") == {}


def test_comment_markers_inside_strings_are_not_comments() -> None:
    text = json.dumps({"url": "https://x/*y*/", "list": "[1, ]"})

    assert settings.parse(text, "s.json", "install") == {"url": "https://x/*y*/", "list": "[1, ]"}


def test_refusals_name_the_command_to_rerun() -> None:
    with pytest.raises(InstallError) as caught:
        settings.parse('{"hooks": null}', "~/.claude/settings.json", "uninstall")

    assert str(caught.value) == (
        '"hooks" in ~/.claude/settings.json is null, but Claude Code expects an object '
        '({"hooks": {"Stop": [...]}}). Fix it, then run `tddgate uninstall` again. '
        "The file was not changed."
    )
