"""Shared by the hook scripts: find tddgate and hand stdin to its runner.

When tddgate is not installed in the running interpreter (plugin form, repo checkout),
the checkout's src/ folder is used. The process imports pathlib lean and ends without
interpreter finalization (tddgate.hookproc says why: ~5 ms of a hook's time).
"""

from __future__ import annotations

import os
import sys


def run(event: str) -> int:
    try:
        from tddgate import hookproc
    except ImportError:
        here = os.path.dirname(os.path.abspath(__file__))
        sys.path.insert(0, os.path.join(os.path.dirname(here), "src"))
        from tddgate import hookproc
    hookproc.lean_pathlib()
    from tddgate.runner import main

    hookproc.finish(main(event))
    return 0  # not reached: finish() ends the process
