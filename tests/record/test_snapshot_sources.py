"""Every todo source leaves its states in the history, through the real hook entrypoints.

Claude Code 2.1.330's captured payloads drive the hook scripts as the CLI does (a subprocess,
JSON on stdin); the reports behind each completion come from real pytest runs in a temp
project, written by tddgate's own plugin.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

from tddgate.state.snapshots import iter_snapshots
from testing import payloads
from testing.hooks import run_hook
from testing.project import make_calc_project, run_pytest

TASK_SESSION = "8c15dcad-8f13-4e4e-a1da-eabe1cf31355"
TODOWRITE_SESSION = "bc5671e6-7173-4e69-816a-a8687cbadd79"
TODO_FILE = ".claude/todos/current.md"
SILENT = (0, "", "")


def history(project: Path) -> list[dict[str, Any]]:
    """The stored snapshots as records, `time` checked for sanity and then left out."""
    warnings: list[str] = []
    snaps = list(iter_snapshots(project / ".claude/tddgate", warn=warnings.append))
    assert warnings == []
    records = []
    for snap in snaps:
        record = snap.to_record()
        assert isinstance(record.pop("time"), float)
        records.append(record)
    return records


def evidence(project: Path, **changes: Any) -> dict[str, Any]:
    """The evidence a snapshot keeps for the report pytest just wrote (green by default)."""
    report = json.loads((project / ".claude/tddgate/report.json").read_text())
    base: dict[str, Any] = {
        "green": True, "passed": 1, "failed": 0, "skipped": 0, "errors": 0, "xfailed": 0,
        "xpassed": 0, "collection_errors": 0, "total": 1, "created": report["created"],
        "full_suite": True, "reason": "",
    }  # fmt: skip
    return base | changes


def item(key: str, content: str, status: str, active: str = "") -> dict[str, str]:
    return {"id": key, "content": content, "status": status, "activeForm": active}


def snapshot(
    session: str, source: str, event: str, items: list[dict[str, str]], verdict: dict[str, Any]
) -> dict[str, Any]:
    return {
        "v": 1,
        "session_id": session,
        "agent_id": None,
        "source": source,
        "event": event,
        "items": items,
        "verdict": verdict,
        "completed": [],
    }


def todowrite(project: Path, *todos: tuple[str, str, str]) -> dict[str, Any]:
    data = payloads.load("PostToolUse-TodoWrite", project)
    data["tool_input"]["todos"] = [
        {"content": c, "status": s, "activeForm": a} for c, s, a in todos
    ]
    return data


def test_todowrite_is_recorded_with_evidence_for_items_it_completes(
    project: Path, home: Path
) -> None:
    make_calc_project(project, todo=None)
    assert run_pytest(project, home).returncode == 0
    before = time.time()

    result = run_hook("PostToolUse", payloads.load("PostToolUse-TodoWrite", project), project, home)

    assert result == SILENT
    [stored] = list(iter_snapshots(project / ".claude/tddgate", warn=print))
    assert before <= stored.time <= time.time()
    proof = evidence(project)
    expected = snapshot(
        TODOWRITE_SESSION,
        "todowrite",
        "PostToolUse:TodoWrite",
        [
            item("1", "Write allowed.txt", "completed", "Writing allowed.txt"),
            item("2", "Make tests green", "in_progress", "Making tests green"),
        ],
        proof,
    )
    # A session's first list is news: what it already shows completed was completed now.
    expected["completed"] = [{"id": "1", "content": "Write allowed.txt", "evidence": proof}]
    assert history(project) == [expected]


def test_the_same_todowrite_twice_is_one_snapshot(project: Path, home: Path) -> None:
    make_calc_project(project, todo=None)
    assert run_pytest(project, home).returncode == 0
    first = todowrite(project, ("Make tests green", "in_progress", "Making tests green"))
    done = todowrite(project, ("Make tests green", "completed", "Making tests green"))

    for payload in (first, first, done, done):
        assert run_hook("PostToolUse", payload, project, home) == SILENT

    proof = evidence(project)
    start = snapshot(
        TODOWRITE_SESSION,
        "todowrite",
        "PostToolUse:TodoWrite",
        [item("1", "Make tests green", "in_progress", "Making tests green")],
        proof,
    )
    end = start | {
        "items": [item("1", "Make tests green", "completed", "Making tests green")],
        "completed": [{"id": "1", "content": "Make tests green", "evidence": proof}],
    }
    assert history(project) == [start, end]


def test_a_completion_keeps_the_red_evidence_that_stood_when_the_gate_is_off(
    project: Path, home: Path
) -> None:
    make_calc_project(project, todo=None)
    with (project / "pyproject.toml").open("a") as toml:
        toml.write('disable = ["green_to_complete"]\n')
    (project / "tests/test_sub.py").write_text(
        "from calc import add\n\n\ndef test_sub():\n    assert add(3, -1) == 4\n"
    )
    assert run_pytest(project, home).returncode == 1
    done = todowrite(project, ("Add subtraction", "completed", "Adding subtraction"))

    assert run_hook("PostToolUse", done, project, home) == SILENT

    [stored] = history(project)
    red = stored["verdict"]
    assert red == evidence(project, green=False, passed=1, failed=1, total=2, reason=red["reason"])
    assert re.sub(r"report \d+ (s|min) old", "report N s old", red["reason"]) == (
        "tests are not green: 1 failed of 2 (report N s old).\n"
        "  tests/test_sub.py::test_sub: assert 2 == 4\n"
        "Run the full suite: python -m pytest"
    )
    assert stored["completed"] == [{"id": "1", "content": "Add subtraction", "evidence": red}]


def test_task_tools_record_every_change_in_the_cli_order(project: Path, home: Path) -> None:
    """Claude Code runs TaskCreated before PostToolUse TaskCreate, TaskCompleted before
    PostToolUse TaskUpdate; each change is one snapshot, a repeat none."""
    make_calc_project(project, todo=None)
    assert run_pytest(project, home).returncode == 0
    calls = [
        ("TaskCreated", "capture-TaskCreated"),
        ("PostToolUse", "capture-PostToolUse-TaskCreate"),
        ("PostToolUse", "capture-PostToolUse-TaskUpdate-in_progress"),
        ("TaskCompleted", "capture-TaskCompleted"),
        ("PostToolUse", "capture-PostToolUse-TaskUpdate-completed"),
    ]

    for event, name in calls:
        assert run_hook(event, payloads.load(name, project), project, home) == SILENT

    proof = evidence(project)

    def state(event: str, status: str, active: str = "Adding subtraction") -> dict[str, Any]:
        items = [item("1", "Add subtraction", status, active)]
        return snapshot(TASK_SESSION, "tasks", event, items, proof)

    completed = state("TaskCompleted", "completed")
    completed["completed"] = [{"id": "1", "content": "Add subtraction", "evidence": proof}]
    assert history(project) == [
        state("TaskCreated", "pending", active=""),
        state("PostToolUse:TaskCreate", "pending"),
        state("PostToolUse:TaskUpdate", "in_progress"),
        completed,
    ]


def test_a_task_update_alone_records_the_completion(project: Path, home: Path) -> None:
    """Without a TaskCompleted hook the PostToolUse of TaskUpdate carries the completion."""
    make_calc_project(project, todo=None)
    assert run_pytest(project, home).returncode == 0
    for name in ("capture-PostToolUse-TaskCreate", "capture-PostToolUse-TaskUpdate-completed"):
        assert run_hook("PostToolUse", payloads.load(name, project), project, home) == SILENT

    proof = evidence(project)
    created = snapshot(
        TASK_SESSION,
        "tasks",
        "PostToolUse:TaskCreate",
        [item("1", "Add subtraction", "pending", "Adding subtraction")],
        proof,
    )
    done = snapshot(
        TASK_SESSION,
        "tasks",
        "PostToolUse:TaskUpdate",
        [item("1", "Add subtraction", "completed", "Adding subtraction")],
        proof,
    )
    done["completed"] = [{"id": "1", "content": "Add subtraction", "evidence": proof}]
    assert history(project) == [created, done]


def write_todo_file(project: Path, home: Path, text: str, tool: str = "Write") -> None:
    """What Claude Code does: the tool writes the file, then PostToolUse reports it."""
    (project / TODO_FILE).parent.mkdir(parents=True, exist_ok=True)
    (project / TODO_FILE).write_text(text)
    if tool == "Write":
        data = payloads.load("capture-PostToolUse-Write", project)
        data["tool_input"] = {"file_path": str(project / TODO_FILE), "content": text}
    else:
        data = payloads.load("capture-PostToolUse-Edit", project)
        data["tool_input"]["file_path"] = str(project / TODO_FILE)
    assert run_hook("PostToolUse", data, project, home) == SILENT


def test_writes_and_edits_of_the_todo_file_are_recorded(project: Path, home: Path) -> None:
    make_calc_project(project, todo=None)
    assert run_pytest(project, home).returncode == 0
    opening = "# TODOs\n\n## IN PROGRESS\n- [ ] Add subtraction\n\n## COMPLETED\n- [x] Add add\n"
    finished = "# TODOs\n\n## PENDING\n- [ ] Add division\n\n## COMPLETED\n- [x] Add add\n" + (
        "- [x] Add subtraction\n"
    )

    write_todo_file(project, home, opening)
    write_todo_file(project, home, opening)  # unchanged: no second snapshot
    write_todo_file(project, home, finished, tool="Edit")

    proof = evidence(project)
    source = f"markdown:{TODO_FILE}"
    # The first sighting of a file is a baseline: "Add add" was done long before tddgate.
    first = snapshot(
        TASK_SESSION,
        source,
        "PostToolUse:Write",
        [item("L4", "Add subtraction", "in_progress"), item("L7", "Add add", "completed")],
        proof,
    )
    second = snapshot(
        TASK_SESSION,
        source,
        "PostToolUse:Edit",
        [
            item("L4", "Add division", "pending"),
            item("L7", "Add add", "completed"),
            item("L8", "Add subtraction", "completed"),
        ],
        proof,
    )
    second["completed"] = [{"id": "L8", "content": "Add subtraction", "evidence": proof}]
    assert history(project) == [first, second]


def test_edits_of_other_files_record_no_snapshot(project: Path, home: Path) -> None:
    make_calc_project(project)
    write = payloads.load("capture-PostToolUse-Write", project)
    assert run_hook("PostToolUse", write, project, home) == SILENT
    assert not (project / ".claude/tddgate/snapshots.jsonl").exists()


def test_a_todo_file_written_through_bash_is_recorded(project: Path, home: Path) -> None:
    """Claude Code refuses Write/Edit under .claude/: agents often keep the file with Bash."""
    make_calc_project(project, todo=None)
    assert run_pytest(project, home).returncode == 0
    text = "# TODOs\n\n## IN PROGRESS\n- [ ] Add subtraction\n"
    (project / TODO_FILE).parent.mkdir(parents=True, exist_ok=True)
    (project / TODO_FILE).write_text(text)
    data = payloads.load("capture-PreToolUse-Bash", project, hook_event_name="PostToolUse")
    data["tool_input"] = {"command": f"cat > {TODO_FILE} <<'EOF'\n{text}EOF", "description": "x"}
    data["tool_response"] = {"stdout": "", "stderr": "", "interrupted": False}

    assert run_hook("PostToolUse", data, project, home) == SILENT

    assert history(project) == [
        snapshot(
            TASK_SESSION,
            f"markdown:{TODO_FILE}",
            "PostToolUse:Bash",
            [item("L4", "Add subtraction", "in_progress")],
            evidence(project),
        )
    ]
