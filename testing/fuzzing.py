"""Hook inputs for fuzzing, and the one property every hook answer must have.

Inputs range from raw bytes to Claude Code 2.1.330's captured payloads with fields dropped,
retyped, blown up or pointed at files of a test project, so the rules run deep, not only the
parser. `check_answer` is the contract of the runner's docstring: an answer is silence or one
of the documented JSON shapes for its event, and every notice is one `tddgate:` line.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from testing import payloads

EVENTS = (
    "PreToolUse",
    "PostToolUse",
    "PostToolUseFailure",
    "Stop",
    "SubagentStop",
    "TaskCreated",
    "TaskCompleted",
    "SessionStart",
    "UserPromptSubmit",
)
BLOCK_EVENTS = ("PostToolUse", "Stop", "SubagentStop", "TaskCreated", "TaskCompleted")
CONTEXT_EVENTS = ("SessionStart", "UserPromptSubmit")
CONTEXT_LIMIT = 2000
TOOLS = (
    "Write", "Edit", "MultiEdit", "NotebookEdit", "TodoWrite", "TaskCreate", "TaskUpdate",
    "Bash", "Read", "Agent", "Glob",
)  # fmt: skip
STATUSES = ("pending", "in_progress", "completed", "blocked", "deleted", "", "DONE")
FIELDS = (
    "hook_event_name", "session_id", "transcript_path", "cwd", "permission_mode", "agent_id",
    "agent_type", "tool_name", "tool_input", "tool_response", "tool_use_id", "stop_hook_active",
    "last_assistant_message", "task_id", "task_subject", "task_description", "source", "prompt",
    "error", "is_interrupt",
)  # fmt: skip
# Files of the fuzz project (see `fuzz_project`) and paths that try to leave it.
REL_PATHS = (
    "src/calc.py", "tests/test_calc.py", ".claude/todos/current.md", "pyproject.toml",
    ".claude/tddgate/report.json", ".claude/tddgate/snapshots.jsonl", ".claude/settings.json",
    "src/pkg/new_module.py", "tests/test_new.py", "tests/conftest.py", "README.md",
    "src/calc.py/", "src//calc.py", "./src/../src/calc.py", ".claude/todos/../todos/current.md",
)  # fmt: skip
ODD_PATHS = (
    "", ".", "..", "/", "../outside.py", "/etc/passwd", "~/x.py", "C:\\x.py", "src/\x00calc.py",
    "src/" + "d/" * 300 + "deep.py", "x" * 5000, "src/caf\u00e9.py", "src/\ud800.py",
)  # fmt: skip
TODO_TEXT = (
    "# TODOs\n\n## IN PROGRESS\n- [ ] Add subtraction\n\n## COMPLETED\n- [x] Add addition\n",
    "| Task | Status |\n|---|---|\n| Parser | \u2705 Done |\n| Lexer | \U0001f504 In progress |\n",
    "- [x] done (IN PROGRESS)\n- [ ] \u00f0\u0178\u201d\u201e mojibake\n",
    "",
)


def fuzz_project(root: Path) -> Path:
    """The calc project (src/, tests/, a todo in progress) the fuzzed paths point into."""
    from testing.project import make_calc_project

    make_calc_project(root)
    (root / "tests/conftest.py").write_text("")
    return root


def json_values(max_leaves: int = 6) -> st.SearchStrategy[Any]:
    scalars = (
        st.none()
        | st.booleans()
        | st.integers(min_value=-(2**70), max_value=2**70)
        | st.floats()
        | st.text(max_size=12)
        | st.sampled_from(STATUSES + EVENTS + TOOLS + REL_PATHS)
    )
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), inner, max_size=3)
        ),
        max_leaves=max_leaves,
    )


# Strategies are built once: hypothesis caches per strategy object, and building one per
# draw costs more than the hook call it feeds.
ANY = json_values()
SMALL = json_values(2)
HUGE = st.integers(min_value=1, max_value=200_000).map(lambda n: "\u00e9x" * n)
TODO = st.fixed_dictionaries(
    {"content": st.text(max_size=30) | SMALL},
    optional={"status": st.sampled_from(STATUSES), "activeForm": st.text(max_size=10)},
)
REPLACEMENTS: dict[str, st.SearchStrategy[Any]] = {
    "status": st.sampled_from(STATUSES) | SMALL,
    "todos": st.lists(TODO, max_size=8) | SMALL,
    # "\ud83d": an emoji cut in half, as Node's JSON.stringify escapes it; valid JSON.
    "content": st.sampled_from((*TODO_TEXT, "## IN PROGRESS\n- [ ] cut \ud83d\n"))
    | st.text(max_size=200)
    | SMALL,
    "hook_event_name": st.sampled_from(EVENTS) | SMALL,
    "tool_name": st.sampled_from(TOOLS) | SMALL,
}
for _alias, _same in (("to", "status"), ("from", "status"), ("new_string", "content")):
    REPLACEMENTS[_alias] = REPLACEMENTS[_same]
REPLACEMENTS["old_string"] = REPLACEMENTS["content"]
OTHER = ANY | HUGE
PATH_KEYS = ("file_path", "notebook_path", "cwd", "transcript_path", "filePath")


def random_objects() -> st.SearchStrategy[dict[str, Any]]:
    """JSON objects that name an event but whose fields are anything, of any type."""
    return st.fixed_dictionaries(
        {"hook_event_name": st.sampled_from(EVENTS) | SMALL},
        optional={name: ANY for name in FIELDS[1:]},
    )


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a payload a mutation may hit, as key/index paths."""
    found: list[tuple[Any, ...]] = []
    items: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    for key, child in items:
        found.append((*prefix, key))
        if len(prefix) < 4:
            found += _paths(child, (*prefix, key))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


@functools.cache
def _file_paths(project: Path) -> st.SearchStrategy[str]:
    rel = st.sampled_from(REL_PATHS)
    return st.one_of(
        rel.map(lambda r: os.path.join(str(project), r)),
        rel,
        st.sampled_from(ODD_PATHS),
        st.text(max_size=30).map(lambda t: os.path.join(str(project), t)),
    )


def _replacement(project: Path, key: Any) -> st.SearchStrategy[Any]:
    """A new value for a field: a path where a path goes, else anything, often huge."""
    if key in PATH_KEYS:
        return _file_paths(project) | SMALL
    return REPLACEMENTS.get(key, OTHER) if isinstance(key, str) else OTHER


@functools.cache
def _captured(name: str) -> str:
    return (payloads.PAYLOADS / f"{name}.json").read_text()


def load(name: str, project: Path) -> dict[str, Any]:
    """A fresh copy of a captured payload, moved into `project` (files are read once)."""
    text = _captured(name).replace(payloads.CAPTURED_ROOT, str(project))
    data: dict[str, Any] = json.loads(text)
    return data


@st.composite
def mutated_payloads(draw: st.DrawFn, project: Path, names: tuple[str, ...]) -> dict[str, Any]:
    """A captured payload moved into `project`, then up to 5 fields retyped, dropped or
    pointed elsewhere (a file in the project, a path leaving it, a huge value)."""
    data = load(draw(st.sampled_from(names)), project)
    for _ in range(draw(st.sampled_from((0, 1, 1, 2, 3, 5)))):
        places = _paths(data)
        inner = [p for p in places if len(p) > 1]  # inside tool_input etc.: the rules' food
        if not places:
            break
        deep = bool(inner) and draw(st.integers(min_value=0, max_value=3)) > 0  # 3 in 4
        path = draw(st.sampled_from(inner if deep else places))
        parent = _parent(data, path)
        action = draw(st.sampled_from(("retype", "retype", "drop", "point")))
        if action == "drop":
            del parent[path[-1]]
        elif action == "point" and isinstance(parent, dict):
            parent[draw(st.sampled_from(PATH_KEYS[:3]))] = draw(_file_paths(project))
        else:
            parent[path[-1]] = draw(_replacement(project, path[-1]))
    return data


@functools.cache
def payload_names(*events: str) -> tuple[str, ...]:
    """The captured payloads of `events` (all 40 of them when none is named)."""
    names = payloads.all_names()
    if events:
        names = [n for n in names if json.loads(_captured(n))["hook_event_name"] in events]
    return tuple(names)


def encode(data: Any) -> bytes:
    """UTF-8 JSON as Node writes it: a lone surrogate (an emoji cut in half) as its escape."""
    return json.dumps(data, ensure_ascii=False).encode("utf-8", errors="backslashreplace")


@st.composite
def damaged(draw: st.DrawFn, raw: bytes) -> bytes:
    """`raw`, often unchanged, else cut short or with bytes that are not UTF-8 spliced in."""
    how = draw(st.sampled_from(("keep",) * 6 + ("cut", "splice")))
    if how == "keep" or not raw:
        return raw
    at = draw(st.integers(min_value=0, max_value=len(raw)))
    if how == "cut":
        return raw[:at]
    junk = draw(st.sampled_from((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xef\xbb\xbf")))
    return raw[:at] + junk + raw[at:]


def event_of(raw: bytes) -> str | None:
    """The event name the runner will see in `raw`, when it reads as a JSON object."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    name = data.get("hook_event_name") if isinstance(data, dict) else None
    return name if isinstance(name, str) else None


def check_answer(raw: bytes, expected: str | None, out: str, notices: list[str]) -> None:
    """The runner's contract for one call; AssertionError says which part was broken."""
    for notice in notices:
        assert notice.startswith("tddgate: "), notice
        assert "\n" not in notice, notice
        assert "internal error" not in notice, notice  # a bug caught by the fail-open net
    if not out:
        return
    name = event_of(raw)
    assert name in EVENTS, (name, out)
    assert expected in (None, name), (expected, name, out)
    answer = json.loads(out)
    assert isinstance(answer, dict) and answer, out
    message = answer.pop("systemMessage", None)
    if message is not None:
        assert isinstance(message, str) and message.startswith("tddgate: "), out
    if not answer:
        assert message is not None, out
        return
    if "decision" in answer:
        assert name in BLOCK_EVENTS, out
        assert set(answer) == {"decision", "reason"} and answer["decision"] == "block", out
        assert isinstance(answer["reason"], str) and answer["reason"].startswith("tddgate: "), out
        return
    assert list(answer) == ["hookSpecificOutput"], out
    specific = answer["hookSpecificOutput"]
    if name == "PreToolUse":
        assert set(specific) == {"hookEventName", "permissionDecision", "permissionDecisionReason"}
        assert (specific["hookEventName"], specific["permissionDecision"]) == (name, "deny"), out
        reason = specific["permissionDecisionReason"]
        assert isinstance(reason, str) and reason.startswith("tddgate: "), out
        return
    assert name in CONTEXT_EVENTS, out
    assert set(specific) == {"hookEventName", "additionalContext"}, out
    assert specific["hookEventName"] == name, out
    context = specific["additionalContext"]
    assert isinstance(context, str) and context.startswith("tddgate "), out
    if name == "SessionStart":
        assert len(context) <= CONTEXT_LIMIT, len(context)
