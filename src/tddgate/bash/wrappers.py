"""Commands that run another command: env, sudo, command, nice, timeout, uv run, … (hot path).

Each unwrapper strips its own options and returns the inner command (maybe with another
Ctx, e.g. `env -C dir`), or no words when nothing else runs. A few have writes of their
own (`sudo -e F`, `/usr/bin/time -o F`).
"""

from __future__ import annotations

from tddgate.bash.context import Call, Ctx
from tddgate.bash.nodes import Word
from tddgate.bash.options import parse_opts
from tddgate.bash.shellstate import is_assignment

TYPE_CHECKING = False  # typing costs the hook 2-3 ms to import: see tddgate.namedtuple
if TYPE_CHECKING:
    from collections.abc import Callable

    Unwrapper = Callable[[Call, Ctx], tuple[Call, Ctx]]

_NO_WORDS: tuple[()] = ()
_RUNNER_VALUES = frozenset(
    {
        "with",
        "with-editable",
        "with-requirements",
        "python",
        "project",
        "directory",
        "package",
        "extra",
        "group",
        "env-file",
        "index",
        "index-url",
        "extra-index-url",
        "find-links",
        "name",
        "prefix",
    }
)


def _plain(short_values: str = "", long_values: frozenset[str] = frozenset()) -> Unwrapper:
    """A wrapper whose options we only need to step over."""

    def unwrap(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
        opts = parse_opts(call.words[1:], short_values, long_values, permute=False)
        return call.with_words(opts.operands), ctx

    return unwrap


def _in_dir(ctx: Ctx, where: Word, raw: str) -> Ctx:
    """A child Ctx whose cwd is `where` resolved; unknown when computed."""
    child = ctx.child()
    child.chdir(ctx.value(where), raw)
    return child


def _command(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    opts = parse_opts(call.words[1:], permute=False)
    if opts.has("v", "V"):
        return call.with_words(_NO_WORDS), ctx  # only describes the command
    return call.with_words(opts.operands), ctx


def _timeout(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    opts = parse_opts(call.words[1:], "sk", frozenset({"signal", "kill-after"}), permute=False)
    return call.with_words(opts.operands[1:]), ctx  # the first operand is the duration


def _time(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    opts = parse_opts(call.words[1:], "fo", frozenset({"format", "output"}), permute=False)
    out = opts.get("o", "output")
    if out is not None:
        ctx.write(out, "time -o", None, opts.has("a", "append"))
    return call.with_words(opts.operands), ctx


def _env(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    opts = parse_opts(
        call.words[1:], "uCS", frozenset({"unset", "chdir", "split-string"}), permute=False
    )
    words = opts.operands
    while words and is_assignment(words[0]):
        words = words[1:]
    where = opts.get("C", "chdir")
    if where is not None:
        ctx = _in_dir(ctx, where, f"env -C {where.shown}")
    split = opts.get("S", "split-string")
    if split is not None:
        text = ctx.value(split)
        if text is None:
            ctx.note(f"env -S: the command {split.shown} is computed at run time")
        else:
            rest = " ".join(w.raw for w in words)
            ctx.run_script(f"{text} {rest}", call.stdin, call.fed, ctx.child(), call.depth + 1)
        return call.with_words(_NO_WORDS), ctx
    return call.with_words(words), ctx


def _sudo(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    opts = parse_opts(
        call.words[1:],
        "ugCDhprtTRU",
        frozenset({"user", "group", "chdir", "host", "prompt", "role", "type", "chroot"}),
        permute=False,
    )
    where = opts.get("D", "chdir")
    if where is not None:
        ctx = _in_dir(ctx, where, f"sudo -D {where.shown}")
    if opts.has("e", "edit"):
        for word in opts.operands:
            ctx.write(word, "sudoedit")
        return call.with_words(_NO_WORDS), ctx
    if opts.has("s", "i", "shell", "login") and opts.operands:
        values = [ctx.value(w) for w in opts.operands]
        if None in values:
            ctx.note("sudo: the shell command is computed at run time")
        else:
            script = " ".join(v or "" for v in values)
            ctx.run_script(script, call.stdin, call.fed, ctx.child(), call.depth + 1)
        return call.with_words(_NO_WORDS), ctx
    return call.with_words(opts.operands), ctx


def _sudoedit(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    for word in parse_opts(call.words[1:], "ugCDhprtTRU").operands:
        ctx.write(word, "sudoedit")
    return call.with_words(_NO_WORDS), ctx


def _runner(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
    """uv run / poetry run / pdm run / …; `uv pip …` is pip, `uv tool run` is uvx; `remove`
    and `uv tool uninstall` may remove tddgate; anything else (poetry add) runs nothing."""
    sub = call.words[1].text if len(call.words) > 1 else ""
    tool = call.words[2].text if sub == "tool" and len(call.words) > 2 else ""
    if sub == "pip":
        return call.with_words(call.words[1:]), ctx
    if tool == "run":
        return _lazy("runners", "tool_run")(call.with_words(call.words[2:]), ctx)
    if sub == "remove" or tool == "uninstall":
        from tddgate.bash.selfguard import uninstall

        manager = call.words[0].text.rpartition("/")[2]
        how = f"{manager} tool uninstall" if tool else f"{manager} remove"
        uninstall(ctx, how, call.words[3 if tool else 2 :])
    if sub != "run":
        return call.with_words(_NO_WORDS), ctx
    opts = parse_opts(call.words[2:], "pnCP", _RUNNER_VALUES, permute=False)
    where = opts.get("directory", "C")
    if where is not None:
        ctx = _in_dir(ctx, where, f"{call.words[0].text} run --directory {where.shown}")
    return call.with_words(opts.operands), ctx


def _lazy(module: str, name: str) -> Unwrapper:
    """An unwrapper imported on first use (see dispatch._lazy for why)."""

    def unwrap(call: Call, ctx: Ctx) -> tuple[Call, Ctx]:
        found: Unwrapper = getattr(__import__(f"tddgate.bash.{module}", fromlist=[name]), name)
        return found(call, ctx)

    return unwrap


WRAPPERS: dict[str, Unwrapper] = {
    "builtin": _plain(),
    "busybox": _plain(),
    "command": _command,
    "doas": _plain("uC"),
    "env": _env,
    "exec": _plain("a"),
    "ionice": _plain("cnp", frozenset({"class", "classdata", "pid"})),
    "nice": _plain("n", frozenset({"adjustment"})),
    "nohup": _plain(),
    "stdbuf": _plain("ioe", frozenset({"input", "output", "error"})),
    "sudo": _sudo,
    "sudoedit": _sudoedit,
    "time": _time,
    "timeout": _timeout,
    **{name: _runner for name in ("uv", "poetry", "pdm", "hatch", "rye", "pipenv", "conda")},
    "setsid": _plain(),
    "unbuffer": _plain(),
    "chronic": _plain(),
    "fakeroot": _plain("lsi", frozenset({"lib", "faked"})),
    "xvfb-run": _plain("nfepsw", frozenset({"server-num", "auth-file", "error-file"})),
    "unshare": _plain("SGRw", frozenset({"propagation", "setgroups", "root", "wd"})),
    "flock": _lazy("runners", "flock"),
    "su": _lazy("runners", "su"),
    "runuser": _lazy("runners", "su"),
    "script": _lazy("runners", "script"),
    "watch": _lazy("runners", "watch"),
    "taskset": _lazy("runners", "after_first"),
    "chrt": _lazy("runners", "after_first"),
    "strace": _lazy("runners", "strace"),
    "ltrace": _lazy("runners", "strace"),
    "npx": _lazy("runners", "npx"),
    "bunx": _lazy("runners", "npx"),
    "uvx": _lazy("runners", "tool_run"),
    "pipx": _lazy("runners", "pipx"),
    "parallel": _lazy("runners", "parallel"),
}
