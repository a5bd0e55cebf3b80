"""The verbs behind `tddgate todo add|start|done|block`: pure functions from text to text.

The canonical layout (the one agents already write, see the session-snapshot fixture):

    # Current Session TODOs
    *Last updated: <time>*

    ## 🔄 IN PROGRESS (Max N items)
    - [ ] item

    ## 📋 PENDING
    - [ ] item

    ## ✅ COMPLETED
    - [x] item (Completed: <time>)

    ## 🔵 BLOCKED
    - [ ] item — reason

A verb moves one item to the section of its new status (see sections.py for how lines move
and why every other line is kept byte for byte). A verb whose item already has the target
status returns the text unchanged. Table rows are not moved (their Status cell is the
status). Copies of an item (same text and status; `list` shows one) are the file's own
words and stay as written: only the first moves.

The caller locks and writes atomically; these functions only compute the new text.
"""

from __future__ import annotations

import re

from tddgate.errors import TodoError
from tddgate.todos.markdown import REASON_SEPARATOR, Entry, parse_markdown
from tddgate.todos.model import BLOCKED, COMPLETED, IN_PROGRESS, PENDING, TodoItem
from tddgate.todos.sections import HEADINGS, STATUS_WORDS, Doc, Move, apply, move

TITLE = "# Current Session TODOs"
_ID = re.compile(r"[Ll]\d+")
_LAST_UPDATED = re.compile(r"\*Last updated:.*\*\s*$")


def is_id(match: str) -> bool:
    """Whether `match` names an item by its id ("L12") rather than by its text."""
    return bool(_ID.fullmatch(" ".join(match.split())))


def not_found(match: str) -> TodoError:
    """The refusal for a `match` that names no item."""
    return TodoError(f"no todo matches '{match}'; `tddgate todo list` shows them")


def _describe(entry: Entry) -> str:
    return f"{entry.item.id} ({STATUS_WORDS[entry.item.status]}) {entry.item.content}"


def _candidates(doc: Doc, match: str, target: str) -> list[Entry]:
    """The items `match` names: an id ("L12") or a case-insensitive piece of their text.

    When a piece matches several items, those the verb would change win, then exact text.
    Copies of an item (same text and status) count once, as the first: `list` shows that one.
    """
    key = " ".join(match.split())
    firsts: dict[tuple[str, str], Entry] = {}
    for e in doc.scan.entries:
        firsts.setdefault((e.item.content, e.item.status), e)
    entries = list(firsts.values())
    if _ID.fullmatch(key):
        return [e for e in entries if e.item.id == key.upper()]
    low = key.lower()
    found = [e for e in entries if low and low in e.item.content.lower()]
    for narrower in (
        [e for e in found if e.item.status != target],
        [e for e in found if e.item.content.lower() == low],
    ):
        if len(found) > 1 and narrower:
            found = narrower
    return found


def _find(doc: Doc, match: str, verb: str, target: str) -> Entry | None:
    """The one item `match` names, None if none; TodoError if several or a table row."""
    found = _candidates(doc, match, target)
    if len(found) > 1:
        raise TodoError(
            f"'{match}' matches {len(found)} todos: {'; '.join(map(_describe, found))}. "
            f"Name one by its id, e.g. `tddgate todo {verb} {found[0].item.id}`"
        )
    if found and found[0].in_table:
        raise TodoError(
            f"{found[0].item.id} '{found[0].item.content}' is a row of a markdown table; "
            "tddgate moves only list items. Change its Status cell by hand, or track it as a "
            "list item with `tddgate todo add`"
        )
    return found[0] if found else None


def _the(doc: Doc, match: str, verb: str, target: str) -> Entry:
    entry = _find(doc, match, verb, target)
    if entry is None:
        raise not_found(match)
    return entry


def find(text: str, match: str, verb: str, target: str) -> TodoItem | None:
    """The item `verb` (making it `target`) would change; None when `match` names none.

    Raises TodoError exactly as the verb would for an ambiguous match or a table row.
    """
    entry = _find(Doc(text), match, verb, target)
    return entry.item if entry else None


def _insert(text: str, content: str, status: str, heading: str) -> str:
    doc = Doc(text if text.strip() else f"{TITLE}\n")
    block = [doc.line(f"- [ ] {content}")]
    return apply(doc, Move(0, 0, block, status, heading, content))


def _clean(content: str, verb: str) -> str:
    content = " ".join(content.split())
    if not content:
        raise TodoError(
            f"cannot {verb} an empty todo; give its text, e.g. "
            f'`tddgate todo {verb} "Write the parser"`'
        )
    return content


def add(text: str, content: str) -> str:
    """`text` with `content` added as a pending item; an empty file gets the canonical title."""
    content = _clean(content, "add")
    for item in parse_markdown(text).items:
        if (item.content, item.status) == (content, PENDING):
            raise TodoError(
                f"'{content}' is already a pending todo ({item.id}); "
                f"start it with `tddgate todo start {item.id}`"
            )
    return _insert(text, content, PENDING, HEADINGS[PENDING])


def _valid_max(max_in_progress: int) -> None:
    if max_in_progress < 1:
        raise TodoError(
            f"max_in_progress is {max_in_progress}; set it to 1 or more in tddgate's config"
        )


def _room(text: str, content: str, max_in_progress: int) -> None:
    """Refuse to start `content` when `max_in_progress` items already are in progress."""
    busy = [i for i in parse_markdown(text).items if i.status == IN_PROGRESS]
    if len(busy) >= max_in_progress:
        names = "; ".join(f"{i.id} '{i.content}'" for i in busy)
        raise TodoError(
            f"cannot start '{content}': {len(busy)} todo(s) already in progress "
            f"(max {max_in_progress}): {names}. Finish one with `tddgate todo done "
            f"{busy[0].id}` or block it with `tddgate todo block {busy[0].id}` first"
        )


def _in_progress_heading(max_in_progress: int) -> str:
    plural = "" if max_in_progress == 1 else "s"
    return f"{HEADINGS[IN_PROGRESS]} (Max {max_in_progress} item{plural})"


def start(text: str, match: str, max_in_progress: int) -> str:
    """`text` with the item `match` names in progress, unless the maximum already are."""
    _valid_max(max_in_progress)
    doc = Doc(text)
    entry = _the(doc, match, "start", IN_PROGRESS)
    if entry.item.status != IN_PROGRESS:
        _room(text, entry.item.content, max_in_progress)
    return move(doc, entry, IN_PROGRESS, _in_progress_heading(max_in_progress))


def start_new(text: str, content: str, max_in_progress: int) -> str:
    """`text` with `content` as a new item in progress (one call on a fresh project).

    An item with exactly this text is not duplicated: that one is started instead (and the
    text is unchanged when it already is in progress).
    """
    _valid_max(max_in_progress)
    content = _clean(content, "start")
    same = [i for i in parse_markdown(text).items if i.content == content]
    if any(i.status == IN_PROGRESS for i in same):
        return text
    if same:
        return start(text, same[0].id, max_in_progress)
    _room(text, content, max_in_progress)
    return _insert(text, content, IN_PROGRESS, _in_progress_heading(max_in_progress))


def done(text: str, match: str, when: str) -> str:
    """`text` with the item `match` names completed, stamped "(Completed: when)" if `when`."""
    doc = Doc(text)
    entry = _the(doc, match, "done", COMPLETED)
    stamp = " ".join(when.split())
    suffix = f" (Completed: {stamp})" if stamp else ""
    return move(doc, entry, COMPLETED, HEADINGS[COMPLETED], suffix)


def block(text: str, match: str, reason: str) -> str:
    """`text` with the item `match` names blocked, as "item — reason" when a reason is given.

    An em dash inside the reason becomes "-": " — " is what separates the reason.
    """
    doc = Doc(text)
    entry = _the(doc, match, "block", BLOCKED)
    why = reason_text(reason)
    suffix = f"{REASON_SEPARATOR}{why}" if why else ""
    return move(doc, entry, BLOCKED, HEADINGS[BLOCKED], suffix)


def reason_text(reason: str) -> str:
    """A block reason as `block` writes it: one line, " — " (the separator) made "-"."""
    return " ".join(reason.split()).replace(REASON_SEPARATOR.strip(), "-")


def touch(text: str, when: str, *, insert: bool = True) -> str:
    """`text` with its "*Last updated: …*" line (above the first section) set to `when`.

    Without such a line one is added under the title, unless `insert` is False: adding a
    line shifts every later item's id ("L12"), which a caller may have just printed.
    """
    lines = text.split("\n")
    stamp = f"*Last updated: {when}*" + ("\r" if "\r\n" in text else "")
    for at, line in enumerate(lines):
        if line.startswith("## "):
            break
        if _LAST_UPDATED.match(line):
            lines[at] = stamp
            return "\n".join(lines)
    if not insert:
        return text
    at = 1 if lines[0].startswith("# ") else 0
    return "\n".join([*lines[:at], stamp, *lines[at:]])
