"""`tddgate todo add|start|done|block|list`: keep the markdown todo file without a todo tool.

Claude Code 2.1.330 gives agents no todo tool by default and refuses their Write/Edit under
`.claude/`, so agents run these through Bash (`tddgate todo start "Add subtraction"`), and
people use them too. Each verb is one locked, atomic change of the first configured todo
file (see tddgate/todofile.py) plus a snapshot in the todo history; a refusal changes
nothing and exits 1 with what to do instead.

`start TEXT` takes an item id ("L12") or a piece of an item's text. When a piece of text
matches no item, it is the text of a new item, added and started in one call (an agent's
first step on a fresh project). An id must name an existing item: "L12" is never a task.
`--new` always makes a new item, for when the text happens to be part of an existing one.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import click

from tddgate.cli.check import project_option, resolve_root
from tddgate.config import Config, load_config
from tddgate.errors import TddgateError, TodoError
from tddgate.todofile import (
    Step,
    TodoFile,
    current_evidence,
    locate,
    read_text,
    stamps,
    update,
)
from tddgate.todos import canonical
from tddgate.todos.markdown import parse_markdown
from tddgate.todos.model import BLOCKED, COMPLETED, IN_PROGRESS, TodoItem
from tddgate.todos.sections import ORDER, STATUS_WORDS

# (root, config, now) -> the edit applied to the file's text under the lock
Builder = Callable[[Path, Config, float], Callable[[str], Step]]


@click.group("todo")
def command() -> None:
    """Add, start, finish or block todos in the project's todo file.

    The file is the first of `todo_files` in tddgate's config (default
    .claude/todos/current.md); it is created on first use. Items are named by id (L12, as
    `tddgate todo list` shows) or by a unique piece of their text.
    """


def _run(ctx: click.Context, project: Path | None, verb: str, build: Builder) -> None:
    root = resolve_root(project)
    now = time.time()
    try:
        cfg = load_config(root)
        todo = locate(root, cfg)
        outcome = update(
            todo, verb, build(root, cfg, now), lambda: current_evidence(root, cfg), now=now
        )
    except TddgateError as error:
        click.echo(f"tddgate: {error}", err=True)
        ctx.exit(1)
    click.echo(outcome.said)


def _text(words: tuple[str, ...]) -> str:
    return " ".join(" ".join(words).split())


def _same(text: str, content: str, status: str) -> Step:
    return Step(text, f"unchanged: {content} (already {STATUS_WORDS[status]})")


def _found(text: str, match: str, verb: str, target: str) -> tuple[str, str]:
    """(content, status) of the item `match` names; TodoError when it names none."""
    item = canonical.find(text, match, verb, target)
    if item is None:
        raise canonical.not_found(match)
    return item.content, item.status


@command.command("add")
@click.argument("words", nargs=-1, required=True, metavar="TEXT...")
@project_option
@click.pass_context
def add_command(ctx: click.Context, words: tuple[str, ...], project: Path | None) -> None:
    """Add TEXT as a pending todo."""
    content = _text(words)

    def build(root: Path, cfg: Config, now: float) -> Callable[[str], Step]:
        return lambda text: Step(canonical.add(text, content), f"added: {content} (pending)")

    _run(ctx, project, "add", build)


@command.command("start")
@click.argument("words", nargs=-1, required=True, metavar="MATCH|TEXT...")
@click.option("--new", "new", is_flag=True, help="Always add TEXT as a new item and start it.")
@project_option
@click.pass_context
def start_command(
    ctx: click.Context, words: tuple[str, ...], new: bool, project: Path | None
) -> None:
    """Mark the todo MATCH names in progress; a text that names none becomes a new todo.

    MATCH is an id (L12) or a piece of an item's text. Refused while `max_in_progress`
    items are already in progress: finish or block one first.
    """
    match = _text(words)

    def build(root: Path, cfg: Config, now: float) -> Callable[[str], Step]:
        limit = cfg.max_in_progress

        def edit(text: str) -> Step:
            item = None if new else canonical.find(text, match, "start", IN_PROGRESS)
            if item is None and canonical.is_id(match) and not new:
                raise canonical.not_found(match)
            if item is None:
                known = any(i.content == match for i in parse_markdown(text).items)
                after = canonical.start_new(text, match, limit)
                said = "started" if known else "added and started"
                if after == text:
                    return _same(text, match, IN_PROGRESS)
                return Step(after, f"{said}: {match} (in progress)")
            if item.status == IN_PROGRESS:
                return _same(text, item.content, IN_PROGRESS)
            after = canonical.start(text, match, limit)
            return Step(after, f"started: {item.content} (in progress)")

        return edit

    _run(ctx, project, "start", build)


@command.command("done")
@click.argument("words", nargs=-1, required=True, metavar="MATCH...")
@project_option
@click.pass_context
def done_command(ctx: click.Context, words: tuple[str, ...], project: Path | None) -> None:
    """Mark the todo MATCH names completed; refused unless the tests are green.

    Green: the latest pytest report is fresh, covers the full suite, and every test passed
    (`tddgate check` shows the verdict).
    """
    match = _text(words)

    def build(root: Path, cfg: Config, now: float) -> Callable[[str], Step]:
        from tddgate.report.current import current_verdict

        def edit(text: str) -> Step:
            content, status = _found(text, match, "done", COMPLETED)
            if status == COMPLETED:
                return _same(text, content, COMPLETED)
            verdict = current_verdict(root, cfg, now)
            if not verdict.green:
                raise TodoError(f"cannot mark '{content}' done: {verdict.reason}")
            after = canonical.done(text, match, stamps(now)[0])
            return Step(after, f"done: {content} (completed)", verdict.to_dict())

        return edit

    _run(ctx, project, "done", build)


@command.command("block")
@click.argument("words", nargs=-1, required=True, metavar="MATCH...")
@click.option("--reason", required=True, help="What the todo waits for.")
@project_option
@click.pass_context
def block_command(
    ctx: click.Context, words: tuple[str, ...], reason: str, project: Path | None
) -> None:
    """Mark the todo MATCH names blocked, with the reason."""
    match = _text(words)

    def build(root: Path, cfg: Config, now: float) -> Callable[[str], Step]:
        def edit(text: str) -> Step:
            content, status = _found(text, match, "block", BLOCKED)
            if status == BLOCKED:
                return _same(text, content, BLOCKED)
            why = canonical.reason_text(reason)
            state = f"blocked: {why}" if why else "blocked"
            return Step(canonical.block(text, match, reason), f"blocked: {content} ({state})")

        return edit

    _run(ctx, project, "block", build)


@command.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the file, items and warnings as JSON.")
@project_option
@click.pass_context
def list_command(ctx: click.Context, as_json: bool, project: Path | None) -> None:
    """Print the todos by status, each with its id (L12) for the other verbs."""
    root = resolve_root(project)
    try:
        todo = locate(root, load_config(root))
        result = parse_markdown(read_text(todo))
    except TddgateError as error:
        click.echo(f"tddgate: {error}", err=True)
        ctx.exit(1)
    if as_json:
        data = {
            "file": todo.rel,
            "items": [item.to_dict() for item in result.items],
            "warnings": list(result.warnings),
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
        return
    for warning in result.warnings:
        click.echo(f"tddgate: {todo.rel}: {warning}", err=True)
    click.echo("\n".join(_listing(todo, result.items)))


def _listing(todo: TodoFile, items: tuple[TodoItem, ...]) -> list[str]:
    if not items:
        return [
            f'no todos in {todo.rel} yet; add one with `tddgate todo add "<text>"` '
            f'or start one with `tddgate todo start "<text>"`'
        ]
    width = max(len(item.id) for item in items)
    lines: list[str] = []
    for status in ORDER:
        chosen = [item for item in items if item.status == status]
        if chosen:
            lines.append(STATUS_WORDS[status].upper())
            lines.extend(f"  {item.id:<{width}}  {item.content}" for item in chosen)
    return lines
