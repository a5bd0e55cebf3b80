from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from tddgate.history import parse_since, render_json, render_md
from tddgate.state.snapshot_format import Snapshot

T0 = datetime(2026, 11, 22, 10, 11, 59, tzinfo=UTC).timestamp()
GREEN = {"green": True, "passed": 12, "failed": 0, "skipped": 0, "errors": 0, "total": 12,
         "created": T0 - 19, "full_suite": True}  # fmt: skip


pytestmark = pytest.mark.usefixtures("utc")  # history shows local time


def snap(
    *items: tuple[str, str],
    at: float = T0,
    session: str = "abc12345-0000",
    agent: str | None = None,
    completed: tuple[dict[str, Any], ...] = (),
    event: str = "PostToolUse:TodoWrite",
) -> Snapshot:
    rows = tuple(
        {"id": str(n), "content": c, "status": s, "activeForm": ""}
        for n, (c, s) in enumerate(items)
    )
    return Snapshot(at, session, agent, "todowrite", event, rows, None, completed)


def md(*snaps: Snapshot) -> str:
    return "".join(render_md(snaps, "demo"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30m", 1_000_000 - 1800),
        ("2h", 1_000_000 - 7200),
        (" 1d ", 1_000_000 - 86400),
        ("1w", 1_000_000 - 604800),
        ("45s", 1_000_000 - 45),
        ("2026-11-22T10:11:59Z", T0),
        ("2026-11-22T11:11:59+01:00", T0),
        ("2026-11-22T10:11:59", T0),  # naive = local time (UTC here)
        ("2026-11-22", datetime(2026, 11, 22, tzinfo=UTC).timestamp()),
    ],
)
def test_since_accepts_iso_8601_and_ages(text: str, expected: float) -> None:
    assert parse_since(text, now=1_000_000) == expected


@pytest.mark.parametrize("text", ["yesterday", "2x", "-1h", "", "10", "2026-13-01"])
def test_since_refuses_anything_else(text: str) -> None:
    assert parse_since(text, now=1_000_000) is None


def test_an_empty_history_renders_only_the_title() -> None:
    assert md() == "# Todo history — demo\n"


def test_a_state_shows_its_sections_in_working_order() -> None:
    state = snap(("Done", "completed"), ("Next", "pending"), ("Now", "in_progress"),
                 ("Stuck", "blocked"))  # fmt: skip
    assert md(state) == (
        "# Todo history — demo\n"
        "\n"
        "## 2026-11-22 10:11:59 — PostToolUse:TodoWrite (session abc12345, todowrite)\n"
        "\n"
        "### 🔄 In progress\n"
        "- 🔄 Now\n"
        "\n"
        "### 📋 Pending\n"
        "- [ ] Next\n"
        "\n"
        "### 🔵 Blocked\n"
        "- 🔵 Stuck\n"
        "\n"
        "### ✅ Completed\n"
        "- ✅ Done\n"
    )


def test_an_empty_list_and_a_subagent_are_said_so() -> None:
    assert md(snap(agent="f00dcafe1234", event="SubagentStop")) == (
        "# Todo history — demo\n"
        "\n"
        "## 2026-11-22 10:11:59 — SubagentStop (session abc12345, agent f00dcafe, todowrite)\n"
        "\n"
        "*no todos*\n"
    )


@pytest.mark.parametrize(
    ("evidence", "line"),
    [
        (GREEN, "- ✅ Add subtraction — 12 passed, 0 skipped, full suite, report 10:11:40"),
        (
            {**GREEN, "created": T0 - 86400},
            "- ✅ Add subtraction — 12 passed, 0 skipped, full suite, report 2026-11-21 10:11:59",
        ),
        (
            {**GREEN, "green": False, "failed": 3, "skipped": 1, "passed": 8, "full_suite": False},
            "- ⚠️ Add subtraction — NOT green: 3 failed, 0 errors, 1 skipped, 8 passed, "
            "partial run, report 10:11:40",
        ),
        (
            {**GREEN, "created": None},
            "- ✅ Add subtraction — 12 passed, 0 skipped, full suite, report time unknown",
        ),
        (None, "- ⚠️ Add subtraction — no test evidence (no test report when it was completed)"),
    ],
)
def test_each_completion_shows_the_proof_behind_it(
    evidence: dict[str, Any] | None, line: str
) -> None:
    done = ({"id": "0", "content": "Add subtraction", "evidence": evidence},)
    rendered = md(snap(("Add subtraction", "completed"), completed=done))
    assert rendered.endswith(
        f"\n### ✅ Completed\n- ✅ Add subtraction\n\n### 🏁 Completions\n{line}\n"
    )


def test_runs_of_identical_states_collapse_into_one_line() -> None:
    same = [snap(("A", "pending"), at=T0 + n) for n in range(4)]
    then = snap(("A", "in_progress"), at=T0 + 9)
    once = snap(("A", "in_progress"), at=T0 + 10)
    assert md(*same, then, once) == (
        "# Todo history — demo\n"
        "\n"
        "## 2026-11-22 10:11:59 — PostToolUse:TodoWrite (session abc12345, todowrite)\n"
        "\n"
        "### 📋 Pending\n"
        "- [ ] A\n"
        "\n"
        "… 3 more identical states until 10:12:02\n"
        "\n"
        "## 2026-11-22 10:12:08 — PostToolUse:TodoWrite (session abc12345, todowrite)\n"
        "\n"
        "### 🔄 In progress\n"
        "- 🔄 A\n"
        "\n"
        "… 1 more identical state until 10:12:09\n"
    )


def test_a_mirror_with_other_ids_and_forms_collapses_into_the_state_it_repeats() -> None:
    todo = snap(("A", "in_progress"), ("B", "pending"))
    rows = ({"id": "12", "content": "A", "status": "in_progress", "activeForm": "Doing A"},
            {"id": "13", "content": "B", "status": "pending", "activeForm": ""})  # fmt: skip
    mirror = todo._replace(source="markdown:todo.md", items=rows, time=T0 + 4)
    assert md(todo, mirror).endswith("\n… 1 more identical state until 10:12:03\n")


def test_another_actor_or_a_completion_is_never_collapsed() -> None:
    first = snap(("A", "completed"))
    other_session = snap(("A", "completed"), session="ffff0000")
    subagent = snap(("A", "completed"), session="ffff0000", agent="a1")
    done = snap(("A", "completed"), session="ffff0000", agent="a1",
                completed=({"id": "0", "content": "A", "evidence": None},))  # fmt: skip
    assert md(first, other_session, subagent, done).count("\n## ") == 4


def test_json_renders_the_stored_lines() -> None:
    states = [snap(("A", "pending")), snap(("A", "completed"), at=T0 + 1)]
    assert list(render_json(states)) == [s.to_line() + "\n" for s in states]


def _endless() -> Iterator[Snapshot]:
    for n in itertools.count():
        yield snap((f"T{n}", "pending"), at=T0 + n)


def test_rendering_pulls_snapshots_lazily() -> None:
    assert len(list(itertools.islice(render_md(_endless(), "demo"), 3))) == 3
    assert len(list(itertools.islice(render_json(_endless()), 3))) == 3
