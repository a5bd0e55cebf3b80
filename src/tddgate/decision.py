"""The closed set of answers a rule can give: allow (None), warn, or block.

Rules return `Decision | None`; None means "allow, silently". Only the protocol layer
turns a Decision into the JSON and exit code a given agent expects.
"""

from __future__ import annotations

from tddgate.namedtuple import NamedTuple

BLOCK = "block"
WARN = "warn"
CONTEXT = "context"


class Decision(NamedTuple):
    """A rule's answer to one event: block, warn or context; `reason` names the next action."""

    kind: str
    reason: str
    rule: str = ""

    @classmethod
    def block(cls, reason: str, rule: str = "") -> Decision:
        return cls(BLOCK, reason, rule)

    @classmethod
    def warn(cls, reason: str, rule: str = "") -> Decision:
        return cls(WARN, reason, rule)

    @classmethod
    def context(cls, text: str, rule: str = "") -> Decision:
        """Text for the model's context (SessionStart / UserPromptSubmit)."""
        return cls(CONTEXT, text, rule)

    @property
    def blocks(self) -> bool:
        return self.kind == BLOCK
