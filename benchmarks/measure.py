"""Spawn one process the way Claude Code runs a hook, and time it; plus the statistics."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple


class Run(NamedTuple):
    seconds: float  # wall, spawn to exit
    cpu: float  # user + system
    maxrss_kb: int
    code: int
    stdout: bytes
    stderr: bytes


# Runs one command and reports its wall time and peak RSS. The driver is a big process, and a
# child's ru_maxrss starts at its parent's RSS at fork (Linux counts the pre-exec copy), so
# the command is spawned from this small interpreter (-I -S: no site, ~8 MB) instead; each
# launcher has exactly one child, so RUSAGE_CHILDREN is that command's own peak.
LAUNCHER = """
import json, os, resource, sys, time
cwd, argv = sys.argv[1], sys.argv[2:]
data = sys.stdin.buffer.read()
os.chdir(cwd)
r0, w0 = os.pipe(); r1, w1 = os.pipe(); r2, w2 = os.pipe()
actions = [(os.POSIX_SPAWN_DUP2, r0, 0), (os.POSIX_SPAWN_DUP2, w1, 1), (os.POSIX_SPAWN_DUP2, w2, 2)]
actions += [(os.POSIX_SPAWN_CLOSE, fd) for fd in (r0, w0, r1, w1, r2, w2)]
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
for fd in (r0, w1, w2):
    os.close(fd)
try:
    os.write(w0, data)
except BrokenPipeError:
    pass
os.close(w0)
out = b"".join(iter(lambda: os.read(r1, 65536), b""))
err = b"".join(iter(lambda: os.read(r2, 65536), b""))
_, status = os.waitpid(pid, 0)
seconds = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
                  os.waitstatus_to_exitcode(status), out.decode("latin-1"), err.decode("latin-1")]))
"""


def spawn(argv: Sequence[str], stdin: bytes, cwd: Path, env: dict[str, str]) -> Run:
    """Wall time from spawn to exit, and the command's own peak RSS (see LAUNCHER)."""
    proc = subprocess.run(
        [sys.executable, "-I", "-S", "-c", LAUNCHER, str(cwd), *argv],
        input=stdin,
        capture_output=True,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"bench: the launcher failed: {proc.stderr.decode(errors='replace')}")
    seconds, cpu, rss, code, out, err = json.loads(proc.stdout)
    return Run(seconds, cpu, rss, code, out.encode("latin-1"), err.encode("latin-1"))


class Stats(NamedTuple):
    median: float
    p95: float
    cpu: float  # median user + system time
    runs: int
    first: float
    maxrss_kb: int  # the peak over the recorded runs
    first_maxrss_kb: int  # the first call's: it fills caches (bytecode, summary, import index)


def stats(runs: Sequence[Run], first: Run) -> Stats:
    times = sorted(r.seconds for r in runs)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    peak = max(r.maxrss_kb for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    return Stats(
        statistics.median(times), p95, cpu, len(times), first.seconds, peak, first.maxrss_kb
    )


class Case(NamedTuple):
    """One measured command: argv + stdin in a project; `check` validates every answer."""

    name: str
    argv: tuple[str, ...]
    stdin: bytes | Callable[[], bytes]
    cwd: Path
    env: dict[str, str]
    check: Callable[[Run], str | None]
    prepare: Callable[[], None] | None = None


def run_case(case: Case) -> Run:
    if case.prepare is not None:
        case.prepare()
    data = case.stdin if isinstance(case.stdin, bytes) else case.stdin()
    run = spawn(case.argv, data, case.cwd, case.env)
    problem = case.check(run)
    if problem:
        raise SystemExit(
            f"bench: case {case.name} answered wrongly: {problem}\n"
            f"  exit {run.code}\n  stdout: {run.stdout.decode(errors='replace')[:500]}\n"
            f"  stderr: {run.stderr.decode(errors='replace')[:500]}"
        )
    return run


def interleaved(cases: Sequence[Case], rounds: int, warmup: int = 2) -> dict[str, Stats]:
    """Each round runs every case once, in order, so drift in machine load hits all alike.

    The first call of each case is kept apart (it fills caches: compiled bytecode, the
    summary cache, the import index) and reported as `first`; then `warmup` unrecorded
    rounds; then `rounds` recorded ones.
    """
    firsts = {case.name: run_case(case) for case in cases}
    for _ in range(warmup):
        for case in cases:
            run_case(case)
    samples: dict[str, list[Run]] = {case.name: [] for case in cases}
    for _ in range(rounds):
        for case in cases:
            samples[case.name].append(run_case(case))
    return {name: stats(runs, firsts[name]) for name, runs in samples.items()}
