"""A small, careful shell lexer: words, operators and here-documents (hot path: stdlib only).

Why hand-written: bashlex costs more to import than the whole hook budget. It covers what
agents type: quotes, escapes, $'…', $(…), backticks, ${…}, $((…)), comments, here-docs,
process substitution and extglob. It never raises; what it cannot make sense of is added
to `problems` as a short human string, and lexing goes on.
"""

from __future__ import annotations

import re

from tddgate.bash.nodes import QUOTED, QUOTED_EXPANSION, HereDoc, Node, Word
from tddgate.bash.words import HD_ESCAPABLE, HD_PLAIN, WordReader

TYPE_CHECKING = False  # typing costs the hook 2-3 ms to import: see tddgate.namedtuple
if TYPE_CHECKING:
    from tddgate.bash.words import SubParser

WORD, OP, REDIR, NEWLINE, EOF = "word", "op", "redir", "newline", "eof"
REDIR_OPS = frozenset({"<", ">", ">>", ">|", "&>", "&>>", ">&", "<&", "<<", "<<-", "<<<", "<>"})

_NEVER_CLOSED = "here-doc never closed (no line with {} before the end)"
#: Blanks, line continuations and comments between tokens (a # there starts a comment).
_GAP = re.compile(r"(?:[ \t]+|\\\n|#[^\n]*)*")
_OPERATOR_START = frozenset(";&|()<>")
_OPERATOR = re.compile(r";;&|&>>|<<<|<<-|;;|;&|&&|\|\||\|&|&>|>>|>\||>&|<<|<>|<&|[;&|()<>]")


class Token:
    """kind is word/op/redir/newline/eof; `value` the operator; `fd` digits before a redir;
    `subs` the commands substituted inside the word."""

    __slots__ = ("fd", "kind", "subs", "value", "word")

    def __init__(
        self,
        kind: str,
        value: str = "",
        word: Word | None = None,
        fd: str = "",
        subs: tuple[Node, ...] = (),
    ) -> None:
        self.kind = kind
        self.value = value
        self.word = word
        self.fd = fd
        self.subs = subs


class Lexer(WordReader):
    """Turns shell text into tokens on demand; the parser drives it one token at a time."""

    def __init__(self, src: str, sub_parser: SubParser, depth: int = 0) -> None:
        super().__init__(src, sub_parser, depth)
        self.pending: list[HereDoc] = []

    def abandon(self, why: str) -> None:
        super().abandon(why)
        self.pending.clear()

    def next(self) -> Token:
        src = self.src
        pos = self.pos = _GAP.match(src, self.pos).end()  # type: ignore[union-attr]
        if pos >= len(src):
            return self._eof()
        ch = src[pos]
        if ch == "\n":
            self.pos += 1
            self._read_heredocs()
            return Token(NEWLINE, "\n")
        if ch in _OPERATOR_START and not (ch in "<>" and src.startswith("(", pos + 1)):
            m = _OPERATOR.match(src, pos)
            if m:
                self.pos = m.end()
                return Token(REDIR if m.group() in REDIR_OPS else OP, m.group())
        mark = len(self.subs)
        word = self.read_word()
        subs = tuple(self.subs[mark:]) if len(self.subs) > mark else ()
        del self.subs[mark:]
        if self.pos < len(src) and src[self.pos] in "<>" and word.raw.isdigit():
            m = _OPERATOR.match(src, self.pos)
            if m and m.group() in REDIR_OPS and not src.startswith("(", self.pos + 1):
                self.pos = m.end()
                return Token(REDIR, m.group(), fd=word.raw)
        return Token(WORD, word=word, subs=subs)

    def _eof(self) -> Token:
        if self.pending:
            self.problem(_NEVER_CLOSED.format(", ".join(repr(h.delimiter) for h in self.pending)))
            self.pending.clear()
        return Token(EOF)

    def add_heredoc(self, word: Word, strip_tabs: bool) -> HereDoc:
        """Register `<<word`; its body is read when the lexer passes the end of this line."""
        doc = HereDoc(word.text, QUOTED in word.mask, strip_tabs)
        self.pending.append(doc)
        return doc

    def _read_heredocs(self) -> None:
        src = self.src
        for doc in self.pending:
            lines: list[str] = []
            while True:
                if self.pos >= len(src):
                    self.problem(_NEVER_CLOSED.format(repr(doc.delimiter)))
                    break
                end = src.find("\n", self.pos)
                end = len(src) if end < 0 else end
                line = src[self.pos : end]
                self.pos = min(end + 1, len(src))
                if doc.strip_tabs:
                    line = line.lstrip("\t")
                if line == doc.delimiter:
                    break
                lines.append(line + "\n")
            doc.body = "".join(lines)
            if not doc.quoted:
                self._expand_heredoc(doc)
        self.pending.clear()

    def _expand_heredoc(self, doc: HereDoc) -> None:
        """An unquoted here-doc body is expanded like a double-quoted string."""
        inner = self.child(doc.body)
        text: list[str] = []
        mask: list[str] = []
        inner.dquoted(text, mask, None, HD_PLAIN, HD_ESCAPABLE)
        doc.body = "".join(text)
        doc.literal = QUOTED_EXPANSION not in "".join(mask)
        doc.subs = inner.subs
        self.problems.extend(inner.problems)
