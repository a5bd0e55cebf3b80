"""The verdict that stands now for a project: its report, last edit and baseline, judged.

Shared by the hooks (Stop, completion gates, snapshots) and the CLI (check, status). A
green full run becomes the new baseline, so a later run with fewer tests is red.
"""

from __future__ import annotations

import time
from pathlib import Path

from tddgate.config import Config
from tddgate.paths import REPORT_FILE, state_dir
from tddgate.report.baseline import load_baseline, save_baseline
from tddgate.report.summary import summarize
from tddgate.report.verdict import Verdict, judge
from tddgate.state.edits import last_edit


def report_file(root: Path, cfg: Config) -> Path:
    """tddgate's plugin report, or the raw pytest-json-report file a human configured."""
    return root / cfg.report_file if cfg.report_file else state_dir(root) / REPORT_FILE


def current_verdict(root: Path, cfg: Config, now: float | None = None) -> Verdict:
    folder = state_dir(root)
    summary = summarize(report_file(root, cfg), cache_dir=folder)
    edit = last_edit(folder)
    baseline = load_baseline(folder)
    verdict = judge(
        summary,
        project_root=root,
        last_edit=edit[0] if edit else None,
        last_edit_path=edit[1] if edit else None,
        baseline_ids=baseline,
        now=time.time() if now is None else now,
        assume_full=bool(cfg.report_file),
        command=cfg.pytest_command,
    )
    if verdict.green and verdict.node_ids and frozenset(verdict.node_ids) != baseline:
        save_baseline(folder, verdict.node_ids)
    return verdict
