"""Claude Code PostToolUseFailure hook: hands stdin to tddgate's runner."""

from _entry import run

raise SystemExit(run("PostToolUseFailure"))
