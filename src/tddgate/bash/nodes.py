"""The shapes the lexer and parser produce (hot path: stdlib only).

Plain slotted classes rather than NamedTuples: building a NamedTuple class costs tens of
microseconds at import, and this package is imported by the PreToolUse hook before every
Bash call.
"""

from __future__ import annotations

# Word.mask codes, one per character of Word.text.
UNQUOTED = "u"  # literal, open to brace expansion and globbing
QUOTED = "q"  # literal, protected by quotes or a backslash
EXPANSION = "x"  # $VAR, ${…}, $(…), `…`, $((…)): known only at run time, then split
QUOTED_EXPANSION = "X"  # the same inside double quotes: never split into several words
PROCSUB = "p"  # <(…) or >(…): a pipe, never a file on disk

SHOWN = 60  # longest raw word quoted in a message


class Word:
    """One shell word after quote removal; expansions stay verbatim in `text`.

    `mask` says where each character of `text` came from (see the codes above), so that
    callers can tell `"$F"` (computed) from `'$F'` (a literal dollar) and `*` from `'*'`.
    """

    __slots__ = ("mask", "raw", "text")

    def __init__(self, text: str, mask: str, raw: str) -> None:
        self.text = text
        self.mask = mask
        self.raw = raw

    def __repr__(self) -> str:
        return f"Word({self.text!r}, {self.mask!r}, {self.raw!r})"

    @property
    def literal(self) -> bool:
        """True when the value is fully known before the command runs."""
        mask = self.mask
        return EXPANSION not in mask and QUOTED_EXPANSION not in mask and PROCSUB not in mask

    @property
    def shown(self) -> str:
        """The word as written, cut to a length that fits in a one-line message."""
        return self.raw if len(self.raw) <= SHOWN else self.raw[: SHOWN - 1] + "…"

    @property
    def procsub(self) -> bool:
        """True for a process substitution, which names a pipe rather than a file."""
        return bool(self.mask) and self.mask.strip(PROCSUB) == ""


class HereDoc:
    """A here-document; its body is only known once the lexer passes the end of its line."""

    __slots__ = ("body", "delimiter", "literal", "quoted", "strip_tabs", "subs")

    def __init__(self, delimiter: str, quoted: bool, strip_tabs: bool) -> None:
        self.delimiter = delimiter
        self.quoted = quoted
        self.strip_tabs = strip_tabs
        self.body = ""
        self.literal = True
        self.subs: list[Node] = []  # command substitutions in an unquoted body


class Redirect:
    """`fd` `op` `target`, e.g. 2> err.txt; `heredoc` is set for << and <<-."""

    __slots__ = ("fd", "heredoc", "op", "target")

    def __init__(self, fd: str, op: str, target: Word, heredoc: HereDoc | None = None) -> None:
        self.fd = fd
        self.op = op
        self.target = target
        self.heredoc = heredoc


class Simple:
    """A simple command: words (assignments included), redirections, and the scripts of
    the command substitutions found in them, which run before the command does."""

    __slots__ = ("redirects", "subs", "words")

    def __init__(
        self, words: tuple[Word, ...], redirects: tuple[Redirect, ...], subs: tuple[Node, ...]
    ) -> None:
        self.words = words
        self.redirects = redirects
        self.subs = subs


class Group:
    """`( … )` (subshell=True) or `{ …; }`, with the redirections that apply to it."""

    __slots__ = ("body", "redirects", "subs", "subshell")

    def __init__(
        self,
        body: Script,
        subshell: bool,
        redirects: tuple[Redirect, ...],
        subs: tuple[Node, ...],
    ) -> None:
        self.body = body
        self.subshell = subshell
        self.redirects = redirects
        self.subs = subs


class Pipeline:
    """cmd | cmd | …; every stage runs in its own subshell."""

    __slots__ = ("commands",)

    def __init__(self, commands: tuple[Node, ...]) -> None:
        self.commands = commands


class Script:
    """Commands run in order; `seps[i]` is what follows `items[i]` (;, &, &&, ||, newline)."""

    __slots__ = ("items", "seps")

    def __init__(self, items: tuple[Node, ...], seps: tuple[str, ...]) -> None:
        self.items = items
        self.seps = seps


class Function:
    """`name () { body; }`: the body runs when the name is called, with that caller's
    directory and arguments (see walk.call_function)."""

    __slots__ = ("body", "name")

    def __init__(self, name: str, body: Node) -> None:
        self.name = name
        self.body = body


Node = Simple | Group | Pipeline | Script | Function

EMPTY_SCRIPT = Script((), ())
