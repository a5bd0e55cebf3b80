"""The scripted session: every gate, in the order a disciplined agent meets them."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import NamedTuple

from tddgate.demo.session import Answer, DemoSession

CALC = "def add(a, b):\n    return a + b\n"
SUB = CALC + "\n\ndef sub(a, b):\n    return a - b\n"
TEST_ADD = "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"
TEST_SUB = TEST_ADD + "\n\ndef test_sub():\n    from calc import sub\n\n    assert sub(3, 1) == 2\n"
SKIPPED = TEST_SUB.replace("def test_sub", '@pytest.mark.skip(reason="later")\ndef test_sub')
SKIPPED = "import pytest\n" + SKIPPED


class Step(NamedTuple):
    """One agent action: what it tries, whether tddgate should block it, and the call."""

    title: str
    call: str
    expect_block: bool
    run: Callable[[DemoSession], tuple[Answer, str]]


def _hook(answer: Answer) -> tuple[Answer, str]:
    return answer, ""


def _pytest(s: DemoSession) -> tuple[Answer, str]:
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider"]
    answer, output = s.bash(argv, "python -m pytest -q")
    last = output.strip().splitlines()[-2:] if output.strip() else []
    return answer, " ".join(line for line in last if line.strip())


def _tddgate(*args: str) -> Callable[[DemoSession], tuple[Answer, str]]:
    def run(s: DemoSession) -> tuple[Answer, str]:
        argv = [sys.executable, "-m", "tddgate", *args, "--project", str(s.root)]
        return s.bash(argv, "tddgate " + " ".join(f'"{a}"' if " " in a else a for a in args))

    return run


STEPS = (
    Step(
        "Edit before saying what it works on",
        "Write src/calc.py",
        True,
        lambda s: _hook(s.write("src/calc.py", SUB)),
    ),
    Step(
        "Register the work",
        'tddgate todo start "Add sub()"',
        False,
        _tddgate("todo", "start", "Add sub()"),
    ),
    Step(
        "Add sub() while the suite is green",
        "Write src/calc.py",
        True,
        lambda s: _hook(s.write("src/calc.py", SUB)),
    ),
    Step(
        "Write the failing test first",
        "Write tests/test_calc.py",
        False,
        lambda s: _hook(s.write("tests/test_calc.py", TEST_SUB)),
    ),
    Step("Run the tests: red, as it should be", "python -m pytest -q", False, _pytest),
    Step("Try to stop with a red suite", "Stop", True, lambda s: _hook(s.stop())),
    Step(
        "Implement sub(): the green step",
        "Write src/calc.py",
        False,
        lambda s: _hook(s.write("src/calc.py", SUB)),
    ),
    Step(
        "Skip the test instead of fixing it",
        "Write tests/test_calc.py",
        True,
        lambda s: _hook(s.write("tests/test_calc.py", SKIPPED)),
    ),
    Step("Try to stop before re-running the tests", "Stop", True, lambda s: _hook(s.stop(True))),
    Step("Run the tests: green", "python -m pytest -q", False, _pytest),
    Step(
        "Mark the todo done (green, so allowed)",
        'tddgate todo done "Add sub()"',
        False,
        _tddgate("todo", "done", "Add sub()"),
    ),
    Step("Stop: fresh, full, 100 % green", "Stop", False, lambda s: _hook(s.stop())),
)


def play(session: DemoSession) -> Iterator[tuple[int, Step, Answer, str]]:
    for number, step in enumerate(STEPS, start=1):
        answer, output = step.run(session)
        yield number, step, answer, output
