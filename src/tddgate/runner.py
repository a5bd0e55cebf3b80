"""The one place that wires stdin -> event -> rules -> decision -> stdout, and owns failure policy.

Flow: decode stdin, parse the event, load the config, run the event's rules in order (first
block wins), run the recorders when nothing blocked, render the decision for the event.

Failure policy — a broken environment or a bug in tddgate never bricks a session; a policy
violation blocks. Every fail-open exit below allows the call (exit 0, nothing on stdout
unless said), writes one line starting `tddgate:` on stderr, and has its own test in
tests/test_runner.py:

| # | what went wrong                                   | outcome                                  |
|---|---------------------------------------------------|------------------------------------------|
| 1 | stdin empty, not JSON, not an object, over 10 MB, | allow + `tddgate: bad input: …`          |
|   | invalid UTF-8, missing/mistyped required field    |                                          |
| 2 | event differs from the hook script's event        | allow + `tddgate: bad input: …`          |
| 3 | unknown event or tool name                        | allow, silently                          |
| 4 | bad config (TOML error, unknown key, wrong type)  | allow + `tddgate: config error …` and    |
|   |                                                   | the same text as `systemMessage`         |
| 5 | state unreadable/unwritable, lock timeout (2 s)   | allow + `tddgate: state error: …`        |
| 6 | any other exception (a tddgate bug)               | allow + `tddgate: internal error …`      |

A broken, missing or foreign test report is not a failure of tddgate: it is a red verdict,
and the completion gates block on it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

from tddgate.config import load_config
from tddgate.decision import Decision
from tddgate.errors import BadInputError, ConfigError, StateError
from tddgate.facts import Facts
from tddgate.paths import project_root
from tddgate.protocol.events import MAX_STDIN, decode, parse
from tddgate.protocol.render import render

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO, TextIO


def evaluate(raw: bytes, expected_event: str | None = None) -> tuple[str, list[str]]:
    """(stdout, stderr lines) for one hook call; never raises."""
    notices: list[str] = []
    try:
        data = decode(raw)
        event = parse(data)
        if event is None:
            return "", notices
        if expected_event and event.name != expected_event:
            raise BadInputError(
                f"this hook script handles {expected_event} but received {event.name}; "
                "check the hooks in .claude/settings.json (`tddgate doctor` lists them)"
            )
    except BadInputError as exc:
        return "", [f"tddgate: bad input: {exc}; the call was allowed"]
    root = project_root(event.cwd)
    try:
        cfg = load_config(root)
        facts = Facts(event, cfg, root)
        decision = judge(facts)
        if decision is None or not decision.blocks:
            _record(facts)
        return render(event.name, decision), notices
    except ConfigError as exc:
        message = f"tddgate: {exc}"
        return render(event.name, None, system_message=message), [message]
    except StateError as exc:
        message = f"tddgate: state error: {exc}; the call was allowed"
    except Exception as exc:
        message = (
            f"tddgate: internal error ({type(exc).__name__}: {exc}); the call was allowed. "
            "Please report it with .claude/tddgate/log.jsonl"
        )
    _log(root, message)
    return "", [message]


def judge(facts: Facts) -> Decision | None:
    from tddgate.rules import RULES

    warnings: list[Decision] = []
    for name in RULES.get(facts.event.name, ()):
        if facts.cfg.disabled(name):
            continue
        rule = _module(f"tddgate.rules.{name}")
        decision: Decision | None = rule.check(facts)
        if decision is not None and decision.blocks:
            return _via_bash(facts, decision)
        if decision is not None:
            warnings.append(decision)
    return warnings[0] if warnings else None


def _via_bash(facts: Facts, decision: Decision) -> Decision:
    """A block of a Bash write says what tddgate read, and points at the checkable tools."""
    writes = [t for t in facts.targets if t.bash]
    if not writes or decision.rule in ("guard_files", "green_to_complete"):
        return decision  # refused to Edit/Write too (guarded; done while red): no hint
    seen = ", ".join(f"{t.rel or t.path} ({t.bash})" for t in writes[:3])
    hint = (
        f" (tddgate read this Bash command as writing {seen}; change files with the Edit or "
        "Write tool instead, so the change can be checked.)"
    )
    return decision._replace(reason=decision.reason + hint)


def _record(facts: Facts) -> None:
    from tddgate.record import RECORDERS

    for name in RECORDERS.get(facts.event.name, ()):
        _module(f"tddgate.record.{name}").record(facts)


def _module(name: str) -> ModuleType:
    """Import a rule or recorder by name (importlib itself is one more import on the hot path)."""
    __import__(name)
    return sys.modules[name]


def _log(root: Path, message: str) -> None:
    from tddgate.state.log import log

    log(root, "fail-open", message)


def main(
    expected_event: str | None = None,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Entry point of every hook script: always exit 0 (JSON carries blocks)."""
    source = stdin if stdin is not None else sys.stdin.buffer
    try:
        raw = source.read(MAX_STDIN + 1)
    except OSError as exc:
        print(
            f"tddgate: bad input: cannot read stdin ({exc}); the call was allowed",
            file=stderr or sys.stderr,
        )
        return 0
    out, notices = evaluate(raw, expected_event)
    if out:
        (stdout or sys.stdout).write(out + "\n")
    for line in notices:
        print(line, file=stderr or sys.stderr)
    return 0
