"""SessionStart (startup, resume, clear, compact): give the model back its working memory.

In-progress items first, then pending, the last verdict, and the rules in force, in at
most 2,000 characters (a long list is cut, never the verdict or the rules). Nothing at all
when tddgate holds no state for the project.
"""

from __future__ import annotations

import time

from tddgate.decision import Decision
from tddgate.facts import Facts
from tddgate.todos.model import IN_PROGRESS, PENDING, TodoItem, TodoState

NAME = "recovery_context"
LIMIT = 2000
SOURCE_CHARS = 40  # Claude Code sends startup|resume|clear|compact; a stray value stays short
VERDICT_CHARS = 400
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
    from tddgate.report.current import report_file

    # The configured report, not only the plugin's: a human may point `report_file` at
    # pytest-json-report's own file, and the gates judge that one.
    if not report_file(facts.root, facts.cfg).exists():
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
    source = str(getattr(facts.event, "source", "startup"))[:SOURCE_CHARS]
    head = [f"tddgate recovery context ({source}):"]
    todos: list[str] = []
    if state is not None:
        where = state.source.replace("markdown:", "todo file ")
        head.append(f"Todos (from {where}):")
        todos += [f"- IN PROGRESS: {i.content}" for i in state.with_status(IN_PROGRESS)]
        todos += [f"- pending: {i.content}" for i in state.with_status(PENDING)]
        todos = todos or ["- nothing open"]
    tail = [_cut(verdict, VERDICT_CHARS)] if verdict else []
    rules = RULES.format(n=facts.cfg.max_in_progress, cmd=facts.cfg.pytest_command)
    room = LIMIT - sum(len(line) + 1 for line in head + tail) - len(rules)
    return Decision.context("\n".join([*head, *_fit(todos, room), *tail, rules]), NAME)


def _fit(lines: list[str], room: int) -> list[str]:
    """The todo lines that fit in `room` characters (a newline each), then how many did not.

    The list is what gets cut, never the verdict or the rules after it: those matter more
    to a model that just lost its memory than the 40th pending item does.
    """
    if sum(len(line) + 1 for line in lines) <= room:
        return lines
    used, kept = 0, 0
    for count, line in enumerate(lines, 1):
        used += len(line) + 1
        if used + len(_more(len(lines) - count)) + 1 > room:
            break
        kept = count
    if kept:
        return [*lines[:kept], _more(len(lines) - kept)]
    more = _more(len(lines) - 1)  # not even the first line fits: cut it
    return [_cut(lines[0], room - len(more) - 2), more]


def _more(count: int) -> str:
    return f"- … (and {count} more)"


def _cut(line: str, limit: int) -> str:
    return line if len(line) <= limit else line[: max(0, limit - 1)] + "…"
