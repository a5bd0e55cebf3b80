"""The shell lexer: words with their quote masks, operators, here-docs, problems."""

from __future__ import annotations

import pytest

from tddgate.bash.lexer import EOF, Lexer, Token
from tddgate.bash.nodes import HereDoc, Redirect, Simple, Word
from tddgate.bash.parser import parse, parse_substitution


def lex(src: str) -> tuple[list[tuple[str, ...]], list[str]]:
    """Every token as (kind, operator-or-text, mask, fd), and the lexer's problems."""
    lexer = Lexer(src, parse_substitution)
    out: list[tuple[str, ...]] = []
    while True:
        tok: Token = lexer.next()
        if tok.kind == EOF:
            return out, lexer.problems
        word = tok.word
        if word is None:
            out.append((tok.kind, tok.value, "", tok.fd))
        else:
            out.append((tok.kind, word.text, word.mask, tok.fd))


def word(src: str) -> Word:
    """The single word `src` lexes to."""
    lexer = Lexer(src, parse_substitution)
    tok = lexer.next()
    assert tok.word is not None
    assert lexer.next().kind == EOF
    return tok.word


def heredoc(src: str) -> HereDoc:
    """The here-doc of the first redirection of the first command."""
    script, problems = parse(src)
    assert problems == []
    command = script.items[0]
    assert isinstance(command, Simple)
    redirect: Redirect = command.redirects[0]
    assert redirect.heredoc is not None
    return redirect.heredoc


def test_plain_words_and_operators() -> None:
    assert lex("a&&b||c;d|e&f|&g") == (
        [
            ("word", "a", "u", ""),
            ("op", "&&", "", ""),
            ("word", "b", "u", ""),
            ("op", "||", "", ""),
            ("word", "c", "u", ""),
            ("op", ";", "", ""),
            ("word", "d", "u", ""),
            ("op", "|", "", ""),
            ("word", "e", "u", ""),
            ("op", "&", "", ""),
            ("word", "f", "u", ""),
            ("op", "|&", "", ""),
            ("word", "g", "u", ""),
        ],
        [],
    )


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("> f", [("redir", ">", "", ""), ("word", "f", "u", "")]),
        (">>f", [("redir", ">>", "", ""), ("word", "f", "u", "")]),
        (">|f", [("redir", ">|", "", ""), ("word", "f", "u", "")]),
        ("&>f", [("redir", "&>", "", ""), ("word", "f", "u", "")]),
        ("&>>f", [("redir", "&>>", "", ""), ("word", "f", "u", "")]),
        ("2>&1", [("redir", ">&", "", "2"), ("word", "1", "u", "")]),
        ("10>f", [("redir", ">", "", "10"), ("word", "f", "u", "")]),
        ("<<<w", [("redir", "<<<", "", ""), ("word", "w", "u", "")]),
        ("3<>f", [("redir", "<>", "", "3"), ("word", "f", "u", "")]),
        ("a2>f", [("word", "a2", "uu", ""), ("redir", ">", "", ""), ("word", "f", "u", "")]),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_redirection_operators_carry_their_fd(src: str, expected: list[tuple[str, ...]]) -> None:
    assert lex(src) == (expected, [])


@pytest.mark.parametrize(
    ("src", "text", "mask"),
    [
        ("'a b'", "a b", "qqq"),
        ('"a $x"', "a $x", "qqXX"),
        ('"`b`"c', "`b`c", "XXXu"),
        ("a\\ b", "a b", "uqu"),
        ("$'a\\tb\\x41\\'c'", "a\tbA'c", "qqqqqq"),
        ('$"hi"', "hi", "qq"),
        ('"a\\"b\\$c\\\\d\\e"', 'a"b$c\\d\\e', "qqqqqqqqq"),
        ("pre'q'\"d\"post", "preqdpost", "uuuqquuuu"),
        ("$HOME/x", "$HOME/x", "xxxxxuu"),
        ("${a:-b}c", "${a:-b}c", "xxxxxxxu"),
        ("$1$@$#", "$1$@$#", "xxxxxx"),
        ("$((1+2))", "$((1+2))", "xxxxxxxx"),
        ("$(echo a)", "$(echo a)", "xxxxxxxxx"),
        ("`echo a`", "`echo a`", "xxxxxxxx"),
        ("a$", "a$", "uu"),
        ("<(ls)", "<(ls)", "ppppp"),
        ("!(a|b).py", "!(a|b).py", "uuuuuuuuu"),
        ("ec\\\nho", "echo", "uuuu"),
        ('"a\\\nb"', "ab", "qq"),
        ("a#b", "a#b", "uuu"),
    ],
)
def test_word_text_and_mask(src: str, text: str, mask: str) -> None:
    found = word(src)
    assert (found.text, found.mask, found.raw) == (text, mask, src)


def test_words_show_themselves_for_debugging() -> None:
    assert repr(word("'a'b")) == "Word('ab', 'qu', \"'a'b\")"


def test_a_comment_runs_to_the_end_of_the_line() -> None:
    assert lex("echo a # b > c\nd") == (
        [
            ("word", "echo", "uuuu", ""),
            ("word", "a", "u", ""),
            ("newline", "\n", "", ""),
            ("word", "d", "u", ""),
        ],
        [],
    )


def test_command_substitutions_are_parsed_inside_the_word() -> None:
    lexer = Lexer('x"$(rm a; echo ")")"`touch b`', parse_substitution)
    tok = lexer.next()
    assert tok.word is not None
    assert tok.word.text == 'x$(rm a; echo ")")`touch b`'
    assert len(tok.subs) == 2
    assert lexer.problems == []


def test_arithmetic_that_does_not_close_as_double_paren_is_a_subshell() -> None:
    lexer = Lexer("$((rm x) )", parse_substitution)
    tok = lexer.next()
    assert tok.word is not None
    assert (tok.word.text, len(tok.subs)) == ("$((rm x) )", 1)


def test_quoted_heredoc_keeps_its_body_verbatim() -> None:
    doc = heredoc("cat <<'EOF'\nhello $x `y`\\n\nEOF\n")
    assert (doc.delimiter, doc.body, doc.literal, doc.quoted) == (
        "EOF",
        "hello $x `y`\\n\n",
        True,
        True,
    )


def test_unquoted_heredoc_expands_and_is_not_literal_with_a_variable() -> None:
    doc = heredoc("cat <<EOF\na \\$b $c\nEOF")
    assert (doc.body, doc.literal) == ("a $b $c\n", False)


def test_unquoted_heredoc_without_expansions_is_literal() -> None:
    doc = heredoc('cat <<EOF\nsay "hi" \\\\ \\q\nEOF')
    assert (doc.body, doc.literal) == ('say "hi" \\ \\q\n', True)


def test_heredoc_substitutions_are_kept_for_analysis() -> None:
    doc = heredoc("cat <<EOF\n$(rm -rf src)\nEOF")
    assert len(doc.subs) == 1


def test_dash_heredoc_strips_leading_tabs() -> None:
    doc = heredoc("cat <<-END\n\t\tindented\n\tEND\n")
    assert doc.body == "indented\n"


def test_two_heredocs_on_one_line_are_read_in_order() -> None:
    script, problems = parse("cat <<A; cat <<B\n1\nA\n2\nB\necho after")
    assert problems == []
    first, second, third = script.items
    assert isinstance(first, Simple) and isinstance(second, Simple)
    assert isinstance(third, Simple)
    bodies = [c.redirects[0].heredoc.body for c in (first, second) if c.redirects[0].heredoc]
    assert bodies == ["1\n", "2\n"]
    assert [w.text for w in third.words] == ["echo", "after"]


@pytest.mark.parametrize(
    ("src", "problem"),
    [
        ("echo 'abc", "unterminated single quote (')"),
        ('echo "abc', 'unterminated double quote (")'),
        ("echo `abc", "unterminated backquote (`)"),
        ("echo $'abc", "unterminated $'…' quote"),
        ("echo ${abc", "unterminated ${…}"),
        ("echo @(abc", "unterminated extended glob (…)"),
        ("echo $(ls", "missing ')' before the end of the command"),
        ("echo " + "$(" * 60, "nesting deeper than 40 levels was not analysed"),
        ("echo " + "${" * 60, "nesting deeper than 40 levels was not analysed"),
    ],
)
def test_problems_are_reported_not_raised(src: str, problem: str) -> None:
    assert lex(src)[1] == [problem]


@pytest.mark.parametrize(
    ("src", "problems"),
    [
        ("cat <<EOF\nbody", ["here-doc never closed (no line with 'EOF' before the end)"]),
        ("cat <<EOF", ["here-doc never closed (no line with 'EOF' before the end)"]),
        ("cat <<A; cat <<B", ["here-doc never closed (no line with 'A', 'B' before the end)"]),
        (
            "cat <<A; cat <<B\n",
            [
                "here-doc never closed (no line with 'A' before the end)",
                "here-doc never closed (no line with 'B' before the end)",
            ],
        ),
    ],
)
def test_an_unclosed_heredoc_is_a_problem(src: str, problems: list[str]) -> None:
    assert parse(src)[1] == problems
