"""Functions and aliases a command defines, for when it calls them (hot path: stdlib only)."""

from __future__ import annotations

from tddgate.bash.nodes import Node


class Definitions:
    """Functions and aliases defined so far, shared by every subshell of one analysis (a
    definition inside a subshell that leaks out only makes the analysis see more), and a
    budget: `f(){ g; g; }; g(){ h; h; }; …` would otherwise be analysed 2**n times."""

    __slots__ = ("active", "aliases", "calls", "functions")

    MAX_CALLS = 200

    def __init__(self) -> None:
        self.functions: dict[str, Node] = {}
        self.aliases: dict[str, str] = {}
        self.active: set[str] = set()  # functions and aliases being expanded right now
        self.calls = 0
