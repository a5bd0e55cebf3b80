"""Bash write detection: which files a shell command writes (hot path: stdlib only)."""

from __future__ import annotations

from tddgate.bash.writes import BashWrite, BashWrites, find_writes

__all__ = ["BashWrite", "BashWrites", "find_writes"]
