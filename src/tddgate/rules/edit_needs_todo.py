"""No edit without a tracked todo: a file change needs exactly one todo in progress.

Edits of the todo files themselves are always allowed (that is how work gets registered),
so are configured `ignore` globs and files outside the project.
"""

from __future__ import annotations

from tddgate.decision import Decision
from tddgate.facts import Facts
from tddgate.todos.model import IN_PROGRESS, PENDING, TodoState

NAME = "edit_needs_todo"


def check(facts: Facts) -> Decision | None:
    gated = [
        t
        for t in facts.targets
        if t.rel is not None and not facts.is_todo_file(t.rel) and not facts.ignored(t.rel)
    ]
    if not gated:
        return None
    gathered = facts.todos
    state = gathered.state
    what = ", ".join(t.rel for t in gated if t.rel)
    active = state.with_status(IN_PROGRESS) if state else ()
    limit = facts.cfg.max_in_progress
    if state and 0 < len(active) <= limit:
        return None
    if state and len(active) > limit:
        names = "; ".join(f'"{i.content}"' for i in active)
        return Decision.block(
            f"tddgate: {len(active)} todos are in progress ({names}) but at most {limit} may be. "
            f"Finish or move back to pending all but one ({_how_to_switch(state)}), "
            f"then edit {what}.",
            NAME,
        )
    lines = [f"tddgate: no todo is in progress, so this edit of {what} is blocked."]
    lines.append(f"Say what you are working on first: {_next_action(facts, state)}.")
    lines.extend(f"({problem})" for problem in gathered.problems)
    return Decision.block(" ".join(lines), NAME)


def _markdown_action(facts: Facts, rel: str | None = None) -> str:
    from tddgate.invocation import tddgate_command

    path = rel or facts.cfg.todo_files[0]
    command = f'`{tddgate_command()} todo start{_project(facts)} "<what you are doing>"`'
    if path.startswith(".claude/"):
        # Claude Code refuses Write/Edit under .claude/ (seen in the e2e suite): use the CLI.
        return f"run {command} (it records the item under IN PROGRESS in {path})"
    return f"add `- [ ] <what you are doing>` under `## IN PROGRESS` in {path} (or run {command})"


def _project(facts: Facts) -> str:
    """` --project ROOT` when the agent's shell is elsewhere (it `cd`-ed into a subfolder).

    Its Bash has no $CLAUDE_PROJECT_DIR, and a fresh project may hold nothing the CLI could
    find by walking up: without the flag the todo would land in <subfolder>/.claude/todos.
    """
    from tddgate.paths import same_place

    if same_place(facts.event.cwd, facts.root):
        return ""
    import shlex

    return f" --project {shlex.quote(str(facts.root))}"


def _next_action(facts: Facts, state: TodoState | None) -> str:
    if state is None:
        return (
            "TaskCreate a task and TaskUpdate it to status in_progress, or TodoWrite a list with "
            f"one item in_progress, or, without a todo tool, {_markdown_action(facts)}"
        )
    pending = state.with_status(PENDING)
    if state.source == "tasks":
        if pending:
            return f'TaskUpdate task {pending[0].id} ("{pending[0].content}") to status in_progress'
        return "TaskCreate a task for this change and TaskUpdate it to status in_progress"
    if state.source == "todowrite":
        return "TodoWrite your list again with the item you are working on as status in_progress"
    return _markdown_action(facts, state.source.partition(":")[2])


def _how_to_switch(state: TodoState) -> str:
    if state.source == "tasks":
        return "TaskUpdate status pending or completed"
    if state.source == "todowrite":
        return "TodoWrite the list with one in_progress item"
    return f"move the others out of IN PROGRESS in {state.source.partition(':')[2]}"
