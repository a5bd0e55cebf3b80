"""The projects the benchmark runs hooks in: generated once, big ones cached in .cache/.

Everything here uses the interpreter under test only through subprocesses (pytest runs), so
the benchmark driver itself needs nothing but the stdlib.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
CACHE = BENCH / ".cache"
PAYLOADS = REPO / "tests" / "fixtures" / "payloads"
CAPTURED_ROOT = "/home/dev/work/demo"
SESSION = "8c15dcad-8f13-4e4e-a1da-eabe1cf31355"
SUITE_SIZE = 10_000
GENERATOR = 1  # bump when a generated tree changes shape, so caches are rebuilt

PYPROJECT = """\
[tool.pytest.ini_options]
pythonpath = ["src"]
testpaths = ["tests"]

[tool.tddgate]
"""
TODO_IN_PROGRESS = "# TODOs\n\n## IN PROGRESS\n- [ ] Benchmark the hooks\n"
CALC = "def add(a, b):\n    return a + b\n"
TEST_CALC = "from calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"


def payload(name: str, project: Path, **overrides: Any) -> dict[str, Any]:
    """A payload captured from Claude Code 2.1.330, moved into `project`."""
    text = (PAYLOADS / f"{name}.json").read_text().replace(CAPTURED_ROOT, str(project))
    data: dict[str, Any] = json.loads(text)
    data.update(session_id=SESSION, **overrides)
    return data


def hook_env(project: Path, home: Path) -> dict[str, str]:
    import os

    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "CLAUDE_PROJECT_DIR": str(project),
        "CLAUDECODE": "1",
        "CLAUDE_CODE_SESSION_ID": SESSION,
    }


def run_pytest(python: str, project: Path, home: Path, *args: str) -> int:
    proc = subprocess.run(
        [python, "-m", "pytest", "-q", "-p", "no:randomly", "-p", "no:cacheprovider", *args],
        cwd=project,
        env=hook_env(project, home),
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.returncode


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def small_project(root: Path, todo: bool = True) -> Path:
    """pyproject + src/calc.py (tested) + src/other.py (untested) + a todo in progress."""
    _write(root / "pyproject.toml", PYPROJECT)
    _write(root / "src/calc.py", CALC)
    _write(root / "src/other.py", "X = 1\n")
    _write(root / "tests/test_calc.py", TEST_CALC)
    _write(root / "docs/notes.md", "# notes\n")
    if todo:
        _write(root / ".claude/todos/current.md", TODO_IN_PROGRESS)
    return root


def mark_edited(root: Path) -> None:
    """The session has edited a file (else Stop allows at once without reading the report)."""
    folder = root / ".claude/tddgate/sessions" / SESSION
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "edited-main").touch()


# -- the 10,000-test suite ------------------------------------------------------------------


def big_suite(python: str, home: Path) -> Path:
    """A project whose last run (real pytest, tddgate's plugin) passed 10,000 tests."""
    root = CACHE / f"suite-{SUITE_SIZE}"
    report = root / ".claude/tddgate/report.json"
    if not _suite_ok(root, report):
        shutil.rmtree(root, ignore_errors=True)
        small_project(root)
        body = "".join(f"def test_{i}():\n    pass\n\n\n" for i in range(SUITE_SIZE // 100))
        for k in range(100):
            _write(root / f"tests/test_big_{k:02d}.py", body)
        (root / "tests/test_calc.py").unlink()
        print(f"bench: generating a {SUITE_SIZE}-test report with real pytest (once) …")
        if run_pytest(python, root, home) != 0:
            raise SystemExit(f"bench: the generated suite in {root} did not pass")
        (root / "generator").write_text(str(GENERATOR))
    _reset_state(root, keep=("report.json", "summary-cache.json"))  # as the plugin left them
    mark_edited(root)
    return root


def _suite_ok(root: Path, report: Path) -> bool:
    try:
        data = json.loads(report.read_bytes())
        same = (root / "generator").read_text() == str(GENERATOR)
    except (OSError, ValueError):
        return False
    summary = data.get("summary", {})
    return (
        same
        and data.get("root") == str(root)
        and summary.get("passed") == SUITE_SIZE == summary.get("total")
    )


def _reset_state(root: Path, keep: tuple[str, ...] = ()) -> None:
    """Forget every state file but `keep`, so each benchmark starts like a fresh session."""
    state = root / ".claude/tddgate"
    if not state.is_dir():
        return
    for child in state.iterdir():
        if child.name in keep:
            continue
        if child.is_dir():
            shutil.rmtree(child)
        else:
            child.unlink()


# -- snapshot stores ------------------------------------------------------------------------


def snapshot_project(root: Path, stored: int, seed_line: bytes) -> Path:
    """A small project whose snapshots.jsonl already holds `stored` snapshots."""
    small_project(root)
    state = root / ".claude/tddgate"
    state.mkdir(parents=True, exist_ok=True)
    line = seed_line if seed_line.endswith(b"\n") else seed_line + b"\n"
    with open(state / "snapshots.jsonl", "wb") as handle:
        for _ in range(stored // 1000):
            handle.write(line * 1000)
        handle.write(line * (stored % 1000))
    return root


# -- generated repositories -----------------------------------------------------------------


def repo(files: int) -> Path:
    """A repo of `files` Python files: half sources under src/pkg, half their tests, plus
    src/pkg/special.py whose only test imports it under another name (the import index).
    """
    root = CACHE / f"repo-{files}"
    marker = root / "generator"
    if not (marker.is_file() and marker.read_text() == str(GENERATOR)):
        shutil.rmtree(root, ignore_errors=True)
        if files > 1000:
            print(f"bench: generating a {files}-file repo (once) …")
        _generate_repo(root, files)
        marker.write_text(str(GENERATOR))
    _reset_state(root)
    return root


def _generate_repo(root: Path, files: int) -> None:
    small_project(root)
    pairs = max(1, (files - 5) // 2)  # + calc, other, test_calc, special, its flow test
    per_dir = 500
    for i in range(pairs):
        d = f"d{i // per_dir}"
        _write(root / f"src/pkg/{d}/m{i}.py", f"def f{i}(x):\n    return x + {i}\n")
        _write(
            root / f"tests/pkg/{d}/test_m{i}.py",
            f"from pkg.{d}.m{i} import f{i}\n\n\ndef test_f{i}():\n    assert f{i}(0) == {i}\n",
        )
    _write(root / "src/pkg/special.py", "def special():\n    return 1\n")
    _write(
        root / "tests/flows/test_checkout_flow.py",
        "from pkg.special import special\n\n\ndef test_flow():\n    assert special() == 1\n",
    )
