"""No new skips: an edit may not add skip/xfail markers or skipping hooks to tests.

Existing skips are not this rule's business: the completion gates block any skip in the
report. This rule stops new ones at the moment they are written, naming the line.
"""

from __future__ import annotations

from tddgate.decision import Decision
from tddgate.facts import Facts

NAME = "no_new_skips"


def check(facts: Facts) -> Decision | None:
    from tddgate.tdd.classify import classify, mode_for

    for target in facts.targets:
        rel = target.rel
        if rel is None or facts.ignored(rel) or classify(rel, facts.cfg) != "test":
            continue
        if mode_for(rel, facts.cfg) == "off":
            continue
        before, after = facts.contents(target)
        if after is None:
            continue
        from tddgate.tdd.skips import added_skips  # only for test files: most edits need none

        added = added_skips(before, after)
        if added:
            line, text = added[0]
            more = f" (and {len(added) - 1} more)" if len(added) > 1 else ""
            return Decision.block(
                f"tddgate: this edit adds a skip to {rel} at line {line}: `{text}`{more}. "
                "A skipped "
                "test is not a passing test: remove it and make the test pass, or delete the test "
                "if it is obsolete.",
                NAME,
            )
    return None
