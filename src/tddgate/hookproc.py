"""The hook process itself: two savings a plain `python` script does not get.

A hook is a fresh interpreter per tool call, and most of its time is interpreter start,
imports and teardown (benchmarks/run.py measures it next to `python -c pass`). Two costs
have nothing to do with tddgate's work:

- `lean_pathlib()`: on Python 3.11 and 3.12, importing pathlib imports urllib.parse (and
  through it ipaddress) for `Path.as_uri` alone: ~1.8 ms of a hook's ~15 ms of imports.
  A stand-in urllib.parse is in place only while pathlib is imported; its one function
  loads the real module when called, and the next `import urllib.parse` gets the real one.
- `finish(code)`: flush stdout and stderr, then `os._exit`: interpreter finalization
  (module teardown, garbage collection) costs ~3 ms with the modules a hook loads, and
  does nothing a hook needs: every file tddgate writes is closed when written (with-blocks,
  atomic replaces), locks are released by their with-blocks, and no atexit work exists.

Only the hook scripts (hooks/_entry.py) call these; tests and the CLI never do.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn


def lean_pathlib() -> None:
    """Import pathlib without urllib.parse where pathlib would import it eagerly."""
    if sys.version_info >= (3, 13) or "pathlib" in sys.modules or "urllib.parse" in sys.modules:
        return
    import types

    stand_in = types.ModuleType("urllib.parse", "stand-in while pathlib is imported")
    stand_in.quote_from_bytes = _quote_from_bytes  # type: ignore[attr-defined]
    sys.modules["urllib.parse"] = stand_in
    try:
        import pathlib  # noqa: F401
    finally:
        if sys.modules.get("urllib.parse") is stand_in:
            del sys.modules["urllib.parse"]


def _quote_from_bytes(*args: Any, **kwargs: Any) -> str:
    from urllib.parse import quote_from_bytes

    return quote_from_bytes(*args, **kwargs)


def finish(code: int) -> NoReturn:
    """End the hook process now with `code`, output flushed, skipping finalization."""
    for stream in (sys.stdout, sys.stderr):
        try:  # noqa: SIM105 (contextlib.suppress would be one more import)
            stream.flush()
        except (OSError, ValueError):
            pass  # the agent closed the pipe: nothing left to tell it
    os._exit(code)
