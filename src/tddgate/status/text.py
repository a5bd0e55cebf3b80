"""`tddgate status` as text for people (colour only on a terminal) and as one JSON object."""

from __future__ import annotations

from typing import Any

import click

from tddgate.report.messages import age
from tddgate.report.verdict import Verdict
from tddgate.status import Preview, SourceView, Status
from tddgate.todos.model import BLOCKED, COMPLETED, IN_PROGRESS, PENDING, TodoItem

_ORDER = (IN_PROGRESS, PENDING, BLOCKED, COMPLETED)
_NAMES = {
    IN_PROGRESS: "in progress", PENDING: "pending", BLOCKED: "blocked", COMPLETED: "completed",
}
_EXTRA = (
    ("failed", "failed", "failed"),
    ("errors", "error", "errors"),
    ("skipped", "skipped", "skipped"),
    ("xfailed", "xfailed", "xfailed"),
    ("xpassed", "xpassed", "xpassed"),
    ("collection_errors", "collection error", "collection errors"),
)


def render_text(status: Status) -> str:
    """The whole status, readable at a glance; click.echo drops the colour off a terminal."""
    lines = [*_header(status), "", *_todos(status), "", *_tests(status), ""]
    lines += _gate("Stop now", status.stop)
    lines += _gate(f"Edit of {status.edit_path} now", status.edit)
    return "\n".join(lines)


def to_json(status: Status) -> dict[str, Any]:
    verdict: dict[str, Any] | None = None
    if status.verdict is not None:
        verdict = status.verdict.to_dict()
        created = status.verdict.created
        verdict["age_seconds"] = None if created is None else status.now - created
    return {
        "project": str(status.root),
        "session": status.session_id,
        "session_given": status.session_given,
        "config": {"source": status.config_source, "error": status.config_error},
        "todos": {
            "in_force": status.in_force,
            "sources": [
                {"source": v.source, "label": v.label, "note": v.note,
                 "items": [item.to_dict() for item in v.items]}
                for v in status.sources
            ],
            "problems": list(status.todo_problems),
        },
        "verdict": verdict,
        "verdict_error": status.verdict_error,
        "stop": status.stop._asdict(),
        "edit": {"path": status.edit_path, **status.edit._asdict()},
    }


def _header(status: Status) -> list[str]:
    if status.session_id is None:
        session = "none yet (no hook has recorded one in this project)"
    elif status.session_given:
        session = status.session_id
    else:
        session = f"{status.session_id} (the most recently active; choose one with --session)"
    if status.config_error:
        config = f"{click.style('invalid', fg='red')} — {status.config_error}"
    else:
        config = status.config_source or "defaults (no .tddgate.toml or [tool.tddgate])"
    return [f"Project: {status.root}", f"Session: {session}", f"Config: {config}"]


def _todos(status: Status) -> list[str]:
    labels = {view.source: view.label for view in status.sources}
    in_force = labels.get(status.in_force or "", "none, no source holds a todo")
    lines = [f"Todos (in force: {in_force}):"]
    for view in status.sources:
        lines += _source(view)
    lines += [f"  problem: {problem}" for problem in status.todo_problems]
    return lines


def _source(view: SourceView) -> list[str]:
    if not view.items:
        return [f"  {view.label}: {view.note}"]
    lines = [f"  {view.label}:"]
    known = [s for s in _ORDER if any(i.status == s for i in view.items)]
    others = sorted({i.status for i in view.items}.difference(_ORDER))
    for state in known + others:
        name = _NAMES.get(state, state)
        lines += [f"    {name}: {_item(view, i)}" for i in view.items if i.status == state]
    return lines


def _item(view: SourceView, item: TodoItem) -> str:
    return f"#{item.id} {item.content}" if view.source == "tasks" else item.content


def _tests(status: Status) -> list[str]:
    verdict = status.verdict
    if verdict is None:
        return [f"Tests: unknown — {status.verdict_error}"]
    if verdict.green:
        word = click.style("GREEN", fg="green")
        return [f"Tests: {word} — {verdict.passed} passed, full suite, {_age(status, verdict)}"]
    word = click.style("RED", fg="red")
    head = f"Tests: {word}" if verdict.created is None else (
        f"Tests: {word} — {_counts(verdict)}, {_age(status, verdict)}"
    )
    return [head] + [f"  {line}" for line in verdict.reason.splitlines()]


def _counts(verdict: Verdict) -> str:
    parts = [f"{verdict.passed} passed"]
    for field, one, many in _EXTRA:
        n: int = getattr(verdict, field)
        if n:
            parts.append(f"{n} {one if n == 1 else many}")
    return f"{', '.join(parts)} of {verdict.total}"


def _age(status: Status, verdict: Verdict) -> str:
    return f"report {age(status.now - (verdict.created or status.now))} old"


def _gate(what: str, preview: Preview) -> list[str]:
    if preview.allowed:
        word = click.style("allowed", fg="green")
        return [f"{what}: {word}" + (f" ({preview.reason})" if preview.reason else "")]
    first, *rest = preview.reason.splitlines() or [""]
    return [f"{what}: {click.style('blocked', fg='red')} — {first}"] + [f"  {r}" for r in rest]
