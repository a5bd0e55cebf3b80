"""Remember the last file change, so a test report older than it is stale.

Edits of todo files, of tddgate's own state and of ignored paths do not make the tests stale.
Bash commands count by the files they write; what tddgate could not analyse is logged.
"""

from __future__ import annotations

import time

from tddgate.facts import Facts


def record(facts: Facts) -> None:
    event = facts.event
    if event.name == "PostToolUseFailure" and getattr(event, "tool_name", "") != "Bash":
        return  # a failed Write/Edit changed nothing; a failed Bash command may have
    from tddgate.state.edits import record_edit

    changed = [
        t.rel
        for t in facts.targets
        if t.rel is not None
        and not facts.is_todo_file(t.rel)
        and not facts.ignored(t.rel)
        and not t.rel.startswith(".claude/tddgate/")
    ]
    if facts.bash_unanalysable:
        from tddgate.state.log import log

        log(
            facts.root,
            "bash-unanalysable",
            "; ".join(facts.bash_unanalysable),
            command=facts.event.raw.get("tool_input", {}).get("command"),
        )
    if changed:
        from tddgate.state.session import mark_edited

        now = time.time()
        record_edit(facts.state_dir, changed[-1], now, facts.event.session_id)
        mark_edited(facts.root, facts.event.session_id, facts.event.agent_id)
        _record_test_edit(facts, changed, now)


def _record_test_edit(facts: Facts, changed: list[str], now: float) -> None:
    """The test-first rule needs a red run newer than the last *test* edit (the red step)."""
    from tddgate.state.atomic import write_json_atomic
    from tddgate.tdd.classify import classify

    tests = [rel for rel in changed if classify(rel, facts.cfg) == "test"]
    if tests:
        write_json_atomic(facts.state_dir / "last-test-edit.json", {"time": now, "path": tests[-1]})
