"""The canonical writer: verbs on text, refusals that name the fix, real files kept intact."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tddgate.errors import TodoError
from tddgate.todos import canonical
from tddgate.todos.markdown import parse_markdown
from tddgate.todos.model import BLOCKED, COMPLETED, IN_PROGRESS, PENDING, TodoItem

FIXTURES = Path(__file__).parents[1] / "fixtures" / "todo-files"

FRESH = """\
# Current Session TODOs

## 🔄 IN PROGRESS (Max 1 item)
- [ ] Write the parser
  - Started: 11:48 AM

## 📋 PENDING
- [ ] Write the writer
- [ ] Write the docs

## ✅ COMPLETED
- [x] Sketch the design (Completed: 10:00)

## 🔵 BLOCKED
- [ ] Ship it — waiting for review
"""


def _state(text: str) -> list[tuple[str, str]]:
    return [(i.content, i.status) for i in parse_markdown(text).items]


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# --- the verbs -------------------------------------------------------------------------------


def test_add_to_an_empty_file_writes_the_canonical_title() -> None:
    assert canonical.add("", "Write the parser") == (
        "# Current Session TODOs\n\n## 📋 PENDING\n- [ ] Write the parser\n"
    )
    assert canonical.add("  \n", "a") == "# Current Session TODOs\n\n## 📋 PENDING\n- [ ] a\n"


def test_add_appends_to_the_pending_section() -> None:
    text = canonical.add(FRESH, "  Write   the tests ")
    assert text == FRESH.replace(
        "- [ ] Write the docs\n", "- [ ] Write the docs\n- [ ] Write the tests\n"
    )


def test_start_moves_the_item_and_creates_the_section() -> None:
    text = canonical.add(canonical.add("", "a"), "b")
    assert canonical.start(text, "b", 2) == (
        "# Current Session TODOs\n\n"
        "## 🔄 IN PROGRESS (Max 2 items)\n- [ ] b\n\n"
        "## 📋 PENDING\n- [ ] a\n"
    )


def test_done_stamps_the_time_and_moves_details() -> None:
    text = canonical.done(FRESH, "parser", "2025-08-31T12:00")
    assert text == FRESH.replace(
        "- [ ] Write the parser\n  - Started: 11:48 AM\n", ""
    ).replace(
        "(Completed: 10:00)\n",
        "(Completed: 10:00)\n- [x] Write the parser (Completed: 2025-08-31T12:00)\n"
        "  - Started: 11:48 AM\n",
    )


def test_done_without_a_time_has_no_stamp() -> None:
    assert "- [x] Write the docs\n" in canonical.done(FRESH, "docs", "  ")


def test_block_writes_the_reason_after_a_dash() -> None:
    text = canonical.block(FRESH, "writer", "needs the parser — and a review")
    assert text.endswith(
        "- [ ] Ship it — waiting for review\n"
        "- [ ] Write the writer — needs the parser - and a review\n"
    )
    assert ("Write the writer", BLOCKED) in _state(text)


def test_starting_a_blocked_item_drops_its_reason() -> None:
    text = canonical.done(FRESH, "parser", "")
    text = canonical.start(text, "ship", 1)
    assert "## 🔄 IN PROGRESS (Max 1 item)\n- [ ] Ship it\n" in text
    assert "waiting for review" not in text


def test_reopening_a_completed_item() -> None:
    text = canonical.done(FRESH, "parser", "")
    assert ("Sketch the design", PENDING) not in _state(text)
    text = canonical.start(text, "sketch", 1)
    assert ("Sketch the design", IN_PROGRESS) in _state(text)
    assert "(Completed: 10:00)" not in text  # the stale stamp would read as "done"


@pytest.mark.parametrize(
    ("verb", "match"),
    [
        (lambda t, m: canonical.start(t, m, 1), "parser"),
        (lambda t, m: canonical.done(t, m, "now"), "sketch"),
        (lambda t, m: canonical.block(t, m, "other reason"), "ship"),
    ],
)
def test_a_verb_on_an_item_already_there_changes_nothing(
    verb: Callable[[str, str], str], match: str
) -> None:
    assert verb(FRESH, match) == FRESH


def test_round_trip_of_every_verb() -> None:
    text = ""
    for content in ("a", "b", "c", "d"):
        text = canonical.add(text, content)
    text = canonical.start(text, "a", 2)
    text = canonical.start(text, "L7", 2)  # b, by id
    text = canonical.done(text, "a", "t1")
    text = canonical.block(text, "C", "why")
    assert sorted(_state(text)) == sorted([
        ("b", IN_PROGRESS), ("d", PENDING), ("a", COMPLETED), ("c", BLOCKED),
    ])
    assert parse_markdown(text).warnings == ()


def test_add_when_the_file_starts_with_an_item() -> None:
    assert canonical.add("- [ ] a\n", "b") == (
        "- [ ] a\n\n## 📋 PENDING\n- [ ] b\n"
    )


def test_a_move_that_would_change_other_lines_is_refused() -> None:
    # Without the item between them, "| c | done |" would join the table above.
    text = "| Task | Status |\n|---|---|\n| b | done |\n- [ ] a (IN PROGRESS)\n| c | done |\n"
    with pytest.raises(TodoError) as caught:
        canonical.done(text, "a", "")
    assert str(caught.value) == (
        "cannot move 'a' without changing how other lines of the file read; "
        "move its line by hand"
    )


def test_crlf_files_stay_crlf() -> None:
    text = canonical.start(FRESH.replace("\n", "\r\n"), "docs", 2)
    assert "\n" not in text.replace("\r\n", "")
    assert ("Write the docs", IN_PROGRESS) in _state(text)


# --- matching ----------------------------------------------------------------------------------

def test_match_prefers_items_the_verb_changes_then_exact_text() -> None:
    text = "## PENDING\n- [ ] Write\n- [ ] Write more\n## IN PROGRESS\n- [ ] Write docs\n"
    # "write" matches three; start leaves out the one in progress, then "Write" is exact.
    assert "## IN PROGRESS\n- [ ] Write docs\n- [ ] Write\n" in canonical.start(text, "write", 2)


def test_copies_of_an_item_count_once() -> None:
    text = "## IN PROGRESS\n- [ ] a\n## Next\n1. a (IN PROGRESS)\n"
    moved = canonical.done(text, "a", "")
    # The first copy moves; the restatement is the file's own text and stays as written.
    assert moved == (
        "## IN PROGRESS\n\n## ✅ COMPLETED\n- [x] a\n\n## Next\n1. a (IN PROGRESS)\n"
    )
    assert _state(moved) == [("a", COMPLETED), ("a", IN_PROGRESS)]


def test_no_match() -> None:
    with pytest.raises(TodoError) as caught:
        canonical.done(FRESH, "nothing like it", "")
    assert str(caught.value) == "no todo matches 'nothing like it'; `tddgate todo list` shows them"


def test_unknown_id() -> None:
    with pytest.raises(TodoError) as caught:
        canonical.start(FRESH, "L99", 1)
    assert str(caught.value) == "no todo matches 'L99'; `tddgate todo list` shows them"


def test_ambiguous_match_lists_the_candidates() -> None:
    with pytest.raises(TodoError) as caught:
        canonical.block(FRESH, "write", "")
    assert str(caught.value) == (
        "'write' matches 3 todos: L4 (in progress) Write the parser; "
        "L8 (pending) Write the writer; L9 (pending) Write the docs. "
        "Name one by its id, e.g. `tddgate todo block L4`"
    )


def test_start_beyond_the_maximum_names_the_item_in_progress() -> None:
    with pytest.raises(TodoError) as caught:
        canonical.start(FRESH, "docs", 1)
    assert str(caught.value) == (
        "cannot start 'Write the docs': 1 todo(s) already in progress (max 1): "
        "L4 'Write the parser'. Finish one with `tddgate todo done L4` or block it with "
        "`tddgate todo block L4` first"
    )


def test_maximum_below_one_is_refused() -> None:
    with pytest.raises(TodoError) as caught:
        canonical.start(FRESH, "docs", 0)
    assert str(caught.value) == "max_in_progress is 0; set it to 1 or more in tddgate's config"


def test_table_rows_are_not_moved() -> None:
    with pytest.raises(TodoError) as caught:
        canonical.done(_fixture("progress-status-tables.md"), "L45", "")
    assert str(caught.value) == (
        "L45 'Dockerfile' is a row of a markdown table; tddgate moves only list items. "
        "Change its Status cell by hand, or track it as a list item with `tddgate todo add`"
    )


def test_add_refuses_empty_text() -> None:
    with pytest.raises(TodoError) as caught:
        canonical.add(FRESH, " \n ")
    assert str(caught.value) == (
        'cannot add an empty todo; give its text, e.g. `tddgate todo add "Write the parser"`'
    )


def test_add_refuses_a_pending_duplicate() -> None:
    with pytest.raises(TodoError) as caught:
        canonical.add(FRESH, "Write the docs")
    assert str(caught.value) == (
        "'Write the docs' is already a pending todo (L9); "
        "start it with `tddgate todo start L9`"
    )


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda: canonical.add(FRESH, "a (DONE)"),
         "cannot make 'a (DONE)' pending: the file would read it back as 'a' (pending)"),
        (lambda: canonical.add(FRESH, "✅"),
         "cannot make '✅' pending: the file would read it back as no todo"),
        (lambda: canonical.done("- [ ] Phase 1 (95% complete)\n", "phase", ""),
         "cannot make 'Phase 1 (95% complete)' completed: the file would read it back as "
         "'Phase 1 (95% complete)' (in progress)"),
        (lambda: canonical.block(FRESH, "docs", "(DONE)"),
         "cannot make 'Write the docs' blocked: the file would read it back as "
         "'Write the docs —' (pending)"),
    ],
)
def test_a_result_that_would_read_back_differently_is_refused(
    action: Callable[[], str], message: str
) -> None:
    with pytest.raises(TodoError) as caught:
        action()
    assert str(caught.value) == message + (
        ". Take status words in brackets, status emoji and 'N% complete' claims out of its "
        "text, then try again"
    )


# --- the real files: only the item's lines change --------------------------------------------


def _without(lines: list[str], block: list[str]) -> list[str]:
    """`lines` without `block`, which must occur in them exactly once (or be empty)."""
    if not block:
        return lines
    found = [i for i in range(len(lines)) if lines[i : i + len(block)] == block]
    assert len(found) == 1, (block, found)
    return lines[: found[0]] + lines[found[0] + len(block) :]


def _assert_changes(before: str, after: str, removed: list[str], added: list[str]) -> None:
    """Exactly `removed` left and `added` came; every other line kept byte for byte, in order."""
    old, new = before.split("\n"), after.split("\n")
    assert _without(old, removed) == _without(new, added)


SNAPSHOT_PENDING = [
    "1. [ ] Implement OpenPhone webhook receiver with queue",
    "   - Why: Core functionality for receiving SMS",
    "   - Depends on: Database schema",
]
CELERY = [
    "3. [ ] Configure Celery with Redis for async processing",
    "   - Why: Background task processing for campaign sending",
    "   - Depends on: Basic app structure",
]
ALEMBIC = [
    "- [ ] Set up PostgreSQL schema with Alembic",
    "  - Started: 11:28 AM",
    "  - Files: backend/app/models/, alembic/ directory",
    "  - Status: Creating database schema and migration system",
    "  - Next: Initialize Alembic, create base models, set up database connection",
]
INTERCEPTOR = [
    "- [ ] Frontend console interceptor (Phase 5)",
    "  - [ ] JavaScript/TypeScript interceptor",
    "  - [ ] Circular reference handling",
    "  - [ ] Message batching",
    "  - [ ] Auto-reconnection",
]

FIXTURE_MOVES = [
    ("current-md-session-snapshot.md", lambda t: canonical.start(t, "L87", 2),
     SNAPSHOT_PENDING,
     ["- [ ] Implement OpenPhone webhook receiver with queue", *SNAPSHOT_PENDING[1:]],
     ("Implement OpenPhone webhook receiver with queue", IN_PROGRESS)),
    ("current-md-session-snapshot.md", lambda t: canonical.block(t, "celery", "needs Redis"),
     CELERY,
     ["## 🔵 BLOCKED",
      "- [ ] Configure Celery with Redis for async processing — needs Redis", *CELERY[1:], ""],
     ("Configure Celery with Redis for async processing", BLOCKED)),
    ("current-md-session-snapshot.md", lambda t: canonical.add(t, "Write the webhook tests"),
     [], ["- [ ] Write the webhook tests"], ("Write the webhook tests", PENDING)),
    ("implementation-checklist.md", lambda t: canonical.done(t, "unit tests for models", "12:00"),
     ["- [ ] Unit tests for models"],
     ["", "## ✅ COMPLETED", "- [x] Unit tests for models (Completed: 12:00)"],
     ("Unit tests for models", COMPLETED)),
    ("implementation-checklist.md", lambda t: canonical.start(t, "L86", 4),
     INTERCEPTOR, ["", "## 🔄 IN PROGRESS (Max 4 items)", *INTERCEPTOR],
     ("Frontend console interceptor (Phase 5)", IN_PROGRESS)),
    ("todo-history-excerpt.md", lambda t: canonical.done(t, "L251", "11:50"),
     ALEMBIC,
     ["- [x] Set up PostgreSQL schema with Alembic (Completed: 11:50)", *ALEMBIC[1:]],
     ("Set up PostgreSQL schema with Alembic", COMPLETED)),
    ("progress-status-tables.md", lambda t: canonical.add(t, "Launch"),
     [], ["", "## 📋 PENDING", "- [ ] Launch"], ("Launch", PENDING)),
]


@pytest.mark.parametrize(("name", "verb", "removed", "added", "now"), FIXTURE_MOVES)
def test_real_files_keep_every_other_line(
    name: str, verb: Callable[[str], str], removed: list[str], added: list[str],
    now: tuple[str, str],
) -> None:
    before = _fixture(name)
    after = verb(before)
    _assert_changes(before, after, removed, added)
    assert now in _state(after)
    state_before, state_after = _state(before), _state(after)
    gone = [pair for pair in state_before if pair not in state_after]
    new = [pair for pair in state_after if pair not in state_before]
    assert len(gone) <= 1 and new == [now]


# --- touch ------------------------------------------------------------------------------------


def test_touch_replaces_the_last_updated_line() -> None:
    text = "# T\n*Last updated: Sun Aug 31 11:48:15 EDT 2025*\n\n## PENDING\n"
    assert canonical.touch(text, "2025-09-01T10:00") == (
        "# T\n*Last updated: 2025-09-01T10:00*\n\n## PENDING\n"
    )


def test_touch_adds_the_line_under_the_title() -> None:
    assert canonical.touch(FRESH, "now").startswith(
        "# Current Session TODOs\n*Last updated: now*\n\n## 🔄 IN PROGRESS"
    )
    assert canonical.touch("## PENDING\n", "now") == "*Last updated: now*\n## PENDING\n"


def test_touch_without_insert_leaves_a_file_without_the_line_alone() -> None:
    assert canonical.touch(FRESH, "now", insert=False) == FRESH
    text = "# T\n*Last updated: then*\n"
    assert canonical.touch(text, "now", insert=False) == "# T\n*Last updated: now*\n"


# --- start_new, find, is_id, reason_text: what `tddgate todo` builds on ------------------------


def test_start_new_on_an_empty_file_writes_the_canonical_title() -> None:
    assert canonical.start_new("", "  Add   subtraction ", 1) == (
        "# Current Session TODOs\n\n## 🔄 IN PROGRESS (Max 1 item)\n- [ ] Add subtraction\n"
    )


def test_start_new_appends_to_the_in_progress_section() -> None:
    text = canonical.start_new(FRESH, "Write the tests", 2)
    assert text == FRESH.replace(
        "  - Started: 11:48 AM\n", "  - Started: 11:48 AM\n- [ ] Write the tests\n"
    )


def test_start_new_starts_an_item_with_the_same_text_instead_of_copying_it() -> None:
    text = canonical.start_new(FRESH, "Write the docs", 2)
    assert text == canonical.start(FRESH, "L9", 2)
    assert canonical.start_new(FRESH, "Write the parser", 1) == FRESH


def test_start_new_refusals() -> None:
    with pytest.raises(TodoError) as caught:
        canonical.start_new(FRESH, "Write the tests", 1)
    assert str(caught.value) == (
        "cannot start 'Write the tests': 1 todo(s) already in progress (max 1): L4 'Write the "
        "parser'. Finish one with `tddgate todo done L4` or block it with `tddgate todo block "
        "L4` first"
    )
    with pytest.raises(TodoError) as caught:
        canonical.start_new(FRESH, " ", 1)
    assert str(caught.value) == (
        'cannot start an empty todo; give its text, e.g. `tddgate todo start "Write the parser"`'
    )
    with pytest.raises(TodoError) as caught:
        canonical.start_new("", "a", 0)
    assert str(caught.value) == "max_in_progress is 0; set it to 1 or more in tddgate's config"


def test_find_names_the_item_a_verb_would_change() -> None:
    assert canonical.find(FRESH, "docs", "done", COMPLETED) == TodoItem(
        "L9", "Write the docs", PENDING
    )
    assert canonical.find(FRESH, "l12", "start", IN_PROGRESS) == TodoItem(
        "L12", "Sketch the design", COMPLETED
    )
    assert canonical.find(FRESH, "nothing like it", "done", COMPLETED) is None
    with pytest.raises(TodoError) as caught:
        canonical.find(FRESH, "write the", "done", COMPLETED)
    assert str(caught.value) == (
        "'write the' matches 3 todos: L4 (in progress) Write the parser; L8 (pending) Write the "
        "writer; L9 (pending) Write the docs. Name one by its id, e.g. `tddgate todo done L4`"
    )


def test_is_id_and_not_found() -> None:
    assert [canonical.is_id(m) for m in ("L12", " l3 ", "L", "L12 x", "12")] == [
        True, True, False, False, False,
    ]  # fmt: skip
    assert str(canonical.not_found("x")) == "no todo matches 'x'; `tddgate todo list` shows them"


def test_reason_text_is_what_block_writes() -> None:
    assert canonical.reason_text("  waiting —  on\nreview ") == "waiting - on review"
    assert canonical.block(FRESH, "docs", "waiting — on review").count(
        "- [ ] Write the docs — waiting - on review\n"
    ) == 1


# --- a model: any sequence of verbs reads back as the model says ------------------------------

NAMES = ("alpha", "beta", "gamma", "delta")
VERBS = st.lists(st.tuples(st.sampled_from(("add", "start", "done", "block")),
                           st.sampled_from(NAMES)), max_size=25)


@settings(max_examples=150, deadline=None)
@given(VERBS)
def test_verbs_follow_a_simple_model(steps: list[tuple[str, str]]) -> None:
    text, model = "", dict[str, str]()
    target = {"start": IN_PROGRESS, "done": COMPLETED, "block": BLOCKED}
    for verb, name in steps:
        if verb == "add":
            if name not in model:
                text, model[name] = canonical.add(text, name), PENDING
        elif name in model:
            busy = [n for n, s in model.items() if s == IN_PROGRESS and n != name]
            if verb == "start" and model[name] != IN_PROGRESS and len(busy) >= 2:
                with pytest.raises(TodoError):
                    canonical.start(text, name, 2)
                continue
            if verb == "start":
                text = canonical.start(text, name, 2)
            elif verb == "done":
                text = canonical.done(text, name, "t")
            else:
                text = canonical.block(text, name, "r")
            model[name] = target[verb]
    assert sorted(_state(text)) == sorted(model.items())
