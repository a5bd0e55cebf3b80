"""Install and uninstall tddgate's hooks in Claude Code settings, exactly and reversibly.

`entries` says what we add, `settings` merges it (pure), `manifest` records how to undo it,
`add` and `remove` run the two commands against one `Target` (scope + paths).
"""

from __future__ import annotations

from tddgate.install.add import install
from tddgate.install.remove import uninstall
from tddgate.install.target import Target

__all__ = ["Target", "install", "uninstall"]
