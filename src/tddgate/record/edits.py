"""Remember the last file change, so a test report older than it is stale.

Edits of todo files, of tddgate's own state and of ignored paths do not make the tests stale.
"""

from __future__ import annotations

import time

from tddgate.facts import Facts


def record(facts: Facts) -> None:
    from tddgate.state.edits import record_edit

    changed = [
        t.rel for t in facts.targets
        if t.rel is not None and not facts.is_todo_file(t.rel) and not facts.ignored(t.rel)
        and not t.rel.startswith(".claude/tddgate/")
    ]
    if changed:
        from tddgate.state.session import mark_edited

        record_edit(facts.state_dir, changed[-1], time.time(), facts.event.session_id)
        mark_edited(facts.root, facts.event.session_id, facts.event.agent_id)
