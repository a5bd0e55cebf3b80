from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tddgate.cli.history import command
from tddgate.state.snapshot_format import Snapshot
from tddgate.state.snapshots import FILE_NAME, append_snapshot
from tddgate.todos.model import TodoItem, TodoState

GOLDEN = Path(__file__).parent.parent / "golden"
MAIN = "bc5671e6-7173-4e69-816a-a8687cbadd79"
OTHER = "8c15dcad-8f13-4e4e-a1da-eabe1cf31355"
CURRENT_MD = "markdown:.claude/todos/current.md"


def at(clock: str) -> float:
    return datetime.fromisoformat(f"2026-11-22T{clock}+00:00").timestamp()


GREEN = {
    "green": True, "reason": "", "passed": 12, "failed": 0, "errors": 0, "skipped": 0,
    "xfailed": 0, "xpassed": 0, "collection_errors": 0, "total": 12,
    "created": at("10:11:40"), "full_suite": True, "node_ids": ["tests/test_calc.py::t"],
}  # fmt: skip
RED = {
    **GREEN, "green": False, "passed": 10, "failed": 2, "created": at("10:30:00"),
    "reason": "tests are not green: 2 failed of 12",
}  # fmt: skip


pytestmark = pytest.mark.usefixtures("utc")  # history shows local time


def record(
    project: Path,
    clock: str,
    event: str,
    source: str,
    *items: tuple[str, str],
    session: str = MAIN,
    agent: str | None = None,
    verdict: dict[str, Any] | None = None,
    first_id: int = 0,
) -> bool:
    todos = tuple(TodoItem(str(first_id + n), c, s) for n, (c, s) in enumerate(items))
    snap = Snapshot.of(
        TodoState(source, todos),
        session_id=session,
        agent_id=agent,
        event=event,
        verdict=verdict,
        time=at(clock),
    )
    return append_snapshot(project / ".claude" / "tddgate", snap)


def a_session(project: Path) -> None:
    """A morning of TDD as the hooks would record it (one dedup, one mirror, one red done)."""
    write, md = "PostToolUse:TodoWrite", "PostToolUse:Write"
    first = (("Add subtraction", "in_progress"), ("Add division", "pending"))
    then = (("Add subtraction", "completed"), ("Add division", "in_progress"))
    record(project, "10:00:00", write, "todowrite", *first)
    assert not record(project, "10:05:00", write, "todowrite", *first)  # deduplicated
    record(project, "10:11:59", write, "todowrite", *then, verdict=GREEN)
    record(project, "10:20:03", md, CURRENT_MD, *then, first_id=7)  # a mirror: collapsed
    parser = ("Map the parser", "in_progress")
    record(project, "10:25:00", write, "todowrite", parser, agent="a1b2c3d4e5f6", verdict=GREEN)
    fix, ship = ("Fix rounding", "completed"), ("Ship it", "completed")
    record(project, "10:31:15", "TaskCompleted", "tasks", fix, session=OTHER, verdict=RED)
    record(project, "10:40:00", "cli:todo done", "tasks", fix, ship, session=OTHER)


def run(*args: str) -> Result:
    return CliRunner().invoke(command, list(args))


def test_the_markdown_history_matches_the_golden_file(project: Path) -> None:
    a_session(project)
    result = run("--project", str(project))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (GOLDEN / "history.md").read_text(encoding="utf-8")


def test_the_json_history_matches_the_golden_file(project: Path) -> None:
    a_session(project)
    result = run("--format", "json")  # the project comes from $CLAUDE_PROJECT_DIR
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (GOLDEN / "history.jsonl").read_text(encoding="utf-8")
    stored = (project / ".claude" / "tddgate" / FILE_NAME).read_text(encoding="utf-8")
    assert result.stdout == stored


def test_half_an_emoji_from_the_agent_is_shown_as_its_escape(project: Path) -> None:
    """Node's JSON.stringify sends a lone surrogate as "\\ud83d": valid JSON, not UTF-8."""
    record(project, "10:00:00", "PostToolUse:TodoWrite", "todowrite", ("cut \ud83d", "pending"))
    md, jsonl = run("--project", str(project)), run("--format", "json")
    assert (md.exit_code, md.stderr, jsonl.exit_code, jsonl.stderr) == (0, "", 0, "")
    assert md.stdout == (
        "# Todo history — demo\n\n"
        "## 2026-11-22 10:00:00 — PostToolUse:TodoWrite (session bc5671e6, todowrite)\n\n"
        "### 📋 Pending\n- [ ] cut \\ud83d\n"
    )
    stored = (project / ".claude" / "tddgate" / FILE_NAME).read_text(encoding="utf-8")
    assert jsonl.stdout == stored
    assert '"content":"cut \\ud83d"' in stored


def headings(result: Result) -> list[str]:
    assert (result.exit_code, result.stderr) == (0, "")
    return [line for line in result.stdout.splitlines() if line.startswith("## ")]


def test_session_keeps_only_that_session_by_id_or_prefix(project: Path) -> None:
    a_session(project)
    assert headings(run("--session", "8c15dcad")) == [
        "## 2026-11-22 10:31:15 — TaskCompleted (session 8c15dcad, tasks)",
        "## 2026-11-22 10:40:00 — cli:todo done (session 8c15dcad, tasks)",
    ]
    assert headings(run("--session", OTHER)) == headings(run("--session", "8c"))


def test_since_keeps_states_from_an_iso_time_on(project: Path) -> None:
    a_session(project)
    assert headings(run("--since", "2026-11-22T10:20:03Z")) == [
        "## 2026-11-22 10:20:03 — PostToolUse:Write (session bc5671e6, " + CURRENT_MD + ")",
        "## 2026-11-22 10:25:00 — PostToolUse:TodoWrite (session bc5671e6, agent a1b2c3d4, "
        "todowrite)",
        "## 2026-11-22 10:31:15 — TaskCompleted (session 8c15dcad, tasks)",
        "## 2026-11-22 10:40:00 — cli:todo done (session 8c15dcad, tasks)",
    ]


def test_since_keeps_states_younger_than_an_age(project: Path) -> None:
    now = datetime.now(UTC)
    for n, age in enumerate([3 * 3600, 50 * 60, 10 * 60]):
        clock = datetime.fromtimestamp(now.timestamp() - age, UTC)
        item = {"id": "0", "content": f"T{n}", "status": "pending", "activeForm": ""}
        snap = Snapshot(clock.timestamp(), MAIN, None, "todowrite", f"E{n}", (item,))
        append_snapshot(project / ".claude" / "tddgate", snap)
    assert [h.split(" — ")[1].split(" ")[0] for h in headings(run("--since", "1h"))] == [
        "E1", "E2",
    ]  # fmt: skip


def test_an_empty_history_says_how_it_gets_filled(project: Path) -> None:
    message = (
        f"no todo history yet in {project}: todo changes are recorded by tddgate's hooks "
        "once it is installed (tddgate install)\n"
    )
    md, json = run("--project", str(project)), run("--format", "json")
    assert (md.exit_code, md.stdout, md.stderr) == (0, message, "")
    assert (json.exit_code, json.stdout, json.stderr) == (0, "", message)


def test_filters_that_match_nothing_say_so(project: Path) -> None:
    a_session(project)
    result = run("--session", "zzz", "--since", "2h")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"no todo history in {project} matches --session zzz --since 2h: "
        "drop the filters to see all of it\n"
    )


def test_a_torn_line_is_reported_on_stderr_and_the_rest_is_shown(project: Path) -> None:
    a_session(project)
    path = project / ".claude" / "tddgate" / FILE_NAME
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"v":1,"time":')
    result = run("--session", OTHER)
    assert result.exit_code == 0
    assert result.stderr == (
        f"{path}:7: skipped a torn or corrupt snapshot line (not JSON: a write was cut off, "
        "e.g. by a crash); the other snapshots are intact, nothing to do\n"
    )
    assert result.stdout.count("\n## ") == 2


def usage_error(option: str, message: str) -> str:
    return (
        "Usage: history [OPTIONS]\nTry 'history --help' for help.\n\n"
        f"Error: Invalid value for {option}: {message}\n"
    )


def test_an_unreadable_since_names_what_is_accepted(project: Path) -> None:
    result = run("--since", "yesterday")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == usage_error(
        "--since",
        "'yesterday' is not a time: use ISO 8601 (2026-11-22T10:00:00, 2026-11-22) "
        "or an age such as 30m, 2h, 1d",
    )


def test_a_project_that_is_not_a_directory_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = run("--project", str(missing))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == usage_error(
        "--project", f"{missing} is not a directory: pass the project's root folder"
    )


# --- streaming: the real command in a subprocess on a 100,000-snapshot history --------------

MEASURE = """
import contextlib, os, resource, sys
from tddgate.cli.history import command
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
    command.main(sys.argv[1:], standalone_mode=False)
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024, file=sys.stderr)
"""


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """A project with 100,000 stored snapshots (~25 MB), written directly for speed."""
    state = tmp_path / "big" / ".claude" / "tddgate"
    state.mkdir(parents=True)
    rows = ({"id": "0", "content": "task @n", "status": "completed", "activeForm": ""},)
    done = ({"id": "0", "content": "task @n", "evidence": GREEN},)
    line = Snapshot(1000.5, MAIN, None, "todowrite", "E", rows, None, done).to_line()
    line = line.replace("1000.5", "@t") + "\n"
    with (state / FILE_NAME).open("w", encoding="utf-8") as handle:
        for n in range(100_000):
            handle.write(line.replace("@n", str(n)).replace("@t", str(at("00:00:00") + n)))
    return tmp_path / "big"


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_a_100000_snapshot_history_streams_in_bounded_memory(big: Path, fmt: str) -> None:
    assert (big / ".claude" / "tddgate" / FILE_NAME).stat().st_size > 25_000_000
    argv = [sys.executable, "-c", MEASURE, "--project", str(big), "--format", fmt]
    env = {**os.environ, "HOME": str(big)}
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert (done.returncode, done.stdout) == (0, "")
    grown_mb = int(done.stderr)
    assert grown_mb < 8  # loading it whole would take well over 100 MB


def test_a_reader_that_stops_early_ends_the_command_quietly(big: Path) -> None:
    argv = [sys.executable, "-c", "from tddgate.cli.history import command; command()"]
    env = {**os.environ, "HOME": str(big), "CLAUDE_PROJECT_DIR": str(big)}
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as cli:
        assert cli.stdout is not None and cli.stderr is not None
        title = "# Todo history — big\n".encode()
        assert cli.stdout.read(len(title)) == title
        cli.stdout.close()  # like `tddgate history | head -1`
        assert (cli.wait(timeout=60), cli.stderr.read()) == (0, b"")
