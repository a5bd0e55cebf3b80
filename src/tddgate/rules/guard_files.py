"""Guarded paths: the agent may not change what tddgate itself relies on.

tddgate's state dir and report, the hook settings of Claude Code (`hooks`,
`disableAllHooks` and hook-facing `env` entries, in project, local and user settings),
the `[tool.tddgate]` config (or `.tddgate.toml`), and tddgate's own installation are a
human's to change. Other keys of those files stay editable. When the new content is
unknowable (a Bash command such as `sed -i` on pyproject.toml), a guarded file is refused
whole. A guarded file is recognised however the command names it: through a link, a glob,
other letter case, a folder that holds it (see tddgate.guarded_paths), or, for a command
tddgate cannot analyse, by its name in what could not be analysed.
"""

from __future__ import annotations

import contextlib
import os

from tddgate import guarded_paths as places
from tddgate.decision import Decision
from tddgate.edits import EditTarget
from tddgate.facts import Facts
from tddgate.guarded_settings import config_changes, settings_change
from tddgate.paths import same_place
from tddgate.protocol.events import ToolEvent

NAME = "guard_files"
STATE = ".claude/tddgate"
SETTINGS = (".claude/settings.json", ".claude/settings.local.json")
MANAGED = (
    "/etc/claude-code/managed-settings.json",
    "/Library/Application Support/ClaudeCode/managed-settings.json",
)
HUMAN = "a human must make this change (outside the agent), then tell the agent it is done"
#: Names that, in a part of a command tddgate could not analyse, may be its own files.
_OWN_NAMES = (
    ".claude/tddgate", "report.json", "baseline.json", "last-edit", ".tddgate.toml",
    "tddgate-install", "settings.json", "settings.local.json", "packages/tddgate",
)  # fmt: skip


def check(facts: Facts) -> Decision | None:
    for target in facts.targets:
        what = _guarded(facts, target)
        if what:
            return Decision.block(f"tddgate: {what} is guarded: {HUMAN}.", NAME)
    return _elsewhere(facts) or _unanalysable(facts)


def _elsewhere(facts: Facts) -> Decision | None:
    """Where a Bash write lands when a cd before it fails or never runs (`cd a && cd b;
    cp x report.json`). Only commands with something unanalysable have such places."""
    event = facts.event
    command = event.tool_input.get("command") if isinstance(event, ToolEvent) else None
    if not facts.bash_unanalysable or not isinstance(command, str):
        return None
    from tddgate.bash import find_writes

    known = {"CLAUDE_PROJECT_DIR": str(facts.root), "HOME": os.path.expanduser("~")}
    for write in find_writes(command, known).maybe:
        rel = facts.rel(write.path)
        if rel is None and same_place(facts.absolute(write.path), facts.root):
            rel = "."
        what = _guarded(facts, EditTarget(write.path, rel, f"Bash ({write.how})"))
        if what:
            return Decision.block(
                f"tddgate: {what} is guarded (this command writes there if a cd before it "
                f"fails or does not run): {HUMAN}.",
                NAME,
            )
    return None


def _guarded(facts: Facts, target: EditTarget) -> str | None:
    full = str(facts.absolute(target.path))
    own = places.installation_hit(full, target.how)
    if own:
        return own
    rel = target.rel
    shown = rel or target.path
    if rel is None:
        label = _outside_settings(full)
        if label:
            before, after = facts.contents(target)
            return settings_change(before, after, label)
        what = _holder(facts, target, full, shown)
        if what:
            return what
    elif places.GLOB_CHARS.intersection(rel):
        return _pattern(facts, target, rel)
    else:
        what = _what(facts, target, rel) or _holder(facts, target, full, shown)
        if what:
            return what
    return _through_link(facts, target, full, shown)


def _outside_settings(full: str) -> str | None:
    """The user's settings (also under $CLAUDE_CONFIG_DIR) and the machine's managed
    settings: a `disableAllHooks` there turns the project's hooks off too."""
    home = os.path.expanduser("~")
    if full == os.path.join(home, ".claude", "settings.json"):
        return "~/.claude/settings.json"
    config_dir = os.environ.get("CLAUDE_CONFIG_DIR")
    if config_dir and full == os.path.join(os.path.abspath(config_dir), "settings.json"):
        return full
    return full if full in MANAGED else None


def _what(facts: Facts, target: EditTarget, rel: str, known: bool = True) -> str | None:
    """What guarded file `rel` is, if any; `known`: the target's content can be read (not a
    pattern). Names compare without letter case: on macOS .CLAUDE is .claude."""
    low = rel.lower()
    if low == STATE or low.startswith(STATE + "/"):
        return f"{rel} (tddgate's state)"
    if facts.cfg.report_file and low == facts.cfg.report_file.lower():
        return f"{rel} (the test report tddgate judges)"
    if low in SETTINGS:
        before, after = facts.contents(target) if known else (None, None)
        return settings_change(before, after, rel)
    if low == ".tddgate.toml":
        return f"{rel} (tddgate's config)"
    if low == "pyproject.toml":
        before, after = facts.contents(target) if known else (None, None)
        if config_changes(before, after):
            return "the [tool.tddgate] table of pyproject.toml (tddgate's config)"
    return None


def _holder(facts: Facts, target: EditTarget, full: str, shown: str) -> str | None:
    """A folder holding the state dir, changed by a command that removes or replaces what
    is inside (`rm -rf .`, `cp -r x/.claude .`, `find . -name '*.json' -delete`)."""
    state = str(facts.state_dir)
    if not places.holds_really(full, state):
        return None
    finds = places.label(target.how).startswith("find")
    if places.destroys(target.how, places.names_under(state) if finds else None):
        return f"{shown} (it holds tddgate's state in {STATE})"
    return None


def _pattern(facts: Facts, target: EditTarget, rel: str) -> str | None:
    guarded = [STATE, *SETTINGS, ".tddgate.toml", "pyproject.toml"]
    guarded += [facts.cfg.report_file] if facts.cfg.report_file else []
    for path, holder in places.pattern_hits(rel, guarded, STATE):
        if not holder:
            return f"{rel}, a pattern that may match {_what(facts, target, path, known=False)},"
        if places.destroys(target.how):
            return f"{rel}, a pattern that may match a folder holding {path},"
    return None


def _through_link(facts: Facts, target: EditTarget, full: str, shown: str) -> str | None:
    """A symlink or hard link made earlier that leads to a guarded file."""
    root = str(facts.root)
    real = places.real_rel(full, root)
    if real is not None:
        what = _what(facts, target, real) or _holder(facts, target, full, real)
        if what:
            return f"{shown}, a link to {what},"
    if not places.hard_linked(full):
        return None
    state = facts.state_dir
    candidates = [os.path.join(root, p) for p in (*SETTINGS, ".tddgate.toml", "pyproject.toml")]
    with contextlib.suppress(OSError):
        candidates += [str(state / name) for name in os.listdir(state)]
    other = places.same_file(full, candidates)
    if other is not None:
        what = _what(facts, target, os.path.relpath(other, root))
        if what:
            return f"{shown}, the same file as {what},"
    return None


def _unanalysable(facts: Facts) -> Decision | None:
    """A command whose writes tddgate cannot follow, while it names tddgate's own files
    (`cat x > "$(echo .claude)/tddgate/report.json"`): refused, since it cannot be checked."""
    for note in facts.bash_unanalysable:
        low = note.lower()
        named = next((name for name in _OWN_NAMES if name in low), None)
        if named:
            return Decision.block(
                f"tddgate: this command names tddgate's own files ({named}) but tddgate cannot "
                f"tell what it writes ({note}). Write the paths out literally so they can be "
                f"checked, or {HUMAN}.",
                NAME,
            )
    return None
