"""Compound commands with their own syntax: ((…)), for, case, [[ … ]], functions (hot path).

Each function reads one construct with the Parser and returns the node to analyse.
"""

from __future__ import annotations

from tddgate.bash.lexer import EOF, OP, WORD, Token
from tddgate.bash.nodes import QUOTED, Function, Group, Node, Script, Simple, Word

TYPE_CHECKING = False  # typing costs the hook 2-3 ms to import: see tddgate.namedtuple
if TYPE_CHECKING:
    from tddgate.bash.parser import Parser

_NO_WORD = Word("", "", "")


def keyword(tok: Token) -> str:
    """The word's text when it could be a reserved word (unquoted, literal), else ""."""
    word = tok.word
    if tok.kind != WORD or word is None or not word.literal or QUOTED in word.mask:
        return ""
    return word.text


def parse_compound(p: Parser, key: str) -> Node | None:
    """The construct starting with reserved word `key`, or None for a simple command."""
    if key == "{":
        p.take()
        return p.group("}", subshell=False)
    if key in ("for", "select"):
        return _for(p)
    if key == "case":
        return _case(p)
    if key == "[[":
        return _condition(p)
    if key == "function":
        p.take()
        return function(p, p.take())
    return None


def arithmetic(p: Parser) -> Node | None:
    """((…)) right after its first paren; None when it is really nested subshells."""
    lx = p.lx
    if not lx.src.startswith("(", lx.pos):
        return None
    mark = len(lx.subs)
    start = lx.pos
    lx.pos += 1
    found = lx.arith()
    if not found:
        lx.pos = start
    subs = tuple(lx.subs[mark:])
    del lx.subs[mark:]
    if not found:
        return None
    text = lx.src[start + 1 : lx.pos - 2]
    return Simple((Word("((", QUOTED * 2, "(("), Word(text, QUOTED * len(text), text)), (), subs)


def function(p: Parser, name: Token) -> Node:
    """`name () body` or `function name [()] body`: a definition, analysed when called."""
    if p.at_op("("):
        p.take()
        if p.at_op(")"):
            p.take()
        else:
            raw = name.word.shown if name.word is not None else name.value
            p.lx.problem(f"syntax error after function name {raw!r}")
    p.skip_newlines()
    body = p.nested(lambda q: q.command())
    return Function(name.word.text if name.word is not None else name.value, body)


def _for(p: Parser) -> Node:
    """`for NAME in WORDS` becomes the simple command `for NAME …` (the loop variable)."""
    words = [p.take().word or _NO_WORD]
    subs: list[Node] = []
    if p.at_op("("):
        p.take()
        loop = arithmetic(p)
        if loop is None:
            p.lx.problem("syntax error in for ((…))")
        else:
            subs.extend(loop.subs if isinstance(loop, Simple) else ())
    while p.peek().kind == WORD and keyword(p.peek()) != "do":
        tok = p.take()
        words.append(tok.word or _NO_WORD)
        subs.extend(tok.subs)
    return Simple(tuple(words), (), tuple(subs))


def _case(p: Parser) -> Node:
    p.take()
    subs = list(p.take().subs)  # the subject word
    p.skip_newlines()
    if keyword(p.peek()) == "in":
        p.take()
    bodies: list[Node] = []
    while True:
        p.skip_newlines()
        tok = p.peek()
        if keyword(tok) == "esac":
            p.take()
            break
        if tok.kind == EOF or not _pattern(p, subs):
            p.lx.problem("missing 'esac' before the end of the command")
            break
        bodies.append(p.nested(lambda q: q.script(("esac",))))
        if p.at_op(";;", ";&", ";;&"):
            p.take()
        elif p.peek().kind == EOF:
            break  # the body's script already reported the missing esac
    body = Script(tuple(bodies), ("",) * len(bodies))
    redirects = p.redirects(subs)
    return Group(body, False, redirects, tuple(subs))


def _pattern(p: Parser, subs: list[Node]) -> bool:
    """Skip `[(] pattern [| pattern]… )`; False at the end of the text."""
    while True:
        tok = p.take()
        subs.extend(tok.subs)
        if tok.kind == EOF:
            return False
        if tok.kind == OP and tok.value == ")":
            return True


def _condition(p: Parser) -> Node:
    """[[ … ]]: < > && || ( ) inside are operators of the test, not redirections."""
    p.take()
    subs: list[Node] = []
    while True:
        tok = p.take()
        subs.extend(tok.subs)
        if tok.kind == EOF:
            p.lx.problem("missing ']]' before the end of the command")
            break
        if keyword(tok) == "]]":
            break
    return Simple((), (), tuple(subs))
