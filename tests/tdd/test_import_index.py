"""The import index behind find_test: cached on disk, refreshed only where something changed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

import pytest

from tddgate.tdd import TddSettings, import_index, imports, testmap
from tddgate.tdd.testmap import find_test

CFG = TddSettings()
SOURCE = "src/pkg/calc.py"
FLOWS = "tests/integration/test_flows.py"


def _write(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def _settle(root: Path) -> None:
    """Date every file and folder a minute back: the index distrusts fresh timestamps."""
    old = time.time_ns() - 60_000_000_000
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(os.path.join(folder, name), ns=(old, old))
        os.utime(folder, ns=(old, old))


def _find(root: Path) -> str | None:
    return find_test(root, SOURCE, CFG, root / ".cache")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _write(tmp_path, FLOWS, "from pkg.calc import add\n")
    _write(tmp_path, "tests/test_other.py", "import pkg.other\n")
    _settle(tmp_path)
    return tmp_path


def _count(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[object]:
    """Record every call of module.name (still calling through)."""
    calls: list[object] = []
    real = getattr(module, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0] if args else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def _forbid(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"{name} called on the warm path")

    monkeypatch.setattr(module, name, fail)


def test_warm_lookup_neither_walks_nor_refreshes(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _find(repo) == FLOWS
    _forbid(monkeypatch, testmap, "refresh")
    _forbid(monkeypatch, os, "scandir")
    _forbid(monkeypatch, imports, "imported_modules")
    assert _find(repo) == FLOWS


def test_new_test_file_is_found_after_a_miss(repo: Path) -> None:
    _write(repo, FLOWS, "import pkg.other\n")
    assert _find(repo) is None
    _write(repo, "tests/e2e/deep/test_journey.py", "from pkg import calc\n")
    assert _find(repo) == "tests/e2e/deep/test_journey.py"


def test_test_edited_in_place_is_found(repo: Path) -> None:
    _write(repo, FLOWS, "import pkg.other\n")
    assert _find(repo) is None
    _write(repo, FLOWS, "import pkg.other\nimport pkg.calc\n")  # its folder's mtime may not move
    assert _find(repo) == FLOWS


def test_test_that_stops_importing_no_longer_counts(repo: Path) -> None:
    assert _find(repo) == FLOWS
    _write(repo, FLOWS, "import pkg.other as x\n")
    assert _find(repo) is None


def test_deleted_test_no_longer_counts(repo: Path) -> None:
    assert _find(repo) == FLOWS
    (repo / FLOWS).unlink()
    assert _find(repo) is None


def test_refresh_lists_only_changed_folders_and_parses_only_changed_files(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = testmap._index_key(CFG)
    cache = repo / ".cache"
    import_index.refresh(repo, cache, ("tests",), CFG.test_patterns, key)
    listed = _count(monkeypatch, os, "scandir")
    parsed = _count(monkeypatch, imports, "imported_modules")
    import_index.refresh(repo, cache, ("tests",), CFG.test_patterns, key)
    assert (listed, parsed) == ([], [])
    _write(repo, "tests/integration/test_more.py", "import pkg.more\n")
    view = import_index.refresh(repo, cache, ("tests",), CFG.test_patterns, key)
    assert listed == [f"{repo}/tests/integration"]
    assert parsed == ["import pkg.more\n"]
    assert view.tests == (FLOWS, "tests/integration/test_more.py", "tests/test_other.py")
    assert view.importers("pkg.more") == ["tests/integration/test_more.py"]
    assert view.importers("pkg") == []


def test_fresh_timestamps_are_read_again_until_they_settle(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = testmap._index_key(CFG)
    cache = repo / ".cache"
    _write(repo, "tests/test_new.py", "import pkg.new\n")  # written just now
    import_index.refresh(repo, cache, ("tests",), CFG.test_patterns, key)
    listed = _count(monkeypatch, os, "scandir")
    parsed = _count(monkeypatch, imports, "imported_modules")
    import_index.refresh(repo, cache, ("tests",), CFG.test_patterns, key)
    assert (listed, parsed) == ([f"{repo}/tests"], ["import pkg.new\n"])
    _settle(repo)
    import_index.refresh(repo, cache, ("tests",), CFG.test_patterns, key)
    listed.clear()
    parsed.clear()
    import_index.refresh(repo, cache, ("tests",), CFG.test_patterns, key)
    assert (listed, parsed) == ([], [])


def test_hidden_cache_and_non_test_files_are_not_indexed(tmp_path: Path) -> None:
    for rel in (
        "tests/__pycache__/test_x.py",
        "tests/.hidden/test_x.py",
        "tests/node_modules/test_x.py",
        "tests/helpers.py",
        "tests/test_data.json",
    ):
        _write(tmp_path, rel, "import pkg.calc\n")
    assert _find(tmp_path) is None


def test_binary_and_undecodable_test_files_do_not_crash(repo: Path) -> None:
    (repo / "tests/test_blob.py").write_bytes(b"\x00\xff\xfeimport pkg.calc\n\x89PNG")
    (repo / "tests/test_latin.py").write_bytes("import pkg.calc  # café\n".encode("latin-1"))
    _write(repo, FLOWS, "import pkg.other\n")
    assert _find(repo) == "tests/test_latin.py"


def test_damaged_cache_is_rebuilt(repo: Path) -> None:
    assert _find(repo) == FLOWS
    index_dir = repo / ".cache" / import_index.INDEX_DIR
    for path in index_dir.iterdir():
        path.write_text('{"k": 1, "m": [[1, 2]], "dirs": 3')
    assert _find(repo) == FLOWS
    assert _find(repo) == FLOWS


@pytest.mark.parametrize(
    "bucket",
    [
        {"m": {"pkg.calc": [["tests/x.py", 1]]}},
        {"m": {"pkg.calc": 7}},
        {"m": ["pkg.calc"]},
        {"m": None},
    ],
)
def test_damaged_bucket_entries_fall_back(repo: Path, bucket: dict[str, Any]) -> None:
    assert _find(repo) == FLOWS
    key = testmap._index_key(CFG)
    for module in ("src.pkg.calc", "pkg.calc"):
        path = Path(import_index._bucket_path(repo / ".cache", module))
        path.write_text(json.dumps({"k": key, **bucket}))
    assert _find(repo) == FLOWS


def _damage_meta(repo: Path, dirs: object, files: object) -> None:
    key = testmap._index_key(CFG)
    meta = repo / ".cache" / import_index.INDEX_DIR / "meta.json"
    meta.parent.mkdir(parents=True, exist_ok=True)
    meta.write_text(json.dumps({"v": import_index.VERSION, "k": key, "dirs": dirs, "files": files}))


@pytest.mark.parametrize(
    ("dirs", "files"),
    [
        ({"tests": [1, "x", []]}, {}),
        ({"tests": 5}, {}),
        ({"tests": [1, [["nested"]], []]}, {}),
        ({}, {FLOWS: [1]}),
        ({}, {FLOWS: "x"}),
        ([], {}),
    ],
)
def test_damaged_meta_is_rebuilt(repo: Path, dirs: object, files: object) -> None:
    _damage_meta(repo, dirs, files)
    assert _find(repo) == FLOWS


def test_damaged_module_list_for_an_unchanged_file_is_rebuilt(repo: Path) -> None:
    stat = (repo / FLOWS).stat()
    _damage_meta(repo, {}, {FLOWS: [stat.st_mtime_ns, stat.st_size, [["pkg.calc"]]]})
    assert _find(repo) == FLOWS


def test_unwritable_cache_only_costs_speed(repo: Path) -> None:
    (repo / ".cache").write_text("a file where the cache folder should be")
    assert _find(repo) == FLOWS


def test_changed_test_patterns_invalidate_the_index(repo: Path) -> None:
    _write(repo, "tests/check_calc_flow.py", "import pkg.newcalc\n")
    cache = repo / ".cache"
    assert find_test(repo, "src/pkg/newcalc.py", CFG, cache) is None
    custom = TddSettings(test_patterns=("check_*.py",))
    assert find_test(repo, "src/pkg/newcalc.py", custom, cache) == "tests/check_calc_flow.py"


def _warm_costs(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    assert _find(root) == FLOWS
    stats = _count(monkeypatch, os, "stat")
    opens = _count(monkeypatch, import_index, "open")
    assert _find(root) == FLOWS
    monkeypatch.undo()
    return len(stats), len(opens)


def test_warm_cost_does_not_grow_with_the_repo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_index, "open", open, raising=False)
    small = tmp_path / "small"
    _write(small, FLOWS, "from pkg.calc import add\n")
    _settle(small)
    small_costs = _warm_costs(small, monkeypatch)
    big = tmp_path / "big"
    _write(big, FLOWS, "from pkg.calc import add\n")
    for n in range(300):
        _write(big, f"tests/area{n % 30}/test_mod{n}.py", f"import pkg.mod{n}\n")
        for m in range(10):
            _write(big, f"src/pkg/area{n}/mod{m}.py", "")
    _settle(big)
    monkeypatch.setattr(import_index, "open", open, raising=False)
    assert _warm_costs(big, monkeypatch) == small_costs
    assert small_costs == (len(testmap.candidate_tests(SOURCE, CFG)) + 1, 1)  # one bucket
