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

A verb moves one item: it cuts the item's line and its indented detail lines, rewrites the
item line in canonical form (so no stale marker or emoji contradicts the new status), and
appends it to the first level-2 section whose title starts with the status ("## ✅ COMPLETED
THIS SESSION" counts, "## Definition of Done" and "#### Completed" do not), creating that
section in canonical order if the file has none. Every other line is kept byte for byte:
agents keep notes, recovery context and history in the same file. A verb whose item already
has the target status returns the text unchanged. Table rows are not moved (their Status
cell is the status). Copies of an item (same text and status; `list` shows one) are the
file's own words and stay as written: only the first moves. Every result is parsed back:
the item must read with its new status and every other item exactly as before, so a verb
never writes a file the parser would read differently.

The caller locks and writes atomically; these functions only compute the new text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tddgate.errors import TodoError
from tddgate.todos.markdown import (
    REASON_SEPARATOR,
    Entry,
    Scan,
    leading_status,
    parse_markdown,
    scan_markdown,
)
from tddgate.todos.model import BLOCKED, COMPLETED, IN_PROGRESS, PENDING

TITLE = "# Current Session TODOs"
ORDER = (IN_PROGRESS, PENDING, COMPLETED, BLOCKED)
_HEADINGS = {
    IN_PROGRESS: "## 🔄 IN PROGRESS",
    PENDING: "## 📋 PENDING",
    COMPLETED: "## ✅ COMPLETED",
    BLOCKED: "## 🔵 BLOCKED",
}
_WORDS = {
    IN_PROGRESS: "in progress", PENDING: "pending", COMPLETED: "completed", BLOCKED: "blocked",
}
_ID = re.compile(r"[Ll]\d+")
_LAST_UPDATED = re.compile(r"\*Last updated:.*\*\s*$")


class _Doc:
    """The text as lines (each keeps its "\\r" if the file uses CRLF) plus its scan."""

    def __init__(self, text: str) -> None:
        self.cr = "\r" if "\r\n" in text else ""
        self.lines = text.split("\n")
        self.scan: Scan = scan_markdown(text)

    def line(self, text: str) -> str:
        return text + self.cr


def _describe(entry: Entry) -> str:
    return f"{entry.item.id} ({_WORDS[entry.item.status]}) {entry.item.content}"


def _find(doc: _Doc, match: str, verb: str, target: str) -> Entry:
    """The one item `match` names: an id ("L12") or a case-insensitive piece of its text.

    When a piece matches several items, those the verb would change win, then exact text.
    Copies of an item (same text and status) count once, as the first: `list` shows that one.
    """
    key = " ".join(match.split())
    firsts: dict[tuple[str, str], Entry] = {}
    for e in doc.scan.entries:
        firsts.setdefault((e.item.content, e.item.status), e)
    entries = list(firsts.values())
    if _ID.fullmatch(key):
        found = [e for e in entries if e.item.id == key.upper()]
    else:
        low = key.lower()
        found = [e for e in entries if low and low in e.item.content.lower()]
        for narrower in (
            [e for e in found if e.item.status != target],
            [e for e in found if e.item.content.lower() == low],
        ):
            if len(found) > 1 and narrower:
                found = narrower
    if not found:
        raise TodoError(f"no todo matches '{match}'; `tddgate todo list` shows them")
    if len(found) > 1:
        raise TodoError(
            f"'{match}' matches {len(found)} todos: {'; '.join(map(_describe, found))}. "
            f"Name one by its id, e.g. `tddgate todo {verb} {found[0].item.id}`"
        )
    if found[0].in_table:
        raise TodoError(
            f"{found[0].item.id} '{found[0].item.content}' is a row of a markdown table; "
            "tddgate moves only list items. Change its Status cell by hand, or track it as a "
            "list item with `tddgate todo add`"
        )
    return found[0]


def _block_end(doc: _Doc, entry: Entry) -> int:
    """Index after the item's last detail line (lines indented deeper; blanks between)."""
    end = entry.line_index + 1
    for at in range(entry.line_index + 1, len(doc.lines)):
        line = doc.lines[at]
        body = line.lstrip()
        if body and len(line) - len(body) <= entry.indent:
            break
        end = at + 1 if body else end
    return end


def _last_text(doc: _Doc, start: int, stop: int) -> int:
    """Index after the last non-blank line in lines[start:stop] (start if there is none)."""
    end = start
    for at in range(start, stop):
        end = at + 1 if doc.lines[at].strip() else end
    return end


class _Section(NamedTuple):
    heading: int  # index of the heading line
    body_end: int  # after the last non-blank line before the next heading
    end: int  # after the last non-blank line before the next heading of level 1 or 2


def _section(doc: _Doc, status: str) -> _Section | None:
    """The first level-2 section whose title starts with `status` (as the canonical ones do)."""
    headings = doc.scan.headings
    for n, heading in enumerate(headings):
        if heading.level != 2 or leading_status(heading.title) != status:
            continue
        following = [h.line_index for h in headings[n + 1 :]] + [len(doc.lines)]
        closing = [h.line_index for h in headings[n + 1 :] if h.level <= 2] + [len(doc.lines)]
        start = heading.line_index + 1
        return _Section(
            heading.line_index,
            _last_text(doc, start, following[0]),
            _last_text(doc, start, closing[0]),
        )
    return None


def _new_section_at(doc: _Doc, status: str) -> int:
    """Where a missing section goes: before the next canonical one, after the previous, or last."""
    rank = ORDER.index(status)
    for later in ORDER[rank + 1 :]:
        found = _section(doc, later)
        if found:
            return found.heading
    for earlier in reversed(ORDER[:rank]):
        found = _section(doc, earlier)
        if found:
            return found.end
    return _last_text(doc, 0, len(doc.lines))


class _Move(NamedTuple):
    """Cut lines[start:end], add `block` to the section of `status` (made from `heading`)."""

    start: int
    end: int
    block: list[str]
    status: str
    heading: str
    content: str


def _apply(doc: _Doc, move: _Move) -> str:
    lines, start, end = doc.lines, move.start, move.end
    found = _section(doc, move.status)
    before: list[str] = []
    after: list[str] = []
    if found:
        at = found.body_end
    else:
        at = _new_section_at(doc, move.status)
        before = [doc.line("")] * bool(at and lines[at - 1].strip()) + [doc.line(move.heading)]
        after = [doc.line("")] * bool(at < len(lines) and lines[at].strip())
    at = end if start < at < end else at
    insert = before + move.block + after
    if at <= start:
        new, where = lines[:at] + insert + lines[at:start] + lines[end:], at + len(before)
    else:
        new = lines[:start] + lines[end:at] + insert + lines[at:]
        where = at - (end - start) + len(before)
    text = "\n".join(new)
    # Cutting or adding lines must not change how any other line reads (e.g. a table row
    # that would join the table above once the item between them is gone).
    if _others(doc.scan, start if end > start else -1) != _others(scan_markdown(text), where):
        raise TodoError(
            f"cannot move '{move.content}' without changing how other lines of the file read; "
            "move its line by hand"
        )
    return _checked(text, where, move)


def _others(scan: Scan, skip: int) -> list[tuple[str, str]]:
    return [(e.item.content, e.item.status) for e in scan.entries if e.line_index != skip]


def _checked(text: str, index: int, move: _Move) -> str:
    """`text`, once the moved item surely reads back with its content and new status."""
    got = next((e.item for e in scan_markdown(text).entries if e.line_index == index), None)
    if got is None or (got.content, got.status) != (move.content, move.status):
        seen = f"'{got.content}' ({_WORDS[got.status]})" if got else "no todo"
        raise TodoError(
            f"cannot make '{move.content}' {_WORDS[move.status]}: the file would read it back "
            f"as {seen}. Take status words in brackets, status emoji and 'N% complete' claims "
            "out of its text, then try again"
        )
    return text


def _move(doc: _Doc, entry: Entry, status: str, heading: str, suffix: str = "") -> str:
    """The text with `entry` (and its details) moved to `status`; unchanged if already there."""
    if entry.item.status == status:
        return "\n".join(doc.lines)
    start, end = entry.line_index, _block_end(doc, entry)
    prefix = doc.lines[start][: entry.indent]
    details = [line[len(prefix) :] if line.startswith(prefix) else line
               for line in doc.lines[start + 1 : end]]
    box = "x" if status == COMPLETED else " "
    item_line = doc.line(f"- [{box}] {entry.item.content}{suffix}")
    content = entry.item.content
    return _apply(doc, _Move(start, end, [item_line, *details], status, heading, content))


def add(text: str, content: str) -> str:
    """`text` with `content` added as a pending item; an empty file gets the canonical title."""
    content = " ".join(content.split())
    if not content:
        raise TodoError(
            'cannot add an empty todo; give its text, e.g. `tddgate todo add "Write the parser"`'
        )
    for item in parse_markdown(text).items:
        if (item.content, item.status) == (content, PENDING):
            raise TodoError(
                f"'{content}' is already a pending todo ({item.id}); "
                f"start it with `tddgate todo start {item.id}`"
            )
    doc = _Doc(text if text.strip() else f"{TITLE}\n")
    block = [doc.line(f"- [ ] {content}")]
    return _apply(doc, _Move(0, 0, block, PENDING, _HEADINGS[PENDING], content))


def start(text: str, match: str, max_in_progress: int) -> str:
    """`text` with the item `match` names in progress, unless the maximum already are."""
    if max_in_progress < 1:
        raise TodoError(
            f"max_in_progress is {max_in_progress}; set it to 1 or more in tddgate's config"
        )
    doc = _Doc(text)
    entry = _find(doc, match, "start", IN_PROGRESS)
    busy = [i for i in parse_markdown(text).items if i.status == IN_PROGRESS]
    if entry.item.status != IN_PROGRESS and len(busy) >= max_in_progress:
        names = "; ".join(f"{i.id} '{i.content}'" for i in busy)
        raise TodoError(
            f"cannot start '{entry.item.content}': {len(busy)} todo(s) already in progress "
            f"(max {max_in_progress}): {names}. Finish one with `tddgate todo done "
            f"{busy[0].id}` or block it with `tddgate todo block {busy[0].id}` first"
        )
    plural = "" if max_in_progress == 1 else "s"
    heading = f"{_HEADINGS[IN_PROGRESS]} (Max {max_in_progress} item{plural})"
    return _move(doc, entry, IN_PROGRESS, heading)


def done(text: str, match: str, when: str) -> str:
    """`text` with the item `match` names completed, stamped "(Completed: when)" if `when`."""
    doc = _Doc(text)
    entry = _find(doc, match, "done", COMPLETED)
    stamp = " ".join(when.split())
    suffix = f" (Completed: {stamp})" if stamp else ""
    return _move(doc, entry, COMPLETED, _HEADINGS[COMPLETED], suffix)


def block(text: str, match: str, reason: str) -> str:
    """`text` with the item `match` names blocked, as "item — reason" when a reason is given.

    An em dash inside the reason becomes "-": " — " is what separates the reason.
    """
    doc = _Doc(text)
    entry = _find(doc, match, "block", BLOCKED)
    why = " ".join(reason.split()).replace(REASON_SEPARATOR.strip(), "-")
    suffix = f"{REASON_SEPARATOR}{why}" if why else ""
    return _move(doc, entry, BLOCKED, _HEADINGS[BLOCKED], suffix)


def touch(text: str, when: str) -> str:
    """`text` with its "*Last updated: …*" line (above the first section) set to `when`."""
    lines = text.split("\n")
    stamp = f"*Last updated: {when}*" + ("\r" if "\r\n" in text else "")
    for at, line in enumerate(lines):
        if line.startswith("## "):
            break
        if _LAST_UPDATED.match(line):
            lines[at] = stamp
            return "\n".join(lines)
    at = 1 if lines[0].startswith("# ") else 0
    return "\n".join([*lines[:at], stamp, *lines[at:]])
