"""The rule registry: for each event, the rules that judge it, in order; first block wins.

A rule is a module with `NAME` and `check(facts) -> Decision | None`. Modules are
imported only when their event fires (the hook path stays lean).
"""

from __future__ import annotations

RULES: dict[str, tuple[str, ...]] = {
    "PreToolUse": (
        "guard_files",
        "edit_needs_todo",
        "green_to_complete",
        "no_new_skips",
        "test_first",
    ),
    "PostToolUse": (),
    "PostToolUseFailure": (),
    "Stop": ("green_to_complete",),
    "SubagentStop": ("green_to_complete",),
    "TaskCreated": (),
    "TaskCompleted": ("green_to_complete",),
    "SessionStart": ("recovery_context",),
    "UserPromptSubmit": (),
}
