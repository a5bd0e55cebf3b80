"""More commands that run a command: flock, su, runuser, script, watch, taskset, chrt,
strace, npx, uvx, pipx run (imported on first use, see wrappers._lazy).

Each returns the inner command (or no words when it ran a command string itself, or runs
nothing), after recording its own writes: flock's lock file, script's typescript,
strace's -o file.
"""

from __future__ import annotations

from tddgate.bash.context import Call, Ctx
from tddgate.bash.nodes import Word
from tddgate.bash.options import parse_opts

_NO_WORDS: tuple[()] = ()
_UVX_VALUES = frozenset(
    {
        "from", "with", "with-editable", "with-requirements", "python", "index", "index-url",
        "extra-index-url", "find-links", "spec", "pip-args", "package", "call", "directory",
    }
)  # fmt: skip


def _run(ctx: Ctx, call: Call, word: Word | None, who: str) -> tuple[Call, Ctx]:
    """Run the shell command string `word` (su -c, flock -c, script -c); no words left."""
    if word is not None:
        script = ctx.value(word)
        if script is None:
            ctx.note(f"{who}: the command {word.shown} is computed at run time")
        else:
            ctx.run_script(script, call.stdin, call.fed, ctx.child(), call.depth + 1)
    return call.with_words(_NO_WORDS), ctx


def flock(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    """flock [opts] FILE CMD… | FILE -c CMD | FD: FILE is created when missing."""
    opts = parse_opts(
        call.words[1:], "wE", frozenset({"timeout", "wait", "conflict-exit-code"}), permute=False
    )
    operands = opts.operands
    if not operands or (len(operands) == 1 and operands[0].text.isdigit()):
        return call.with_words(_NO_WORDS), ctx  # flock FD: a descriptor already open
    ctx.write(operands[0], "flock")
    rest = operands[1:]
    if rest and rest[0].text in ("-c", "--command"):
        return _run(ctx, call, rest[1] if len(rest) > 1 else None, "flock -c")
    return call.with_words(rest), ctx


def su(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    """su [-] [USER] -c CMD, runuser … -c CMD, runuser -u USER [--] CMD…"""
    opts = parse_opts(
        call.words[1:], "cgGsuw", frozenset({"command", "group", "shell", "user", "whitelist"})
    )
    command = opts.get("c", "command")
    if command is not None:
        return _run(ctx, call, command, call.words[0].text)
    if opts.get("u", "user") is not None:
        return call.with_words(opts.operands), ctx
    return call.with_words(_NO_WORDS), ctx  # an interactive shell


def script(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    """script [-c CMD] [FILE]: the session is logged to FILE (default typescript)."""
    opts = parse_opts(
        call.words[1:],
        "cEIOBTmo",
        frozenset({"command", "echo", "log-in", "log-out", "log-io", "log-timing"}),
        optional="t",
    )
    for name, value in opts.pairs:
        if name in ("I", "O", "B", "T", "log-in", "log-out", "log-io", "log-timing") and value:
            ctx.write(value, "script")
    if not opts.has("O", "B", "log-out", "log-io"):
        for word in opts.operands[:1] or (Word("typescript", "q" * 10, "typescript"),):
            ctx.write(word, "script")
    return _run(ctx, call, opts.get("c", "command"), "script -c")


def watch(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    """watch [opts] CMD…: the words are joined and run by sh -c, again and again."""
    opts = parse_opts(
        call.words[1:], "nq", frozenset({"interval", "equexit"}), optional="d", permute=False
    )
    values = [ctx.value(w) for w in opts.operands]
    if None in values:
        ctx.note("watch: its command is computed at run time")
    elif values:
        joined = " ".join(v or "" for v in values)
        ctx.run_script(joined, call.stdin, call.fed, ctx.child(), call.depth + 1)
    return call.with_words(_NO_WORDS), ctx


def after_first(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    """taskset MASK CMD, taskset -c LIST CMD, chrt [-f] PRIO CMD; -p acts on a running pid."""
    opts = parse_opts(call.words[1:], "TPD", permute=False)
    if opts.has("p", "pid"):
        return call.with_words(_NO_WORDS), ctx
    return call.with_words(opts.operands[1:]), ctx


def strace(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    """strace/ltrace [-o FILE] CMD…"""
    opts = parse_opts(call.words[1:], "abeEIoOpPsSuUX", frozenset({"output"}), permute=False)
    out = opts.get("o", "output")
    if out is not None:
        ctx.write(out, f"{call.words[0].text} -o")
    return call.with_words(opts.operands), ctx


def npx(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    """npx/bunx [opts] CMD…, npx -c 'CMD'."""
    opts = parse_opts(call.words[1:], "pc", frozenset({"package", "call"}), permute=False)
    command = opts.get("c", "call")
    if command is not None:
        return _run(ctx, call, command, "npx -c")
    return call.with_words(opts.operands), ctx


def tool_run(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    """uvx [opts] TOOL…, and `uv tool run` / `pipx run` with their first words dropped."""
    opts = parse_opts(call.words[1:], "pw", _UVX_VALUES, permute=False)
    return call.with_words(opts.operands), ctx


def pipx(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    """pipx run TOOL… runs TOOL; pipx uninstall tddgate removes tddgate."""
    sub = call.words[1].text if len(call.words) > 1 else ""
    if sub == "run":
        return tool_run(call.with_words(call.words[1:]), ctx)
    if sub in ("uninstall", "uninstall-all"):
        from tddgate.bash.selfguard import uninstall

        uninstall(ctx, "pipx uninstall", call.words[2:], everything=sub == "uninstall-all")
    return call.with_words(_NO_WORDS), ctx


def parallel(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    """GNU parallel builds its commands from its input: only noted."""
    if len(call.words) > 1:
        ctx.note("parallel: the commands it runs were not analysed")
    return call.with_words(_NO_WORDS), ctx
