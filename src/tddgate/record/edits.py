"""Remember the last file change, so a test report older than it is stale.

Edits of todo files, of tddgate's own state and of ignored paths do not make the tests stale.
Bash commands count by the files they write; what tddgate could not analyse is logged. The
output of a test run captured into a file by the command that ran it (`pytest > out.txt`)
does not count either: PostToolUse comes after the run, so that report would always be stale.
"""

from __future__ import annotations

import time

from tddgate.facts import Facts


def record(facts: Facts) -> None:
    event = facts.event
    if event.name == "PostToolUseFailure" and getattr(event, "tool_name", "") != "Bash":
        return  # a failed Write/Edit changed nothing; a failed Bash command may have
    from tddgate.state.edits import record_edit

    run_output = _run_output(facts)
    changed = [
        t.rel
        for t in facts.targets
        if t.rel is not None
        and not facts.is_todo_file(t.rel)
        and not facts.ignored(t.rel)
        and not t.rel.startswith(".claude/tddgate/")
        and t.rel not in run_output
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


RUN_SLACK = 1.0  # s: the hook starts a little after the command ends; duration_ms is exact


def _run_output(facts: Facts) -> set[str]:
    """Files a Bash command filled with the output of the test run it made itself.

    Only program output (content unknown) redirected or tee'd into a file that is not code,
    and only when the report was written while this command ran (`duration_ms` before the
    hook, give or take RUN_SLACK). Known text (`echo x > f`) and code always count.
    """
    duration = facts.event.raw.get("duration_ms")
    if isinstance(duration, bool) or not isinstance(duration, int | float):
        return set()
    output = [t for t in facts.targets if t.content is None and _captures(t.bash)]
    # A file the command also writes some other way (`echo x >> out.txt`) counts.
    captured = {t.rel for t in output} - {t.rel for t in facts.targets if t not in output}
    if not captured:
        return set()
    from tddgate.report.current import report_file

    try:
        written = report_file(facts.root, facts.cfg).stat().st_mtime
    except OSError:
        return set()
    now = time.time()
    if not now - duration / 1000 - RUN_SLACK <= written <= now:
        return set()
    from tddgate.tdd.classify import classify

    return {rel for rel in captured if rel and classify(rel, facts.cfg) == "other"}


def _captures(how: str) -> bool:
    """`> redirection`, `2>> redirection`, `tee -a`: output into a file; `pytest --junitxml`
    and pytest's other output options: the run's own files."""
    return (
        how.endswith(("> redirection", ">| redirection"))
        or how in ("tee", "tee -a")
        or how.startswith("pytest ")
    )
