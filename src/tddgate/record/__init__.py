"""State changes that follow events: only calls that really ran change tddgate's state.

A recorder is a module with `record(facts) -> None`; for each event the registry names
them in order. They run after the rules, and not at all when a rule blocked the event.
"""

from __future__ import annotations

RECORDERS: dict[str, tuple[str, ...]] = {
    "PostToolUse": ("tasks", "todowrite", "edits", "snapshot"),
    "PostToolUseFailure": ("edits",),
    "TaskCreated": ("tasks", "snapshot"),
    "TaskCompleted": ("tasks", "snapshot"),
}
