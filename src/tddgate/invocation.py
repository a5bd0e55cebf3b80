"""How an agent can run tddgate itself (e.g. `tddgate todo start`) from its Bash tool.

Block messages name a command the agent can paste: plain `tddgate` when the one on PATH
belongs to the interpreter running this hook, else that interpreter with `-m tddgate`
(hooks run under an absolute interpreter path whose venv need not be on PATH).
"""

from __future__ import annotations

import os
import sys


def tddgate_command(environ: dict[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    bindir = os.path.dirname(sys.executable)
    for folder in env.get("PATH", "").split(os.pathsep):
        if folder and os.path.isfile(os.path.join(folder, "tddgate")):
            return "tddgate" if os.path.samefile(folder, bindir) else f"{sys.executable} -m tddgate"
    return f"{sys.executable} -m tddgate"
