from __future__ import annotations

import pytest

from tddgate.tdd import TddSettings
from tddgate.tdd.classify import classify, clean_dir, clean_test_paths, mode_for, template_glob

DEFAULT = TddSettings()
TS = TddSettings(
    source_patterns=("*.py",),
    test_name_patterns={"*.ts": ("{name}.test.ts", "__tests__/{name}.spec.ts")},
)
NESTED_TESTS = TddSettings(test_paths=("tests", "src/app/checks"))

TABLE = [
    # flat layout
    ("calc.py", DEFAULT, "source"),
    ("pkg/calc.py", DEFAULT, "source"),
    ("pkg/__init__.py", DEFAULT, "source"),
    # src layout
    ("src/pkg/calc.py", DEFAULT, "source"),
    ("src/pkg/sub/deep.py", DEFAULT, "source"),
    ("src/pkg/__init__.py", DEFAULT, "source"),
    ("src/pkg/__main__.py", DEFAULT, "source"),
    # namespace package (no __init__.py anywhere): still source
    ("src/ns/plugin/mod.py", DEFAULT, "source"),
    # tests by name, anywhere
    ("tests/test_calc.py", DEFAULT, "test"),
    ("tests/unit/test_calc.py", DEFAULT, "test"),
    ("tests/calc_test.py", DEFAULT, "test"),
    ("src/pkg/test_calc.py", DEFAULT, "test"),
    ("test_top.py", DEFAULT, "test"),
    # code under a test path is test infrastructure
    ("tests/__init__.py", DEFAULT, "test"),
    ("tests/unit/__init__.py", DEFAULT, "test"),
    ("tests/conftest.py", DEFAULT, "test"),
    ("tests/helpers.py", DEFAULT, "test"),
    ("tests/fixtures/sample_module.py", DEFAULT, "test"),
    # conftest.py is test code wherever pytest finds it
    ("conftest.py", DEFAULT, "test"),
    ("src/pkg/conftest.py", DEFAULT, "test"),
    # nested tests/ folders count at any depth
    ("src/pkg/tests/test_calc.py", DEFAULT, "test"),
    ("src/pkg/tests/__init__.py", DEFAULT, "test"),
    ("src/pkg/tests/factories.py", DEFAULT, "test"),
    # a test path with "/" is anchored
    ("src/app/checks/helpers.py", NESTED_TESTS, "test"),
    ("lib/src/app/checks/helpers.py", NESTED_TESTS, "source"),
    # data under tests is neither test nor source
    ("tests/fixtures/x.json", DEFAULT, "other"),
    ("tests/fixtures/payloads/Stop-1.json", DEFAULT, "other"),
    ("tests/README.md", DEFAULT, "other"),
    # docs, config, data
    ("README.md", DEFAULT, "other"),
    ("pyproject.toml", DEFAULT, "other"),
    ("docs/index.rst", DEFAULT, "other"),
    ("data/input.csv", DEFAULT, "other"),
    ("notebooks/explore.ipynb", DEFAULT, "other"),
    ("assets/logo.png", DEFAULT, "other"),
    (".claude/todos/current.md", DEFAULT, "other"),
    # non-Python sources exist only through test_name_patterns
    ("web/calc.ts", DEFAULT, "other"),
    ("web/calc.ts", TS, "source"),
    ("web/calc.test.ts", TS, "test"),
    ("web/__tests__/calc.spec.ts", TS, "test"),
    ("web/calc.js", TS, "other"),
    ("tests/fixtures/page.html", TS, "other"),
]


@pytest.mark.parametrize(("path", "cfg", "kind"), TABLE)
def test_classify(path: str, cfg: TddSettings, kind: str) -> None:
    assert classify(path, cfg) == kind


def test_custom_test_patterns() -> None:
    cfg = TddSettings(test_patterns=("check_*.py",))
    assert classify("src/check_calc.py", cfg) == "test"
    assert classify("src/test_calc.py", cfg) == "source"


def test_root_as_test_path_does_not_make_everything_a_test() -> None:
    cfg = TddSettings(test_paths=(".",))
    assert classify("src/calc.py", cfg) == "source"
    assert classify("test_calc.py", cfg) == "test"


MODES = [
    ("src/calc.py", "strict"),
    ("scripts/tool.py", "off"),
    ("scripts/deep/tool.py", "off"),
    ("src/legacy/old.py", "tests-exist"),  # the later "src/legacy/**" does not apply
    ("src/legacy/scripts/x.py", "tests-exist"),
]


@pytest.mark.parametrize(("path", "mode"), MODES)
def test_mode_for_first_override_wins(path: str, mode: str) -> None:
    cfg = TddSettings(
        tdd="strict",
        tdd_overrides={"scripts/**": "off", "src/legacy/": "tests-exist", "src/legacy/**": "off"},
    )
    assert mode_for(path, cfg) == mode


def test_mode_for_without_overrides_is_the_default() -> None:
    assert mode_for("src/calc.py", TddSettings(tdd="tests-exist")) == "tests-exist"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("tests", "tests"),
        ("./tests/", "tests"),
        (".", ""),
        ("./", ""),
        (" tests\\unit ", "tests/unit"),
    ],
)
def test_clean_dir(raw: str, clean: str) -> None:
    assert clean_dir(raw) == clean


def test_test_dirs() -> None:
    assert clean_test_paths(TddSettings(test_paths=("./tests/", "it"))) == ("tests", "it")


def test_template_glob() -> None:
    assert template_glob("__tests__/{name}.test.ts") == "*.test.ts"
    assert template_glob("{name}_spec.rb") == "*_spec.rb"
