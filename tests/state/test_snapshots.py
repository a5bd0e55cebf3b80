from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tddgate.errors import StateError
from tddgate.state import snapshots
from tddgate.state.snapshot_format import Snapshot, parse_line
from tddgate.state.snapshots import append_snapshot, iter_snapshots, latest_state
from tddgate.todos.model import TodoItem, TodoState

GREEN: dict[str, Any] = {
    "green": True, "reason": "", "passed": 12, "failed": 0, "errors": 0, "skipped": 0,
    "xfailed": 0, "xpassed": 0, "collection_errors": 0, "total": 12, "created": 990.0,
    "full_suite": True, "node_ids": ["tests/test_a.py::test_a"],
}  # fmt: skip
EVIDENCE = {k: v for k, v in GREEN.items() if k != "node_ids"}
TORN = (
    "skipped a torn or corrupt snapshot line (not JSON: a write was cut off, e.g. by a crash); "
    "the other snapshots are intact, nothing to do"
)
FOREIGN = (
    "skipped a line that is not a tddgate snapshot (fields missing or of the wrong type); "
    "if you edited snapshots.jsonl by hand, restore or delete that line"
)


def make(
    *items: tuple[str, str],
    session: str = "s1",
    agent: str | None = None,
    source: str = "todowrite",
    verdict: dict[str, Any] | None = None,
    at: float = 1000.0,
    ids: tuple[str, ...] | None = None,
) -> Snapshot:
    """A snapshot of (content, status) items; ids default to positions, as TodoWrite's."""
    keys = ids or tuple(str(n) for n in range(len(items)))
    state = TodoState(
        source, tuple(TodoItem(k, c, s) for k, (c, s) in zip(keys, items, strict=True))
    )
    event = "PostToolUse:TodoWrite"
    return Snapshot.of(
        state, session_id=session, agent_id=agent, event=event, verdict=verdict, time=at
    )


def stored(state_dir: Path) -> list[Snapshot]:
    warnings: list[str] = []
    found = list(iter_snapshots(state_dir, warn=warnings.append))
    assert warnings == []
    return found


@pytest.fixture
def sd(tmp_path: Path) -> Path:
    return tmp_path / "demo" / ".claude" / "tddgate"


def test_a_snapshot_round_trips_with_its_verdict_slimmed_to_evidence(sd: Path) -> None:
    snap = make(("Add subtraction", "in_progress"), verdict=GREEN)
    assert append_snapshot(sd, snap) is True
    assert stored(sd) == [snap._replace(verdict=EVIDENCE)]
    line = (sd / "snapshots.jsonl").read_text(encoding="utf-8")
    assert line == (
        '{"v":1,"time":1000.0,"session_id":"s1","agent_id":null,"source":"todowrite",'
        '"event":"PostToolUse:TodoWrite","items":[{"id":"0","content":"Add subtraction",'
        '"status":"in_progress","activeForm":""}],"verdict":{"green":true,"passed":12,'
        '"failed":0,"skipped":0,"errors":0,"xfailed":0,"xpassed":0,"collection_errors":0,'
        '"total":12,"created":990.0,"full_suite":true,"reason":""},"completed":[]}\n'
    )


def test_an_identical_state_of_the_same_key_is_not_stored_twice(sd: Path) -> None:
    first = make(("A", "in_progress"))
    assert append_snapshot(sd, first) is True
    assert append_snapshot(sd, first._replace(time=1001.0, event="TaskCompleted")) is False
    assert stored(sd) == [first]


def test_dedup_is_per_session_agent_and_source_and_only_of_consecutive_states(sd: Path) -> None:
    a, b = make(("A", "in_progress")), make(("A", "pending"))
    others = [
        make(("A", "in_progress"), session="s2"),
        make(("A", "in_progress"), agent="sub"),
        make(("A", "in_progress"), source="markdown:.claude/todos/current.md"),
    ]
    assert [append_snapshot(sd, s) for s in [a, *others, b, a, a]] == [
        True, True, True, True, True, True, False,
    ]  # fmt: skip
    assert len(stored(sd)) == 6


def test_completed_lists_the_items_that_just_moved_to_completed_with_evidence(sd: Path) -> None:
    append_snapshot(sd, make(("A", "in_progress"), ("B", "pending")))
    append_snapshot(sd, make(("A", "completed"), ("B", "in_progress"), verdict=GREEN))
    append_snapshot(sd, make(("A", "completed"), ("B", "completed"), ("C", "pending"), at=2e3))
    history = stored(sd)
    assert [s.completed for s in history] == [
        (),
        ({"id": "0", "content": "A", "evidence": EVIDENCE},),
        ({"id": "1", "content": "B", "evidence": None},),
    ]


def test_content_not_position_identifies_a_todowrite_item(sd: Path) -> None:
    append_snapshot(sd, make(("A", "completed"), ("B", "in_progress")))
    append_snapshot(sd, make(("New", "pending"), ("A", "completed"), ("B", "in_progress")))
    assert [s.completed for s in stored(sd)] == [
        ({"id": "0", "content": "A", "evidence": None},),
        (),
    ]


def test_a_task_renamed_as_it_completes_is_not_counted_twice(sd: Path) -> None:
    append_snapshot(sd, make(("Add it", "completed"), source="tasks", ids=("7",)))
    append_snapshot(sd, make(("Add it (done)", "completed"), source="tasks", ids=("7",)))
    assert [len(s.completed) for s in stored(sd)] == [1, 0]


def test_the_first_sighting_of_a_markdown_file_is_a_baseline_not_news(sd: Path) -> None:
    source = "markdown:.claude/todos/current.md"
    append_snapshot(sd, make(("Old", "completed"), ("New", "in_progress"), source=source))
    append_snapshot(sd, make(("Old", "completed"), ("New", "completed"), source=source))
    assert [s.completed for s in stored(sd)] == [
        (),
        ({"id": "1", "content": "New", "evidence": None},),
    ]


def test_a_corrupt_sidecar_is_rebuilt_not_fatal(sd: Path) -> None:
    append_snapshot(sd, make(("A", "in_progress")))
    for side in (sd / "last").rglob("*.json"):
        side.write_text("{torn", encoding="utf-8")
    assert append_snapshot(sd, make(("A", "completed"))) is True
    assert append_snapshot(sd, make(("A", "completed"))) is False
    assert [len(s.completed) for s in stored(sd)] == [0, 1]


def test_iter_filters_by_session_prefix_and_since(sd: Path) -> None:
    for n, session in enumerate(["abc-1", "abd-2", "abc-1", "xyz"]):
        append_snapshot(sd, make((f"T{n}", "pending"), session=session, at=1000.0 + n))

    def pick(**filters: Any) -> list[str]:
        return [s.items[0]["content"] for s in iter_snapshots(sd, warn=pytest.fail, **filters)]

    assert pick(session="abc") == ["T0", "T2"]
    assert pick(session="ab") == ["T0", "T1", "T2"]
    assert pick(since=1002.0) == ["T2", "T3"]
    assert pick(session="abc", since=1001.0) == ["T2"]


def test_no_history_yet_yields_nothing_and_warns_nothing(sd: Path) -> None:
    assert stored(sd) == []
    assert latest_state(sd, "s1") is None


@pytest.mark.parametrize(
    "line",
    [
        "[]",
        "{}",
        '{"v": "1"}',
        '{"v": 1}',
        '{"v":1,"time":true,"session_id":"s","agent_id":null,"source":"x","event":"e",'
        '"items":[],"verdict":null,"completed":[]}',
        '{"v":1,"time":1,"session_id":"s","agent_id":3,"source":"x","event":"e",'
        '"items":[],"verdict":null,"completed":[]}',
        '{"v":1,"time":1,"session_id":"s","agent_id":null,"source":"x","event":"e",'
        '"items":[{"id":"1"}],"verdict":null,"completed":[]}',
        '{"v":1,"time":1,"session_id":"s","agent_id":null,"source":"x","event":"e",'
        '"items":[],"verdict":[],"completed":[]}',
        '{"v":1,"time":1,"session_id":"s","agent_id":null,"source":"x","event":"e",'
        '"items":[],"verdict":null,"completed":[{"id":"1","content":"c","evidence":1}]}',
    ],
)
def test_a_line_tddgate_did_not_write_is_skipped_with_a_warning(sd: Path, line: str) -> None:
    append_snapshot(sd, make(("A", "pending")))
    with (sd / "snapshots.jsonl").open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
    append_snapshot(sd, make(("B", "pending")))
    warnings: list[str] = []
    assert len(list(iter_snapshots(sd, warn=warnings.append))) == 2
    assert warnings == [f"{sd / 'snapshots.jsonl'}:2: {FOREIGN}"]


def test_torn_and_newer_format_lines_are_skipped_each_with_its_line_number(sd: Path) -> None:
    path = sd / "snapshots.jsonl"
    append_snapshot(sd, make(("A", "pending")))
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"v":1,"time":10\n\n{"v":2,"time":1}\n\xff\n' + "[" * 10**5 + "\n")
    append_snapshot(sd, make(("B", "pending")))
    warnings: list[str] = []
    assert [s.items[0]["content"] for s in iter_snapshots(sd, warn=warnings.append)] == ["A", "B"]
    assert warnings == [
        f"{path}:2: {TORN}",
        f"{path}:4: skipped a snapshot in format version 2, which this tddgate (format 1) "
        "cannot read; upgrade tddgate to see it",
        f"{path}:5: {TORN}",
        f"{path}:6: {TORN}",
    ]


def test_an_append_after_a_torn_last_line_starts_on_a_line_of_its_own(sd: Path) -> None:
    path = sd / "snapshots.jsonl"
    append_snapshot(sd, make(("A", "pending")))
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"v":1,"time":1000.5,"sess')
    assert append_snapshot(sd, make(("B", "pending"), at=1001.0)) is True
    warnings: list[str] = []
    assert [s.items[0]["content"] for s in iter_snapshots(sd, warn=warnings.append)] == ["A", "B"]
    assert warnings == [f"{path}:2: {TORN}"]
    assert latest_state(sd, "s1") == make(("B", "pending"), at=1001.0)


def test_a_state_dir_that_cannot_be_written_is_a_state_error(sd: Path) -> None:
    (sd / "snapshots.jsonl").mkdir(parents=True)
    with pytest.raises(StateError) as caught:
        append_snapshot(sd, make(("A", "pending")))
    assert str(caught.value) == (
        f"could not record a todo snapshot in {sd}: Is a directory; "
        "make that directory writable and check the disk is not full"
    )


def test_latest_state_is_the_sessions_newest_else_the_projects(sd: Path) -> None:
    a1 = make(("A1", "pending"), session="a", at=1.0)
    a2 = make(("A2", "pending"), session="a", source="tasks", at=2.0)
    sub = make(("S", "pending"), session="a", agent="sub", at=3.0)
    b = make(("B", "pending"), session="b", at=4.0)
    for snap in (a1, a2, sub, b):
        append_snapshot(sd, snap)
    assert latest_state(sd, "a") == a2
    assert latest_state(sd, "a", agent_id="sub") == sub
    assert latest_state(sd, "new") == b


def test_latest_state_scans_backwards_when_its_pointer_is_stale(
    sd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshots, "_BLOCK", 64)  # lines span many blocks
    for n in range(30):
        append_snapshot(sd, make((f"T{n}", "pending"), session="ab"[n % 2], at=float(n)))
    with (sd / "snapshots.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('{"v":1,"torn')
    for side in (sd / "last").rglob("*.json"):
        side.write_text('{"offset": 0, "length": 5}', encoding="utf-8")
    assert latest_state(sd, "a") == make(("T28", "pending"), session="a", at=28.0)
    assert latest_state(sd, "b") == make(("T29", "pending"), session="b", at=29.0)
    for side in (sd / "last").rglob("*.json"):
        side.write_text('{"offset": "x"}', encoding="utf-8")
    assert latest_state(sd, "a") == make(("T29", "pending"), session="b", at=29.0)
    assert latest_state(sd, "c", agent_id="gone") == make(("T29", "pending"), session="b", at=29.0)


def test_latest_state_survives_a_replaced_history_file(sd: Path) -> None:
    a, b = make(("A", "pending"), session="a"), make(("B", "pending"), session="b")
    append_snapshot(sd, a)
    append_snapshot(sd, b)
    path = sd / "snapshots.jsonl"
    first, second = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(second + first)  # a's offset now points at b's line
    assert latest_state(sd, "a") == a
    path.unlink()
    assert latest_state(sd, "a") is None


text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


@given(content=text, session=text, agent=st.none() | text, event=text, at=st.floats(0, 4e9))
def test_any_text_survives_the_line_format(
    content: str, session: str, agent: str | None, event: str, at: float
) -> None:
    item = {"id": "0", "content": content, "status": "completed", "activeForm": content}
    done = {"id": "0", "content": content, "evidence": EVIDENCE}
    snap = Snapshot(at, session, agent, "todowrite", event, (item,), None, (done,))
    line = snap.to_line()
    assert "\n" not in line
    assert parse_line(line.encode()) == snap


def test_the_store_imports_nothing_slow_on_the_hook_path(tmp_path: Path) -> None:
    code = (
        "import sys, tddgate.state.snapshots\n"
        "slow = ('pydantic', 'click', 'filelock', 'dataclasses', 'inspect', 'asyncio',"
        " 'subprocess', 'msgspec')\n"
        "print(sorted(m for m in slow if m in sys.modules))"
    )
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "[]\n", "")


# --- concurrency and crash proofs ---------------------------------------------------------

WRITER = """
import sys, time
from pathlib import Path
from tddgate.state.snapshot_format import Snapshot
from tddgate.state.snapshots import append_snapshot

state_dir, proc, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
start = float(sys.argv[4])
time.sleep(max(0.0, start - time.time()))
pad = "x" * 5000  # lines far above PIPE_BUF: interleaving would show
for seq in range(count):
    item = {"id": "0", "content": f"p{proc} n{seq} {pad}", "status": "in_progress"}
    items = ({**item, "activeForm": ""},)
    snap = Snapshot(time.time(), f"s{proc % 4}", None, "todowrite", "test", items)
    assert append_snapshot(state_dir, snap)
"""


def _spawn(tmp_path: Path, *args: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HOME": str(tmp_path)}
    argv = [sys.executable, "-c", WRITER, *map(str, args)]
    return subprocess.Popen(argv, env=env, stderr=subprocess.PIPE)


def test_32_processes_appending_at_once_lose_and_mix_nothing(sd: Path, tmp_path: Path) -> None:
    start = time.time() + 1.5
    procs = [_spawn(tmp_path, sd, proc, 50, start) for proc in range(32)]
    errors = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [(p.returncode, e) for p, e in zip(procs, errors, strict=True)] == [(0, "")] * 32
    history = stored(sd)
    seen = [tuple(s.items[0]["content"].split(" ")[:2]) for s in history]
    assert sorted(seen) == sorted((f"p{p}", f"n{n}") for p in range(32) for n in range(50))
    for proc in range(32):  # each writer's own order is kept
        mine = [int(n[1:]) for p, n in seen if p == f"p{proc}"]
        assert mine == list(range(50))
    for session in ("s0", "s1", "s2", "s3"):  # sidecars agree with the file
        last = [s for s in history if s.session_id == session][-1]
        assert latest_state(sd, session) == last
        side = snapshots._actor_dir(sd, session, None) / f"{snapshots._key('todowrite')}.json"
        assert json.loads(side.read_text(encoding="utf-8"))["items"] == list(last.items)
        assert append_snapshot(sd, last._replace(time=0.0)) is False


def test_a_writer_killed_with_sigkill_leaves_the_history_readable(sd: Path, tmp_path: Path) -> None:
    writer = _spawn(tmp_path, sd, 0, 10**9, 0.0)
    path = sd / "snapshots.jsonl"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not path.exists() or path.stat().st_size < 60_000):
        time.sleep(0.01)
    writer.kill()
    writer.communicate()
    lines = path.read_bytes().split(b"\n")
    warnings: list[str] = []
    survivors = list(iter_snapshots(sd, warn=warnings.append))
    # SIGKILL can cut the last write short (Linux stops a big write at a page boundary).
    torn = [f"{path}:{len(lines) - 1 + (lines[-1] != b'')}: {TORN}"] if lines[-1] else []
    assert warnings == torn
    assert len(survivors) == len(lines) - 1 >= 10
    assert append_snapshot(sd, make(("after", "pending"))) is True  # the lock was freed
    again: list[str] = []
    after = [s.items[0]["content"] for s in iter_snapshots(sd, session="s1", warn=again.append)]
    assert (after, again) == (["after"], torn)


CRASHER = """
import os, signal, sys
from pathlib import Path
from tddgate.state.snapshot_format import Snapshot
from tddgate.state.snapshots import append_snapshot

state_dir = Path(sys.argv[1])
def snap(n):
    items = ({"id": "0", "content": f"T{n}", "status": "in_progress", "activeForm": ""},)
    return Snapshot(float(n), "s", None, "todowrite", "test", items)
for n in range(3):
    append_snapshot(state_dir, snap(n))
real_write = os.write
def torn_write(fd, data):
    real_write(fd, data[: len(data) // 2])
    os.kill(os.getpid(), signal.SIGKILL)
os.write = torn_write
append_snapshot(state_dir, snap(3))
"""


def test_a_writer_killed_mid_line_while_holding_the_lock_costs_one_warning(
    sd: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", CRASHER, str(sd)], env=env, capture_output=True)
    assert done.returncode == -9
    path = sd / "snapshots.jsonl"
    torn = [f"{path}:4: {TORN}"]
    item = {"id": "0", "content": "T3", "status": "in_progress", "activeForm": ""}
    lost = Snapshot(3.0, "s", None, "todowrite", "test", (item,))
    assert append_snapshot(sd, lost) is True  # lock freed; the torn state was never recorded
    warnings: list[str] = []
    contents = [s.items[0]["content"] for s in iter_snapshots(sd, warn=warnings.append)]
    assert (contents, warnings) == (["T0", "T1", "T2", "T3"], torn)
    assert latest_state(sd, "s") == lost
