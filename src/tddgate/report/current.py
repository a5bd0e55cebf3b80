"""The verdict that stands now for a project: its report, last edit and baseline, judged.

Shared by the hooks (Stop, completion gates, snapshots) and the CLI (check, status). A
green full run becomes the new baseline, so a later run with fewer tests is red. Until
one exists, the first full run records it, red or not: in a project that was never green,
deleting the failing tests would otherwise be the way to green.
"""

from __future__ import annotations

import time
from pathlib import Path

from tddgate.config import Config
from tddgate.errors import StateError
from tddgate.paths import REPORT_FILE, state_dir
from tddgate.report.baseline import load_baseline, save_baseline
from tddgate.report.summary import ReportSummary, summarize
from tddgate.report.verdict import Verdict, judge, same_dir
from tddgate.state.edits import last_edit


def report_file(root: Path, cfg: Config) -> Path:
    """tddgate's plugin report, or the raw pytest-json-report file a human configured."""
    return root / cfg.report_file if cfg.report_file else state_dir(root) / REPORT_FILE


def current_verdict(root: Path, cfg: Config, now: float | None = None) -> Verdict:
    folder = state_dir(root)
    moment = time.time() if now is None else now
    summary = summarize(report_file(root, cfg), cache_dir=folder)
    edit = last_edit(folder)
    try:
        baseline = load_baseline(folder)
    except StateError as exc:
        # Only tampering breaks a file tddgate writes atomically (a test run's
        # `--junitxml=.claude/tddgate/baseline.json`): red, not the fail-open of a state error.
        broken = judge(summary, project_root=root, last_edit=None, baseline_ids=None, now=moment)
        return broken._replace(green=False, reason=f"tests are not green: {exc}.", node_ids=())
    verdict = judge(
        summary,
        project_root=root,
        last_edit=edit[0] if edit else None,
        last_edit_path=edit[1] if edit else None,
        baseline_ids=baseline,
        now=moment,
        assume_full=bool(cfg.report_file),
        command=cfg.pytest_command,
    )
    if verdict.green and verdict.node_ids and frozenset(verdict.node_ids) != baseline:
        save_baseline(folder, verdict.node_ids)
    elif baseline is None and _first_full_run(summary, root):
        save_baseline(folder, summary.node_ids)
    return verdict


def _first_full_run(summary: ReportSummary, root: Path) -> bool:
    """A readable full-suite run of this project by tddgate's plugin, with tests."""
    return bool(
        not summary.problem
        and summary.plugin_version
        and summary.full_suite
        and summary.node_ids
        and same_dir(summary.rootdir, root)
    )
