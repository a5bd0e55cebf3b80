"""What a piece of todo text says about its status (hot path: stdlib only).

The vocabulary the markdown parser reads, kept apart from the line scanner so both stay
small: status words ("IN PROGRESS", "DONE", "not started"…), status emoji, inline markers
("(BLOCKED: …)", "[in progress]") and "N% / n of m complete" claims. The precedence between
them (checkbox > marker > emoji/claim > section) is the parser's, documented in markdown.py;
here each signal is only found and named.

Speed: every pattern starts with a literal so the regex engine can skip ahead, and
`signals` answers most lines from cheap `in` tests before any regex runs.
"""

from __future__ import annotations

import re

from tddgate.todos.model import BLOCKED, COMPLETED, IN_PROGRESS, PENDING

WORDS = (
    r"in[ _-]?progress|wip|pending|todo|to[ -]do|not[ _-]started|blocked|completed?|done|finished"
)
EMOJI = {
    "🔄": IN_PROGRESS, "🟡": IN_PROGRESS, "✅": COMPLETED, "🟢": COMPLETED, "✔": COMPLETED,
    "🔴": PENDING, "❌": PENDING, "⏳": PENDING, "🔵": BLOCKED,
}  # fmt: skip
# `(?i:…)` rather than a global IGNORECASE keeps the literal-prefix skip working.
MARKER = re.compile(rf"[(\[][ \t]*((?i:{WORDS}))[ \t]*(?:[)\]]|[:,\-\u2013\u2014][^)\]\n]*[)\]])")
_CLAIM = re.compile(
    r"(?<![\d.])(?:(\d{1,3}(?:\.\d+)?)[ \t]*%|(\d+)[ \t]*/[ \t]*(\d+)[ \t]*(?i:tasks?[ \t]+)?)"
    r"(?=[ \t]*(?i:complete|completed|done)\b)"
)
EMOJI_RE = re.compile(f"[{''.join(EMOJI)}]\ufe0f?")
_KEYWORD = re.compile(rf"(?:{WORDS})\b")  # on lower-cased text; no leading \b: see below
_LEADING = re.compile(rf"[\W_]*({WORDS})\b")
_TRAILING = re.compile(rf"\b({WORDS})[\W_]*$")
_TRAILING_PARENS = re.compile(r"(?:\s*[(\[][^()\[\]]*[)\]])+\s*$")
_BARE_PERCENT = re.compile(r"(\d{1,3})[ \t]*%")

# (marker status, emoji-level status, partial claim?, text without markers and status emoji)
Signals = tuple[str | None, str | None, bool, str]


def word_status(word: str) -> str:
    """The status a status word names ("In Progress" -> in_progress)."""
    low = word.lower()
    if low.startswith("in") or low == "wip":
        return IN_PROGRESS
    if low.startswith(("complete", "done", "finished")):
        return COMPLETED
    return BLOCKED if low == "blocked" else PENDING


def keyword_status(text: str) -> str | None:
    """The status named by the first status word in `text`, if any."""
    low = text.lower()
    found = _KEYWORD.search(low)
    # Checking the word start by hand keeps the pattern's literal prefix, ~3x faster.
    while found and found.start() and low[found.start() - 1].isalnum():
        found = _KEYWORD.search(low, found.start() + 1)
    return word_status(found.group(0)) if found else None


def title_status(title: str) -> str | None:
    """The status a heading's title names by starting or ending with a status word.

    "COMPLETED THIS SESSION", "Pending Tasks", "DOCKER ENVIRONMENT COMPLETE" and "Current In
    Progress (Max 1 item)" name one; "Definition of Done for X" does not.
    """
    low = _TRAILING_PARENS.sub("", title.lower())
    found = _LEADING.match(low) or _TRAILING.search(low)
    return word_status(found.group(1)) if found else None


def leading_status(title: str) -> str | None:
    """The status a title starts with, after any emoji ("📋 PENDING (Priority Order)")."""
    found = _LEADING.match(title.lower())
    return word_status(found.group(1)) if found else None


def claim(done: float, total: float) -> tuple[str | None, bool]:
    """(emoji-level status, partial?) of a "done of total complete" claim."""
    if total <= 0 or done >= total:
        return COMPLETED, False
    return (PENDING, False) if done <= 0 else (None, True)


def _claims(text: str) -> tuple[int, str | None, bool]:
    """(position, emoji-level status, partial?) of the "N% / n/m complete" claims in text."""
    first, status, partial = -1, None, False
    for found in _CLAIM.finditer(text):
        pct = found.group(1)
        said = (
            claim(float(pct), 100.0) if pct else claim(float(found.group(2)), float(found.group(3)))
        )
        if first < 0 and said[0]:
            first, status = found.start(), said[0]
        partial = partial or said[1]
    return first, status, partial


def signals(text: str) -> Signals:
    """The marker, the emoji-level status (the earlier of emoji and claim), and the rest."""
    bracketed = "(" in text or "[" in text
    claimed = ("%" in text or "/" in text) and (
        "omplete" in text or "OMPLETE" in text or "one" in text or "ONE" in text
    )
    plain = text.isascii()
    if plain and not bracketed and not claimed:
        return None, None, False, text  # most lines: nothing to look for
    marker = emoji = None
    if bracketed and (found := MARKER.search(text)):
        marker, text = word_status(found.group(1)), MARKER.sub(" ", text)
    at_emoji = -1
    if not plain and (found := EMOJI_RE.search(text)):
        emoji, at_emoji = EMOJI[found.group(0)[0]], found.start()
    partial = False
    if claimed:
        at_claim, said, partial = _claims(text)
        if said and (emoji is None or at_claim < at_emoji):
            emoji = said
    if at_emoji >= 0:
        text = EMOJI_RE.sub(" ", text)
    return marker, emoji, partial, text


def capped(status: str | None, partial: bool) -> str | None:
    """A partial claim turns completed, pending or nothing into in_progress; never blocked."""
    return IN_PROGRESS if partial and status != BLOCKED and status != IN_PROGRESS else status


def cell_status(cell: str) -> str | None:
    """The status a table's Status cell names: marker, emoji, word, or a bare "80%"."""
    marker, emoji, partial, rest = signals(cell)
    status = marker or emoji or keyword_status(rest)
    bare = None if status or partial else _BARE_PERCENT.search(cell)
    if bare:
        status, partial = claim(float(bare.group(1)), 100.0)
    return capped(status, partial)
