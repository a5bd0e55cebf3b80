"""Facts about one event, computed lazily: rules ask, and only what they ask is read."""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

from tddgate.config import Config
from tddgate.edits import EDIT_TOOLS, EditTarget, target_path
from tddgate.paths import relative, same_place, state_dir
from tddgate.protocol.events import Event, ToolEvent

TYPE_CHECKING = False
if TYPE_CHECKING:
    from tddgate.report.verdict import Verdict
    from tddgate.todos.sources import Gathered


class Facts:
    def __init__(self, event: Event, cfg: Config, root: Path) -> None:
        self.event = event
        self.cfg = cfg
        self.root = root
        self.bash_unanalysable: tuple[str, ...] = ()
        self._contents: dict[EditTarget, tuple[str | None, str | None]] = {}

    @cached_property
    def state_dir(self) -> Path:
        return state_dir(self.root)

    def rel(self, path: str) -> str | None:
        return relative(self.root, path, self.event.cwd)

    def absolute(self, path: str) -> Path:
        return Path(os.path.normpath(os.path.join(self.event.cwd, os.path.expanduser(path))))

    @cached_property
    def targets(self) -> tuple[EditTarget, ...]:
        """Files the tool call writes (empty for tools that write none)."""
        event = self.event
        if not isinstance(event, ToolEvent):
            return ()
        if event.tool_name in EDIT_TOOLS:
            path = target_path(event.tool_name, event.tool_input)
            return (EditTarget(path, self.rel(path), event.tool_name),) if path else ()
        if event.tool_name == "Bash" and not self.cfg.disabled("bash_writes"):
            return self._bash_targets(event)
        return ()

    def _bash_targets(self, event: ToolEvent) -> tuple[EditTarget, ...]:
        """Bash writes are edits: the files a command writes, with their new content if known."""
        command = event.tool_input.get("command")
        if not isinstance(command, str):
            return ()
        from tddgate.bash import find_writes

        known = {"CLAUDE_PROJECT_DIR": str(self.root), "HOME": os.path.expanduser("~")}
        found = find_writes(command, known)
        self.bash_unanalysable = found.unanalysable
        targets = []
        for write in found.writes:
            full = self.absolute(write.path)
            rel = self.rel(write.path)
            if rel is None and same_place(full, self.root):
                rel = "."  # the project itself (`rm -rf .`), by its link or its real path
            content = write.content
            if write.append and content is not None:
                content = self._appended(full, content)
            targets.append(EditTarget(write.path, rel, f"Bash ({write.how})", content))
        return tuple(targets)

    @staticmethod
    def _appended(full: Path, text: str) -> str | None:
        from tddgate.tdd.after_edit import read_current

        if not full.exists():
            return text
        before = read_current(full)
        return None if before is None else before + text

    @cached_property
    def todos(self) -> Gathered:
        from tddgate.todos.sources import gather

        return gather(
            self.root,
            self.cfg.todo_sources,
            self.cfg.todo_files,
            self.event.session_id,
            self.event.agent_id,
        )

    @cached_property
    def verdict(self) -> Verdict:
        from tddgate.report.current import current_verdict

        return current_verdict(self.root, self.cfg)

    @cached_property
    def progress_fingerprint(self) -> list[object]:
        """What changes when the agent makes progress: a new test run, or a new edit."""
        from tddgate.report.current import report_file
        from tddgate.state.edits import last_edit

        try:
            report_mtime: int | None = report_file(self.root, self.cfg).stat().st_mtime_ns
        except OSError:
            report_mtime = None
        edit = last_edit(self.state_dir)
        return [report_mtime, edit[0] if edit else None]

    def contents(self, target: EditTarget) -> tuple[str | None, str | None]:
        """(before, after) of a target file; after is None when the edit's result is unknowable.

        Read once per target: the guard, skip, test-first and completion rules all ask."""
        if target in self._contents:
            return self._contents[target]
        from tddgate.tdd.after_edit import content_after, read_current

        before = read_current(self.absolute(target.path))
        event = self.event
        if target.how in EDIT_TOOLS and isinstance(event, ToolEvent):
            after = content_after(event.tool_name, event.tool_input, before)
        else:
            after = target.content
        self._contents[target] = (before, after)
        return before, after

    @cached_property
    def last_test_edit(self) -> float | None:
        from tddgate.state.atomic import read_json

        data = read_json(self.state_dir / "last-test-edit.json")
        value = data.get("time") if isinstance(data, dict) else None
        return float(value) if isinstance(value, (int, float)) else None

    def is_todo_file(self, rel: str) -> bool:
        return rel in self.cfg.todo_files

    def ignored(self, rel: str) -> bool:
        from tddgate.globs import match

        return any(match(rel, pattern) for pattern in self.cfg.ignore)
