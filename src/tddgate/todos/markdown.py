"""Read a markdown todo file, in any of the layouts agents really write (hot path: stdlib only).

Without a todo tool the file is the only record of what the agent is doing, so it must be
read as a human would, never by guessing. What counts:

- **Items** are top-level list lines (`-`, `*`, `+`, `1.`), optionally with a checkbox
  (`[ ]`, `[x]`, `[X]`), and rows of tables that have a Status column. A list line is an
  item when it has a checkbox or a status signal, or sits in a status section; everything
  indented under it is its details, never items. Fenced code blocks are skipped.
- **Tables**: a row's text is its Name / Task / Task Name cell, else the first cell that is
  not the Status cell; the Status cell is read for a marker, emoji, status word or "80%".
- **Signals**, strongest first: a ticked checkbox `[x]`; an inline marker such as
  "(IN PROGRESS)", "(DONE)", "(Completed: 10:00 AM)", "[in progress]", "(BLOCKED: …)";
  a status emoji (🔄 🟡 in progress, ✅ 🟢 ✔ completed, 🔴 ❌ ⏳ pending, 🔵 blocked) or a
  "100% complete" / "0% complete" claim; the section. Within one level the first wins.
- **Sections** are headings. A heading's status comes from its own marker, emoji, or a status
  word (IN PROGRESS, WIP, PENDING, TODO, NOT STARTED, COMPLETED, COMPLETE, DONE, FINISHED,
  BLOCKED) that starts or ends its title ("COMPLETED THIS SESSION", "Current In Progress";
  not "Definition of Done for X"); a deeper heading without one inherits its parent's. The
  level-1 heading is the document's title and never sets a status ("# Session TODOs").
- An unticked box `[ ]` only says "not completed": a marker, emoji or section may still say
  in_progress, pending or blocked, but a "completed" from them becomes pending.
- **Partial claims are not completion.** "✅ 95% Complete", "(80% Complete)" or
  "(4/5 Complete)" below 100 % make the item in_progress, even next to ✅ or `[x]`: an agent
  that writes them has not finished, and catching that "done" is why tddgate exists. Such a
  claim never hides a blocked item, and alone it is enough to make a list line an item.
- **Content** is the visible text without checkbox, numbering, `**`, status emoji and inline
  markers; percent claims stay (they are what the item says about itself). A blocked item's
  " — reason" suffix (the canonical form, see canonical.py) is not content.
- Items identical in content and status are reported once (the first, by line).
- Anything unreadable (a table row with the wrong number of cells, an unknown status cell,
  an item without text) is skipped with a warning naming its line; parsing never raises.

Mojibake emoji (🔄 saved as "üîÑ") are repaired first (see mojibake.py); line numbers are kept.
The status vocabulary (words, emoji, markers, claims) lives in signals.py; this module scans
lines and applies the precedence above.
Speed matters (PreToolUse has ~20 ms in all; a 1 MB file must parse in well under 50 ms),
so the scan is one loop with cheap `in` tests before any regex, and repeated lines are read
once.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tddgate.todos.model import BLOCKED, COMPLETED, PENDING, TodoItem
from tddgate.todos.mojibake import repair
from tddgate.todos.signals import capped, cell_status, signals, title_status

_HEADING = re.compile(r"(#{1,6})(?:[ \t]+(.*))?$")
_LIST = re.compile(r"(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)")
_CHECKBOX = re.compile(r"\[([ xX])\][ \t]*")
_RULE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SEPARATOR = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_PIPE = re.compile(r"(?<!\\)\|")
_NAME_HEADERS = ("name", "task", "task name", "todo", "item")
REASON_SEPARATOR = " — "
_UNSEEN = ("", "")  # never a real (status, content): a cache miss without a second lookup


class ParseResult(NamedTuple):
    """The file's items (deduplicated) and one warning per line that could not be read."""

    items: tuple[TodoItem, ...]
    warnings: tuple[str, ...]


class Entry(NamedTuple):
    """One item where it stands: 0-based line index, indentation, and whether it is a table row."""

    line_index: int
    indent: int
    in_table: bool
    item: TodoItem


class Heading(NamedTuple):
    """A heading: 0-based line index, level, its (own or inherited) status, its clean title."""

    line_index: int
    level: int
    status: str | None
    title: str


class Scan(NamedTuple):
    """Everything the parser saw, before deduplication; the canonical writer needs positions."""

    entries: tuple[Entry, ...]
    headings: tuple[Heading, ...]
    warnings: tuple[str, ...]


def _content(text: str, status: str) -> str:
    content = " ".join((text.replace("**", "") if "**" in text else text).split())
    if status == BLOCKED and REASON_SEPARATOR in content:
        content = content.rsplit(REASON_SEPARATOR, 1)[0].strip() or content
    return content


def _heading_status(title: str, parent: str | None) -> tuple[str | None, str]:
    marker, emoji, partial, rest = signals(title)
    own = marker or emoji or title_status(rest)
    status = parent if own is None and not partial else capped(own, partial)
    return status, " ".join(rest.replace("**", "").split())


def _list_item(text: str, section: str | None) -> tuple[str, str] | None:
    """(status, content) of a top-level list line's text, or None if it is no item."""
    box = _CHECKBOX.match(text) if text[:1] == "[" else None
    if (
        box is None
        and section is None
        and text.isascii()
        and not ("(" in text or "[" in text or "%" in text or "/" in text)
    ):
        return None  # the common non-item: a plain note in a plain section
    marker, emoji, partial, rest = signals(text[box.end() :] if box else text)
    if box and box.group(1) != " ":
        status: str | None = COMPLETED
    else:
        status = marker or emoji or section
        if box and status in (COMPLETED, None):
            status = PENDING
    status = capped(status, partial)
    return None if status is None else (status, _content(rest, status))


def _cells(line: str) -> list[str]:
    row = line.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [cell.strip() for cell in (_PIPE.split(row) if "\\|" in row else row.split("|"))]


class _Table(NamedTuple):
    width: int
    status_col: int
    name_col: int


def _table(header: list[str]) -> _Table | None:
    """The shape of a todo table, or None when the table has no Status column."""
    names = [" ".join(cell.replace("**", "").split()).lower() for cell in header]
    if "status" not in names:
        return None
    status_col = names.index("status")
    name_col = next((i for i, n in enumerate(names) if n in _NAME_HEADERS), None)
    if name_col is None:
        name_col = next(i for i in range(len(names)) if i != status_col) if len(names) > 1 else 0
    return _Table(len(names), status_col, name_col)


def _row(table: _Table, line: str, known: dict[str, str | None]) -> tuple[str, str] | str:
    """(status, content) of one table row, or why it was skipped; `known`: status cells read."""
    cells = _cells(line)
    if len(cells) != table.width:
        return f"table row has {len(cells)} cells, header has {table.width}"
    cell = cells[table.status_col]
    status = known[cell] if cell in known else known.setdefault(cell, cell_status(cell))
    if status is None:
        return (
            f"table status {cell!r} is not one of in progress, pending, completed, "
            "blocked; row skipped"
        )
    content = _content(signals(cells[table.name_col])[3], status)
    return (status, content) if content else "table row has no task text; row skipped"


class _State:
    """What one line needs to know about the lines before it.

    History files restate the same items, headings and table rows in every snapshot, so each
    distinct line is interpreted once (per section) and looked up after that.
    """

    def __init__(self) -> None:
        self.entries: list[Entry] = []
        self.headings: list[Heading] = []
        self.warnings: list[str] = []
        self.stack: list[tuple[int, str | None]] = []  # (level, status) of open headings
        self.section: str | None = None
        self.titles: dict[tuple[str, str | None], tuple[str | None, str]] = {}
        self.rows: dict[tuple[_Table, str], tuple[str, str] | str] = {}
        self.cells: dict[str, str | None] = {}  # status cells: a table has only a few kinds
        self.items: dict[tuple[str, str | None], tuple[str, str] | None] = {}

    def heading(self, index: int, level: int, title: str) -> None:
        title = title.rstrip()
        bare = title.rstrip("#")  # a closing run of #s, but not the # of "C#"
        title = bare.rstrip() if bare != title and (not bare or bare[-1] in " \t") else title
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        key = (title, self.stack[-1][1] if self.stack else None)
        status, clean = self.titles.get(key) or self.titles.setdefault(key, _heading_status(*key))
        self.section = None if level == 1 else status
        self.stack.append((level, self.section))
        self.headings.append(Heading(index, level, self.section, clean))

    def row(self, table: _Table, index: int, indent: int, body: str) -> None:
        key = (table, body)
        found = (
            self.rows[key]
            if key in self.rows
            else self.rows.setdefault(key, _row(table, body, self.cells))
        )
        if isinstance(found, str):
            self.warnings.append(f"line {index + 1}: {found}")
        else:
            self.add(index, indent, True, found)

    def item(self, index: int, indent: int, text: str) -> None:
        key = (text, self.section)
        found = self.items.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self.items[key] = _list_item(text, self.section)
        if found and not found[1]:
            self.warnings.append(f"line {index + 1}: todo item has no text; item skipped")
        elif found:
            self.add(index, indent, False, found)

    def add(self, index: int, indent: int, in_table: bool, found: tuple[str, str]) -> None:
        item = TodoItem(f"L{index + 1}", found[1], found[0])
        self.entries.append(Entry(index, indent, in_table, item))


def scan_markdown(text: str) -> Scan:
    """Every item with its position, every heading, and the warnings (no deduplication)."""
    text = repair(text)
    lines = (text.replace("\r\n", "\n") if "\r" in text else text).split("\n")
    state = _State()
    list_indent: int | None = None  # indentation of the current top-level list line
    table: _Table | None = None
    in_table = False
    fence = ""
    for index, line in enumerate(lines):
        body = line.lstrip()
        if not body:
            in_table = False  # a blank line ends a table, not a list
            continue
        first = body[0]
        if fence or (first in "`~" and body.startswith(("```", "~~~"))):
            fence = body[:3] if not fence else "" if body.startswith(fence) else fence
            continue
        indent = len(line) - len(body)
        if "\t" in line[:indent]:
            indent = len(line[:indent].expandtabs(4))
        if list_indent is not None and indent > list_indent:
            continue  # a detail of the item above: its text, sub-bullets, even tables
        if first == "|":
            list_indent = None
            if in_table:
                if table and not _SEPARATOR.match(body):
                    state.row(table, index, indent, body)
            elif index + 1 < len(lines) and _SEPARATOR.match(lines[index + 1].strip()):
                table, in_table = _table(_cells(body)), True
            continue
        in_table = False
        heading = _HEADING.match(body) if first == "#" and indent < 4 else None
        listed = _LIST.match(body) if first in "-*+0123456789" and not heading else None
        if heading:
            state.heading(index, len(heading.group(1)), heading.group(2) or "")
            list_indent = None
        elif listed and not (listed.group(1)[:1] == first and _RULE.match(body)):
            list_indent = indent
            state.item(index, indent, listed.group(1))
        elif indent == 0:
            list_indent = None
    return Scan(tuple(state.entries), tuple(state.headings), tuple(state.warnings))


def parse_markdown(text: str) -> ParseResult:
    """The todo items of a markdown file, each (content, status) once; never raises."""
    seen: set[tuple[str, str]] = set()
    items: list[TodoItem] = []
    scan = scan_markdown(text)
    for entry in scan.entries:
        key = (entry.item.content, entry.item.status)
        if key not in seen:
            seen.add(key)
            items.append(entry.item)
    return ParseResult(tuple(items), scan.warnings)
