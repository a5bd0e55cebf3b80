"""SessionStart (startup, resume, clear, compact): give the model back its working memory.

In-progress items first, then pending, the last verdict, and the rules in force, in at
most ~2,000 characters. Nothing at all when tddgate holds no state for the project.
"""

from __future__ import annotations

import time

from tddgate.decision import Decision
from tddgate.facts import Facts
from tddgate.todos.model import IN_PROGRESS, PENDING, TodoItem, TodoState

NAME = "recovery_context"
LIMIT = 2000
RULES = (
    "Rules in force (tddgate): every file edit needs a todo in progress (at most {n}); a todo "
    "is completed, and you may stop, only when the last `{cmd}` run is fresh (after your last "
    "edit), ran the full suite, and passed 100 % with zero skips, xfails and errors. New "
    "behaviour needs a failing test first."
)


def _state(facts: Facts) -> TodoState | None:
    live = facts.todos.state
    if live is not None:
        return live
    from tddgate.state.snapshots import latest_state

    snap = latest_state(facts.state_dir, facts.event.session_id)
    if snap is None or not snap.items:
        return None
    items = tuple(
        TodoItem(
            i.get("id", ""), i.get("content", ""), i.get("status", ""), i.get("activeForm", "")
        )
        for i in snap.items
    )
    return TodoState(snap.source, items)


def _verdict_line(facts: Facts) -> str | None:
    if not (facts.state_dir / "report.json").exists():
        return None
    v = facts.verdict
    age = ""
    if v.created:
        minutes = max(0, int((time.time() - v.created) // 60))
        age = f", {minutes} min old" if minutes < 120 else f", {minutes // 60} h old"
    if v.green:
        return f"Last test run: green, {v.passed} passed{age}."
    first = v.reason.splitlines()[0] if v.reason else "red"
    return f"Last test run: red{age}: {first}"


def check(facts: Facts) -> Decision | None:
    state = _state(facts)
    verdict = _verdict_line(facts)
    if state is None and verdict is None:
        return None
    lines = [f"tddgate recovery context ({getattr(facts.event, 'source', 'startup')}):"]
    if state is not None:
        where = state.source.replace("markdown:", "todo file ")
        lines.append(f"Todos (from {where}):")
        lines += [f"- IN PROGRESS: {i.content}" for i in state.with_status(IN_PROGRESS)]
        lines += [f"- pending: {i.content}" for i in state.with_status(PENDING)]
        if not state.with_status(IN_PROGRESS) and not state.with_status(PENDING):
            lines.append("- nothing open")
    if verdict:
        lines.append(verdict)
    rules = RULES.format(n=facts.cfg.max_in_progress, cmd=facts.cfg.pytest_command)
    text = "\n".join(lines)
    room = LIMIT - len(rules) - 2
    if len(text) > room:
        text = text[: room - 14].rsplit("\n", 1)[0] + "\n- … (more)"
    return Decision.context(f"{text}\n{rules}", NAME)
