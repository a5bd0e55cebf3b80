"""Which files a Bash command writes: "Bash writes are edits" (hot path: stdlib only).

An agent blocked from editing a file can route around the guard with `sed -i`,
`echo >`, `tee` or `python -c`. The PreToolUse hook on Bash calls `find_writes` and applies
the same gates as Write/Edit to every path found. What cannot be followed (eval of a
computed string, `$VAR` in a target, a cd to a computed directory, …) is listed in
`unanalysable`: the caller allows those commands and logs them, so no analysis gap ever
becomes a wall in front of the agent.
"""

from __future__ import annotations

from tddgate.bash.context import BashWrite, Ctx
from tddgate.bash.walk import run_script
from tddgate.namedtuple import NamedTuple

TYPE_CHECKING = False  # typing costs the hook 2-3 ms to import: see tddgate.namedtuple
if TYPE_CHECKING:
    from collections.abc import Mapping


class BashWrites(NamedTuple):
    """All writes found, and short human descriptions of what could not be analysed.
    `maybe`: where writes land instead if a cd before them failed or did not run (each
    also has an unanalysable entry); a guard must not miss those."""

    writes: tuple[BashWrite, ...]
    unanalysable: tuple[str, ...]
    maybe: tuple[BashWrite, ...] = ()


def find_writes(command: str, env: Mapping[str, str] | None = None) -> BashWrites:
    """The files `command` writes. Never raises, whatever the text.

    `env` holds variables whose values the caller knows (e.g. CLAUDE_PROJECT_DIR, HOME):
    "$CLAUDE_PROJECT_DIR/src/x.py" is then a known path instead of an unanalysable one.
    """
    ctx = Ctx(dict(env or {}), run_script)
    run_script(command, None, "", ctx, 0)
    writes = tuple(dict.fromkeys(ctx.found))
    return BashWrites(writes, tuple(dict.fromkeys(ctx.notes)), tuple(dict.fromkeys(ctx.maybe)))


__all__ = ["BashWrite", "BashWrites", "find_writes"]
