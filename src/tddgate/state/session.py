"""Per-session facts the gates need: who edited, and the Stop-loop counter.

`edited-<agent>` markers are empty files (no lock needed: creating one is atomic);
the Stop counter is a small JSON file changed under the session lock.
"""

from __future__ import annotations

from pathlib import Path

from tddgate.paths import safe_key
from tddgate.state.atomic import ensure_dir, read_json, write_json_atomic
from tddgate.state.tasks import session_dir

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAIN = "main"


def mark_edited(root: Path, session_id: str, agent_id: str | None) -> None:
    folder = session_dir(root, session_id)
    ensure_dir(folder.parent.parent)
    ensure_dir(folder)
    (folder / f"edited-{safe_key(agent_id or MAIN)}").touch()


def edited(root: Path, session_id: str, agent_id: str | None = None) -> bool:
    """Did this agent (None: anyone in the session) change a file this session?"""
    folder = session_dir(root, session_id)
    if agent_id is not None:
        return (folder / f"edited-{safe_key(agent_id)}").exists()
    try:
        return any(name.startswith("edited-") for name in (p.name for p in folder.iterdir()))
    except OSError:
        return False


def _stop_path(root: Path, session_id: str, agent_id: str | None) -> Path:
    return session_dir(root, session_id) / f"stop-{safe_key(agent_id or MAIN)}.json"


def update_stop(
    root: Path, session_id: str, agent_id: str | None, fingerprint: list[Any], active: bool
) -> int:
    """Count blocks in a row with no progress (same fingerprint, stop_hook_active); return it."""
    from tddgate.state.lock import locked

    path = _stop_path(root, session_id, agent_id)
    ensure_dir(path.parent)
    with locked(path.with_suffix(".lock")):
        data = read_json(path)
        previous = data if isinstance(data, dict) else {}
        same = active and previous.get("fingerprint") == fingerprint
        streak = int(previous.get("streak", 0)) + 1 if same else 1
        write_json_atomic(path, {"fingerprint": fingerprint, "streak": streak})
    return streak


def reset_stop(
    root: Path, session_id: str, agent_id: str | None, note: dict[str, Any] | None = None
) -> None:
    path = _stop_path(root, session_id, agent_id)
    if path.exists() or note:
        write_json_atomic(
            path, {"fingerprint": None, "streak": 0, **({"last": note} if note else {})}
        )
