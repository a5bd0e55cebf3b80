"""Coreutils-style commands that write files: tee, sed -i, perl -i, cp, mv, rm, … (hot path).

Each handler takes the Call and the Ctx, records writes, and returns what the command
prints on stdout when known (tee), else None. Paths that name a directory (rm -r dir,
cp x dir) are reported as the directory: the caller treats it as covering what is under it.
"""

from __future__ import annotations

import posixpath
import re

from tddgate.bash.context import Call, Ctx
from tddgate.bash.nodes import Word
from tddgate.bash.options import parse_opts

TYPE_CHECKING = False  # typing costs the hook 2-3 ms to import: see tddgate.namedtuple
if TYPE_CHECKING:
    from tddgate.bash.context import Handler

_SED_WRITE = r"(?:^|[;{}\n]|/[gpIiMme0-9]*)[\s0-9$,!~+]*[wW]\s*[^\s;}]"
#: GNU sed's `e [COMMAND]` command and the `e` flag of s///, which run shell commands.
_SED_EXEC = (
    r"(?:^|[;{}\n])[\s0-9$,!~+/]*e(?:\s|$|;)|\bs(.)(?:(?!\1).)*\1(?:(?!\1).)*\1[gpIiMm0-9w]*e"
)
#: A write command with a file name in an ed/ex/vim script: w FILE, wq FILE, saveas FILE.
_EDITOR_WRITE = r"(?:^|[\n|:;])\s*[0-9,.$%']*\s*(?:w|wq|x|write|sav|saveas)!?\s+[^\s|]"
_PERL_WRITES = r"\b(?:open|unlink|rename|truncate|system|exec|qx|link|symlink)\b|`"


def tee(call: Call, ctx: Ctx) -> str | None:
    opts = parse_opts(call.words[1:])
    append = opts.has("a", "append")
    for word in opts.operands:
        if not word.procsub and word.text != "-":
            ctx.write(word, "tee -a" if append else "tee", call.stdin, append)
    return call.stdin


def sed(call: Call, ctx: Ctx) -> str | None:
    """sed -i / -i.bak / --in-place: every file operand is rewritten. A `w FILE` command in
    the script writes FILE too; it is reported as unanalysable, not parsed."""
    opts = parse_opts(
        call.words[1:],
        short_values="efl",
        long_values=frozenset({"expression", "file", "line-length"}),
        optional="i",
    )
    files = list(opts.operands)
    inplace = opts.has("i", "in-place")
    if inplace and files and files[0].literal and files[0].text == "":
        files.pop(0)  # BSD/macOS `sed -i '' …`: the empty word is the backup suffix
    scripts = [value for name, value in opts.pairs if name in ("e", "expression") and value]
    if not opts.has("e", "f", "expression", "file") and files:
        scripts.append(files.pop(0))  # the first operand is the script
    if any(re.search(_SED_WRITE, ctx.value(w) or "") for w in scripts):
        ctx.note("sed: a w command in the script writes a file that was not analysed")
    if any(re.search(_SED_EXEC, ctx.value(w) or "") for w in scripts):
        ctx.note("sed: an e command in the script runs a shell command that was not analysed")
    if inplace:
        for word in files:
            ctx.write(word, "sed -i")
    return None


def perl(call: Call, ctx: Ctx) -> str | None:
    """perl -i -pe '…' FILES rewrites FILES; other inline code that may write is reported."""
    args = call.words[1:]
    inplace, code, i = False, None, 0
    while (
        i < len(args) and args[i].literal and args[i].text.startswith("-") and args[i].text != "-"
    ):
        text = args[i].text
        i += 1
        if text == "--":
            break
        for j, letter in enumerate(text[1:], start=2):
            if letter in "eE":
                attached = text[j:]
                value = attached if attached else ctx.value(args[i]) if i < len(args) else ""
                i += 0 if attached or i >= len(args) else 1
                code = (code or "") + (value if value is not None else "open")
                break
            if letter == "i":
                inplace = True
                break
            if letter in "IMm" and j == len(text) and i < len(args):
                i += 1  # -I DIR, -M MODULE: the value is the next word
            if letter in "IMmxdDCV":
                break
    files = args[i:] if code is not None else args[i + 1 :]
    if inplace:
        for word in files:
            ctx.write(word, "perl -i")
    elif code is not None and re.search(_PERL_WRITES, code):
        ctx.note("perl -e: inline Perl that may write files was not analysed")
    return None


_EDITOR_VALUES = frozenset({"cmd", "eval", "load", "funcall", "file", "insert"})
_VIM_VALUES = "cSuUiTwWs"
#: Editors, with their short options that take a value.
EDITORS = {"ed": "p", "ex": _VIM_VALUES, "vi": _VIM_VALUES, "vim": _VIM_VALUES}
EDITORS.update(nvim=_VIM_VALUES, nano="TYo", emacs="lfL")
_COPY_VALUES = frozenset({"target-directory", "suffix"})


#: Destinations that are always directories: `cp x .` copies into the cwd.
_DIRECTORIES = (".", "..", "~", "~+", "~-")


def _into(ctx: Ctx, directory: Word, sources: tuple[Word, ...], how: str) -> list[tuple[str, str]]:
    """Each source lands in `directory` under its own name; (source, path written) pairs."""
    where = ctx.value(directory)
    if where is None:
        ctx.note(f"{how}: the path {directory.shown} is computed at run time")
        return []
    placed = []
    for source in sources:
        name = ctx.value(source)
        if name is None:
            ctx.note(f"{how}: the path {source.shown} is computed at run time")
            continue
        base = posixpath.basename(name.rstrip("/"))
        path = base if where in (".", "./") else posixpath.join(where, base)
        written = ctx.write_path(path, how, None)
        if written is not None:
            placed.append((name, written))
    return placed


def _copy_like(
    call: Call, ctx: Ctx, how: str, short_values: str = "tS"
) -> tuple[tuple[Word, ...], list[tuple[str, str]]]:
    """cp/mv/install/ln argument forms: the sources, and (source, path written) pairs."""
    opts = parse_opts(call.words[1:], short_values=short_values, long_values=_COPY_VALUES)
    target = opts.get("t", "target-directory")
    operands = opts.operands
    if target is not None:
        return operands, _into(ctx, target, operands, how)
    if len(operands) < 2:
        return (), []
    sources, dest = operands[:-1], operands[-1]
    text = dest.text if dest.literal or dest.text.startswith("~") else ""
    is_dir = text in _DIRECTORIES or text.endswith(("/", "/.", "/.."))
    if (len(sources) > 1 or is_dir) and not opts.has("T", "no-target-directory"):
        return sources, _into(ctx, dest, sources, how)
    written = ctx.write(dest, how)
    name = ctx.value(sources[0])
    return sources, [] if written is None or name is None else [(name, written)]


def cp(call: Call, ctx: Ctx) -> str | None:
    """cp; with -l/--link or -s/--symbolic-link the copies are links (see ln)."""
    placed = _copy_like(call, ctx, "cp")[1]
    opts = parse_opts(call.words[1:], short_values="tS", long_values=_COPY_VALUES)
    if opts.has("l", "link", "s", "symbolic-link"):
        _remember_links(ctx, placed, symbolic=opts.has("s", "symbolic-link"))
    return None


def mv(call: Call, ctx: Ctx) -> str | None:
    """mv writes the destination and removes the source: both count."""
    for source in _copy_like(call, ctx, "mv")[0]:
        ctx.write(source, "mv")
    return None


def install(call: Call, ctx: Ctx) -> str | None:
    if not parse_opts(call.words[1:], short_values="gmoStT").has("d", "directory"):
        _copy_like(call, ctx, "install", short_values="gmoSt")
    return None


def ln(call: Call, ctx: Ctx) -> str | None:
    """ln [-sf] TARGET LINK: the link is written; a lone TARGET links into the cwd. Later
    writes through the link in the same command reach its target (`ln -s .claude/x l &&
    echo > l/f`), so the link is remembered."""
    opts = parse_opts(call.words[1:], short_values="tS", long_values=_COPY_VALUES)
    if len(opts.operands) == 1 and opts.get("t", "target-directory") is None:
        placed = _into(ctx, Word(".", "u", "."), opts.operands, "ln")
    else:
        placed = _copy_like(call, ctx, "ln")[1]
    _remember_links(ctx, placed, symbolic=opts.has("s", "symbolic"))
    return None


def _remember_links(ctx: Ctx, placed: list[tuple[str, str]], symbolic: bool) -> None:
    """Later writes through these links in the same command reach their targets."""
    for target, link in placed:
        if symbolic and not target.startswith(("/", "~")):
            ctx.links[link] = posixpath.normpath(posixpath.join(posixpath.dirname(link), target))
        else:
            where = target if symbolic else ctx.resolve(target)
            if where is not None:
                ctx.links[link] = where


def _operands(
    how: str, short_values: str = "", long_values: frozenset[str] = frozenset()
) -> Handler:
    """A handler that writes every operand (rm, touch, unlink, shred)."""

    def handler(call: Call, ctx: Ctx) -> str | None:
        for word in parse_opts(call.words[1:], short_values, long_values).operands:
            ctx.write(word, how)
        return None

    return handler


rm = _operands("rm")
unlink = _operands("unlink")
shred = _operands("shred", "ns", frozenset({"iterations", "size", "random-source"}))
touch = _operands("touch", "dtr", frozenset({"date", "reference", "time"}))


def editor(call: Call, ctx: Ctx) -> str | None:
    """ed/ex/vim/nano/emacs FILE: an editor run from a script is there to change FILE."""
    name = posixpath.basename(call.words[0].text)
    short_values = EDITORS.get(name, "")
    args = call.words[1:]
    if name == "ex" or any(w.literal and w.text in ("-e", "-E", "-es", "-Es") for w in args):
        short_values = short_values.replace("s", "")  # in Ex mode -s means silent
        args = tuple(Word("-e", "u", "-e") if w.text in ("-es", "-Es") else w for w in args)
    opts = parse_opts(args, short_values, _EDITOR_VALUES)
    for word in opts.operands:
        if not word.text.startswith("+"):
            ctx.write(word, name)
    scripts = [ctx.value(w) or "" for n, w in opts.pairs if n in ("c", "cmd") and w is not None]
    scripts += [w.text[1:] for w in opts.operands if w.text.startswith("+")]
    scripts += [call.stdin or ""]
    if any(re.search(_EDITOR_WRITE, text) for text in scripts):
        ctx.note(f"{name}: its script writes to a file it names, which was not analysed")
    return None


def truncate(call: Call, ctx: Ctx) -> str | None:
    """truncate -s 0 F empties F (content ""); other sizes leave the content unknown."""
    opts = parse_opts(
        call.words[1:], short_values="sr", long_values=frozenset({"size", "reference"})
    )
    size = opts.get("s", "size")
    empty = size is not None and size.literal and size.text == "0"
    for word in opts.operands:
        ctx.write(word, "truncate", "" if empty else None)
    return None


def dd(call: Call, ctx: Ctx) -> str | None:
    for word in call.words[1:]:
        if word.text.startswith("of="):
            ctx.write(Word(word.text[3:], word.mask[3:], word.raw), "dd")
    return None
