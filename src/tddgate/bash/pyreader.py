"""What inline Python writes, read from its AST: open(), pathlib, shutil, os, subprocess,
exec() (imported with pycode.py, on first use).

Only literal paths count (or names bound once to one); anything computed is reported as
unanalysable, never guessed.
"""

from __future__ import annotations

import ast
import posixpath

from tddgate.bash.context import Ctx
from tddgate.bash.expansions import MAX_DEPTH

TYPE_CHECKING = False  # typing costs the hook 2-3 ms to import: see tddgate.namedtuple
if TYPE_CHECKING:
    from typing import Any

_WRITE_MODE = frozenset("wax+")
_PATH_TYPES = frozenset({"Path", "PosixPath", "PurePath", "PurePosixPath"})
_SHELL_CALLS = frozenset(
    {"system", "popen", "run", "call", "check_call", "check_output", "Popen", "getoutput"}
    | {"getstatusoutput"}
)
_IMPORTERS = frozenset({"__import__", "importlib.import_module", "builtins.__import__"})
#: Calls that run a program from an argument list: the index of that list, or -N when the
#: arguments from N on are the list (os.execl(path, arg0, arg1, …)).
_ARGV_CALLS = {f"os.{name}": 1 for name in ("execv", "execve", "execvp", "execvpe")}
_ARGV_CALLS.update({f"os.{name}": -1 for name in ("execl", "execle", "execlp", "execlpe")})
_ARGV_CALLS.update({f"os.{name}": 2 for name in ("spawnv", "spawnve", "spawnvp", "spawnvpe")})
_ARGV_CALLS.update({f"os.{name}": -2 for name in ("spawnl", "spawnle", "spawnlp", "spawnlpe")})
_ARGV_CALLS.update({"os.posix_spawn": 1, "os.posix_spawnp": 1, "pty.spawn": 0})
_TWO_PATHS = frozenset({"move", "rename", "replace", "renames"})
_DEST_CALLS = frozenset({"copy", "copy2", "copyfile", "copytree", "link", "symlink"})
_ONE_PATH = frozenset({"remove", "unlink", "rmdir", "removedirs", "rmtree", "truncate"})
_STAR_MODULES = frozenset({"os", "subprocess", "shutil", "pty", "io"})


def analyse(code: str, how: str, ctx: Ctx, depth: int) -> None:
    """Record the writes of Python `code`; `how` prefixes their labels ("python -c")."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        ctx.note(f"{how}: the code does not parse as Python, so it was not analysed")
        return
    _Reader(ctx, how, depth).read(tree)


class _Reader:
    """One pass over the calls of a module, with the names it binds to literal strings."""

    def __init__(self, ctx: Ctx, how: str, depth: int) -> None:
        self.ctx, self.how, self.depth = ctx, how, depth
        self.names: dict[str, str] = {}  # a name bound once to a literal str or Path
        self.path_names: set[str] = set()  # … of those, the ones bound to a Path
        self.aliases: dict[str, str] = {}  # from shutil import copy -> copy: shutil.copy

    def read(self, tree: ast.Module) -> None:
        nodes = list(ast.walk(tree))
        self._bind(nodes)
        done: set[int] = set()
        for node in nodes:
            if isinstance(node, ast.Call) and id(node) not in done:
                self._call(node, done)

    def _bind(self, nodes: list[Any]) -> None:
        stores: dict[str, int] = {}
        for node in nodes:
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                stores[node.id] = stores.get(node.id, 0) + 1
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    if alias.name == "*":  # from os import *: every name we look for
                        self.aliases.update(_star(node.module))
                    else:
                        self.aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    self.aliases[alias.asname or alias.name] = alias.name
        assigns = [n for n in nodes if isinstance(n, ast.Assign) and len(n.targets) == 1]
        for node in sorted(assigns, key=lambda n: n.lineno):
            target = node.targets[0]
            if isinstance(target, ast.Name) and stores.get(target.id) == 1:
                value = self._path(node.value)
                if value is not None:
                    self.names[target.id] = value
                    if self._is_path(node.value):
                        self.path_names.add(target.id)

    def _qual(self, func: Any) -> str:
        """The dotted name a call refers to, through imports: shutil.copy, open, …"""
        if isinstance(func, ast.Name):
            return str(self.aliases.get(func.id, func.id))
        if isinstance(func, ast.Attribute):
            value = func.value
            head: str | None = ""
            if isinstance(value, ast.Name | ast.Attribute):
                head = self._qual(value)
            elif isinstance(value, ast.Call) and self._qual(value.func) in _IMPORTERS:
                head = self._str(value.args[0]) if value.args else ""  # __import__("os")
            return f"{head}.{func.attr}" if head else f".{func.attr}"
        return ""

    def _str(self, node: Any) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.names.get(node.id)
        if isinstance(node, ast.JoinedStr):
            parts = [self._str(v) for v in node.values]
            return None if None in parts else "".join(p or "" for p in parts)
        if isinstance(node, ast.FormattedValue) and node.format_spec is None:
            return self._str(node.value)  # the {name} of an f-string
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Div):
            left, right = self._path(node.left), self._path(node.right)
            if left is None or right is None:
                return None
            return posixpath.join(left, right) if isinstance(node.op, ast.Div) else left + right
        if isinstance(node, ast.Call) and self._qual(node.func) == "os.path.join":
            parts = [self._str(a) for a in node.args]
            return None if None in parts or not parts else posixpath.join(*(p or "" for p in parts))
        return None

    def _path(self, node: Any) -> str | None:
        """A literal str, or a pathlib Path built from literal strs."""
        if isinstance(node, ast.Call) and self._qual(node.func).rpartition(".")[2] in _PATH_TYPES:
            parts = [self._str(a) for a in node.args]
            return None if None in parts else posixpath.join(".", *(p or "" for p in parts))
        return self._str(node)

    def _write(
        self, node: Any, what: str, content: str | None = None, append: bool = False
    ) -> None:
        path = self._path(node) if node is not None else None
        label = f"{self.how} {what}"
        if path is None:
            self.ctx.note(f"{label}: the path is computed at run time")
        else:
            self.ctx.write_path(posixpath.normpath(path), label, content, append)

    def _call(self, node: ast.Call, done: set[int]) -> None:
        qual = self._qual(node.func)
        head, _, name = qual.rpartition(".")
        arg0 = node.args[0] if node.args else None
        arg1 = node.args[1] if len(node.args) > 1 else None
        if qual in ("open", "io.open", "codecs.open", "builtins.open", "io.FileIO"):
            self._open(arg0, arg1 or _keyword(node, "mode"), None)
        elif qual == "os.open":
            flags = arg1 or _keyword(node, "flags")
            if not (isinstance(flags, ast.Attribute | ast.Name) and _name(flags) == "O_RDONLY"):
                self._write(arg0, "os.open()")
        elif qual in ("fileinput.input", "fileinput.FileInput"):
            self._fileinput(node, arg0)
        elif head in ("shutil", "os") and name in _DEST_CALLS:
            self._write(arg1, f"{qual}()")
        elif head in ("shutil", "os") and name in _TWO_PATHS:
            self._write(arg0, f"{qual}()")
            self._write(arg1, f"{qual}()")
        elif head in ("shutil", "os") and name in _ONE_PATH:
            self._write(arg0, f"{qual}()")
        elif head in ("os", "subprocess") and name in _SHELL_CALLS:
            self._shell(arg0, qual)
        elif qual in _ARGV_CALLS:
            at = _ARGV_CALLS[qual]
            argv = node.args[at] if at >= 0 and len(node.args) > at else None
            self._shell(argv or ast.List(elts=list(node.args[-at:])), qual)
        elif qual in ("exec", "eval"):
            self._exec(arg0)
        elif isinstance(node.func, ast.Attribute):
            self._method(node, node.func, arg0, done)

    def _method(self, node: ast.Call, func: ast.Attribute, arg0: Any, done: set[int]) -> None:
        receiver, name = func.value, func.attr
        if (
            name == "write"
            and isinstance(receiver, ast.Call)
            and self._qual(receiver.func) == "open"
        ):
            done.add(id(receiver))
            args = receiver.args
            self._open(args[0] if args else None, _mode_arg(receiver), arg0)
        elif name in ("write_text", "write_bytes"):
            self._write(receiver, f"Path.{name}()", _text(arg0))
        elif name in ("unlink", "touch", "symlink_to", "hardlink_to"):
            self._write(receiver, f"Path.{name}()")
        elif self._is_path(receiver) and name in ("rename", "replace", "rmdir", "open"):
            if name == "open":
                self._open(receiver, arg0 or _keyword(node, "mode"), None)
                return
            self._write(receiver, f"Path.{name}()")
            if arg0 is not None:
                self._write(arg0, f"Path.{name}()")

    def _fileinput(self, node: ast.Call, files: Any) -> None:
        """fileinput.input(FILES, inplace=True) rewrites each file."""
        inplace = _keyword(node, "inplace")
        if not (isinstance(inplace, ast.Constant) and inplace.value):
            return
        files = files or _keyword(node, "files")
        for item in files.elts if isinstance(files, ast.List | ast.Tuple) else [files]:
            self._write(item, "fileinput inplace")

    def _is_path(self, node: Any) -> bool:
        """True for Path("…"), Path(…) / "…", and names bound to those (not for plain strs,
        whose .replace() and .open() mean something else)."""
        if isinstance(node, ast.Name):
            return node.id in self.path_names
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            return self._is_path(node.left)
        if isinstance(node, ast.Call):
            return self._qual(node.func).rpartition(".")[2] in _PATH_TYPES
        return False

    def _open(self, path: Any, mode: Any, data: Any) -> None:
        if mode is None:
            return  # read only
        if not (isinstance(mode, ast.Constant) and isinstance(mode.value, str)):
            self.ctx.note(f"{self.how} open(): the mode is computed at run time")
            return
        if not _WRITE_MODE & set(mode.value):
            return
        text = _text(data) if "+" not in mode.value else None
        self._write(path, "open()", text, "a" in mode.value)

    def _shell(self, arg: Any, qual: str) -> None:
        if isinstance(arg, ast.List | ast.Tuple):
            parts = [self._str(e) for e in arg.elts]
            script = None if None in parts else " ".join(_quote(p or "") for p in parts)
        else:
            script = self._str(arg)
        if script is None:
            self.ctx.note(f"{self.how} {qual}(): the command is computed at run time")
            return
        self.ctx.run_script(script, None, "", self.ctx.child(), self.depth + 1)

    def _exec(self, arg: Any) -> None:
        code = self._str(arg)
        if code is None:
            self.ctx.note(f"{self.how} exec(): the code is computed at run time")
        elif self.depth >= MAX_DEPTH:
            self.ctx.note(f"nesting deeper than {MAX_DEPTH} levels was not analysed")
        else:
            analyse(code, self.how, self.ctx, self.depth + 1)


def _star(module: str) -> dict[str, str]:
    """The aliases `from MODULE import *` makes for the calls _Reader looks at."""
    names = _SHELL_CALLS | _TWO_PATHS | _DEST_CALLS | _ONE_PATH | {"open"}
    names |= {q.rpartition(".")[2] for q in _ARGV_CALLS if q.startswith(module + ".")}
    return {name: f"{module}.{name}" for name in names} if module in _STAR_MODULES else {}


def _text(node: Any) -> str | None:
    """The text of a str or bytes literal (what write() would put in the file)."""
    value = node.value if isinstance(node, ast.Constant) else None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value if isinstance(value, str) else None


def _name(node: ast.Attribute | ast.Name) -> str:
    return node.attr if isinstance(node, ast.Attribute) else node.id


def _keyword(node: ast.Call, name: str) -> Any:
    return next((k.value for k in node.keywords if k.arg == name), None)


def _mode_arg(node: ast.Call) -> Any:
    return node.args[1] if len(node.args) > 1 else _keyword(node, "mode")


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"
