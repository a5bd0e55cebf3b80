from __future__ import annotations

import pytest

from tddgate import globs
from tddgate.errors import ConfigError

MATCHES = [
    # no "/": the basename, at any depth
    ("*.py", "calc.py"),
    ("*.py", "src/pkg/calc.py"),
    ("test_*.py", "tests/unit/test_calc.py"),
    ("conftest.py", "a/b/conftest.py"),
    ("?.py", "pkg/a.py"),
    ("[abc].py", "pkg/b.py"),
    ("[!abc].py", "pkg/d.py"),
    ("[^abc].py", "pkg/d.py"),
    ("[]].py", "].py"),
    # with "/": anchored at the root
    ("src/*.py", "src/calc.py"),
    ("/setup.py", "setup.py"),
    ("docs/conf.py", "docs/conf.py"),
    # ** spans folders
    ("src/**/*.py", "src/calc.py"),
    ("src/**/*.py", "src/pkg/sub/calc.py"),
    ("**/migrations/*.py", "migrations/0001.py"),
    ("**/migrations/*.py", "app/db/migrations/0001.py"),
    ("a/**/b", "a/b"),
    ("a/**/b", "a/x/y/b"),
    ("a/**/**/b", "a/x/b"),
    ("scripts/**", "scripts/tool.py"),
    ("scripts/**", "scripts/deep/tool.py"),
    ("**", "anything/at/all.txt"),
    # a trailing "/" matches a folder and everything under it
    ("build/", "build/lib/x.py"),
    ("build/", "pkg/build/x.py"),
    ("build/", "build/"),
    ("src/generated/", "src/generated/models.py"),
    # escapes
    ("\\*.py", "*.py"),
    ("\\!important.md", "!important.md"),
    ("[*].py", "*.py"),
]

MISSES = [
    ("*.py", "calc.pyc"),
    ("*.py", "src/calc.py/readme"),
    ("src/*.py", "src/pkg/calc.py"),  # * does not cross "/"
    ("src/*.py", "lib/src/calc.py"),  # anchored
    ("/setup.py", "pkg/setup.py"),
    ("?.py", "ab.py"),
    ("x?y", "x/y"),
    ("x*y", "x/y"),
    ("[abc].py", "d.py"),
    ("[!abc].py", "a.py"),
    ("x[!a]y", "x/y"),
    ("x[/]y", "x/y"),
    ("src/**/*.py", "lib/calc.py"),
    ("a/**/b", "a/xb"),
    ("scripts/**", "scripts"),
    ("src/**.py", "src/pkg/calc.py"),  # ** not between slashes is a plain *
    ("build/", "build"),  # a file named build is not the folder
    ("build/", "rebuild/x.py"),
    ("src/generated/", "pkg/src/generated/models.py"),
    ("docs", "docs/index.md"),  # without "/" at the end: the path itself only
    ("\\*.py", "calc.py"),
    ("", "calc.py"),
    ("/", "calc.py"),
    ("[abc", "a"),
]


@pytest.mark.parametrize(("pattern", "path"), MATCHES)
def test_match(pattern: str, path: str) -> None:
    assert globs.match(path, pattern) is True


@pytest.mark.parametrize(("pattern", "path"), MISSES)
def test_miss(pattern: str, path: str) -> None:
    assert globs.match(path, pattern) is False


def test_unclosed_bracket_is_literal() -> None:
    assert globs.match("[abc", "[abc") is True


def test_patterns_are_compiled_once() -> None:
    globs.match("x.py", "cached-*.py")
    compiled = globs._CACHE["cached-*.py"]
    globs.match("y.py", "cached-*.py")
    assert globs._CACHE["cached-*.py"] is compiled


def test_match_any() -> None:
    assert globs.match_any("tests/test_a.py", ("*.md", "test_*.py")) is True
    assert globs.match_any("README.md", ("*.py", "docs/")) is False
    assert globs.match_any("a.py", ()) is False


def test_first_match_wins_in_order() -> None:
    overrides = {"scripts/**": "off", "*.py": "tests-exist", "scripts/x.py": "strict"}
    assert globs.first_match("scripts/x.py", overrides) == "off"
    assert globs.first_match("src/a.py", overrides) == "tests-exist"
    assert globs.first_match("README.md", overrides) is None


@pytest.mark.parametrize("pattern", ["*.py", "tests/", "/setup.py", "src/**", "\\!x"])
def test_validate_accepts(pattern: str) -> None:
    globs.validate(pattern)


@pytest.mark.parametrize("pattern", ["", "/", "//"])
def test_validate_rejects_empty(pattern: str) -> None:
    with pytest.raises(ConfigError) as info:
        globs.validate(pattern)
    assert str(info.value) == (
        f"invalid glob {pattern!r}: it matches nothing; write a pattern such as 'tests/' or '*.py'"
    )


def test_validate_rejects_negation() -> None:
    with pytest.raises(ConfigError) as info:
        globs.validate("!keep.py")
    assert str(info.value) == (
        "invalid glob '!keep.py': negation ('!') is not supported; list the paths "
        "to match instead, or escape a literal '!' as '\\!'"
    )
