"""git plumbing that writes the tree (checkout-index, read-tree -u, merge-file, clone) and
`git -c` settings that run commands (imported with git.py, on first use).
"""

from __future__ import annotations

from tddgate.bash.context import Ctx
from tddgate.bash.nodes import Word
from tddgate.bash.options import parse_opts

TYPE_CHECKING = False  # typing costs the hook 2-3 ms to import: see tddgate.namedtuple
if TYPE_CHECKING:
    from collections.abc import Callable

#: git config keys whose value is a command git runs.
_RUNS = frozenset(
    {
        "core.pager", "core.editor", "core.sshcommand", "core.fsmonitor", "core.hookspath",
        "diff.external", "sequence.editor", "gpg.program", "credential.helper",
    }
)  # fmt: skip
_RUNS_SUFFIXES = (".textconv", ".clean", ".smudge", ".process", ".driver", ".command")
_CLONE_VALUES = frozenset(
    {
        "branch", "origin", "upload-pack", "depth", "config", "reference", "separate-git-dir",
        "jobs", "filter", "template", "shallow-since", "shallow-exclude", "bundle-uri",
    }
)  # fmt: skip


def config(setting: str | None, word: Word, aliases: dict[str, str], ctx: Ctx) -> None:
    """git -c KEY=VALUE: an alias to `!cmd`, or a key whose value git runs (core.pager,
    core.editor, diff.external, …)."""
    if setting is None:
        ctx.note(f"git -c: the setting {word.shown} is computed at run time")
        return
    key, _, value = setting.partition("=")
    key = key.lower()
    if key.startswith("alias.") and value.startswith("!"):
        aliases[key[6:]] = value[1:]
    elif key in _RUNS or key.endswith(_RUNS_SUFFIXES) or key.startswith("pager."):
        ctx.note(f"git -c {key}: runs a command that was not analysed")


def _checkout_index(rest: tuple[Word, ...], ctx: Ctx) -> None:
    opts = parse_opts(rest, "", frozenset({"prefix", "stage"}))
    prefix = opts.get("prefix")
    if prefix is not None:
        ctx.write(prefix, "git checkout-index")
    elif opts.has("a", "all"):
        ctx.write_path(".", "git checkout-index", None)
    else:
        for word in opts.operands:
            ctx.write(word, "git checkout-index")


def _read_tree(rest: tuple[Word, ...], ctx: Ctx) -> None:
    if parse_opts(rest, "", frozenset({"prefix", "index-output"})).has("u"):
        ctx.write_path(".", "git read-tree -u", None)


def _merge_file(rest: tuple[Word, ...], ctx: Ctx) -> None:
    opts = parse_opts(rest, "L", frozenset({"marker-size", "diff-algorithm"}))
    if opts.operands and not opts.has("p", "stdout"):
        ctx.write(opts.operands[0], "git merge-file")


def _clone(rest: tuple[Word, ...], ctx: Ctx) -> None:
    """git clone REPO [DIR]: DIR, else the repository's name."""
    opts = parse_opts(rest, "boucj", _CLONE_VALUES)
    if len(opts.operands) > 1:
        ctx.write(opts.operands[1], "git clone")
    elif opts.operands:
        repo = ctx.value(opts.operands[0])
        name = (repo or "").rstrip("/").rpartition("/")[2].rpartition(":")[2]
        name = name[:-4] if name.endswith(".git") else name
        if name:
            ctx.write_path(name, "git clone", None)
        else:
            ctx.note(f"git clone: the folder for {opts.operands[0].shown} is not known")


PLUMBING: dict[str, Callable[[tuple[Word, ...], Ctx], None]] = {
    "checkout-index": _checkout_index,
    "read-tree": _read_tree,
    "merge-file": _merge_file,
    "clone": _clone,
}
