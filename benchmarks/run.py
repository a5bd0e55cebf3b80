"""Hook latency and scaling, side by side with the interpreter floor.

    python benchmarks/run.py [--python PY] [--rounds N] [--only TEXT]

Every measurement spawns a hook script exactly as Claude Code does (`<python>
<hooks>/<script>.py`, one JSON event on stdin, $CLAUDE_PROJECT_DIR set, HOME a temp dir),
interleaved round by round with `<same python> -c pass`, the floor no hook can beat. Prints
one table and, last, `bench: worst_ratio=X.XX (budget 3.00) ok|over`; exits 1 when any
budget is missed. Runs on the stdlib alone; the interpreter under test (default: this one)
needs tddgate installed, editable or not.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import cases as cs
import fixtures as fx
from measure import Case, Stats, interleaved

FLOOR = "floor: python -c pass"
FLOOR_BUDGET = 3.0
STOP_BUDGET_S = 0.150
SCALING_BUDGET = 1.2
SMALL, LARGE = 10, 100_000


class Budget(NamedTuple):
    what: str
    value: float
    limit: float
    unit: str

    @property
    def ok(self) -> bool:
        return self.value <= self.limit

    def line(self) -> str:
        verdict = "ok" if self.ok else "OVER"
        value, limit = f"{self.value:.2f}{self.unit}", f"{self.limit:.2f}{self.unit}"
        return f"  {self.what}: {value} (budget {limit}) {verdict}"


def installed(python: str) -> tuple[str, Path]:
    """(description of the tddgate the interpreter imports, its hooks folder)."""
    code = (
        "import importlib.util, json, tddgate;"
        "spec = importlib.util.find_spec('tddgate.hooks');"
        "print(json.dumps([tddgate.__version__, tddgate.__file__,"
        " list(spec.submodule_search_locations)[0]]))"
    )
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"bench: {python} cannot import tddgate:\n{out.stderr}")
    version, where, hooks = json.loads(out.stdout)
    kind = "editable" if Path(where).is_relative_to(fx.REPO / "src") else "installed"
    return f"tddgate {version}, {kind} ({Path(where).parent})", Path(hooks)


def build(bench: cs.Bench) -> tuple[list[Case], list[str], list[str], list[str]]:
    env = fx.hook_env(bench.tmp, bench.home)
    floor = Case(FLOOR, (bench.python, "-c", "pass"), b"", bench.tmp, env, cs.exits_zero)
    pre = cs.pre_tool_use_cases(bench)
    stop = cs.stop_cases(bench)
    snaps = cs.snapshot_cases(bench, (SMALL, LARGE))
    repos = cs.repo_cases(bench, (SMALL, LARGE))
    every = [floor, *pre, *stop, *snaps, *repos]
    return every, [c.name for c in pre], [c.name for c in stop], [c.name for c in snaps + repos]


def budgets(
    results: dict[str, Stats], pre: list[str], stop: list[str], scaling: list[str]
) -> list[Budget]:
    floor = results[FLOOR].median
    out = [Budget(f"{n} / floor", results[n].median / floor, FLOOR_BUDGET, "x") for n in pre]
    out += [Budget(f"{n} median", results[n].median * 1000, STOP_BUDGET_S * 1000, " ms")
            for n in stop]  # fmt: skip
    small, large = f"{SMALL:,}", f"{LARGE:,}"
    for name in scaling:
        if small in name and name.replace(small, large) in results:
            big = name.replace(small, large)
            ratio = results[big].median / results[name].median
            out.append(Budget(f"{big} / {small}", ratio, SCALING_BUDGET, "x"))
    return out


def table(results: dict[str, Stats]) -> str:
    floor = results[FLOOR].median
    width = max(len(n) for n in results) + 2
    cpu_floor = results[FLOOR].cpu
    lines = [
        f"{'case':<{width}}{'median':>10}{'p95':>10}{'/floor':>8}{'cpu':>10}{'/floor':>8}"
        f"{'first':>11}{'peak RSS':>10}{'(first)':>10}",
    ]
    for name, st in results.items():
        lines.append(
            f"{name:<{width}}{_ms(st.median)}{_ms(st.p95)}{st.median / floor:>8.2f}"
            f"{_ms(st.cpu)}{st.cpu / cpu_floor:>8.2f} {_ms(st.first)}"
            f"{_mb(st.maxrss_kb)}{_mb(st.first_maxrss_kb)}"
        )
    return "\n".join(lines)


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:>7.1f} ms"


def _mb(kb: int) -> str:
    return f"{kb / 1024:>7.1f} MB"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="interpreter under test")
    parser.add_argument("--rounds", type=int, default=30, help="recorded runs per case (≥ 30)")
    parser.add_argument("--only", default="", help="measure only cases containing this text")
    args = parser.parse_args(argv)
    args.python = os.path.abspath(shutil.which(args.python) or args.python)
    about, hooks = installed(args.python)
    with tempfile.TemporaryDirectory(prefix="tddgate-bench-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        bench = cs.Bench(args.python, hooks, home, Path(tmp))
        every, pre, stop, scaling = build(bench)
        chosen = [c for c in every if c.name == FLOOR or args.only in c.name]
        few = " (fewer than 30: indicative only)" if args.rounds < 30 else ""
        print(f"bench: {args.python}: {about}; hooks {hooks}; {args.rounds} rounds{few}")
        print(f"bench: {_load()}")
        results = interleaved(chosen, args.rounds)
    print(table(results))
    checks = budgets(results, *(
        [n for n in names if n in results] for names in (pre, stop, scaling)
    ))  # fmt: skip
    print("budgets:")
    print("\n".join(b.line() for b in checks))
    ratios = [b.value for b in checks if b.unit == "x" and b.what.endswith("/ floor")] or [0.0]
    ok = all(b.ok for b in checks)
    if not ok:
        print(
            f"bench: {_load()} after the runs; wall times of a busy machine vary (see the cpu "
            "columns), so rerun on an idle one before you trust an OVER"
        )
    verdict = "ok" if ok else "over"
    print(f"bench: worst_ratio={max(ratios):.2f} (budget {FLOOR_BUDGET:.2f}) {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
