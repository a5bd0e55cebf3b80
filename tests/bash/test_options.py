"""getopt-style option splitting and bash brace expansion."""

from __future__ import annotations

import pytest

from tddgate.bash.nodes import Word
from tddgate.bash.options import brace_expand, parse_opts


def words(*texts: str) -> tuple[Word, ...]:
    return tuple(Word(t, "u" * len(t), t) for t in texts)


def summary(
    args: tuple[Word, ...], **kwargs: object
) -> tuple[list[tuple[str, str | None]], list[str]]:
    opts = parse_opts(args, **kwargs)  # type: ignore[arg-type]
    pairs = [(name, None if value is None else value.text) for name, value in opts.pairs]
    return pairs, [w.text for w in opts.operands]


def test_clustered_short_flags_and_values() -> None:
    assert summary(words("-rf", "-tDIR", "-S", ".bak", "a"), short_values="tS") == (
        [("r", None), ("f", None), ("t", "DIR"), ("S", ".bak")],
        ["a"],
    )


def test_a_value_option_at_the_end_has_no_value() -> None:
    assert summary(words("a", "-t"), short_values="t") == ([("t", None)], ["a"])


def test_long_options_with_equals_or_a_separate_value() -> None:
    assert summary(
        words("--in-place=.orig", "--target-directory", "d", "--force", "x"),
        long_values=frozenset({"target-directory"}),
    ) == ([("in-place", ".orig"), ("target-directory", "d"), ("force", None)], ["x"])


def test_optional_value_is_only_ever_attached() -> None:
    assert summary(words("-i", "s/a/b/", "-ie", "f"), optional="i") == (
        [("i", ""), ("i", "e")],
        ["s/a/b/", "f"],
    )


def test_gnu_permutation_and_double_dash() -> None:
    assert summary(words("a", "-f", "--", "-b")) == ([("f", None)], ["a", "-b"])


def test_posix_mode_stops_at_the_first_operand() -> None:
    assert summary(words("-n", "cmd", "-f"), permute=False) == ([("n", None)], ["cmd", "-f"])


def test_a_computed_word_is_never_an_option() -> None:
    computed = Word("$OPTS", "xxxxx", "$OPTS")
    opts = parse_opts((computed, *words("-f")))
    assert ([w.raw for w in opts.operands], opts.has("f")) == (["$OPTS"], True)


def test_get_returns_the_last_value() -> None:
    opts = parse_opts(words("-t", "a", "--target-directory=b"), short_values="t")
    value = opts.get("t", "target-directory")
    assert value is not None and value.text == "b"


@pytest.mark.parametrize(
    ("text", "mask", "expected"),
    [
        ("src/{a,b}.py", "u" * 12, ["src/a.py", "src/b.py"]),
        ("{a,{b,c}}", "u" * 9, ["a", "b", "c"]),
        ("f{1..3}", "u" * 7, ["f1", "f2", "f3"]),
        ("{c..a}", "u" * 6, ["c", "b", "a"]),
        ("{a,b}{1,2}", "u" * 10, ["a1", "a2", "b1", "b2"]),
        ("x{,.bak}", "u" * 8, ["x", "x.bak"]),
        ("{a,b}", "uqqqu", ["{a,b}"]),
        ("{a}", "uuu", ["{a}"]),
        ("{}", "uu", ["{}"]),
        ("a{b", "uuu", ["a{b"]),
        ("{1..9999}", "u" * 9, ["{1..9999}"]),
        ("{a..5}", "u" * 6, ["{a..5}"]),
    ],
)
def test_brace_expansion(text: str, mask: str, expected: list[str]) -> None:
    assert [w.text for w in brace_expand(Word(text, mask, text))] == expected


def test_brace_expansion_keeps_quoting_of_each_part() -> None:
    (first, second) = brace_expand(Word("x{a,b}", "quuuuu", "'x'{a,b}"))
    assert [(first.text, first.mask), (second.text, second.mask)] == [("xa", "qu"), ("xb", "qu")]


def test_brace_bombs_stay_unexpanded() -> None:
    bomb = "{a,b}" * 12
    assert [w.text for w in brace_expand(Word(bomb, "u" * len(bomb), bomb))] == [bomb]
