"""The words of every red verdict (hot path: stdlib only).

Each reason says what is wrong and ends with what to run. Multi-line reasons start with a
one-line summary with the counts, list at most five offenders, and end with the command.
"""

from __future__ import annotations

import time
from pathlib import Path

from tddgate.report import summary as s
from tddgate.report.summary import ReportSummary

DEFAULT_REPORT = ".claude/tddgate/report.json"
SHOWN = 5
_EXIT_NAMES = {
    1: "tests failed",
    2: "interrupted",
    3: "internal error",
    4: "usage error",
    5: "no tests collected",
}


class Text:
    """Reasons for one summary, in one project, at one moment."""

    def __init__(self, summary: ReportSummary, root: Path, now: float, command: str) -> None:
        self.summary = summary
        self.root = root
        self.now = now
        self.cmd = command
        self.rel = _relative(summary.path, root)
        self.fresh = f"run {command} in {root} to write a fresh one"

    def problem(self) -> str:
        sm, rel = self.summary, self.rel
        if sm.problem == s.MISSING:
            if rel == DEFAULT_REPORT:
                return (
                    f"no test report yet: run {self.cmd} in {self.root} "
                    f"(tddgate's plugin writes {DEFAULT_REPORT})"
                )
            return f"no test report yet at {rel}: run {self.cmd} in {self.root} to write it"
        if sm.problem == s.UNREADABLE:
            return (
                f"the test report {rel} cannot be read ({sm.detail}); fix its permissions or "
                f"delete it, then run {self.cmd} in {self.root}"
            )
        if sm.problem == s.EMPTY:
            return (
                f"the test report {rel} is empty (a run was probably killed while writing it); "
                f"{self.fresh}"
            )
        if sm.problem == s.TRUNCATED:
            return (
                f"the test report {rel} is truncated ({sm.detail}): a run was probably killed "
                f"while writing it; {self.fresh}"
            )
        if sm.problem == s.NOT_JSON:
            return f"the test report {rel} is not JSON ({sm.detail}); {self.fresh}"
        if sm.problem == s.SCHEMA:
            return (
                f"the test report {rel} is not a pytest-json-report file: {sm.detail}; "
                f"{self.fresh}"
            )
        return f"report was modified or not written by tddgate's plugin: {sm.detail}; {self.fresh}"

    def other_rootdir(self) -> str:
        return (
            f"the test report {self.rel} comes from a pytest run with rootdir "
            f"{self.summary.rootdir}, not this project ({self.root}); run {self.cmd} in "
            f"{self.root} (pytest takes its rootdir from the nearest pytest.ini, pyproject.toml, "
            "tox.ini or setup.cfg)"
        )

    def future(self) -> str:
        ahead = int((self.summary.created or 0.0) - self.now)
        return (
            f"the test report {self.rel} is dated {ahead} s in the future; check the system "
            f"clock, then {self.fresh}"
        )

    def stale(self, last_edit: float, path: str | None) -> str:
        at = time.strftime("%H:%M:%S", time.localtime(last_edit))
        what = f"{path} at {at}" if path else f"at {at}"
        return f"the last test run is older than the last edit ({what}); run {self.cmd}"

    def offenders(self) -> str:
        sm = self.summary
        lines = [f"tests are not green: {_count_line(sm)} ({self._age()})."]
        lines += [f"  {o.nodeid}: {o.cause}" for o in sm.offenders[:SHOWN]]
        if sm.offender_count > SHOWN:
            lines.append(f"  (and {sm.offender_count - SHOWN} more)")
        if sm.plugin_version and not sm.full_suite:
            lines.append(f"The last run was also not the full suite: {self._why_partial()}.")
        lines.append(f"Run the full suite: {self.cmd}")
        return "\n".join(lines)

    def raw_report(self) -> str:
        return (
            f"tests are not green: {self.rel} was written without tddgate's plugin, so it "
            f"cannot show a full-suite run ({self._age()}).\n"
            f"Run the full suite with tddgate installed where pytest runs: {self.cmd}"
        )

    def not_full(self) -> str:
        return (
            f"tests are not green: the last run was not the full suite: {self._why_partial()} "
            f"({self._age()}).\nRun the full suite from the project root: {self.cmd}"
        )

    def no_tests(self) -> str:
        return (
            f"tests are not green: the last run ran no tests ({self._age()}).\n"
            f"Write a test, then run the full suite: {self.cmd}"
        )

    def exit_code(self) -> str:
        code = self.summary.exitcode
        name = _EXIT_NAMES.get(code or 0, "unknown")
        return (
            f"tests are not green: pytest exited with code {code} ({name}) although no test "
            f"failed ({self._age()}).\nRun the full suite and fix what it reports: {self.cmd}"
        )

    def dropped(self, expected: int, missing: list[str]) -> str:
        lines = [
            f"tests are not green: {tests(self.summary.total)} ran, fewer than the {expected} "
            f"of an earlier full run ({self._age()}). Missing:"
        ]
        lines += [f"  {nodeid}" for nodeid in missing[:SHOWN]]
        if len(missing) > SHOWN:
            lines.append(f"  (and {len(missing) - SHOWN} more)")
        lines.append(
            f"Restore them and run the full suite: {self.cmd}. If removing them was intended, "
            "a human records the new baseline with: tddgate baseline accept"
        )
        return "\n".join(lines)

    def _why_partial(self) -> str:
        return "; ".join(self.summary.not_full) or "the report does not say why"

    def _age(self) -> str:
        return f"report {age(self.now - (self.summary.created or self.now))} old"


def _count_line(sm: ReportSummary) -> str:
    """"3 failed, 2 skipped, 1 error of 40", then what went wrong while collecting."""
    tests = _plural([
        (sm.failed, "failed", "failed"),
        (sm.skipped, "skipped", "skipped"),
        (sm.errors, "error", "errors"),
        (sm.xfailed, "xfailed", "xfailed"),
        (sm.xpassed, "xpassed", "xpassed"),
    ])
    collecting = _plural([
        (sm.collection_errors, "collection error", "collection errors"),
        (sm.skipped_modules, "module skipped while collecting", "modules skipped while collecting"),
    ])
    if tests:
        return ", ".join([f"{', '.join(tests)} of {sm.total}", *collecting])
    ran = f"{sm.passed} of {sm.total} tests passed" if sm.total else "no tests ran"
    return f"{', '.join(collecting)}; {ran}"


def _plural(parts: list[tuple[int, str, str]]) -> list[str]:
    return [f"{n} {one if n == 1 else many}" for n, one, many in parts if n]


def tests(count: int) -> str:
    return f"{count} test" if count == 1 else f"{count} tests"


def age(seconds: float) -> str:
    """"42 s", "3 min", "2 h", "5 d": whole units, rounded down."""
    seconds = max(0, int(seconds))
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            return f"{seconds // size} {unit}"
    return f"{seconds} s"


def _relative(path: str, root: Path) -> str:
    """POSIX path relative to the project root when inside it, else the path as given."""
    import os

    try:
        rel = os.path.relpath(path, root)
    except ValueError:
        return path
    return path if rel.startswith("..") else rel.replace(os.sep, "/")
