"""getopt for the commands we inspect, and brace expansion (hot path: stdlib only).

Options are read from the word's value after quote removal, as the command sees them. A
computed word (`$OPTS`) is never taken for an option: it stays an operand, so a computed
path is reported rather than silently skipped.
"""

from __future__ import annotations

from itertools import pairwise

from tddgate.bash.nodes import UNQUOTED, Word

#: Brace expansion beyond this many words is left unexpanded (and so reported verbatim).
MAX_BRACE_WORDS = 256


class Opts:
    """Options as (name, value) pairs (short names without "-", long without "--")."""

    __slots__ = ("operands", "pairs")

    def __init__(
        self, pairs: tuple[tuple[str, Word | None], ...], operands: tuple[Word, ...]
    ) -> None:
        self.pairs = pairs
        self.operands = operands

    def has(self, *names: str) -> bool:
        return any(name in names for name, _ in self.pairs)

    def get(self, *names: str) -> Word | None:
        """The last value given for any of `names` (later options win, as in getopt)."""
        found = None
        for name, value in self.pairs:
            if name in names:
                found = value
        return found


def _sub(word: Word, start: int) -> Word:
    return Word(word.text[start:], word.mask[start:], word.raw)


def parse_opts(
    args: tuple[Word, ...],
    short_values: str = "",
    long_values: frozenset[str] = frozenset(),
    optional: str = "",
    permute: bool = True,
) -> Opts:
    """Split GNU-style arguments. `short_values`: letters taking a value (attached or next);
    `optional`: letters whose value can only be attached (sed -i[SUFFIX]); `permute`:
    options may follow operands (GNU), else the first operand ends them (POSIX)."""
    pairs: list[tuple[str, Word | None]] = []
    operands: list[Word] = []
    i = 0
    while i < len(args):
        word = args[i]
        text = word.text
        i += 1
        if not word.literal or len(text) < 2 or text[0] != "-":
            operands.append(word)
            if not permute:
                operands.extend(args[i:])
                break
            continue
        if text == "--":
            operands.extend(args[i:])
            break
        if text.startswith("--"):
            name, eq, _ = text[2:].partition("=")
            if eq:
                pairs.append((name, _sub(word, len(name) + 3)))
            elif name in long_values and i < len(args):
                pairs.append((name, args[i]))
                i += 1
            else:
                pairs.append((name, None))
            continue
        for j in range(1, len(text)):
            letter = text[j]
            if letter in optional:
                pairs.append((letter, _sub(word, j + 1)))
                break
            if letter in short_values:
                if j + 1 < len(text):
                    pairs.append((letter, _sub(word, j + 1)))
                elif i < len(args):
                    pairs.append((letter, args[i]))
                    i += 1
                else:
                    pairs.append((letter, None))
                break
            pairs.append((letter, None))
    return Opts(tuple(pairs), tuple(operands))


def brace_expand(word: Word) -> list[Word]:
    """Bash brace expansion of unquoted {a,b} and {1..3}; other words come back as they are.

    Pathological words (huge, or with more braces than anyone types) stay unexpanded.
    """
    if "{" not in word.text or len(word.text) > 4096 or word.text.count("{") > 32:
        return [word]
    out = _expand(word)
    return out if len(out) <= MAX_BRACE_WORDS else [word]


def _expand(word: Word) -> list[Word]:
    found = _find_braces(word)
    if found is None:
        return [word]
    start, end, items = found
    head_text, head_mask = word.text[:start], word.mask[:start]
    tail = Word(word.text[end + 1 :], word.mask[end + 1 :], word.raw)
    out: list[Word] = []
    rests = _expand(tail)
    for item in (one for alternative in items for one in _expand(alternative)):
        for rest in rests:
            text = head_text + item.text + rest.text
            out.append(Word(text, head_mask + item.mask + rest.mask, word.raw))
            if len(out) > MAX_BRACE_WORDS:
                return out
    return out


def _find_braces(word: Word) -> tuple[int, int, list[Word]] | None:
    """The leftmost unquoted {…} holding a comma list or a range, with its alternatives."""
    best: tuple[int, int, list[Word]] | None = None
    stack: list[tuple[int, list[int]]] = []
    for i, (ch, how) in enumerate(zip(word.text, word.mask, strict=False)):
        if how != UNQUOTED:
            continue
        if ch == "{":
            stack.append((i, [i]))
        elif ch == "," and stack:
            stack[-1][1].append(i)
        elif ch == "}" and stack:
            start, cuts = stack.pop()
            items = _alternatives(word, cuts, i)
            if items is not None and (best is None or start < best[0]):
                best = (start, i, items)
    return best


def _alternatives(word: Word, cuts: list[int], end: int) -> list[Word] | None:
    if len(cuts) > 1:
        bounds = [*cuts, end]
        return [
            Word(word.text[a + 1 : b], word.mask[a + 1 : b], word.raw) for a, b in pairwise(bounds)
        ]
    return _range(word.text[cuts[0] + 1 : end])


def _range(inner: str) -> list[Word] | None:
    low, sep, high = inner.partition("..")
    if not sep or ".." in high:
        return None
    if low.lstrip("-").isdigit() and high.lstrip("-").isdigit():
        a, b = int(low), int(high)
        if abs(b - a) > MAX_BRACE_WORDS:
            return None
        step = 1 if b >= a else -1
        values = [str(n) for n in range(a, b + step, step)]
    elif len(low) == 1 and len(high) == 1 and low.isalpha() and high.isalpha():
        step = 1 if high >= low else -1
        values = [chr(n) for n in range(ord(low), ord(high) + step, step)]
    else:
        return None
    return [Word(v, UNQUOTED * len(v), v) for v in values]
