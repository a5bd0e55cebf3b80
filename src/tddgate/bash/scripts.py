"""Commands that run code given inline: sh -c, bash <<EOF, eval, awk, ruby -e, node -e.

Shell code is parsed and analysed like the outer command (hot path: stdlib only); awk,
Ruby and JavaScript are not parsed, only searched for file-writing constructs, so the
caller can log them.
"""

from __future__ import annotations

import posixpath
import re

from tddgate.bash.context import Call, Ctx
from tddgate.bash.nodes import Word
from tddgate.bash.options import parse_opts

_STDIN_FILES = ("/dev/stdin", "/proc/self/fd/0", "/dev/fd/0")
_AWK_VALUES = frozenset({"file", "assign", "field-separator", "include", "source", "exec"})
_AWK_LITERAL = r'\bprintf?\b[^;}\n]*?(>>?)\s*"([^"]*)"'
_AWK_OTHER = r"\bsystem\s*\(|\bprintf?\b[^;}\n]*?(?:>|\|)"
_OTHER = {
    "ruby": (
        frozenset({"-e"}),
        r"File\.|IO\.write|FileUtils|\bsystem\b|\bexec\b|`|%x|\bopen\(",
    ),
    "node": (
        frozenset({"-e", "--eval", "-p", "--print"}),
        r"writeFile|appendFile|unlink|rename|copyFile|\brm(?:Sync)?\(|rmdir|"
        r"createWriteStream|exec(?:Sync)?\(|spawn|truncate|symlink",
    ),
}


def shell(call: Call, ctx: Ctx) -> str | None:
    """sh -c SCRIPT, or a script on stdin (bash <<EOF, echo … | sh); a script file is not read."""
    name = posixpath.basename(call.words[0].text)
    args = call.words[1:]
    command, from_stdin, i = False, False, 0
    shopts: list[str] = []
    while i < len(args) and args[i].literal and len(args[i].text) > 1 and args[i].text[0] in "-+":
        text = args[i].text
        i += 1
        if text == "--":
            break
        if text.startswith("--"):
            i += text in ("--rcfile", "--init-file")
            continue
        command = command or "c" in text
        from_stdin = from_stdin or "s" in text
        if "O" in text and text[0] == "-" and i < len(args):
            shopts.append(args[i].text)  # -O SHOPT, e.g. cdable_vars
        i += text.count("o") + text.count("O")  # -o OPTION / -O SHOPT take the next word
    if command:
        return _command_string(call, ctx, name, args[i:], shopts)
    if i < len(args) and not from_stdin and ctx.value(args[i]) not in _STDIN_FILES:
        ctx.note_script(name, args[i:])
        return None
    if call.stdin is not None:
        return ctx.run_script(call.stdin, None, "", ctx.child(), call.depth + 1)
    if call.fed:
        ctx.note(f"{name} runs a script read from {call.fed}, which was not analysed")
    return None


def _command_string(
    call: Call, ctx: Ctx, name: str, operands: tuple[Word, ...], shopts: list[str]
) -> str | None:
    if not operands:
        return None
    word = operands[0]
    script = ctx.value(word)
    if script is None:
        ctx.note(f"{name} -c: the script {word.shown} is computed at run time")
        return None
    inner = ctx.child()
    inner.options.update(shopts)
    for position, arg in enumerate(operands[1:]):  # sh -c SCRIPT $0 $1 …
        value = ctx.value(arg)
        if value is not None:
            inner.vars[str(position)] = value
    return ctx.run_script(script, call.stdin, call.fed, inner, call.depth + 1)


def source(call: Call, ctx: Ctx) -> str | None:
    """source FILE / . FILE: runs a script file in this shell; it is not read, unless it is
    stdin (`source /dev/stdin <<< 'cmd'`)."""
    if len(call.words) < 2:
        return None
    path = ctx.value(call.words[1])
    if path in _STDIN_FILES and call.stdin is not None:
        return ctx.run_script(call.stdin, None, "", ctx, call.depth + 1)
    if path is None or not posixpath.basename(path).startswith("activate"):
        ctx.note_script(call.words[0].text, call.words[1:])  # a venv's activate is known
    return None


def at(call: Call, ctx: Ctx) -> str | None:
    """at TIME / batch: the job is read from stdin (or -f FILE) and runs later."""
    opts = parse_opts(call.words[1:], "qfmt")
    if opts.has("l", "r", "d", "c"):
        return None  # lists, removes or shows jobs
    if opts.get("f") is None and call.stdin is not None:
        return ctx.run_script(call.stdin, None, "", ctx.child(), call.depth + 1)
    ctx.note(f"{call.words[0].text}: schedules a job that was not analysed")
    return None


def eval_(call: Call, ctx: Ctx) -> str | None:
    """eval runs its joined arguments in the current shell (a cd there persists)."""
    values = [ctx.value(word) for word in call.words[1:]]
    if None in values:
        ctx.note("eval: its argument is computed at run time")
        return None
    script = " ".join(v or "" for v in values)
    return ctx.run_script(script, call.stdin, call.fed, ctx, call.depth + 1)


def awk(call: Call, ctx: Ctx) -> str | None:
    """awk: `-i inplace` rewrites the files; `print > "f"` writes f; pipes and system()
    run commands we cannot see."""
    opts = parse_opts(call.words[1:], "fvFiEe", _AWK_VALUES, permute=False)
    operands = opts.operands
    program = opts.get("e", "source")
    if program is None and not opts.has("f", "file", "E", "exec") and operands:
        program, operands = operands[0], operands[1:]
    include = [ctx.value(w) for n, w in opts.pairs if n in ("i", "include") and w is not None]
    if "inplace" in include or "inplace.awk" in include:
        for word in operands:
            ctx.write(word, "awk -i inplace")
    code = ctx.value(program) if program is not None else ""
    if code is None:
        ctx.note("awk: the program is computed at run time, so it was not analysed")
        return None
    for append, path in re.findall(_AWK_LITERAL, code):
        ctx.write_path(path, f"awk print {append}", None, append == ">>")
    if re.search(_AWK_OTHER, re.sub(_AWK_LITERAL, "", code)):
        ctx.note("awk: a program that pipes, calls system() or prints to a computed file")
    return None


def other(call: Call, ctx: Ctx) -> str | None:
    """ruby -e / node -e: flag code that uses a file-writing API (it is not parsed)."""
    name = posixpath.basename(call.words[0].text)
    flags, writes = _OTHER[name]
    args = call.words[1:]
    for i, word in enumerate(args[:-1]):
        if word.text in flags:
            code = ctx.value(args[i + 1])
            if code is None or re.search(writes, code):
                ctx.note(f"{name} {word.text}: inline code that may write files was not analysed")
    return None
