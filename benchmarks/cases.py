"""The measured cases: each a hook script, a captured payload and the answer it must give.

A case whose hook answers wrongly stops the benchmark: a fast wrong answer measures nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import fixtures as fx
from measure import Case, Run, run_case

# -- answers ------------------------------------------------------------------------------


def allows(run: Run) -> str | None:
    if (run.code, run.stdout, run.stderr) != (0, b"", b""):
        return "expected allow (exit 0, no output)"
    return None


def denies(start: str) -> Callable[[Run], str | None]:
    def check(run: Run) -> str | None:
        try:
            out = json.loads(run.stdout)["hookSpecificOutput"]
        except (ValueError, KeyError, TypeError):
            return "expected a PreToolUse deny"
        ok = out.get("permissionDecision") == "deny" and str(
            out.get("permissionDecisionReason", "")
        ).startswith(start)
        return None if ok and run.code == 0 else f"expected a deny starting {start!r}"

    return check


def exits_zero(run: Run) -> str | None:
    return None if run.code == 0 else "expected exit 0"


# -- cases --------------------------------------------------------------------------------


class Bench(NamedTuple):
    python: str
    hooks: Path
    home: Path
    tmp: Path

    def hook(
        self,
        name: str,
        event: str,
        data: dict[str, Any],
        project: Path,
        check: Callable[[Run], str | None],
        prepare: Callable[[], None] | None = None,
    ) -> Case:
        script = self.hooks / SCRIPTS[event]
        return Case(
            name,
            (self.python, str(script)),
            json.dumps(data).encode(),
            project,
            fx.hook_env(project, self.home),
            check,
            prepare,
        )


SCRIPTS = {
    "PreToolUse": "pre_tool_use.py",
    "PostToolUse": "post_tool_use.py",
    "Stop": "stop.py",
    "TaskCompleted": "task_completed.py",
}


def write(project: Path, rel: str, content: str) -> dict[str, Any]:
    data = fx.payload("capture-PreToolUse-Write", project)
    data["tool_input"] = {"file_path": str(project / rel), "content": content}
    return data


def edit(project: Path, rel: str, old: str, new: str) -> dict[str, Any]:
    data = fx.payload("capture-PreToolUse-Edit", project)
    data["tool_input"] = {
        "file_path": str(project / rel),
        "old_string": old,
        "new_string": new,
        "replace_all": False,
    }
    return data


def pre_tool_use_cases(b: Bench) -> list[Case]:
    """Write and Edit, allowed and denied, in a small project with a green report."""
    p = fx.small_project(b.tmp / "small")
    if fx.run_pytest(b.python, p, b.home) != 0:
        raise SystemExit(f"bench: the small project's suite in {p} did not pass")
    q = fx.small_project(b.tmp / "no-todo", todo=False)
    no_todo = denies("tddgate: no todo is in progress")
    no_test = denies("tddgate: src/other.py has no test.")
    new_name = denies("tddgate: the suite is green; `sub()` is new behaviour")
    sub = fx.CALC + "\n\ndef sub(a, b):\n    return a - b\n"
    return [
        b.hook("Write docs (allow)", "PreToolUse", write(p, "docs/notes.md", "# n\n"), p, allows),
        b.hook(
            "Edit docs (allow)", "PreToolUse", edit(p, "docs/notes.md", "notes", "N"), p, allows
        ),
        b.hook(
            "Write tested source (allow)",
            "PreToolUse",
            write(p, "src/calc.py", fx.CALC + "# tidy\n"),
            p,
            allows,
        ),
        b.hook(
            "Edit tested source (allow)",
            "PreToolUse",
            edit(p, "src/calc.py", "a + b", "b + a"),
            p,
            allows,
        ),
        b.hook("Write, no todo (deny)", "PreToolUse", write(q, "docs/n.md", "x"), q, no_todo),
        b.hook(
            "Edit, no todo (deny)", "PreToolUse", edit(q, "docs/notes.md", "n", "N"), q, no_todo
        ),
        b.hook(
            "Write, no test (deny)", "PreToolUse", write(p, "src/other.py", "X = 2\n"), p, no_test
        ),
        b.hook("Edit, no test (deny)", "PreToolUse", edit(p, "src/other.py", "1", "2"), p, no_test),
        b.hook(
            "Write, new name while green (deny)",
            "PreToolUse",
            write(p, "src/calc.py", sub),
            p,
            new_name,
        ),
    ]


def stop_cases(b: Bench) -> list[Case]:
    """Stop and TaskCompleted judging a green 10,000-test report."""
    s = fx.big_suite(b.python, b.home)
    state = s / ".claude/tddgate"

    def drop_cache() -> None:
        (state / "summary-cache.json").unlink(missing_ok=True)

    stop = fx.payload("capture-Stop", s)
    done = fx.payload("capture-TaskCompleted", s)
    return [
        b.hook("Stop, 10k-test report", "Stop", stop, s, allows),
        b.hook("TaskCompleted, 10k-test report", "TaskCompleted", done, s, allows),
        b.hook("Stop, 10k, summary cache dropped", "Stop", stop, s, allows, drop_cache),
    ]


def snapshot_cases(b: Bench, sizes: Sequence[int]) -> list[Case]:
    """PostToolUse TodoWrite appending to stores of 10 and 100,000 snapshots."""
    seed = fx.small_project(b.tmp / "seed")
    run_case(b.hook("seed", "PostToolUse", _todowrite(seed, LISTS[0]), seed, allows))
    line = (seed / ".claude/tddgate/snapshots.jsonl").read_bytes().splitlines()[0]
    cases = []
    for size in sizes:
        p = fx.snapshot_project(b.tmp / f"snapshots-{size}", size, line)
        flip = Flip([json.dumps(_todowrite(p, todos)).encode() for todos in LISTS])
        case = b.hook(f"TodoWrite snapshot, {size:,} stored", "PostToolUse", {}, p, allows)
        cases.append(case._replace(stdin=flip))
    return cases


LISTS = [
    [("Benchmark the hooks", "in_progress"), ("Write it up", "pending")],
    [("Benchmark the hooks", "in_progress"), ("Write it up", "pending"), ("Ship", "pending")],
]


def _todowrite(project: Path, todos: list[tuple[str, str]]) -> dict[str, Any]:
    items = [{"content": c, "status": s, "activeForm": c} for c, s in todos]
    data = fx.payload("PostToolUse-TodoWrite", project)
    data["tool_input"] = {"todos": items}
    data["tool_response"] = {"oldTodos": [], "newTodos": items}
    return data


class Flip:
    """Alternate payloads, so every call changes the list and really appends a snapshot."""

    def __init__(self, bodies: list[bytes]) -> None:
        self.bodies = bodies
        self.turn = 0

    def __call__(self) -> bytes:
        self.turn += 1
        return self.bodies[self.turn % len(self.bodies)]


def repo_cases(b: Bench, sizes: Sequence[int]) -> list[Case]:
    """An edit judged by the test-first rule, in repos of 10 and 100,000 files."""
    cases = []
    for size in sizes:
        r = fx.repo(size)
        derived = edit(r, "src/pkg/d0/m0.py", "x + 0", "0 + x")
        imported = edit(r, "src/pkg/special.py", "return 1", "return 0 + 1")
        cases += [
            b.hook(f"Edit, test by name, {size:,}-file repo", "PreToolUse", derived, r, allows),
            b.hook(f"Edit, test by imports, {size:,}-file repo", "PreToolUse", imported, r, allows),
        ]
    return cases
