"""Reading one shell word: plain text, quotes and escapes (hot path: stdlib only).

The base of the Lexer. A word comes back as text plus a mask (see nodes.Word) so later
stages know which characters were quoted and which are expansions known only at run time
(those are read by expansions.py). Never raises: problems are recorded, reading goes on.
"""

from __future__ import annotations

import re

from tddgate.bash import expansions
from tddgate.bash.expansions import DQ_ESCAPABLE, DQ_PLAIN
from tddgate.bash.nodes import PROCSUB, QUOTED, UNQUOTED, Node, Word

_PLAIN = re.compile(r"[^ \t\n;&|()<>\\'\"$`]+")
_WORD_END = frozenset(" \t\n;&|<>)")
HD_PLAIN = r"[^\\$`]+"
HD_ESCAPABLE = "$`\\"

TYPE_CHECKING = False  # typing costs the hook 2-3 ms to import: see tddgate.namedtuple
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

    #: Parses from the reader's position up to `until` (")" or "" for end of text),
    #: consuming it. The reader is always the Lexer (child() builds type(self)).
    SubParser = Callable[[Any, str], Node]


class WordReader:
    """Position, problems and substituted commands of one text being read."""

    def __init__(self, src: str, sub_parser: SubParser, depth: int = 0) -> None:
        self.src = src
        self.pos = 0
        self.problems: list[str] = []
        self.subs: list[Node] = []
        self.sub_parser = sub_parser
        self.depth = depth
        self.abandoned = False
        self.arith_failed = False

    def problem(self, text: str) -> None:
        if not self.abandoned:
            self.problems.append(text)

    def abandon(self, why: str) -> None:
        """Stop reading: the rest of the text is beyond what we analyse (e.g. too deep)."""
        self.problem(why)
        self.abandoned = True
        self.pos = len(self.src)

    def child(self, src: str) -> WordReader:
        """A reader for nested text (a backquoted command, a here-doc body)."""
        return type(self)(src, self.sub_parser, self.depth + 1)

    def arith(self) -> bool:
        """Skip an arithmetic body through its `))` (see expansions.arith)."""
        return expansions.arith(self)

    def read_word(self) -> Word:
        src = self.src
        start = self.pos
        m = _PLAIN.match(src, start)
        if m and (m.end() == len(src) or src[m.end()] in _WORD_END):
            self.pos = m.end()  # the common case: a plain unquoted word
            return Word(m.group(), UNQUOTED * (self.pos - start), m.group())
        text: list[str] = []
        mask: list[str] = []
        while self.pos < len(src):
            m = _PLAIN.match(src, self.pos)
            if m:
                text.append(m.group())
                mask.append(UNQUOTED * (m.end() - m.start()))
                self.pos = m.end()
                continue
            ch = src[self.pos]
            if ch == "\\":
                self._backslash(text, mask)
            elif ch == "'":
                self.single(text, mask)
            elif ch == '"':
                self.pos += 1
                if not self.dquoted(text, mask, '"', DQ_PLAIN, DQ_ESCAPABLE):
                    self.problem('unterminated double quote (")')
            elif ch == "$":
                expansions.dollar(self, text, mask, quoted=False)
            elif ch == "`":
                expansions.backtick(self, text, mask)
            elif ch == "(" and self._after_glob_char(start, mask):
                expansions.extglob(self, text, mask)
            elif ch in "<>" and not text and src.startswith("(", self.pos + 1):
                self.pos += 2
                expansions.substitute(self)
                text.append(src[start : self.pos])
                mask.append(PROCSUB * (self.pos - start))
            else:
                break
        return Word("".join(text), "".join(mask), src[start : self.pos])

    def _after_glob_char(self, start: int, mask: list[str]) -> bool:
        """True when `(` follows an unquoted @ ! + * ? of this word: an extglob like !(x)."""
        pos = self.pos
        return pos > start and self.src[pos - 1] in "@!+*?" and mask[-1].endswith(UNQUOTED)

    def _backslash(self, text: list[str], mask: list[str]) -> None:
        nxt = self.src[self.pos + 1 : self.pos + 2]
        self.pos += 1 + len(nxt)
        if nxt != "\n":  # backslash-newline is a line continuation and vanishes
            text.append(nxt or "\\")
            mask.append(QUOTED)

    def single(self, text: list[str], mask: list[str]) -> None:
        end = self.src.find("'", self.pos + 1)
        if end < 0:
            self.problem("unterminated single quote (')")
            end = len(self.src)
        body = self.src[self.pos + 1 : end]
        text.append(body)
        mask.append(QUOTED * len(body))
        self.pos = end + 1

    def dquoted(
        self,
        text: list[str],
        mask: list[str],
        stop: str | None,
        plain: str,
        escapable: str,
    ) -> bool:
        """Read a double-quoted body (or a here-doc body when stop is None) after the quote."""
        src = self.src
        pattern = re.compile(plain)  # compiled on first use: most commands have no quotes
        while self.pos < len(src):
            m = pattern.match(src, self.pos)
            if m:
                text.append(m.group())
                mask.append(QUOTED * (m.end() - m.start()))
                self.pos = m.end()
                continue
            ch = src[self.pos]
            if ch == stop:
                self.pos += 1
                return True
            if ch == "\\":
                nxt = src[self.pos + 1 : self.pos + 2]
                if nxt == "\n":
                    self.pos += 2
                    continue
                escaped = bool(nxt) and nxt in escapable
                text.append(nxt if escaped else "\\")
                mask.append(QUOTED)
                self.pos += 2 if escaped else 1
            elif ch == "$":
                expansions.dollar(self, text, mask, quoted=True)
            else:
                expansions.backtick(self, text, mask, quoted=True)
        return stop is None
