"""Test first, deterministically: a source change needs a test, new behaviour needs red.

1. A source edit is blocked unless a test for that module exists (derived names, a test
   that imports it, or the configured `test_map`).
2. Python only, mode "strict": an edit that adds a public function, class or method (or a
   new module) is blocked unless a failing run newer than the last test edit is on record:
   that red run is the licence for the green step. Refactors, bodies and private helpers
   add no public name and pass while green.
Modes per path (`tdd`, `tdd_overrides`): strict = 1 + 2, tests-exist = 1, off = neither.
Rule 3 of the test-first family, no new skips, lives in no_new_skips.
"""

from __future__ import annotations

from tddgate.decision import Decision
from tddgate.edits import EditTarget
from tddgate.facts import Facts

NAME = "test_first"


def check(facts: Facts) -> Decision | None:
    from tddgate.tdd.classify import classify, mode_for

    for target in facts.targets:
        rel = target.rel
        if rel is None or facts.is_todo_file(rel) or facts.ignored(rel):
            continue
        if _adds_no_behaviour(target):
            continue
        mode = mode_for(rel, facts.cfg)
        if mode == "off" or classify(rel, facts.cfg) != "source":
            continue
        # A glob (`sed -i … src/*.py`) names no one module to find a test for.
        globbed = any(c in rel for c in "*?[")
        decision = (None if globbed else _needs_test(facts, rel)) or (
            _needs_red(facts, target) if mode == "strict" and rel.endswith(".py") else None
        )
        if decision:
            return decision
    return None


# Bash writes that add no behaviour: deleting, moving or restoring committed state, and
# rewrites that change layout or metadata only.
_NO_NEW_BEHAVIOUR = (
    "rm", "git rm", "unlink", "mv", "git mv",
    "git checkout", "git restore", "git reset", "git stash", "git clean",
    "ruff format", "black", "isort", "autopep8 -i", "yapf -i", "docformatter -i",
    "prettier --write", "chmod", "chown", "chgrp",
)  # fmt: skip


def _adds_no_behaviour(target: EditTarget) -> bool:
    how = target.bash
    return any(how == word or how.startswith(word + " ") for word in _NO_NEW_BEHAVIOUR)


def _red_step(facts: Facts) -> bool:
    """A failing run newer than the last test edit is on record: the licence to implement."""
    verdict = facts.verdict
    # A new test that imports a missing name fails at collection: that is red too.
    failing = verdict.failed + verdict.errors + verdict.collection_errors
    since_test = facts.last_test_edit
    return (
        failing > 0
        and verdict.created is not None
        and (since_test is None or verdict.created > since_test)
    )


def _needs_test(facts: Facts, rel: str) -> Decision | None:
    from tddgate.tdd.testmap import find_test, suggest_test

    if find_test(facts.root, rel, facts.cfg, facts.state_dir / "index") is not None:
        return None
    return Decision.block(
        f"tddgate: {rel} has no test. Write a failing test first, e.g. "
        f"{suggest_test(rel, facts.cfg)}, then change {rel}.",
        NAME,
    )


def _needs_red(facts: Facts, target: EditTarget) -> Decision | None:
    from tddgate.tdd.public_names import added_public_names

    before, after = facts.contents(target)
    if after is None:
        if not target.bash or _red_step(facts):
            return None  # a malformed Edit fails by itself; while red, implementing is allowed
        return Decision.block(
            f"tddgate: cannot see what `{target.bash}` changes in {target.rel}, so it cannot "
            "tell new behaviour from a refactor. Make the change with the Edit or Write tool "
            f"(new behaviour needs a failing test first: add one and run "
            f"`{facts.cfg.pytest_command}`).",
            NAME,
        )
    names = added_public_names(before, after)
    if not names:
        return None  # no new public name, or a syntax error the tests will report
    if _red_step(facts):
        return None  # the green step: a failing test is on record
    verdict = facts.verdict
    shown = ", ".join(f"`{n}`" for n in names[:3]) + (" …" if len(names) > 3 else "")
    verb = "is" if len(names) == 1 else "are"
    cmd = facts.cfg.pytest_command
    if verdict.green:
        lead = f"tddgate: the suite is green; {shown} {verb} new behaviour in {target.rel}"
    else:
        lead = (
            f"tddgate: {shown} {verb} new behaviour in {target.rel}, and no failing test run is "
            "on record since your last test edit"
        )
    return Decision.block(
        f"{lead}: add a failing test that calls it, run `{cmd}` (it must fail), then implement.",
        NAME,
    )
