"""Shared by the hook scripts: find tddgate and hand stdin to its runner.

When tddgate is not installed in the running interpreter (plugin form, repo checkout),
the checkout's src/ folder is used.
"""

from __future__ import annotations

import os
import sys


def run(event: str) -> int:
    try:
        from tddgate.runner import main
    except ImportError:
        here = os.path.dirname(os.path.abspath(__file__))
        sys.path.insert(0, os.path.join(os.path.dirname(here), "src"))
        from tddgate.runner import main
    return main(event)
