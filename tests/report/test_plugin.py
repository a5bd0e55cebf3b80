"""The pytest plugin writes real reports, and each real run gets its exact verdict.

Every run here is a real pytest run inside pytester (in-process: fast, and enough, since
the plugin is loaded through its pytest11 entry point there too). `-p no:randomly` keeps
test order, so the offender lists below are deterministic.
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

import pytest

from tddgate import __version__
from tddgate.report import summary as summary_module
from tddgate.report.integrity import integrity
from tddgate.report.schema import validate_report
from tddgate.report.summary import summarize
from tddgate.report.verdict import Verdict, judge

pytest_plugins = ["pytester"]

PYPROJECT = '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n\n[tool.tddgate]\n'
REPORT = ".claude/tddgate/report.json"
RUN = "Run the full suite: python -m pytest"
RUN_FULL = "Run the full suite from the project root: python -m pytest"
AGE = "(report 1 min old)"
BAD = "def test_bad():\n    assert 1 == 2\n"
TWO_PASS = textwrap.dedent("""
    def test_one():
        pass

    def test_two():
        pass
""")


@pytest.fixture
def proj(pytester: pytest.Pytester) -> pytest.Pytester:
    (pytester.path / "pyproject.toml").write_text(PYPROJECT)
    return pytester


def write(pytester: pytest.Pytester, rel: str, source: str) -> None:
    path = pytester.path / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(source))


def run(pytester: pytest.Pytester, *args: str) -> tuple[pytest.RunResult, Verdict]:
    result = pytester.runpytest("-p", "no:randomly", *args)
    summary = summarize(pytester.path / REPORT)
    assert summary.created is not None, summary
    verdict = judge(
        summary, project_root=pytester.path, last_edit=None, baseline_ids=None,
        now=summary.created + 90,
    )
    return result, verdict


def load(pytester: pytest.Pytester, rel: str = REPORT) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((pytester.path / rel).read_text())
    return data


def test_all_pass_is_green_and_the_report_is_complete(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", TWO_PASS)
    result, verdict = run(proj)
    result.assert_outcomes(passed=2)
    assert f"tddgate: wrote {REPORT} (full suite)" in result.stdout.lines
    assert verdict == Verdict(
        green=True, reason="", passed=2, failed=0, errors=0, skipped=0, xfailed=0, xpassed=0,
        collection_errors=0, total=2, created=verdict.created, full_suite=True,
        node_ids=("tests/test_a.py::test_one", "tests/test_a.py::test_two"),
    )
    data = load(proj)
    validate_report(data)
    meta = data["tddgate"]
    assert meta["version"] == __version__
    assert meta["args"][:2] == ["-p", "no:randomly"]  # pytester adds --basetemp
    assert meta["rootdir"] == str(proj.path) == data["root"]
    assert meta["testpaths"] == ["tests"]
    assert meta["started"] < data["created"] <= meta["finished"]
    assert (meta["workers"], meta["full_suite"], meta["not_full"]) == (0, True, [])
    assert meta["integrity"] == integrity(data)
    state = proj.path / ".claude/tddgate"
    assert not list(state.glob("*.tmp"))
    assert (state / ".gitignore").is_file()


def test_the_plugin_fills_the_summary_cache(
    proj: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(proj, "tests/test_a.py", "def test_ok():\n    pass\n\n" + BAD)
    proj.runpytest()
    state = proj.path / ".claude/tddgate"
    fresh = summarize(state / "report.json")

    def no_parsing(raw: bytes, path: str) -> None:
        raise AssertionError("parsed although the plugin filled the cache")

    monkeypatch.setattr(summary_module, "summarize_bytes", no_parsing)
    assert summarize(state / "report.json", cache_dir=state) == fresh


def test_a_failure(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", "def test_ok():\n    pass\n\n" + BAD)
    result, verdict = run(proj)
    result.assert_outcomes(passed=1, failed=1)
    assert (verdict.green, verdict.failed, verdict.passed) == (False, 1, 1)
    assert verdict.reason == (
        f"tests are not green: 1 failed of 2 {AGE}.\n"
        "  tests/test_a.py::test_bad: assert 1 == 2\n"
        f"{RUN}"
    )


def test_an_error_in_setup(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", """
        import pytest

        @pytest.fixture
        def broken():
            raise RuntimeError("setup boom")

        def test_x(broken):
            pass
    """)
    _, verdict = run(proj)
    assert verdict.errors == 1
    assert verdict.reason == (
        f"tests are not green: 1 error of 1 {AGE}.\n"
        "  tests/test_a.py::test_x: error in setup: RuntimeError: setup boom\n"
        f"{RUN}"
    )


def test_an_error_in_teardown_of_a_passing_test(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", """
        import pytest

        @pytest.fixture
        def leaky():
            yield
            raise RuntimeError("teardown boom")

        def test_x(leaky):
            pass
    """)
    result, verdict = run(proj)
    result.assert_outcomes(passed=1, errors=1)
    assert (verdict.passed, verdict.errors) == (0, 1)
    assert verdict.reason == (
        f"tests are not green: 1 error of 1 {AGE}.\n"
        "  tests/test_a.py::test_x: error in teardown: RuntimeError: teardown boom\n"
        f"{RUN}"
    )


def test_a_skip_in_call(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", """
        import pytest

        def test_ok():
            pass

        def test_s():
            pytest.skip("not today")
    """)
    _, verdict = run(proj)
    assert verdict.reason == (
        f"tests are not green: 1 skipped of 2 {AGE}.\n"
        "  tests/test_a.py::test_s: skipped: not today\n"
        f"{RUN}"
    )


def test_skips_at_setup_and_while_collecting(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", """
        import pytest

        @pytest.fixture
        def needs():
            pytest.importorskip("no_such_module_xyz")

        @pytest.mark.skip(reason="not now")
        def test_marked():
            pass

        @pytest.mark.skipif(True, reason="never here")
        def test_cond():
            pass

        def test_needs(needs):
            pass
    """)
    write(proj, "tests/test_b.py", """
        import pytest

        pytest.importorskip("no_such_module_xyz")

        def test_hidden():
            pass
    """)
    result, verdict = run(proj)
    result.assert_outcomes(skipped=4)
    missing = "could not import 'no_such_module_xyz': No module named 'no_such_module_xyz'"
    assert (verdict.skipped, verdict.total) == (4, 3)
    assert verdict.reason == (
        f"tests are not green: 3 skipped of 3, 1 module skipped while collecting {AGE}.\n"
        f"  tests/test_b.py: skipped while collecting: {missing}\n"
        "  tests/test_a.py::test_marked: skipped: not now\n"
        "  tests/test_a.py::test_cond: skipped: never here\n"
        f"  tests/test_a.py::test_needs: skipped: {missing}\n"
        f"{RUN}"
    )


def test_xfail(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", """
        import pytest

        @pytest.mark.xfail(reason="known bug")
        def test_x():
            assert 0
    """)
    _, verdict = run(proj)
    assert verdict.reason == (
        f"tests are not green: 1 xfailed of 1 {AGE}.\n"
        "  tests/test_a.py::test_x: xfailed: assert 0\n"
        f"{RUN}"
    )


def test_xpass_not_strict(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", """
        import pytest

        @pytest.mark.xfail(reason="flaky")
        def test_x():
            pass
    """)
    _, verdict = run(proj)
    assert verdict.reason == (
        f"tests are not green: 1 xpassed of 1 {AGE}.\n"
        "  tests/test_a.py::test_x: xpassed: marked xfail but passed; remove the mark\n"
        f"{RUN}"
    )


def test_xpass_strict(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", """
        import pytest

        @pytest.mark.xfail(reason="flaky", strict=True)
        def test_x():
            pass
    """)
    _, verdict = run(proj)
    assert verdict.reason == (
        f"tests are not green: 1 failed of 1 {AGE}.\n"
        "  tests/test_a.py::test_x: [XPASS(strict)] flaky\n"
        f"{RUN}"
    )


def test_a_collection_error(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", TWO_PASS)
    write(proj, "tests/test_b.py", "import no_such_module_xyz\n")
    _, verdict = run(proj)
    assert (verdict.collection_errors, verdict.total) == (1, 0)
    assert verdict.reason == (
        f"tests are not green: 1 collection error; no tests ran {AGE}.\n"
        "  tests/test_b.py: collection error: "
        "ModuleNotFoundError: No module named 'no_such_module_xyz'\n"
        "The last run was also not the full suite: collection errors stopped the run.\n"
        f"{RUN}"
    )


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (("-k", "one"), "-k used"),
        (("-m", "not slow"), "-m used"),
        (("--deselect", "tests/test_a.py::test_two"), "--deselect used"),
        (("--ignore", "tests/test_b.py"), "--ignore used"),
        (("--collect-only",), "--collect-only"),
        (("tests/test_a.py",), "explicit paths narrower than testpaths: tests/test_a.py"),
        (
            ("tests/test_a.py::test_one", "tests/test_b.py"),
            "explicit paths narrower than testpaths: tests/test_a.py::test_one",
        ),
    ],
)
def test_runs_narrower_than_the_suite(
    proj: pytest.Pytester, args: tuple[str, ...], why: str
) -> None:
    write(proj, "tests/test_a.py", TWO_PASS)
    write(proj, "tests/test_b.py", "def test_three():\n    pass\n")
    result, verdict = run(proj, *args)
    assert f"tddgate: wrote {REPORT} (NOT the full suite: {why})" in result.stdout.lines
    assert (verdict.green, verdict.full_suite) == (False, False)
    assert verdict.reason == (
        f"tests are not green: the last run was not the full suite: {why} {AGE}.\n{RUN_FULL}"
    )


@pytest.mark.parametrize("args", [(), ("tests",), (".",), ("tests", "tests/test_a.py"), ("-x",)])
def test_runs_that_cover_the_suite_are_full(proj: pytest.Pytester, args: tuple[str, ...]) -> None:
    write(proj, "tests/test_a.py", TWO_PASS)
    _, verdict = run(proj, *args)
    assert (verdict.green, verdict.full_suite, verdict.total) == (True, True, 2)


def test_paths_narrower_than_the_rootdir_without_testpaths(pytester: pytest.Pytester) -> None:
    (pytester.path / "pyproject.toml").write_text("[tool.tddgate]\n")
    write(pytester, "tests/test_a.py", TWO_PASS)
    write(pytester, "other/test_b.py", "def test_three():\n    pass\n")
    _, verdict = run(pytester, "tests")
    assert verdict.reason == (
        "tests are not green: the last run was not the full suite: "
        f"explicit paths narrower than rootdir: tests {AGE}.\n{RUN_FULL}"
    )


def test_x_that_stopped_early(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", BAD + TWO_PASS)
    result, verdict = run(proj, "-x")
    result.assert_outcomes(failed=1)
    assert verdict.reason == (
        f"tests are not green: 1 failed of 1 {AGE}.\n"
        "  tests/test_a.py::test_bad: assert 1 == 2\n"
        "The last run was also not the full suite: stopped early by -x/--maxfail.\n"
        f"{RUN}"
    )


def test_an_interrupted_run(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", "import pytest\n\ndef test_stop():\n    pytest.exit('bye')\n")
    write(proj, "tests/test_b.py", TWO_PASS)
    _, verdict = run(proj)
    assert verdict.reason == (
        f"tests are not green: 1 error of 1 {AGE}.\n"
        "  tests/test_a.py::test_stop: incomplete: no call stage recorded\n"
        "The last run was also not the full suite: interrupted before every test ran.\n"
        f"{RUN}"
    )


def test_last_failed_is_a_subset_and_failed_first_is_not(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", BAD + TWO_PASS)
    failure = (
        f"tests are not green: 1 failed of {{}} {AGE}.\n"
        "  tests/test_a.py::test_bad: assert 1 == 2\n"
    )
    run(proj)
    _, verdict = run(proj, "--ff")
    assert verdict.reason == failure.format(3) + RUN
    _, verdict = run(proj, "--lf")
    assert verdict.reason == (
        failure.format(1)
        + "The last run was also not the full suite: --lf/--ff subset.\n"
        + RUN
    )


def test_deselection_by_a_conftest(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", TWO_PASS)
    write(proj, "tests/conftest.py", """
        def pytest_collection_modifyitems(config, items):
            dropped = [i for i in items if i.name == "test_two"]
            items[:] = [i for i in items if i.name != "test_two"]
            config.hook.pytest_deselected(items=dropped)
    """)
    _, verdict = run(proj)
    assert verdict.reason == (
        "tests are not green: the last run was not the full suite: "
        f"1 test deselected by a plugin or conftest {AGE}.\n{RUN_FULL}"
    )


def test_xdist_run_reports_every_test_from_the_controller(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", TWO_PASS)
    write(proj, "tests/test_b.py", "def test_three():\n    pass\n\ndef test_four():\n    pass\n")
    result, verdict = run(proj, "-n", "2")
    result.assert_outcomes(passed=4)
    assert (verdict.green, verdict.total, verdict.full_suite) == (True, 4, True)
    assert sorted(verdict.node_ids) == [
        "tests/test_a.py::test_one", "tests/test_a.py::test_two",
        "tests/test_b.py::test_four", "tests/test_b.py::test_three",
    ]
    assert load(proj)["tddgate"]["workers"] == 2


def test_the_users_own_json_report_still_works(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", TWO_PASS)
    result, verdict = run(proj, "--json-report", "--json-report-file=out/mine.json")
    assert "report saved to: out/mine.json" in result.stdout.lines
    assert verdict.green
    mine = load(proj, "out/mine.json")
    assert [t["nodeid"] for t in mine["tests"]] == list(verdict.node_ids)
    assert mine["summary"] == {"passed": 2, "total": 2, "collected": 2}


def test_the_users_summary_only_report_does_not_starve_ours(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", TWO_PASS)
    _, verdict = run(
        proj, "--json-report", "--json-report-file=mine.json", "--json-report-summary",
        "--json-report-omit", "collectors",
    )
    assert (verdict.green, verdict.total) == (True, 2)
    mine = load(proj, "mine.json")
    assert "tests" not in mine and "collectors" not in mine
    assert "collectors" in load(proj)


def test_a_json_report_instance_handed_to_pytest_main(proj: pytest.Pytester) -> None:
    """pytest-json-report's documented API use: that instance runs, tddgate reads it."""
    from pytest_jsonreport.plugin import JSONReport  # type: ignore[import-untyped]

    write(proj, "tests/test_a.py", TWO_PASS)
    plugin = JSONReport()
    proj.runpytest("-p", "no:randomly", plugins=[plugin]).assert_outcomes(passed=2)
    assert [t["nodeid"] for t in plugin.report["tests"]] == [
        "tests/test_a.py::test_one", "tests/test_a.py::test_two",
    ]
    assert summarize(proj.path / REPORT).total == 2


def test_without_pytest_json_report_nothing_breaks(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", TWO_PASS)
    proj.runpytest("-p", "no:pytest_jsonreport").assert_outcomes(passed=2)
    assert not (proj.path / REPORT).exists()


def test_no_tddgate_writes_nothing(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", TWO_PASS)
    proj.runpytest("--no-tddgate").assert_outcomes(passed=2)
    assert not (proj.path / ".claude").exists()


def test_no_tddgate_keeps_the_users_report(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", TWO_PASS)
    proj.runpytest("--no-tddgate", "--json-report", "--json-report-file=mine.json")
    assert "tddgate" not in load(proj, "mine.json")


def test_tddgate_report_option_writes_there_even_outside_a_project(
    pytester: pytest.Pytester,
) -> None:
    write(pytester, "test_a.py", TWO_PASS)
    pytester.runpytest("--tddgate-report", "out/r.json").assert_outcomes(passed=2)
    assert load(pytester, "out/r.json")["tddgate"]["full_suite"] is True
    assert not (pytester.path / ".claude").exists()


def test_outside_a_tddgate_project_nothing_is_written(pytester: pytest.Pytester) -> None:
    (pytester.path / "pyproject.toml").write_text('[project]\nname = "tddgate-demo"\n')
    write(pytester, "test_a.py", TWO_PASS)
    result = pytester.runpytest()
    result.assert_outcomes(passed=2)
    assert not (pytester.path / ".claude").exists()
    assert not [line for line in result.stdout.lines if line.startswith("tddgate:")]


@pytest.mark.parametrize("marker", [".tddgate.toml", ".claude/tddgate/"])
def test_other_ways_to_enable_the_plugin(pytester: pytest.Pytester, marker: str) -> None:
    target = pytester.path / marker
    if marker.endswith("/"):
        target.mkdir(parents=True)
    else:
        target.write_text("")
    write(pytester, "test_a.py", TWO_PASS)
    pytester.runpytest().assert_outcomes(passed=2)
    assert load(pytester)["tddgate"]["full_suite"] is True


def test_an_unwritable_state_dir_is_a_note_not_a_crash(proj: pytest.Pytester) -> None:
    write(proj, "tests/test_a.py", TWO_PASS)
    (proj.path / ".claude").write_text("a file where the directory should be")
    result = proj.runpytest()
    result.assert_outcomes(passed=2)
    assert result.ret == 0
    assert any(
        line.startswith("tddgate: could not write .claude/tddgate/report.json: ")
        for line in result.stdout.lines
    ), result.stdout.str()
