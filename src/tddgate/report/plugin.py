"""pytest plugin (entry point `tddgate`): every run in a tddgate project writes the report.

A project is a tddgate project when its rootdir has `[tool.tddgate]` in pyproject.toml, a
`.tddgate.toml`, or a `.claude/tddgate/` directory. Then every run, with no flags, writes
`<rootdir>/.claude/tddgate/report.json`: pytest-json-report's document plus a `tddgate`
section (see writer.py, scope.py). `--tddgate-report PATH` writes elsewhere (and enables the
plugin anywhere); `--no-tddgate` turns it off for one run.

tddgate drives pytest-json-report's own plugin rather than a second copy (two copies fight
over the same per-item state): it switches the report on, keeps it from saving, and writes
both its own file and, when the user asked for one, the user's --json-report-file. Under
xdist only the controller writes; it receives every worker's results.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from tddgate.paths import REPORT_FILE, STATE_DIR
from tddgate.report.writer import UserJson

# Not needed to judge a run; leaving them out keeps the report small for the Stop hook.
LEAN_OMIT = ("log", "streams", "keywords", "traceback")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tddgate", "tddgate: the test report its completion gates judge")
    group.addoption(
        "--tddgate-report", metavar="PATH", default=None,
        help=f"write tddgate's report to PATH instead of <rootdir>/{STATE_DIR}/{REPORT_FILE}",
    )
    group.addoption(
        "--no-tddgate", action="store_true", default=False,
        help="do not write tddgate's report for this run",
    )


@pytest.hookimpl(tryfirst=True)  # before pytest-json-report's configure reads its options
def pytest_configure(config: pytest.Config) -> None:
    target = report_target(config)
    if target is None or not config.pluginmanager.hasplugin("pytest_jsonreport"):
        return
    user = _take_over_json_report(config)
    removals = Removals(config)
    config.pluginmanager.register(removals, "tddgate-removals")
    if hasattr(config, "workerinput"):
        return  # xdist worker: the controller writes the report
    reporter = Reporter(config, target, user, removals)
    config.pluginmanager.register(reporter, "tddgate-reporter")
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_WorkerCounter(reporter, removals), "tddgate-xdist")


def report_target(config: pytest.Config) -> Path | None:
    """Where this run's report goes, or None when the plugin is off for it."""
    if config.option.no_tddgate:
        return None
    explicit = config.option.tddgate_report
    if explicit:
        return Path(os.path.abspath(Path(config.invocation_params.dir, explicit)))
    root = config.rootpath
    return root / STATE_DIR / REPORT_FILE if is_tddgate_project(root) else None


def is_tddgate_project(root: Path) -> bool:
    if (root / ".tddgate.toml").is_file() or (root / STATE_DIR).is_dir():
        return True
    try:
        raw = (root / "pyproject.toml").read_bytes()
    except OSError:
        return False
    if b"tddgate" not in raw:
        return False
    import tomllib

    try:
        tool = tomllib.loads(raw.decode("utf-8")).get("tool")
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(tool, dict) and "tddgate" in tool


def _take_over_json_report(config: pytest.Config) -> UserJson | None:
    """Switch pytest-json-report on without letting it save; return what the user asked for.

    None when a JSONReport instance was handed to pytest.main(plugins=[...]): that one runs
    as its owner configured it, and tddgate only reads its report.
    """
    from pytest_jsonreport.plugin import JSONReportBase  # type: ignore[import-untyped]

    if any(isinstance(p, JSONReportBase) for p in config.pluginmanager.get_plugins()):
        return None
    opt = config.option
    wanted = bool(opt.json_report)
    user = UserJson(
        file=opt.json_report_file if wanted else None,
        summary_only=bool(opt.json_report_summary),
        omit=tuple(opt.json_report_omit),
        indent=opt.json_report_indent,
    )
    opt.json_report = True
    opt.json_report_file = None
    opt.json_report_summary = False
    opt.json_report_omit = [k for k in user.omit if k != "collectors"] if wanted else [*LEAN_OMIT]
    opt.json_report_verbosity = 0  # silences its "auto-save skipped"; we say what we saved
    return user


class Removals:
    """Counts tests a plugin or conftest drops from the collection without deselecting
    them (`items[:] = [...]` in pytest_collection_modifyitems): a run without them is not
    the full suite. Runs on xdist workers too, where the collection happens; each worker
    hands its count to the controller in `workeroutput`."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.removed = 0
        self._deselected = 0

    @pytest.hookimpl(wrapper=True, tryfirst=True)  # outermost: around every other plugin
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> Any:
        before, deselected = len(items), self._deselected
        result = yield
        dropped = before - len(items) - (self._deselected - deselected)
        self.removed = max(self.removed, dropped)
        return result

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self._deselected += len(items)

    def pytest_sessionfinish(self) -> None:
        output = getattr(self.config, "workeroutput", None)
        if isinstance(output, dict):
            output["tddgate_removed"] = self.removed


class Reporter:
    """Registered on the controller of a tddgate project's run; writes at session end."""

    def __init__(
        self, config: pytest.Config, target: Path, user: UserJson | None, removals: Removals
    ) -> None:
        self.config = config
        self.target = target
        self.user = user
        self.removals = removals
        self.started = time.time()
        self.workers = 0
        self.lf_narrows = False
        self.notes: list[str] = []
        self.json_note = ""  # what pytest-json-report itself would have said

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.started = time.time()
        lfplugin = self.config.pluginmanager.get_plugin("lfplugin")
        # --lf narrows only when the cache knows failures; without any it runs everything.
        known = getattr(lfplugin, "lastfailed", None)
        self.lf_narrows = bool(getattr(self.config.option, "lf", False) and known)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        report = getattr(getattr(self.config, "_json_report", None), "report", None)
        if not isinstance(report, dict):
            self.notes.append("tddgate: pytest-json-report produced no report; nothing written")
            return
        self._write_ours(session, report)
        if self.user is not None and self.user.file:
            self._write_users(report, self.user)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.json_note:
            terminalreporter.write_sep("-", "JSON report")
            terminalreporter.write_line(self.json_note)
        for note in self.notes:
            terminalreporter.write_line(note)

    def _write_ours(self, session: pytest.Session, report: dict[str, Any]) -> None:
        from tddgate.errors import TddgateError
        from tddgate.report.scope import not_full_reasons
        from tddgate.report.writer import RunInfo, add_meta, write_ours

        root = self.config.rootpath
        not_full = not_full_reasons(
            self.config, session, report, self.lf_narrows, self.removals.removed
        )
        run = RunInfo(
            args=[str(a) for a in self.config.invocation_params.args],
            rootdir=str(root),
            testpaths=list(self.config.getini("testpaths")),
            started=self.started,
            finished=time.time(),
            workers=self.workers,
            not_full=not_full,
        )
        default = root / STATE_DIR / REPORT_FILE
        shown = _shown(self.target, root)
        try:
            add_meta(report, run)
            write_ours(report, self.target, default.parent if self.target == default else None)
        except (OSError, TddgateError) as exc:
            self.notes.append(f"tddgate: could not write {shown}: {exc}")
            return
        scope = "full suite" if not not_full else "NOT the full suite: " + "; ".join(not_full)
        self.notes.append(f"tddgate: wrote {shown} ({scope})")

    def _write_users(self, report: dict[str, Any], user: UserJson) -> None:
        from tddgate.report.writer import write_users

        try:
            write_users(report, user)
        except OSError as exc:
            self.json_note = f"could not save report: {exc}"
            return
        self.json_note = f"report saved to: {user.file}"


class _WorkerCounter:
    """Counts xdist workers and gathers what they removed; registered only when xdist is
    loaded (its hooks need a spec)."""

    def __init__(self, reporter: Reporter, removals: Removals) -> None:
        self.reporter = reporter
        self.removals = removals

    def pytest_testnodeready(self, node: Any) -> None:
        self.reporter.workers += 1

    def pytest_testnodedown(self, node: Any, error: Any) -> None:
        output = getattr(node, "workeroutput", None) or {}
        self.removals.removed = max(self.removals.removed, int(output.get("tddgate_removed", 0)))


def _shown(path: Path, root: Path) -> str:
    rel = os.path.relpath(path, root)
    return str(path) if rel.startswith("..") else rel.replace(os.sep, "/")
