"""The hook process: pathlib without urllib.parse, and an exit that skips finalization."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import tddgate

SRC = str(Path(tddgate.__file__).resolve().parent.parent)


def _run(code: str) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter without site (an editable install's path finder imports
    pathlib and urllib.parse at startup), tddgate imported from this checkout."""
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run(
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, check=False, env=env
    )


def test_pathlib_is_imported_without_urllib_parse_and_still_works() -> None:
    out = _run(
        "import sys\n"
        "from tddgate import hookproc\n"
        "hookproc.lean_pathlib()\n"
        "print('pathlib' in sys.modules, 'urllib.parse' in sys.modules)\n"
        "import pathlib\n"
        "print(pathlib.PurePosixPath('/a b').as_uri())\n"
        "import urllib.parse\n"
        "print(urllib.parse.urlsplit('https://x/y').netloc)\n"
    )
    assert (out.returncode, out.stderr) == (0, "")
    assert out.stdout == "True False\nfile:///a%20b\nx\n"


def test_an_already_imported_pathlib_is_left_alone() -> None:
    out = _run(
        "import pathlib, sys\n"
        "from tddgate import hookproc\n"
        "hookproc.lean_pathlib()\n"
        "print(sys.modules['pathlib'] is pathlib)\n"
    )
    assert (out.returncode, out.stdout, out.stderr) == (0, "True\n", "")


def test_finish_flushes_both_streams_and_exits_with_the_code() -> None:
    out = _run(
        "import sys\n"
        "from tddgate import hookproc\n"
        'sys.stdout.write(\'{"decision": "block"}\')\n'
        "sys.stderr.write('tddgate: notice')\n"
        "hookproc.finish(3)\n"
        "print('not reached')\n"
    )
    assert (out.returncode, out.stdout, out.stderr) == (
        3,
        '{"decision": "block"}',
        "tddgate: notice",
    )


def test_finish_survives_a_closed_stdout() -> None:
    out = _run(
        "import os, sys\n"
        "from tddgate import hookproc\n"
        "sys.stdout.write('x' * 10)\n"
        "os.close(1)\n"
        "hookproc.finish(0)\n"
    )
    assert (out.returncode, out.stderr) == (0, "")
