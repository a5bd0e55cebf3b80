"""Ways to make a run look like the full suite when it was not, red-teamed (real pytest runs).

Each is what an agent under pressure could write to turn red into green without fixing a
test: a conftest that drops failing tests silently, an ini override or a config file of its
own that changes what is collected, testpaths that point at another suite.
"""

from __future__ import annotations

import textwrap

import pytest

from tddgate.report.summary import summarize
from tddgate.report.verdict import Verdict, judge

pytest_plugins = ["pytester"]

PYPROJECT = '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n\n[tool.tddgate]\n'
REPORT = ".claude/tddgate/report.json"
RUN_FULL = "Run the full suite from the project root: python -m pytest"
AGE = "(report 1 min old)"
SUITE = "def test_ok():\n    pass\n\ndef test_hard():\n    assert 1 == 2\n"
GREEN = "def test_ok():\n    pass\n\ndef test_hard():\n    pass\n"
DROP_SILENTLY = """
    def pytest_collection_modifyitems(items):
        items[:] = [i for i in items if "hard" not in i.name]
"""


@pytest.fixture
def proj(pytester: pytest.Pytester) -> pytest.Pytester:
    (pytester.path / "pyproject.toml").write_text(PYPROJECT)
    write(pytester, "tests/test_a.py", SUITE)
    return pytester


def write(pytester: pytest.Pytester, rel: str, source: str) -> None:
    path = pytester.path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))


def run(pytester: pytest.Pytester, *args: str) -> Verdict:
    pytester.runpytest("-p", "no:randomly", *args)
    summary = summarize(pytester.path / REPORT)
    assert summary.created is not None, summary
    return judge(
        summary,
        project_root=pytester.path,
        last_edit=None,
        baseline_ids=None,
        now=summary.created + 90,
    )


def not_full(why: str) -> str:
    return f"tests are not green: the last run was not the full suite: {why} {AGE}.\n{RUN_FULL}"


def test_a_conftest_that_drops_tests_without_deselecting_them(proj: pytest.Pytester) -> None:
    write(proj, "tests/conftest.py", DROP_SILENTLY)
    assert run(proj).reason == not_full(
        "1 test removed from the collection by a plugin or conftest"
    )


def test_the_same_under_xdist(proj: pytest.Pytester) -> None:
    write(proj, "tests/conftest.py", DROP_SILENTLY)
    assert run(proj, "-n", "2").reason == not_full(
        "1 test removed from the collection by a plugin or conftest"
    )


def test_a_conftest_that_only_reorders_is_fine(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", GREEN)
    write(
        proj,
        "tests/conftest.py",
        """
        def pytest_collection_modifyitems(items):
            items.reverse()
    """,
    )
    verdict = run(proj)
    assert (verdict.green, verdict.total) == (True, 2)


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (
            ("-o", "python_functions=test_ok"),
            "-o python_functions=test_ok changes what is collected",
        ),
        (
            ("--override-ini=testpaths=tests/none",),
            "-o testpaths=tests/none changes what is collected",
        ),
        (("-o", "addopts=-q"), "-o addopts=-q changes what is collected"),
        (("--noconftest",), "--noconftest used"),
    ],
)
def test_overrides_on_the_command_line(
    proj: pytest.Pytester, args: tuple[str, ...], why: str
) -> None:
    write(proj, "tests/test_a.py", GREEN)
    assert run(proj, *args).reason == not_full(why)


def test_overrides_through_pytest_addopts(
    proj: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(proj, "tests/test_a.py", GREEN)
    monkeypatch.setenv("PYTEST_ADDOPTS", "-o python_functions=test_ok")
    assert run(proj).reason == not_full("-o python_functions=test_ok changes what is collected")


def test_harmless_overrides_keep_the_run_full(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", "def test_ok():\n    pass\n")
    verdict = run(proj, "-o", "console_output_style=classic", "-o", "cache_dir=.other")
    assert (verdict.green, verdict.full_suite) == (True, True)


def test_a_config_file_of_the_agents_own(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", GREEN)
    other = proj.path / "elsewhere"
    write(proj, "elsewhere/pytest.ini", "[pytest]\ntestpaths = tests\n")
    write(proj, "elsewhere/tests/test_fake.py", "def test_fake():\n    pass\n")
    reason = run(proj, "-c", str(other / "pytest.ini"), "--rootdir", str(proj.path)).reason
    assert reason == not_full(f"-c {other}/pytest.ini is not the project's config file")


def test_the_projects_own_config_file_named_with_c(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", "def test_ok():\n    pass\n")
    verdict = run(proj, "-c", "pyproject.toml")
    assert (verdict.green, verdict.full_suite) == (True, True)


def test_testpaths_outside_the_project(pytester: pytest.Pytester) -> None:
    fake = pytester.path.parent / "fake-suite"
    fake.mkdir()
    (fake / "test_fake.py").write_text("def test_fake():\n    pass\n")
    (pytester.path / "pyproject.toml").write_text(
        f'[tool.pytest.ini_options]\ntestpaths = ["{fake}"]\n\n[tool.tddgate]\n'
    )
    assert run(pytester).reason == not_full(f"testpaths outside the project: {fake}")


@pytest.mark.parametrize(
    ("addopts", "why"),
    [
        ('"-k ok"', "-k used"),
        ("\"-m 'not slow'\"", "-m used"),
        ('"--deselect tests/test_a.py::test_hard"', "--deselect used"),
    ],
)
def test_selection_in_ini_addopts(pytester: pytest.Pytester, addopts: str, why: str) -> None:
    (pytester.path / "pyproject.toml").write_text(
        f'[tool.pytest.ini_options]\ntestpaths = ["tests"]\naddopts = {addopts}\n\n[tool.tddgate]\n'
    )
    write(pytester, "tests/test_a.py", GREEN)
    assert run(pytester).reason == not_full(why)


def test_selection_in_pytest_addopts(
    proj: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(proj, "tests/test_a.py", GREEN)
    monkeypatch.setenv("PYTEST_ADDOPTS", "-k ok")
    assert run(proj).reason == not_full("-k used")
