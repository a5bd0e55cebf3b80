"""The shell parser: lists, pipelines, groups and compound commands, as nested shapes."""

from __future__ import annotations

from typing import Any

import pytest

from tddgate.bash.nodes import Function, Group, Node, Pipeline, Script, Simple
from tddgate.bash.parser import parse


def shape(node: Node) -> Any:
    """A readable picture of a node: "cmd args >f" for a simple command, tuples else."""
    if isinstance(node, Simple):
        parts = [w.text for w in node.words]
        parts += [f"{r.fd}{r.op}{r.target.text}" for r in node.redirects]
        text = " ".join(parts)
        return f"{text} +{len(node.subs)}sub" if node.subs else text
    if isinstance(node, Pipeline):
        return ("|", *[shape(c) for c in node.commands])
    if isinstance(node, Function):
        return ("def", node.name, shape(node.body))
    if isinstance(node, Group):
        kind = "()" if node.subshell else "{}"
        redirects = [f"{r.fd}{r.op}{r.target.text}" for r in node.redirects]
        return (kind, shape(node.body), *redirects)
    assert isinstance(node, Script)
    return [(shape(item), sep) for item, sep in zip(node.items, node.seps, strict=True)]


def parsed(src: str) -> Any:
    script, problems = parse(src)
    assert problems == []
    return shape(script)


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        ("a; b & c\nd", [("a", ";"), ("b", "&"), ("c", "\n"), ("d", "")]),
        ("a && b || c", [([("a", "&&"), ("b", "||"), ("c", "")], "")]),
        ("a | b |& c", [(("|", "a", "b", "c"), "")]),
        ("a &&\n b", [([("a", "&&"), ("b", "")], "")]),
        ("(cd x; y) > f", [(("()", [("cd x", ";"), ("y", "")], ">f"), "")]),
        ("{ a; b; } 2>e", [(("{}", [("a", ";"), ("b", ";")], "2>e"), "")]),
        ("echo } {", [("echo } {", "")]),
        ("x=1 y=$(z) cmd", [("x=1 y=$(z) cmd +1sub", "")]),
        (
            "if a; then b > f; else c; fi > g",
            [("a", ";"), ("b >f", ";"), ("c", ";"), ("fi >g", "")],
        ),
        ("while read l; do x; done", [("read l", ";"), ("x", ";"), ("done", "")]),
        ("! a", [("a", "")]),
        ("for f in a b; do rm $f; done", [("for f in a b", ";"), ("rm $f", ";"), ("done", "")]),
        ("for ((i=0; i<3; i++)); do x; done", [("for", ";"), ("x", ";"), ("done", "")]),
        (
            "case $x in a|b) y > f;; (c) z;; esac",
            [(("{}", [([("y >f", "")], ""), ([("z", "")], "")]), "")],
        ),
        ("[[ a > b && -f c ]] && d", [([("", "&&"), ("d", "")], "")]),
        ("(( x > 3 )) && y", [([("((  x > 3 ", "&&"), ("y", "")], "")]),
        ("((a) )", [(("()", [(("()", [("a", "")]), "")]), "")]),
        ("f() { a > b; }", [(("def", "f", ("{}", [("a >b", ";")])), "")]),
        ("function g { a; }", [(("def", "g", ("{}", [("a", ";")])), "")]),
        ("function h() (a)", [(("def", "h", ("()", [("a", "")])), "")]),
        ("cat <<EOF | tee f\nbody\nEOF\nnext", [(("|", "cat <<EOF", "tee f"), "\n"), ("next", "")]),
    ],
)
def test_structure(src: str, expected: Any) -> None:
    assert parsed(src) == expected


@pytest.mark.parametrize(
    ("src", "problems"),
    [
        ("a )", ["syntax error near ')'"]),
        ("a ;; b", ["syntax error near ';;'"]),
        ("echo a (b)", ["syntax error near '('"]),
        ("( a", ["missing ')' before the end of the command"]),
        ("{ a; ", ["missing '}' before the end of the command"]),
        ("case x in a) b", ["missing 'esac' before the end of the command"]),
        ("case x in a", ["missing 'esac' before the end of the command"]),
        ("[[ a", ["missing ']]' before the end of the command"]),
        ("echo >", ["redirection > has no target"]),
        ("f ( x", ["syntax error after function name 'f'"]),
        ("for ((", ["syntax error in for ((…))", "missing ')' before the end of the command"]),
        ("( " * 100, ["nesting deeper than 40 levels was not analysed"]),
    ],
)
def test_syntax_problems_are_reported_and_parsing_goes_on(src: str, problems: list[str]) -> None:
    assert parse(src)[1] == problems


def test_what_precedes_a_syntax_error_is_still_parsed() -> None:
    script, problems = parse("echo a > f; ) echo b > g")
    assert (shape(script), problems) == (
        [("echo a >f", ";"), ("echo b >g", "")],
        ["syntax error near ')'"],
    )


def test_thousand_parens_are_arithmetic_when_they_close_as_double_paren() -> None:
    script, problems = parse("(" * 1000 + "x" + ")" * 1000)
    expression = "(" * 998 + "x" + ")" * 998
    assert (shape(script), problems) == ([(f"(( {expression}", "")], [])
