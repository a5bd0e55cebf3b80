"""tddgate: Claude Code hooks that enforce TDD and todo discipline.

Kept import-free on purpose: every hook process imports this package first.
"""

__version__ = "0.1.0"
