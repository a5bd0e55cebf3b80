"""No "done" below 100 %: stopping or completing a todo needs a fresh, full, green run.

Loop safety: a Stop in a session that edited nothing (a question-and-answer turn) is
allowed at once. When the agent keeps trying to stop without progress (no new test run,
no edit) the blocks are counted; after `max_stop_blocks` of them in a row the stop is
allowed with a message to the human, so the CLI's own cap (8) never has to step in.
"""

from __future__ import annotations

from tddgate.decision import Decision
from tddgate.facts import Facts
from tddgate.protocol.events import StopEvent

NAME = "green_to_complete"


def check(facts: Facts) -> Decision | None:
    if isinstance(facts.event, StopEvent):
        return _stop(facts, facts.event)
    from tddgate.completion import claims

    claimed = claims(facts)
    if not claimed:
        return None
    verdict = facts.verdict
    if verdict.green:
        return None
    return Decision.block(
        f"tddgate: {', '.join(claimed)} cannot be marked completed while the tests are not "
        f"green. {verdict.reason}",
        NAME,
    )


def _stop(facts: Facts, event: StopEvent) -> Decision | None:
    from tddgate.state import session

    agent = event.agent_id if event.name == "SubagentStop" else None
    if not session.edited(facts.root, event.session_id, agent):
        return None
    verdict = facts.verdict
    if verdict.green:
        session.reset_stop(facts.root, event.session_id, agent)
        return None
    streak = session.update_stop(
        facts.root, event.session_id, agent, facts.progress_fingerprint, event.stop_hook_active
    )
    if streak > facts.cfg.max_stop_blocks:
        summary = verdict.reason.splitlines()[0]
        session.reset_stop(facts.root, event.session_id, agent, {"stopped_red": summary})
        from tddgate.state.log import log

        log(facts.root, "stopped-red", summary, session_id=event.session_id, agent_id=agent)
        cap = facts.cfg.max_stop_blocks
        stops = "blocked stop" if cap == 1 else "blocked stops"
        return Decision.warn(
            f"tddgate: session stopped with red tests after {cap} {stops} without progress: "
            f"{summary} Run `tddgate check` to see what is left.",
            NAME,
        )
    who = "the subagent" if agent else "you"
    return Decision.block(f"tddgate: {who} cannot stop yet. {verdict.reason}", NAME)
