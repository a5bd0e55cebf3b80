"""Line editing for the canonical writer: find status sections, move an item's lines safely.

A move cuts an item's line and its indented detail lines, rewrites the item line in
canonical form (so no stale marker or emoji contradicts the new status), and appends it to
the first level-2 section whose title starts with the status ("## ✅ COMPLETED THIS
SESSION" counts, "## Definition of Done" and "#### Completed" do not), creating that section
in canonical order if the file has none. Every other line is kept byte for byte. Every
result is parsed back: the item must read with its new status and every other item exactly
as before, so a move never writes a file the parser would read differently.
"""

from __future__ import annotations

from typing import NamedTuple

from tddgate.errors import TodoError
from tddgate.todos.markdown import Entry, Scan, scan_markdown
from tddgate.todos.model import BLOCKED, COMPLETED, IN_PROGRESS, PENDING
from tddgate.todos.signals import leading_status

ORDER = (IN_PROGRESS, PENDING, COMPLETED, BLOCKED)
HEADINGS = {
    IN_PROGRESS: "## 🔄 IN PROGRESS",
    PENDING: "## 📋 PENDING",
    COMPLETED: "## ✅ COMPLETED",
    BLOCKED: "## 🔵 BLOCKED",
}
STATUS_WORDS = {
    IN_PROGRESS: "in progress", PENDING: "pending", COMPLETED: "completed", BLOCKED: "blocked",
}  # fmt: skip


class Doc:
    """The text as lines (each keeps its "\\r" if the file uses CRLF) plus its scan."""

    def __init__(self, text: str) -> None:
        self.cr = "\r" if "\r\n" in text else ""
        self.lines = text.split("\n")
        self.scan: Scan = scan_markdown(text)

    def line(self, text: str) -> str:
        return text + self.cr


def _block_end(doc: Doc, entry: Entry) -> int:
    """Index after the item's last detail line (lines indented deeper; blanks between)."""
    end = entry.line_index + 1
    for at in range(entry.line_index + 1, len(doc.lines)):
        line = doc.lines[at]
        body = line.lstrip()
        if body and len(line) - len(body) <= entry.indent:
            break
        end = at + 1 if body else end
    return end


def _last_text(doc: Doc, start: int, stop: int) -> int:
    """Index after the last non-blank line in lines[start:stop] (start if there is none)."""
    end = start
    for at in range(start, stop):
        end = at + 1 if doc.lines[at].strip() else end
    return end


class _Section(NamedTuple):
    heading: int  # index of the heading line
    body_end: int  # after the last non-blank line before the next heading
    end: int  # after the last non-blank line before the next heading of level 1 or 2


def _section(doc: Doc, status: str) -> _Section | None:
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


def _new_section_at(doc: Doc, status: str) -> int:
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


class Move(NamedTuple):
    """Cut lines[start:end], add `block` to the section of `status` (made from `heading`)."""

    start: int
    end: int
    block: list[str]
    status: str
    heading: str
    content: str


def apply(doc: Doc, move: Move) -> str:
    """The text after `move`; TodoError if any other line would read differently after it."""
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


def _checked(text: str, index: int, move: Move) -> str:
    """`text`, once the moved item surely reads back with its content and new status."""
    got = next((e.item for e in scan_markdown(text).entries if e.line_index == index), None)
    if got is None or (got.content, got.status) != (move.content, move.status):
        seen = f"'{got.content}' ({STATUS_WORDS[got.status]})" if got else "no todo"
        raise TodoError(
            f"cannot make '{move.content}' {STATUS_WORDS[move.status]}: the file would read it "
            f"back as {seen}. Take status words in brackets, status emoji and 'N% complete' "
            "claims out of its text, then try again"
        )
    return text


def move(doc: Doc, entry: Entry, status: str, heading: str, suffix: str = "") -> str:
    """The text with `entry` (and its details) moved to `status`; unchanged if already there."""
    if entry.item.status == status:
        return "\n".join(doc.lines)
    start, end = entry.line_index, _block_end(doc, entry)
    prefix = doc.lines[start][: entry.indent]
    details = [line[len(prefix) :] if line.startswith(prefix) else line
               for line in doc.lines[start + 1 : end]]  # fmt: skip
    box = "x" if status == COMPLETED else " "
    item_line = doc.line(f"- [{box}] {entry.item.content}{suffix}")
    content = entry.item.content
    return apply(doc, Move(start, end, [item_line, *details], status, heading, content))
