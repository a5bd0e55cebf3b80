"""Expansions inside a word: $NAME, ${…}, $(…), `…`, $((…)), $'…', extglob (hot path).

Functions over a WordReader rather than methods, to keep words.py to quoting. Command
substitutions are parsed in place through the reader's `sub_parser`, so their commands
are analysed too; ${…} and $((…)) are only skipped (with the commands inside them).
"""

from __future__ import annotations

import re

from tddgate.bash.escapes import ansi_c
from tddgate.bash.nodes import EXPANSION, QUOTED, QUOTED_EXPANSION, UNQUOTED

TYPE_CHECKING = False  # typing costs the hook 2-3 ms to import: see tddgate.namedtuple
if TYPE_CHECKING:
    from tddgate.bash.words import WordReader

#: Deeper nesting than this is not analysed (also keeps Python's stack safe).
MAX_DEPTH = 40

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_SKIP = r"[^(){}\\'\"$`]+"
_BACKTICK_ESCAPE = r"\\([$`\\])"
DQ_PLAIN = r"[^\"\\$`]+"
DQ_ESCAPABLE = '$`"\\'


def dollar(r: WordReader, text: list[str], mask: list[str], quoted: bool) -> None:
    """Read what follows a `$` (quoted: inside double quotes or a here-doc body)."""
    src = r.src
    start = r.pos
    nxt = src[start + 1 : start + 2]
    if nxt == "'" and not quoted:
        _ansi_c_quote(r, text, mask)
        return
    if nxt == '"' and not quoted:
        r.pos += 2
        if not r.dquoted(text, mask, '"', DQ_PLAIN, DQ_ESCAPABLE):
            r.problem('unterminated double quote ($")')
        return
    nested = nxt in ("(", "{")
    if nested and not _enter(r):
        return
    if src.startswith("((", start + 1):
        _arith_or_sub(r, start)
    elif nxt == "(":
        r.pos += 2
        substitute(r)
    elif nxt == "{":
        r.pos += 2
        if not _balanced(r, "{", "}"):
            r.problem("unterminated ${…}")
    else:
        m = re.compile(_NAME).match(src, start + 1)
        if m:
            r.pos = m.end()
        elif nxt and nxt in "0123456789@*#?$!-":
            r.pos += 2
        else:
            r.pos += 1
            text.append("$")
            mask.append(QUOTED if quoted else UNQUOTED)
            return
    if nested:
        r.depth -= 1
    text.append(src[start : r.pos])
    mask.append((QUOTED_EXPANSION if quoted else EXPANSION) * (r.pos - start))


def _enter(r: WordReader) -> bool:
    """One level deeper into ${…}/$(…)/$((…)); False (and stop reading) past MAX_DEPTH."""
    if r.depth >= MAX_DEPTH:
        r.abandon(f"nesting deeper than {MAX_DEPTH} levels was not analysed")
        return False
    r.depth += 1
    return True


def _ansi_c_quote(r: WordReader, text: list[str], mask: list[str]) -> None:
    """$'…': a quoted literal with C escapes."""
    src = r.src
    i = r.pos + 2
    while i < len(src) and src[i] != "'":
        i += 2 if src[i] == "\\" else 1
    if i >= len(src):
        r.problem("unterminated $'…' quote")
    value = ansi_c(src[r.pos + 2 : i])
    text.append(value)
    mask.append(QUOTED * len(value))
    r.pos = min(i + 1, len(src))


def _arith_or_sub(r: WordReader, start: int) -> None:
    """$((…)) is arithmetic unless its parens do not close as `))`; then it is $( (…) )."""
    r.pos = start + 3
    if arith(r):
        return
    r.pos = start + 2
    substitute(r)


def arith(r: WordReader) -> bool:
    """Skip an arithmetic body from here through its `))`; False (and the position back
    where it was) when it does not close that way."""
    keep = len(r.subs)
    begin = r.pos
    depth = 0
    if not r.arith_failed:
        while r.pos < len(r.src):
            ch = _skip_unit(r)
            if ch == "(":
                depth += 1
            elif ch == ")" and depth:
                depth -= 1
            elif ch == ")":
                if r.src.startswith(")", r.pos):
                    r.pos += 1
                    return True
                break
        else:
            r.arith_failed = True  # later tries would rescan to the end again
    del r.subs[keep:]
    r.pos = begin
    return False


def _balanced(r: WordReader, opener: str, closer: str) -> bool:
    """Skip to the `closer` that balances an `opener` already read; False at the end."""
    depth = 1
    while r.pos < len(r.src):
        ch = _skip_unit(r)
        if ch == opener:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                return True
    return False


def _skip_unit(r: WordReader) -> str:
    """Step over one character, quoted string or expansion; return the plain character."""
    src = r.src
    m = re.compile(_SKIP).match(src, r.pos)
    if m:
        r.pos = m.end()
        return ""
    ch = src[r.pos]
    sink: list[str] = []
    if ch == "\\":
        r.pos = min(r.pos + 2, len(src))
    elif ch == "'":
        r.single(sink, sink)
    elif ch == '"':
        r.pos += 1
        r.dquoted(sink, sink, '"', DQ_PLAIN, DQ_ESCAPABLE)
    elif ch == "$":
        dollar(r, sink, sink, quoted=False)
    elif ch == "`":
        backtick(r, sink, sink)
    else:
        r.pos += 1
        return ch
    return ""


def extglob(r: WordReader, text: list[str], mask: list[str]) -> None:
    """The (…) of an extended glob such as !(*.py), kept as unquoted pattern text."""
    start = r.pos
    r.pos += 1
    if not _balanced(r, "(", ")"):
        r.problem("unterminated extended glob (…)")
    text.append(r.src[start : r.pos])
    mask.append(UNQUOTED * (r.pos - start))


def substitute(r: WordReader) -> None:
    """Parse the command of $(…) or <(…) in place; it runs before the word is used."""
    r.subs.append(r.sub_parser(r, ")"))


def backtick(r: WordReader, text: list[str], mask: list[str], quoted: bool = False) -> None:
    """`…`: the old command substitution, parsed as a script of its own."""
    src = r.src
    start = r.pos
    i = start + 1
    while i < len(src) and src[i] != "`":
        i += 2 if src[i] == "\\" else 1
    if i >= len(src):
        r.problem("unterminated backquote (`)")
    inner = re.sub(_BACKTICK_ESCAPE, r"\1", src[start + 1 : i])
    r.pos = min(i + 1, len(src))
    child = r.child(inner)
    r.subs.append(r.sub_parser(child, ""))
    r.problems.extend(child.problems)
    text.append(src[start : r.pos])
    mask.append((QUOTED_EXPANSION if quoted else EXPANSION) * (r.pos - start))
