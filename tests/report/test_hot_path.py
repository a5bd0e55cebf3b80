"""What the Stop hook runs to judge a report imports only cheap stdlib modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from testing import reports as r

FORBIDDEN = ["pydantic", "click", "filelock", "dataclasses", "inspect", "asyncio",
             "subprocess", "msgspec", "pytest", "tomllib"]
SCRIPT = """
import json, sys, time
from pathlib import Path
from tddgate.report.baseline import load_baseline, save_baseline
from tddgate.report.summary import summarize
from tddgate.report.verdict import judge
from tddgate.state.edits import last_edit, record_edit

root = Path(sys.argv[1]); state = root / ".claude" / "tddgate"
verdicts = []
for _ in range(2):  # a miss that fills the cache, then a hit
    summary = summarize(state / "report.json", cache_dir=state)
    edit = last_edit(state)
    verdicts.append(judge(summary, project_root=root, last_edit=edit[0] if edit else None,
                          baseline_ids=load_baseline(state), now=time.time()).green)
save_baseline(state, summary.node_ids)
record_edit(state, "src/x.py", time.time(), "s")
forbidden = sorted(set(sys.argv[2:]) & set(sys.modules))
print(json.dumps({"green": verdicts, "forbidden": forbidden}))
"""


def test_judging_imports_nothing_heavy(tmp_path: Path) -> None:
    data = r.report([r.passed("t.py::a"), r.failed("t.py::b")], root=tmp_path,
                    created=time.time() - 10)
    r.write(tmp_path / ".claude/tddgate/report.json", data)
    env = {**os.environ, "HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path), *FORBIDDEN],
        capture_output=True, text=True, check=True, env=env,
    ).stdout
    assert json.loads(out) == {"green": [False, False], "forbidden": []}
    assert (tmp_path / ".claude/tddgate/summary-cache.json").is_file()
