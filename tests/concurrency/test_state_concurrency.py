"""Parallel hooks share one project's state: nothing lost, nothing mixed, nothing wedged.

Claude Code runs the hooks of parallel tool calls at once, each in its own process. Here 32
processes append snapshots and drive the session's task list through `tddgate.runner.evaluate`
(PostToolUse TaskCreate / TaskUpdate, as the CLI sends them) at the same moment; others are
killed with SIGKILL while they write. The state must stay whole and readable, and the next
hook must not wait on a lock a dead process held.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tddgate.state import tasks
from tddgate.state.snapshot_format import Snapshot
from tddgate.state.snapshots import iter_snapshots, latest_state
from tddgate.todos.model import TodoItem
from testing import payloads

SESSION = "8c15dcad-8f13-4e4e-a1da-eabe1cf31355"
PROCS, COUNT = 32, 50
STATUSES = ("pending", "in_progress", "completed")
TORN = (
    "skipped a torn or corrupt snapshot line (not JSON: a write was cut off, e.g. by a crash); "
    "the other snapshots are intact, nothing to do"
)

# One hook process: `count` rounds of (append a snapshot of its own, then one task call
# through the runner). Round 0 creates task <p>-a, round 1 <p>-b, later rounds set their
# status; any notice or output of the runner is a failure, printed to stderr.
WORKER = """
import json, os, sys, time
from pathlib import Path
from tddgate.runner import evaluate
from tddgate.state.snapshot_format import Snapshot
from tddgate.state.snapshots import append_snapshot

root, proc, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
barrier, templates = Path(sys.argv[4]), json.loads(Path(sys.argv[5]).read_text())
STATUSES = ("pending", "in_progress", "completed")
state_dir = root / ".claude" / "tddgate"

def call(payload):
    out, notices = evaluate(json.dumps(payload).encode(), "PostToolUse")
    if out or notices:
        print(proc, repr(out), notices, file=sys.stderr)

def task_call(seq):
    if seq < 2:
        key = f"{proc}-{'ab'[seq]}"
        payload = dict(templates["create"])
        payload["tool_input"] = {"subject": f"task {key}", "description": "", "activeForm": ""}
        payload["tool_response"] = {"task": {"id": key, "subject": f"task {key}"}}
    else:
        key, status = f"{proc}-{'ab'[seq % 2]}", STATUSES[(seq + proc) % 3]
        payload = dict(templates["update"])
        payload["tool_input"] = {"taskId": key, "status": status}
        payload["tool_response"] = {"success": True, "taskId": key, "updatedFields": ["status"]}
    call(payload)

(barrier / f"ready-{proc}").touch()
while not (barrier / "go").exists():
    time.sleep(0.001)
pad = "x" * 4500  # lines above PIPE_BUF (4,096): an interleaved write would show
for seq in range(count):
    text = f"p{proc} n{seq} {pad}"
    item = {"id": "0", "content": text, "status": "in_progress", "activeForm": ""}
    snap = Snapshot(time.time(), templates["session"], f"w{proc}", "todowrite", "test", (item,))
    assert append_snapshot(state_dir, snap)
    task_call(seq)
"""


def final_status(proc: int, key: str) -> str:
    """The status worker `proc` last gave its task `key` ("a": even rounds, "b": odd)."""
    last = COUNT - 2 if key == "a" else COUNT - 1
    return STATUSES[(last + proc) % 3]


def spawn(project: Path, home: Path, proc: int, count: int) -> subprocess.Popen[bytes]:
    templates = project.parent / "templates.json"
    if not templates.exists():
        templates.write_text(
            json.dumps(
                {
                    "session": SESSION,
                    "create": payloads.load("capture-PostToolUse-TaskCreate", project),
                    "update": payloads.load("capture-PostToolUse-TaskUpdate-in_progress", project),
                }
            )
        )
    barrier = project.parent / "barrier"
    barrier.mkdir(exist_ok=True)
    argv = [sys.executable, "-c", WORKER, str(project), str(proc), str(count), str(barrier)]
    env = worker_env(project, home)
    return subprocess.Popen([*argv, str(templates)], env=env, stderr=subprocess.PIPE)


def worker_env(project: Path, home: Path) -> dict[str, str]:
    """What Claude Code gives a hook: the project dir; and a HOME of the test's own."""
    path = os.environ.get("PATH", "/usr/bin:/bin")
    return {"PATH": path, "HOME": str(home), "CLAUDE_PROJECT_DIR": str(project)}


def read_all(project: Path) -> tuple[list[Snapshot], list[str]]:
    warnings: list[str] = []
    return list(iter_snapshots(project / ".claude/tddgate", warn=warnings.append)), warnings


def test_32_hooks_at_once_lose_and_mix_nothing(project: Path, home: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.tddgate]\n")
    procs = [spawn(project, home, proc, COUNT) for proc in range(PROCS)]
    barrier = project.parent / "barrier"
    deadline = time.monotonic() + 60
    while len(list(barrier.glob("ready-*"))) < PROCS and time.monotonic() < deadline:
        time.sleep(0.01)
    (barrier / "go").touch()
    errors = [p.communicate(timeout=120)[1].decode() for p in procs]
    assert [(p.returncode, e) for p, e in zip(procs, errors, strict=True)] == [(0, "")] * PROCS

    history, warnings = read_all(project)
    assert warnings == []
    own = [s for s in history if s.agent_id is not None]
    seen = [tuple(s.items[0]["content"].split(" ")[:2]) for s in own]
    assert sorted(seen) == sorted((f"p{p}", f"n{n}") for p in range(PROCS) for n in range(COUNT))
    for proc in range(PROCS):  # each process's own order is kept, and its pointer is right
        mine = [s for s in own if s.agent_id == f"w{proc}"]
        assert [s.items[0]["content"].split(" ")[1] for s in mine] == [
            f"n{n}" for n in range(COUNT)
        ]
        assert latest_state(project / ".claude/tddgate", SESSION, agent_id=f"w{proc}") == mine[-1]

    # The task store holds every created task with the status its process set last.
    store = {t["id"]: (t["subject"], t["status"]) for t in tasks.load(project, SESSION)}
    assert store == {
        f"{p}-{k}": (f"task {p}-{k}", final_status(p, k)) for p in range(PROCS) for k in "ab"
    }
    # The history of the task list follows the store: states in the order they were made
    # (tasks are only ever added, so no state may hold fewer than the one before), the last
    # one equal to the store, and the pointer the recovery context reads on it.
    states = [s for s in history if s.agent_id is None]
    assert all(s.source == "tasks" and s.session_id == SESSION for s in states)
    sizes = [len(s.items) for s in states]
    assert sizes == sorted(sizes)
    items = tasks.as_items(tasks.load(project, SESSION))
    assert states[-1].items == tuple(i.to_dict() for i in items)
    assert latest_state(project / ".claude/tddgate", SESSION) == states[-1]


def test_writers_killed_with_sigkill_leave_everything_readable(project: Path, home: Path) -> None:
    (project / "pyproject.toml").write_text("[tool.tddgate]\n")
    path = project / ".claude/tddgate/snapshots.jsonl"
    (project.parent / "barrier").mkdir()
    (project.parent / "barrier/go").touch()  # no start line: each writer runs at once
    for proc in range(4):  # endless writers, killed one after another at arbitrary points
        writer = spawn(project, home, proc, 10**9)
        size = path.stat().st_size if path.exists() else 0
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
            not path.exists() or path.stat().st_size < size + 40_000
        ):
            time.sleep(0.005)
        writer.send_signal(signal.SIGKILL)
        assert (writer.communicate()[1], writer.returncode) == (b"", -9)

    history, warnings = read_all(project)
    assert len(warnings) <= 4
    assert all(w.endswith(f": {TORN}") for w in warnings)
    assert len(history) >= 4 * 10
    tasks.load(project, SESSION)  # the task store is whole JSON (it is replaced atomically)

    # The next hook takes the locks at once (they died with their holders) and is recorded.
    after = next_call(project)
    assert after.items[-1] == {
        "id": "late",
        "content": "task late",
        "status": "pending",
        "activeForm": "",
    }
    again, warned_again = read_all(project)
    assert (again[-1], warned_again) == (after, warnings)


def next_call(project: Path) -> Snapshot:
    from tddgate.runner import evaluate

    create = payloads.load("capture-PostToolUse-TaskCreate", project)
    create["tool_input"] = {"subject": "task late"}
    create["tool_response"] = {"task": {"id": "late", "subject": "task late"}}
    started = time.monotonic()
    assert evaluate(json.dumps(create).encode(), "PostToolUse") == ("", [])
    assert time.monotonic() - started < 1.0  # no wait on a dead process's lock
    snap = latest_state(project / ".claude/tddgate", SESSION)
    assert snap is not None
    return snap


# A hook killed inside the one write of its snapshot line, the worst moment: the task store
# already holds the change, the history holds half a line, and the process holds both locks.
TORN_WRITER = """
import json, os, signal, sys
from pathlib import Path
from tddgate.runner import evaluate

payload = json.loads(Path(sys.argv[1]).read_text())
real_write = os.write
def torn_write(fd, data):
    real_write(fd, data[: len(data) // 2])
    os.kill(os.getpid(), signal.SIGKILL)
os.write = torn_write
evaluate(json.dumps(payload).encode(), "PostToolUse")
"""


def test_a_hook_killed_mid_line_costs_one_warning_and_nothing_else(
    project: Path, home: Path
) -> None:
    (project / "pyproject.toml").write_text("[tool.tddgate]\n")
    create = payloads.load("capture-PostToolUse-TaskCreate", project)
    create["tool_input"] = {"subject": "first"}
    create["tool_response"] = {"task": {"id": "1", "subject": "first"}}
    from tddgate.runner import evaluate

    assert evaluate(json.dumps(create).encode(), "PostToolUse") == ("", [])
    update = payloads.load("capture-PostToolUse-TaskUpdate-in_progress", project)
    update["tool_input"] = {"taskId": "1", "status": "in_progress"}
    update["tool_response"] = {"success": True, "taskId": "1", "updatedFields": ["status"]}
    (project.parent / "update.json").write_text(json.dumps(update))
    killed = subprocess.run(
        [sys.executable, "-c", TORN_WRITER, str(project.parent / "update.json")],
        env=worker_env(project, home),
        capture_output=True,
        check=False,
    )
    assert (killed.returncode, killed.stderr) == (-9, b"")
    assert tasks.load(project, SESSION) == [
        {"id": "1", "status": "in_progress", "subject": "first"}
    ]

    after = next_call(project)

    history, warnings = read_all(project)
    path = project / ".claude/tddgate/snapshots.jsonl"
    assert warnings == [f"{path}:2: {TORN}"]
    first = TodoItem("1", "first", "pending").to_dict()
    assert [s.items for s in history] == [
        (first,),
        (first | {"status": "in_progress"}, TodoItem("late", "task late", "pending").to_dict()),
    ]
    assert history[-1] == after
