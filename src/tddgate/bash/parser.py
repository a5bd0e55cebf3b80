"""Shell structure: lists, and-or chains, pipelines, simple commands (hot path: stdlib).

Deliberately shallow: `if`/`while`/`until` keywords are stepped over and their bodies read
as plain command lists, since which branch runs does not matter to "could this write a
file". Compound commands with their own syntax live in `compound.py`. Never raises:
syntax errors and too-deep nesting become `problems`.
"""

from __future__ import annotations

from tddgate.bash import compound
from tddgate.bash.expansions import MAX_DEPTH
from tddgate.bash.lexer import EOF, NEWLINE, OP, REDIR, WORD, Lexer, Token
from tddgate.bash.nodes import EMPTY_SCRIPT, Group, Node, Pipeline, Redirect, Script, Simple, Word

TYPE_CHECKING = False  # typing costs the hook 2-3 ms to import: see tddgate.namedtuple
if TYPE_CHECKING:
    from collections.abc import Callable

_OPENERS = frozenset({"if", "then", "elif", "else", "while", "until", "do", "!", "time", "coproc"})
_CASE_ENDS = frozenset({";;", ";&", ";;&"})
_SEPARATORS = frozenset({";", "&", "\n"})
_NO_WORD = Word("", "", "")


def parse(src: str, depth: int = 0) -> tuple[Script, list[str]]:
    """Parse shell text into a Script, with the problems met on the way."""
    lexer = Lexer(src, parse_substitution, depth)
    script = Parser(lexer).script(())
    return script, lexer.problems


def parse_substitution(lexer: Lexer, until: str) -> Node:
    """Parse a $(…) body up to its `)`, or a whole backquoted text (until == "")."""
    return Parser(lexer).nested(lambda p: p.script((")",) if until else ()))


class Parser:
    """Recursive descent over the lexer's tokens, with one token of lookahead."""

    def __init__(self, lexer: Lexer) -> None:
        self.lx = lexer
        self.tok: Token | None = None

    def peek(self) -> Token:
        if self.tok is None:
            self.tok = self.lx.next()
        return self.tok

    def take(self) -> Token:
        tok = self.peek()
        self.tok = None
        return tok

    def at_op(self, *values: str) -> bool:
        tok = self.peek()
        return tok.kind == OP and tok.value in values

    def skip_newlines(self) -> None:
        while self.peek().kind == NEWLINE:
            self.take()

    def nested(self, parse: Callable[[Parser], Node]) -> Node:
        """Run `parse` one level deeper, giving up on the rest past MAX_DEPTH."""
        if self.lx.depth >= MAX_DEPTH:
            self.lx.abandon(f"nesting deeper than {MAX_DEPTH} levels was not analysed")
            self.tok = None
            return EMPTY_SCRIPT
        self.lx.depth += 1
        try:
            return parse(self)
        finally:
            self.lx.depth -= 1

    def _at_end(self, tok: Token, until: tuple[str, ...]) -> bool:
        if tok.kind == OP:
            return tok.value in until or (tok.value in _CASE_ENDS and "esac" in until)
        return bool(until) and compound.keyword(tok) in until

    def script(self, until: tuple[str, ...]) -> Script:
        """Commands up to one of `until` (")" and "}" are consumed, "esac" is not) or EOF."""
        items: list[Node] = []
        seps: list[str] = []
        while True:
            tok = self.peek()
            if tok.kind == NEWLINE or (tok.kind == OP and tok.value in (";", "&")):
                self.take()
                continue
            if tok.kind == EOF:
                if until:
                    self.lx.problem(f"missing {until[0]!r} before the end of the command")
                break
            if self._at_end(tok, until):
                if tok.value == ")" or compound.keyword(tok) == "}":
                    self.take()
                break
            if tok.kind == OP and tok.value != "(":
                self.take()
                self.lx.problem(f"syntax error near {tok.value!r}")
                continue
            items.append(self.and_or())
            sep = self.peek()
            if sep.kind in (OP, NEWLINE) and sep.value in _SEPARATORS:
                self.take()
            seps.append(sep.value if sep.value in _SEPARATORS else "")
        return Script(tuple(items), tuple(seps))

    def and_or(self) -> Node:
        items = [self.pipeline()]
        seps: list[str] = []
        while self.at_op("&&", "||"):
            seps.append(self.take().value)
            self.skip_newlines()
            items.append(self.pipeline())
        return items[0] if len(items) == 1 else Script(tuple(items), (*seps, ""))

    def pipeline(self) -> Node:
        commands = [self.command()]
        while self.at_op("|", "|&"):
            self.take()
            self.skip_newlines()
            commands.append(self.command())
        return commands[0] if len(commands) == 1 else Pipeline(tuple(commands))

    def command(self) -> Node:
        while compound.keyword(self.peek()) in _OPENERS:
            self.take()
        if self.at_op("("):
            self.take()
            arithmetic = compound.arithmetic(self)
            return arithmetic or self.group(")", subshell=True)
        construct = compound.parse_compound(self, compound.keyword(self.peek()))
        return construct if construct is not None else self.simple()

    def group(self, closer: str, subshell: bool) -> Node:
        body = self.nested(lambda p: p.script((closer,)))
        subs: list[Node] = []
        redirects = self.redirects(subs)
        return Group(
            body if isinstance(body, Script) else EMPTY_SCRIPT, subshell, redirects, tuple(subs)
        )

    def redirects(self, subs: list[Node]) -> tuple[Redirect, ...]:
        found: list[Redirect] = []
        while self.peek().kind == REDIR:
            found.append(self.redirect(self.take(), subs))
        return tuple(found)

    def redirect(self, op: Token, subs: list[Node]) -> Redirect:
        if self.peek().kind != WORD:
            self.lx.problem(f"redirection {op.fd}{op.value} has no target")
            return Redirect(op.fd, op.value, _NO_WORD)
        tok = self.take()
        subs.extend(tok.subs)
        target = tok.word or _NO_WORD
        if op.value in ("<<", "<<-"):
            return Redirect(op.fd, op.value, target, self.lx.add_heredoc(target, op.value == "<<-"))
        return Redirect(op.fd, op.value, target)

    def simple(self) -> Node:
        words: list[Word] = []
        redirects: list[Redirect] = []
        subs: list[Node] = []
        while True:
            tok = self.peek()
            if tok.kind == WORD:
                self.take()
                words.append(tok.word or _NO_WORD)
                subs.extend(tok.subs)
            elif tok.kind == REDIR:
                redirects.append(self.redirect(self.take(), subs))
            elif tok.kind == OP and tok.value == "(" and len(words) == 1 and not redirects:
                return compound.function(self, Token(WORD, word=words[0]))
            else:
                break
        if tok.kind == OP and tok.value == "(":
            self.lx.problem("syntax error near '('")
        return Simple(tuple(words), tuple(redirects), tuple(subs))
