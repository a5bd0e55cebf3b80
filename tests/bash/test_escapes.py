"""Backslash escapes in the three dialects bash has: $'…', echo -e, printf."""

from __future__ import annotations

import pytest

from tddgate.bash.escapes import ansi_c, echo_e, printf_format


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a\\tb\\n", "a\tb\n"),
        ("\\x41\\101\\u00e9\\U0001F600", "AAé😀"),
        ("\\cA\\c[", "\x01\x1b"),
        ("\\'\\\"\\?\\\\", "'\"?\\"),
        ("\\q", "\\q"),
        ("\\UFFFFFFFF", "\ufffd"),
        ("\\ud800", "\ufffd"),
        ("\\777", "\xff"),
    ],
)
def test_ansi_c(text: str, value: str) -> None:
    assert ansi_c(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a\\tb", ("a\tb", False)),
        ("\\0101\\101", ("A\\101", False)),
        ("stop\\chere", ("stop", True)),
        ("\\e\\q", ("\x1b\\q", False)),
    ],
)
def test_echo_e(text: str, value: tuple[str, bool]) -> None:
    assert echo_e(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("\\101\\x42\\n", ("AB\n", False)),
        ("a\\cb", ("a", True)),
    ],
)
def test_printf_format(text: str, value: tuple[str, bool]) -> None:
    assert printf_format(text) == value
