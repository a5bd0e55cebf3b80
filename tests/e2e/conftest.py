"""E2E fixtures: a temp project + HOME, the real Claude Code CLI, and a scripted fake model.

Every test under tests/e2e gets the `e2e` marker. A missing CLI fails the tests (never skips):
our own users' Stop gate refuses skips, and so do we.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from testing.claude_cli import (
    ClaudeCliError,
    ClaudeRun,
    ToolResult,
    clean_env,
    command,
    find_claude,
    python_hook,
    run_claude,
    system_texts,
    tool_results,
    user_texts,
)
from testing.fake_anthropic import FakeAnthropic, Turn, tool_use

E2E_DIR = Path(__file__).parent
# The venv running these tests is the one a user would have activated: its bin/ holds
# `tddgate`, `pytest` and the interpreter `tddgate install` writes into the hook commands.
VENV_BIN = Path(sys.executable).parent


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test of this folder `e2e`, so `-m e2e` / `-m "not e2e"` select them."""
    for item in items:
        if E2E_DIR in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def claude_binary() -> Path:
    """The pinned CLI; installed on first use with .ci/install-claude (npm), so the README's
    test command works on a fresh machine. No npm, no registry: the tests fail, never skip."""
    try:
        return find_claude()
    except ClaudeCliError:
        script = Path(__file__).resolve().parents[2] / ".ci" / "install-claude"
        done = subprocess.run(["bash", str(script)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.fail(f"{script} failed:\n{done.stdout}{done.stderr}", pytrace=False)
    try:
        return find_claude()
    except ClaudeCliError as error:
        pytest.fail(str(error), pytrace=False)


class Outcome:
    """One scenario run: what the CLI printed, and every loop request the fake model got."""

    def __init__(
        self,
        run: ClaudeRun,
        requests: list[dict[str, Any]],
        subagent_requests: list[dict[str, Any]] | None = None,
    ) -> None:
        self.run = run
        self.requests = requests
        self.subagent_requests = subagent_requests or []

    @property
    def subagent(self) -> Outcome:
        """The same run seen from its subagents: `outcome.subagent.context(2)` and so on."""
        return Outcome(self.run, self.subagent_requests)

    def tool_results(self, request: int) -> list[ToolResult]:
        """Tool results the model saw in loop request `request` (0 is the prompt)."""
        return tool_results(self.requests[request])

    def errors(self, request: int) -> list[str]:
        """Contents of the error tool results in loop request `request`; [] when all ran."""
        return [r.content for r in self.tool_results(request) if r.is_error]

    def user_texts(self, request: int) -> list[str]:
        """Texts of the last user message of loop request `request` (e.g. Stop feedback)."""
        return user_texts(self.requests[request])

    def context(self, request: int = 0) -> list[str]:
        """Texts of the "system" messages of loop request `request`: hook context lands there."""
        return system_texts(self.requests[request])

    def hook_failures(self) -> list[dict[str, Any]]:
        """Hook runs that wrote stderr or exited non-zero: tddgate's fail-open notices land here."""
        return [h for h in self.run.hook_responses() if h.get("stderr") or h.get("exit_code")]

    def transcript(self) -> str:
        """What the model was told each turn and what each hook said, for failure messages."""
        lines = [f"exit {self.run.returncode}; stderr: {self.run.stderr.strip()!r}"]
        for who, view in (("request", self), ("subagent request", self.subagent)):
            for index in range(len(view.requests)):
                told = view.tool_results(index) or view.user_texts(index)[-1:]
                lines.append(f"{who} {index}: {told!r}")
        lines += [
            f"hook {h.get('hook_name')} (exit {h.get('exit_code')}): {h.get('output')!r}"
            for h in self.run.hook_responses()
        ]
        return "\n".join(lines)


class Scenario:
    """A temp project and HOME in which `run` drives the real CLI through scripted turns."""

    def __init__(self, binary: Path, root: Path) -> None:
        self.binary = binary
        self.project = root / "project"
        self.home = root / "home"
        self.project.mkdir()
        self.home.mkdir()

    def write(self, relative: str, content: str) -> Path:
        """Create a file of the project (parents included); returns its path."""
        path = self.project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        return path

    def hand_written_hook(self, event: str, code: str, matcher: str = "") -> None:
        """Add a `python -c code` hook to `.claude/settings.json`, as a user would by hand."""
        path = self.project / ".claude" / "settings.json"
        settings = json.loads(path.read_text()) if path.exists() else {"hooks": {}}
        entry = {"matcher": matcher, "hooks": [{"type": "command", "command": python_hook(code)}]}
        settings["hooks"].setdefault(event, []).append(entry)
        self.write(".claude/settings.json", json.dumps(settings, indent=2))

    def install_tddgate(self, config: str = "") -> None:
        """`tddgate install --project` as a user runs it; `config` goes to .tddgate.toml."""
        if config:
            self.write(".tddgate.toml", config)
        self.tddgate("install", "--project", str(self.project))

    def tddgate(self, *args: str) -> str:
        """Run the `tddgate` CLI in a terminal, as the user would; its stdout. Fails the test
        when it exits non-zero."""
        script = VENV_BIN / "tddgate"
        runner = [str(script)] if script.exists() else [sys.executable, "-m", "tddgate"]
        argv = [*runner, *args]
        done = subprocess.run(
            argv, env=self._env(), capture_output=True, text=True, timeout=60, check=False
        )
        if done.returncode != 0:
            pytest.fail(f"`{' '.join(argv)}` failed:\n{done.stdout}{done.stderr}", pytrace=False)
        return done.stdout

    def call(self, tool: str, tool_id: str, **tool_input: Any) -> Turn:
        """A tool call turn; a `file_path` relative to the project is made absolute."""
        if "file_path" in tool_input:
            tool_input["file_path"] = str(self.project / tool_input["file_path"])
        return tool_use(tool, tool_input, tool_id)

    def bash(self, tool_id: str, command: str, description: str = "Run a command") -> Turn:
        """A Bash call of the agent (needs allowed_tools=["Bash"] in `run`)."""
        return self.call("Bash", tool_id, command=command, description=description)

    def pytest_call(self, tool_id: str, args: str = "") -> Turn:
        """The agent running the suite through Bash (needs allowed_tools=["Bash"] in `run`)."""
        return self.bash(tool_id, f"python -m pytest {args}".strip(), "Run the tests")

    def run(
        self,
        turns: Sequence[Turn],
        prompt: str = "Do the task.",
        allowed_tools: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
        subagent: Sequence[Turn] = (),
    ) -> Outcome:
        """Run `claude -p` to its end; fail unless it exited 0 having used exactly `turns`
        (and `subagent`, the turns of the subagents the Agent tool starts) and no hook wrote
        to stderr (a tddgate fail-open would pass allow-scenarios vacuously).
        """
        with FakeAnthropic(turns, subagent) as fake:
            environ = clean_env(self.home, fake.base_url, env, path=self._env()["PATH"])
            argv = command(self.binary, prompt, allowed_tools)
            try:
                run = run_claude(argv, self.project, environ)
            except ClaudeCliError as error:
                pytest.fail(str(error), pytrace=False)
            outcome = Outcome(run, fake.loop_requests, fake.subagent_requests)
        asked = (len(outcome.requests), len(outcome.subagent_requests))
        if run.returncode != 0 or asked != (len(turns), len(subagent)) or outcome.hook_failures():
            pytest.fail(
                f"the scenario scripted {len(turns)} turns (+{len(subagent)} for subagents); the "
                f"CLI asked {asked[0]} times (+{asked[1]}), and hooks failed "
                f"{len(outcome.hook_failures())} times:\n{outcome.transcript()}",
                pytrace=False,
            )
        return outcome

    def pytest_in_terminal(self) -> None:
        """Run the project's suite in a terminal, outside Claude Code, as the user would; the
        tddgate plugin writes its report. Red or green is the scenario's business."""
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly"],
            cwd=self.project,
            env=self._env(),
            capture_output=True,
            timeout=60,
            check=False,
        )

    def history(self) -> list[dict[str, Any]]:
        """`tddgate history --project P --format json` as a user runs it: one snapshot a line."""
        lines = self.tddgate("history", "--project", str(self.project), "--format", "json")
        return [json.loads(line) for line in lines.splitlines()]

    def hook_command(self, event: str) -> str:
        """The command `tddgate install` wrote for `event` (the CLI quotes it in some errors)."""
        [entry] = self._settings()["hooks"][event]
        [hook] = entry["hooks"]
        return str(hook["command"])

    def drop_hooks(self, event: str) -> None:
        """Remove every hook of `event` from .claude/settings.json, as a user editing it would."""
        settings = self._settings()
        del settings["hooks"][event]
        self.write(".claude/settings.json", json.dumps(settings, indent=2))

    def cli_task(self, task_id: str) -> dict[str, Any]:
        """The CLI's own record of a Task-tools task (~/.claude/tasks/<session>/<id>.json)."""
        [path] = (self.home / ".claude" / "tasks").glob(f"*/{task_id}.json")
        task: dict[str, Any] = json.loads(path.read_text())
        return task

    def _settings(self) -> dict[str, Any]:
        path = self.project / ".claude" / "settings.json"
        settings: dict[str, Any] = json.loads(path.read_text())
        return settings

    def _env(self) -> dict[str, str]:
        """HOME in the temp dir; the venv first on PATH, as for a user who activated it."""
        return {"HOME": str(self.home), "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}"}


@pytest.fixture
def scenario(claude_binary: Path, tmp_path: Path) -> Scenario:
    return Scenario(claude_binary, tmp_path)
