"""find_writes on the hot path: never raises, stays cheap to import, fast on real commands."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tddgate.bash import BashWrite, BashWrites, find_writes
from testing import payloads

SHELLISH = st.text(alphabet=list("ab.=/-~ \t\n$'\"\\`(){}[]<>|&;#*?!@%+:,0123456789"))
#: Shell tokens glued at random: reaches here-docs, case, loops and nested interpreters.
_TOKEN_TEXT = """echo cat << <<- EOF 'EOF' > >> 2>&1 | && ( ) { } ; $( ` " ' $(( ${ case in
esac ;; for do done if then fi [[ ]] f() cd $X x=1 tee patch <<< <( >( eval awk sudo env = {a,b}
-- - ~ a.py xargs \\; -exec -c bash python3 find sed -i git apply"""
_TOKENS = _TOKEN_TEXT.split()
TOKENS = st.lists(st.sampled_from([*_TOKENS, "\n"]), max_size=30).map(" ".join)


def well_formed(result: BashWrites) -> bool:
    return all(isinstance(w, BashWrite) and isinstance(w.path, str) for w in result.writes) and all(
        isinstance(u, str) for u in result.unanalysable
    )


@settings(max_examples=2000, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(command: str) -> None:
    assert well_formed(find_writes(command))


@settings(max_examples=2000, deadline=None)
@given(SHELLISH)
def test_never_raises_on_shell_punctuation_soup(command: str) -> None:
    assert well_formed(find_writes(command))


@settings(max_examples=2000, deadline=None)
@given(TOKENS)
def test_never_raises_on_shell_token_soup(command: str) -> None:
    assert well_formed(find_writes(command))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["bash -c", "sh -c", "eval", "python3 -c", "xargs"]), max_size=8),
    SHELLISH,
)
def test_never_raises_inside_nested_interpreters(wrappers: list[str], body: str) -> None:
    command = body
    for wrapper in wrappers:
        quoted = "'" + command.replace("'", "'\\''") + "'"
        command = f"{wrapper} {quoted}"
    assert well_formed(find_writes(command))


def test_the_captured_payload_writes_exactly_one_file() -> None:
    command = payloads.load("capture-PreToolUse-Bash")["tool_input"]["command"]
    assert find_writes(command) == BashWrites(
        (BashWrite("src/extra.py", ">> redirection", "x = 1\n", True),), ()
    )


TOO_DEEP = "nesting deeper than 40 levels was not analysed"
COMPUTED_NAME = (
    "the command name " + "$(" * 29 + "$… is computed at run time, so it was not analysed"
)


@pytest.mark.parametrize(
    ("command", "writes", "unanalysable"),
    [
        ("(" * 1000 + "echo a > f" + ")" * 1000, 0, ()),
        ("( " * 1000 + "echo a > f" + " )" * 1000, 0, (TOO_DEEP,)),
        ("{ " * 1000 + "echo a > f", 0, (TOO_DEEP,)),
        ("echo " + "$(" * 1000 + "rm x" + ")" * 1000, 0, (TOO_DEEP, COMPUTED_NAME)),
        ("echo " + "${" * 1000, 0, (TOO_DEEP,)),
        ("echo $((" + "(" * 1000, 0, (TOO_DEEP,)),
        ("bash -c " * 200 + "'rm x'", 0, ()),
        ("f() " * 2000 + "{ :; }", 0, (TOO_DEEP,)),
        ("echo '" + "x" * 1_000_000, 0, ("unterminated single quote (')",)),
        ("echo a > f; " + "#" * 1_000_000, 1, ()),
        ("cat > f <<EOF\n" + "line\n" * 100_000 + "EOF\n", 1, ()),
        ("touch " + "{a,b}" * 40, 1, ()),
        ("touch " + "{" * 100_000, 1, ()),
    ],
    ids=[
        "1000 parens (arithmetic)",
        "1000 subshells",
        "1000 groups",
        "1000 $(",
        "1000 ${",
        "unclosed $((",
        "200 bash -c",
        "2000 function heads",
        "1 MB unterminated quote",
        "1 MB comment",
        "100,000-line here-doc",
        "brace bomb",
        "100,000 braces",
    ],
)
def test_pathological_commands_return_quickly(
    command: str, writes: int, unanalysable: tuple[str, ...]
) -> None:
    started = time.perf_counter()
    result = find_writes(command)
    assert (len(result.writes), result.unanalysable) == (writes, unanalysable)
    assert time.perf_counter() - started < 10


def test_scripts_nested_past_the_limit_are_not_followed() -> None:
    assert find_writes("eval " * 50 + "rm a.py") == BashWrites((), (TOO_DEEP,))


def test_a_megabyte_of_commands_is_analysed() -> None:
    result = find_writes("echo a > f; " * 90_000)
    assert result == BashWrites((BashWrite("f", "> redirection", "a\n", False),), ())


def test_binary_junk_is_survived() -> None:
    junk = bytes(random.Random(7).randrange(256) for _ in range(200_000)).decode("latin-1")
    assert well_formed(find_writes(junk))


def test_a_typical_command_takes_well_under_a_millisecond() -> None:
    command = payloads.load("capture-PreToolUse-Bash")["tool_input"]["command"]
    find_writes(command)
    runs = []
    for _ in range(51):
        started = time.perf_counter()
        find_writes(command)
        runs.append(time.perf_counter() - started)
    assert sorted(runs)[25] < 0.001


def test_import_stays_on_the_stdlib_hot_path(tmp_path: Path) -> None:
    """The hook imports this before every Bash call: no slow or third-party modules."""
    code = "import sys, tddgate.bash; print(' '.join(sorted(sys.modules)))"
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    loaded = set(done.stdout.split())
    slow = {"pydantic", "click", "filelock", "dataclasses", "inspect", "asyncio", "subprocess"}
    slow |= {"msgspec", "ast", "bashlex", "shlex", "typing"}
    assert sorted(loaded & slow) == []
