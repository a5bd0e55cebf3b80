"""Walk a parsed command as bash would run it: order, subshells, pipes, redirections.

Each node returns its stdout when known, so `echo x | tee f` and `{ echo a; } > f` know
what lands in f. Subshells (( … ), pipeline stages, `&`, $(…)) get a child Ctx, so a cd
inside them does not move later paths.
"""

from __future__ import annotations

from tddgate.bash import shellstate
from tddgate.bash.context import BashWrite, Call, Ctx
from tddgate.bash.dispatch import run_call
from tddgate.bash.expansions import MAX_DEPTH
from tddgate.bash.nodes import (
    QUOTED,
    Function,
    Group,
    Node,
    Pipeline,
    Redirect,
    Script,
    Simple,
    Word,
)
from tddgate.bash.options import brace_expand
from tddgate.bash.parser import parse

#: Functions bash calls by itself when they exist.
_RUN_BY_BASH = frozenset({"command_not_found_handle"})
_OUTPUT_OPS = frozenset({">", ">|", ">>", "&>", "&>>", "<>", ">&"})
_BOTH = "&"


def run_script(text: str, stdin: str | None, fed: str, ctx: Ctx, depth: int) -> str | None:
    """Parse `text` and analyse it in `ctx`; its problems become unanalysable entries."""
    if depth > MAX_DEPTH:
        ctx.note(f"nesting deeper than {MAX_DEPTH} levels was not analysed")
        return None
    script, problems = parse(text, depth)
    for problem in problems:
        ctx.note(problem)
    return walk(script, ctx, stdin, fed, depth)


def walk(node: Node, ctx: Ctx, stdin: str | None, fed: str, depth: int) -> str | None:
    if isinstance(node, Simple):
        return _simple(node, ctx, stdin, fed, depth)
    if isinstance(node, Script):
        return _script(node, ctx, stdin, fed, depth)
    if isinstance(node, Pipeline):
        out, source = stdin, fed
        for command in node.commands:
            out = walk(command, ctx.child(), out, source, depth + 1)
            source = "a pipe"
        return out
    if isinstance(node, Function):
        ctx.defs.functions[node.name] = node.body
        if node.name in _RUN_BY_BASH:  # bash calls it by itself
            call_function(node.name, (), ctx.child(), None, "", depth)
        return ""
    return _group(node, ctx, stdin, fed, depth)


def call_function(
    name: str, words: tuple[Word, ...], ctx: Ctx, stdin: str | None, fed: str, depth: int
) -> str | None:
    """Run function `name` here: its body sees this caller's directory and arguments."""
    defs = ctx.defs
    if name in defs.active or defs.calls >= defs.MAX_CALLS or depth > MAX_DEPTH:
        ctx.note(f"the function {name} was called again and not followed further")
        return None
    defs.calls += 1
    defs.active.add(name)
    for i, word in enumerate(words[1:], start=1):
        ctx.bind(str(i), ctx.value(word))
    try:
        return walk(defs.functions[name], ctx, stdin, fed, depth + 1)
    finally:
        defs.active.discard(name)
        shellstate.forget_positional(ctx)


def _alias(
    name: str, words: tuple[Word, ...], ctx: Ctx, stdin: str | None, fed: str, depth: int
) -> str | None:
    """An alias is replaced by its text before the line is parsed: parse them together."""
    defs = ctx.defs
    if defs.calls >= defs.MAX_CALLS:
        ctx.note(f"the alias {name} was expanded too often to follow")
        return None
    defs.calls += 1
    defs.active.add(name)
    try:
        text = " ".join([defs.aliases[name], *(w.raw for w in words[1:])])
        return ctx.run_script(text, stdin, fed, ctx, depth + 1)
    finally:
        defs.active.discard(name)


def _script(node: Script, ctx: Ctx, stdin: str | None, fed: str, depth: int) -> str | None:
    single = len(node.items) == 1
    outs: list[str | None] = []
    held: list[str] = []
    for item, sep in zip(node.items, node.seps, strict=False):
        where = ctx.child() if sep == "&" else ctx
        mark = len(ctx.alts)
        outs.append(walk(item, where, stdin if single else None, fed, depth + 1))
        if sep == "&&":  # what follows runs only if this succeeded (its cd included)
            held += ctx.alts[mark:]
            del ctx.alts[mark:]
    ctx.alts.extend(a for a in held if a not in ctx.alts and a != ctx.cwd)
    if None in outs or "||" in node.seps or "&" in node.seps:
        return None
    return "".join(out or "" for out in outs)


def _simple(node: Simple, ctx: Ctx, stdin: str | None, fed: str, depth: int) -> str | None:
    for sub in node.subs:
        walk(sub, ctx.child(), None, "", depth + 1)
    for word in node.words:
        shellstate.expansion_effects(word, ctx)
    plan = _Redirections(node.redirects, ctx, stdin, fed, depth)
    words = tuple(w for word in node.words for w in brace_expand(word))
    if not words:
        return plan.finish("")
    first = words[0]
    name = first.text if first.literal and QUOTED not in first.mask else ""
    defs = ctx.defs
    if name in defs.aliases and name not in defs.active:
        return plan.finish(_alias(name, words, ctx, plan.stdin, plan.fed, depth))
    if name in defs.functions:
        return plan.finish(call_function(name, words, ctx, plan.stdin, plan.fed, depth))
    return plan.finish(run_call(Call(words, plan.stdin, plan.fed, depth), ctx))


def _group(node: Group, ctx: Ctx, stdin: str | None, fed: str, depth: int) -> str | None:
    for sub in node.subs:
        walk(sub, ctx.child(), None, "", depth + 1)
    plan = _Redirections(node.redirects, ctx, stdin, fed, depth)
    inner = ctx.child() if node.subshell else ctx
    return plan.finish(walk(node.body, inner, plan.stdin, plan.fed, depth + 1))


class _Redirections:
    """A command's redirections, resolved before it runs (a cd inside does not move them);
    `finish` records the file writes once the command's stdout is known."""

    def __init__(
        self, redirects: tuple[Redirect, ...], ctx: Ctx, stdin: str | None, fed: str, depth: int
    ) -> None:
        self.ctx = ctx
        self.stdin, self.fed = stdin, fed
        self.outputs: list[BashWrite] = []
        self.fds: list[str] = []
        self.stdout: int | None = None  # index in outputs; -1: elsewhere; None: unchanged
        for redirect in redirects:
            self._add(redirect, depth)

    def _add(self, redirect: Redirect, depth: int) -> None:
        op, fd, target = redirect.op, redirect.fd, redirect.target
        shellstate.expansion_effects(target, self.ctx)
        doc = redirect.heredoc
        if doc is not None:
            for sub in doc.subs:
                walk(sub, self.ctx.child(), None, "", depth + 1)
            self.stdin = doc.body if doc.literal else None
            self.fed = "a here-doc"
        elif op == "<<<":
            value = self.ctx.value(target)
            self.stdin = None if value is None else value + "\n"
            self.fed = "a here-string"
        elif op in ("<", "<&"):
            self.stdin, self.fed = None, f"{op} {target.shown}"
        elif op == ">&" and target.literal and (target.text.isdigit() or target.text == "-"):
            if fd in ("", "1") and target.text != "1":
                self.stdout = -1  # >&2: stdout goes to stderr
        elif op in _OUTPUT_OPS:
            self._output(op, fd, redirect)

    def _output(self, op: str, fd: str, redirect: Redirect) -> None:
        which = _BOTH if op in ("&>", "&>>", ">&") else fd or ("0" if op == "<>" else "1")
        how = f"{fd}{op} redirection"
        path = None if redirect.target.procsub else self.ctx.locate(redirect.target, how)
        if path is None:
            if which in ("1", _BOTH):
                self.stdout = -1
            return
        self.outputs.append(BashWrite(path, how, None, op.endswith(">>")))
        self.fds.append(which)
        if which in ("1", _BOTH):
            self.stdout = len(self.outputs) - 1

    def finish(self, out: str | None) -> str | None:
        for i, (found, which) in enumerate(zip(self.outputs, self.fds, strict=False)):
            if which in ("1", _BOTH):
                found = BashWrite(
                    found.path, found.how, out if i == self.stdout else "", found.append
                )
            self.ctx.found.append(found)
        return out if self.stdout is None else ""
