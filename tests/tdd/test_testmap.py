from __future__ import annotations

from pathlib import Path

import pytest

from tddgate.tdd import TddSettings
from tddgate.tdd.testmap import (
    EXEMPT,
    candidate_tests,
    find_test,
    is_exempt,
    module_names,
    name_templates,
    suggest_test,
)

DEFAULT = TddSettings()
TSX = TddSettings(test_name_patterns={"*.tsx": ("{name}.test.tsx", "__tests__/{name}.test.tsx")})


def _touch(root: Path, rel: str, text: str = "") -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_candidates_for_a_src_layout_module() -> None:
    assert candidate_tests("src/pkg/sub/calc.py", DEFAULT) == (
        "tests/test_calc.py",
        "tests/pkg/test_calc.py",
        "tests/pkg/sub/test_calc.py",
        "tests/sub/test_calc.py",
        "tests/calc_test.py",
        "tests/pkg/calc_test.py",
        "tests/pkg/sub/calc_test.py",
        "tests/sub/calc_test.py",
        "src/pkg/sub/test_calc.py",
        "src/pkg/sub/calc_test.py",
        "src/pkg/sub/tests/test_calc.py",
        "src/pkg/sub/tests/calc_test.py",
    )


def test_candidates_for_a_top_level_module() -> None:
    assert candidate_tests("calc.py", DEFAULT) == (
        "tests/test_calc.py",
        "tests/calc_test.py",
        "test_calc.py",
        "calc_test.py",
    )


def test_candidates_for_each_test_path_and_pattern() -> None:
    cfg = TddSettings(test_paths=("tests/unit", "./it/"), test_patterns=("check_*.py", "*.py"))
    assert candidate_tests("src/calc.py", cfg) == (
        "tests/unit/check_calc.py",
        "tests/unit/calc.py",
        "it/check_calc.py",
        "it/calc.py",
        "src/check_calc.py",
        "src/tests/check_calc.py",
        "src/tests/calc.py",
    )  # never the source itself


def test_candidates_for_non_python_sources_beside_first() -> None:
    assert candidate_tests("web/ui/Button.tsx", TSX) == (
        "web/ui/Button.test.tsx",
        "web/ui/__tests__/Button.test.tsx",
        "tests/Button.test.tsx",
        "tests/web/Button.test.tsx",
        "tests/web/ui/Button.test.tsx",
        "tests/ui/Button.test.tsx",
        "tests/__tests__/Button.test.tsx",
        "tests/web/__tests__/Button.test.tsx",
        "tests/web/ui/__tests__/Button.test.tsx",
        "tests/ui/__tests__/Button.test.tsx",
    )


def test_no_candidates_without_templates() -> None:
    assert candidate_tests("lib/app.rb", TddSettings(source_patterns=("*.rb",))) == ()


@pytest.mark.parametrize("path", ["src/pkg/__init__.py", "conftest.py", "tests/conftest.py"])
def test_exempt_files(path: str, tmp_path: Path) -> None:
    assert is_exempt(path) is True
    assert candidate_tests(path, DEFAULT) == ()
    assert find_test(tmp_path, path, DEFAULT, tmp_path / "cache") == EXEMPT


def test_name_templates() -> None:
    assert name_templates("a.py", DEFAULT) == ("test_{name}.py", "{name}_test.py")
    assert name_templates("a.py", TddSettings(test_patterns=("test*.py", "t?_*.py"))) == (
        "test{name}.py",
    )
    assert name_templates("a.tsx", TSX) == ("{name}.test.tsx", "__tests__/{name}.test.tsx")
    assert name_templates("a.js", TSX) == ()


@pytest.mark.parametrize(
    ("path", "names"),
    [
        ("src/pkg/calc.py", ("src.pkg.calc", "pkg.calc")),
        ("src/calc.py", ("src.calc", "calc")),
        ("pkg/calc.py", ("pkg.calc",)),
        ("pkg/sub/__init__.py", ("pkg.sub",)),
        ("calc.py", ("calc",)),
        ("__init__.py", ()),
        ("web/a.ts", ()),
    ],
)
def test_module_names(path: str, names: tuple[str, ...]) -> None:
    assert module_names(path) == names


def test_suggest_test() -> None:
    assert suggest_test("src/calc.py", DEFAULT) == "tests/test_calc.py"
    assert suggest_test("src/pkg/sub/calc.py", DEFAULT) == "tests/test_calc.py"
    assert suggest_test("web/Button.tsx", TSX) == "web/Button.test.tsx"
    assert suggest_test("lib/app.rb", TddSettings(source_patterns=("*.rb",))) == "tests/test_app.rb"
    mapped = TddSettings(test_map={"src/legacy/**": ("tests/legacy/*.py", "tests/test_legacy.py")})
    assert suggest_test("src/legacy/old.py", mapped) == "tests/test_legacy.py"


def test_find_test_derived_name(tmp_path: Path) -> None:
    _touch(tmp_path, "tests/pkg/test_calc.py")
    assert (
        find_test(tmp_path, "src/pkg/calc.py", DEFAULT, tmp_path / "cache")
        == "tests/pkg/test_calc.py"
    )


def test_find_test_beside_for_non_python(tmp_path: Path) -> None:
    _touch(tmp_path, "web/__tests__/Button.test.tsx")
    assert (
        find_test(tmp_path, "web/Button.tsx", TSX, tmp_path / "cache")
        == "web/__tests__/Button.test.tsx"
    )


def test_find_test_none(tmp_path: Path) -> None:
    _touch(tmp_path, "tests/test_other.py", "import other\n")
    assert find_test(tmp_path, "src/calc.py", DEFAULT, tmp_path / "cache") is None


def test_find_test_without_a_tests_folder(tmp_path: Path) -> None:
    assert find_test(tmp_path, "src/calc.py", DEFAULT, tmp_path / "cache") is None


@pytest.mark.parametrize(
    ("source", "test_text"),
    [
        ("src/pkg/calc.py", "import pkg.calc\n"),
        ("src/pkg/calc.py", "from pkg.calc import add\n"),
        ("src/pkg/calc.py", "from pkg import calc\n"),
        ("src/pkg/calc.py", "import src.pkg.calc as c\n"),
        ("src/calc.py", "from src.calc import sub\n"),
        ("src/calc.py", "def test_x():\n    from calc import add\n"),
        ("pkg/calc.py", "import importlib\nmod = importlib.import_module('pkg.calc')\n"),
        ("pkg/calc.py", "from pkg.calc import (\n    add,\n)\ndef broken(:\n"),
    ],
)
def test_find_test_by_import(tmp_path: Path, source: str, test_text: str) -> None:
    _touch(tmp_path, "tests/integration/test_flows.py", test_text)
    found = find_test(tmp_path, source, DEFAULT, tmp_path / "cache")
    assert found == "tests/integration/test_flows.py"


def test_find_test_by_relative_import_in_tests(tmp_path: Path) -> None:
    cfg = TddSettings(test_paths=("src/app/tests",))
    _touch(tmp_path, "src/app/tests/test_flows.py", "from ..calc import add\n")
    assert (
        find_test(tmp_path, "src/app/calc.py", cfg, tmp_path / "cache")
        == "src/app/tests/test_flows.py"
    )


def test_find_test_by_test_map(tmp_path: Path) -> None:
    cfg = TddSettings(
        test_map={
            "src/legacy/**": ("tests/legacy_suite.py",),
            "src/gen/*.py": ("tests/generated/**/check_*.py",),
        }
    )
    cache = tmp_path / "cache"
    assert find_test(tmp_path, "src/legacy/old.py", cfg, cache) is None
    _touch(tmp_path, "tests/legacy_suite.py")
    assert find_test(tmp_path, "src/legacy/old.py", cfg, cache) == "tests/legacy_suite.py"
    assert find_test(tmp_path, "src/gen/models.py", cfg, cache) is None
    _touch(tmp_path, "tests/generated/v2/check_models.py")
    _touch(tmp_path, "tests/generated/v1/check_models.py")
    assert (
        find_test(tmp_path, "src/gen/models.py", cfg, cache) == "tests/generated/v1/check_models.py"
    )


def test_test_map_basename_glob_searches_test_paths_only(tmp_path: Path) -> None:
    cfg = TddSettings(test_map={"src/*.py": ("spec_*.py",)})
    _touch(tmp_path, "docs/spec_calc.py")
    assert find_test(tmp_path, "src/calc.py", cfg, tmp_path / "cache") is None
    _touch(tmp_path, "tests/deep/spec_calc.py")
    assert find_test(tmp_path, "src/calc.py", cfg, tmp_path / "cache") == "tests/deep/spec_calc.py"
