"""What the analysis knows while it walks a command: the directory, variables, findings.

Hot path: stdlib only. `Ctx` is copied for subshells (cd and variables stay inside) and
shares the lists of findings with its parent.
"""

from __future__ import annotations

import posixpath
import re

from tddgate.bash.definitions import Definitions
from tddgate.bash.nodes import EXPANSION, PROCSUB, QUOTED_EXPANSION, UNQUOTED, Word
from tddgate.namedtuple import NamedTuple

TYPE_CHECKING = False  # typing costs the hook 2-3 ms to import: see tddgate.namedtuple
if TYPE_CHECKING:
    from collections.abc import Callable

    #: A command's analysis: records writes in the Ctx, returns its stdout when known.
    Handler = Callable[["Call", "Ctx"], "str | None"]

    #: Runs a nested script (bash -c, eval, …): (text, stdin, fed, ctx, depth) -> stdout.
    ScriptRunner = Callable[[str, "str | None", str, "Ctx", int], "str | None"]

#: Paths that are never files in the project: writing there edits nothing.
NOT_FILES = frozenset({"/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty", "/dev/zero"})
_FD_DIRS = ("/dev/fd/", "/proc/self/fd/")
_VAR_RUN = r"(?:\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9])|\$\{(?:[A-Za-z_][A-Za-z0-9_]*|[0-9]+)\})+"
_EXPANSION_RUN = f"[{EXPANSION}{QUOTED_EXPANSION}]+"
_NOTE_MAX = 200
_MAX_VALUE = 4096
_ALTS_SHOWN = 3
_GLOB_CHARS = "*?["
_DEFAULT_IFS = " \t\n"


class BashWrite(NamedTuple):
    """One file a command writes (or deletes: rm, mv's source, git clean).

    `path` is as written, relative to the command's cwd (joined onto a literal `cd DIR`;
    `~` left unexpanded; an unquoted glob left as written). It may name a directory
    (`rm -rf build`, `cp a.py src` when src is a directory, `git checkout .`, "." for
    `git reset --hard`): treat that as a write of everything beneath it. `how` is a short
    label for messages ("> redirection", "tee", "sed -i", "git checkout", …). `content` is
    the full new text when known (`echo`/`printf`/`cat <<EOF` into a file), or the
    appended text when `append` is True; None when unknown.
    """

    path: str
    how: str
    content: str | None
    append: bool


class Call:
    """One command about to run: its words (name first), what it reads on stdin, and how
    deep in nested scripts it sits. `fed` says where stdin comes from ("a pipe",
    "< fix.patch", …; "" for the terminal), even when its content (`stdin`) is unknown."""

    __slots__ = ("depth", "fed", "stdin", "words")

    def __init__(self, words: tuple[Word, ...], stdin: str | None, fed: str, depth: int) -> None:
        self.words = words
        self.stdin = stdin
        self.fed = fed
        self.depth = depth

    def with_words(self, words: tuple[Word, ...]) -> Call:
        return Call(words, self.stdin, self.fed, self.depth)


class Ctx:
    """Working directory, shell variables and the findings of one analysis."""

    __slots__ = (
        "alts",
        "cwd",
        "cwd_why",
        "defs",
        "dirs",
        "found",
        "links",
        "maybe",
        "notes",
        "options",
        "run_script",
        "unknown",
        "vars",
    )

    def __init__(self, env: dict[str, str], run_script: ScriptRunner) -> None:
        self.cwd: str | None = ""  # relative to the command's cwd; None: chosen at run time
        self.cwd_why = ""
        self.alts: list[str] = []  # where the shell is if a cd failed or did not run
        self.dirs: list[tuple[str | None, str]] = []  # pushd's stack of (cwd, cwd_why)
        self.vars = env
        self.unknown: set[str] = set()  # variables (re)bound to values known only at run time
        self.options: set[str] = set()  # shopt options turned on (cdable_vars)
        self.found: list[BashWrite] = []
        self.maybe: list[BashWrite] = []  # where writes land if a cd did not happen
        self.notes: list[str] = []
        self.links: dict[str, str] = {}  # links made earlier in the command: path -> target
        self.defs = Definitions()
        self.run_script = run_script

    def child(self) -> Ctx:
        """A subshell: same findings and links (those are files), its own directory and
        variables."""
        other = Ctx(dict(self.vars), self.run_script)
        other.cwd, other.cwd_why, other.dirs = self.cwd, self.cwd_why, list(self.dirs)
        other.alts = list(self.alts)
        other.unknown, other.options = set(self.unknown), set(self.options)
        other.found, other.notes, other.links = self.found, self.notes, self.links
        other.maybe = self.maybe
        other.defs = self.defs
        return other

    def bind(self, name: str, value: str | None) -> None:
        """NAME=value; None when the value is known only at run time. A value longer than
        any path is not kept (`F=$F$F` thirty times would take a gigabyte)."""
        if value is None or len(value) > _MAX_VALUE:
            self.vars.pop(name, None)
            self.unknown.add(name)
        else:
            self.vars[name] = value
            self.unknown.discard(name)

    def scratch(self) -> Ctx:
        """A subshell whose findings are kept apart, to be inspected (find -exec, xargs)."""
        other = self.child()
        other.found, other.notes, other.maybe = [], [], []
        return other

    def note(self, text: str) -> None:
        """Record something the analysis could not follow (the caller allows and logs it)."""
        self.notes.append(text if len(text) <= _NOTE_MAX else text[: _NOTE_MAX - 1] + "…")

    def note_script(self, name: str, words: tuple[Word, ...]) -> None:
        """`name` runs the script file words[0] (with the other words as arguments)."""
        args = " ".join(w.shown for w in words[1:])
        given = f" (with {args})" if args else ""
        self.note(f"{name} runs the script {words[0].shown}{given}, which was not analysed")

    def value(self, word: Word) -> str | None:
        """The word's value when known before running: literal, or made of known variables.

        An unquoted variable whose value has blanks or glob characters would be split or
        globbed into other words: unknown. A leading unquoted ~ is expanded (see _tilde)."""
        if word.text.startswith("~") and word.mask.startswith(UNQUOTED):
            return self._tilde(word)
        return self._expand(word)

    def _expand(self, word: Word) -> str | None:
        if word.literal:
            return word.text
        if PROCSUB in word.mask:
            return None
        parts: list[str] = []
        pos = 0
        ifs = None if "IFS" in self.unknown else self.vars.get("IFS", _DEFAULT_IFS)
        splits = frozenset(_GLOB_CHARS + (ifs or ""))
        for run in re.finditer(_EXPANSION_RUN, word.mask):
            parts.append(word.text[pos : run.start()])
            chunk = word.text[run.start() : run.end()]
            if not re.fullmatch(_VAR_RUN, chunk):
                return None
            split = EXPANSION in word.mask[run.start() : run.end()]
            for name in chunk.replace("{", "").replace("}", "").split("$")[1:]:
                value = self.vars.get(name)
                if value is None or (split and (ifs is None or splits.intersection(value))):
                    return None
                parts.append(value)
            pos = run.end()
        parts.append(word.text[pos:])
        return "".join(parts)

    def _tilde(self, word: Word) -> str | None:
        """~ is $HOME when known (a script may set HOME first: `HOME=.claude; echo > ~/x`),
        ~+ is the current directory, ~- ($OLDPWD) is unknown; ~user, and ~ when HOME was
        not given, stay as written for the caller to expand."""
        text, mask = word.text, word.mask
        end = text.find("/") if "/" in text else len(text)
        if mask[:end] != UNQUOTED * end:
            return self._expand(word)  # ~"x", ~$X: no tilde prefix
        rest = self._expand(Word(text[end:], mask[end:], word.raw))
        head = text[:end]
        if rest is None or head == "~-" or (head == "~" and "HOME" in self.unknown):
            return None
        if head == "~+":
            return rest[1:] or "."
        return self.vars.get("HOME", head) + rest if head == "~" else head + rest

    def resolve(self, path: str) -> str | None:
        """`path` as seen from the command's cwd, or None when a computed cd hides it."""
        if path.startswith(("/", "~")) or self.cwd == "":
            return path
        if self.cwd is None:
            return None
        return posixpath.normpath(posixpath.join(self.cwd, path))

    def locate(self, word: Word, how: str) -> str | None:
        """Where `word` (a path as written) points, or None (noted unless not a file)."""
        value = self.value(word)
        if value is None:
            self.note(f"{how}: the path {word.shown} is computed at run time")
            return None
        if value.startswith("~") and not word.mask.startswith(UNQUOTED):
            value = "./" + value  # '~/x' is a folder named ~, not the home directory
        return self.locate_path(value, how)

    def locate_path(self, path: str, how: str) -> str | None:
        if path in NOT_FILES or path.startswith(_FD_DIRS) or path == "":
            return None
        where = self.resolve(path)
        if where is None:
            self.note(
                f"{how}: {path} is relative to a directory chosen at run time ({self.cwd_why})"
            )
            return None
        if self.alts and not path.startswith(("/", "~")):
            self._alternatives(path, where, how)
        return self.through_links(where) if self.links else where

    def _alternatives(self, path: str, where: str, how: str) -> None:
        """A cd that failed or did not run (`false && cd x; …`, `if …; then cd x; fi`)
        leaves the shell elsewhere: say where else `path` may land (one note per write)."""
        others = []
        for alt in reversed(dict.fromkeys(self.alts)):
            other = posixpath.normpath(posixpath.join(alt, path)) if alt else path
            if other != where and other not in others:
                others.append(other)
        if others:
            self.maybe.extend(BashWrite(other, how, None, False) for other in others)
            shown = " or ".join(others[:_ALTS_SHOWN]) + (" or …" if len(others) > 3 else "")
            self.note(f"{how}: {where} may be {shown} instead (a cd before it may not have run)")

    def moved_from(self, before: str | None) -> None:
        """A cd left `before`; if that cd fails or never runs, the shell is still there."""
        if before is not None and before != self.cwd and before not in self.alts:
            self.alts.append(before)

    def through_links(self, path: str) -> str:
        """`path` with a link made earlier in this command replaced by what it points to."""
        for link, target in self.links.items():
            if path == link or path.startswith(link + "/"):
                return posixpath.normpath(target + path[len(link) :])
        return path

    def write(
        self, word: Word, how: str, content: str | None = None, append: bool = False
    ) -> str | None:
        """Record that `word` (a path as written) is written by `how`; return where."""
        where = self.locate(word, how)
        if where is not None:
            self.found.append(BashWrite(where, how, content, append))
        return where

    def write_path(
        self, path: str, how: str, content: str | None, append: bool = False
    ) -> str | None:
        where = self.locate_path(path, how)
        if where is not None:
            self.found.append(BashWrite(where, how, content, append))
        return where

    def chdir(self, target: str | None, why: str) -> None:
        """cd: a known target moves the cwd; an unknown one makes relative paths unknown."""
        if target is None:
            self.cwd, self.cwd_why = None, why
            return
        where = self.resolve(target)
        self.cwd = where
        if where is None:
            return
        self.cwd = "" if where == "." else where
