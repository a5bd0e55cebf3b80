from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from tddgate.errors import StateError
from tddgate.state.lock import LOCK_TIMEOUT, locked, portable_locked

Locker = Callable[..., AbstractContextManager[None]]
BOTH = pytest.mark.parametrize("take", [locked, portable_locked], ids=["flock", "filelock"])


def _busy(path: Path, timeout: str) -> str:
    return (
        f"tddgate state is busy: could not lock {path} within {timeout} s; another tddgate "
        "process holds it. Retry; if this keeps happening, stop stuck tddgate processes (the "
        "lock frees itself when its holder exits)"
    )


@pytest.fixture
def path(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "x.lock"


@BOTH
def test_a_second_holder_waits_then_gets_a_state_error_naming_the_fix(
    take: Locker, path: Path
) -> None:
    with take(path), pytest.raises(StateError) as caught, take(path, timeout=0.1):
        pass  # pragma: no cover - never entered: the lock is held
    assert str(caught.value) == _busy(path, "0.1")


@BOTH
def test_the_lock_is_free_again_after_the_body_even_when_it_raised(
    take: Locker, path: Path
) -> None:
    with pytest.raises(RuntimeError), take(path):
        raise RuntimeError("boom")
    with take(path, timeout=0.1):
        pass


@BOTH
def test_a_lock_that_cannot_be_created_is_a_state_error(take: Locker, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StateError) as caught, take(blocker / "x.lock", timeout=0.1):
        pass  # pragma: no cover - never entered: the lock cannot exist
    strerror = "Not a directory" if take is locked else "File exists"
    assert str(caught.value) == (
        f"cannot create the lock file {blocker / 'x.lock'} ({strerror}); make sure "
        f"{blocker} is a directory the user running Claude Code can write to"
    )


def test_the_default_wait_is_bounded_at_two_seconds(path: Path) -> None:
    started = time.monotonic()
    with locked(path), pytest.raises(StateError) as caught, locked(path):
        pass  # pragma: no cover - never entered: the lock is held
    waited = time.monotonic() - started
    assert LOCK_TIMEOUT == 2.0
    assert 1.9 <= waited < 4.0
    assert str(caught.value) == _busy(path, "2")


def test_a_waiter_gets_the_lock_as_soon_as_the_holder_lets_go(path: Path) -> None:
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        with locked(path):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(5)
    threading.Timer(0.2, release.set).start()
    started = time.monotonic()
    with locked(path, timeout=5):
        waited = time.monotonic() - started
    thread.join()
    assert 0.15 <= waited < 1.5


def test_a_waiter_that_gave_up_does_not_keep_the_lock_later(path: Path) -> None:
    with locked(path), pytest.raises(StateError), locked(path, timeout=0.05):
        pass  # pragma: no cover - never entered: the lock is held
    # The abandoned waiter's thread takes the lock when it frees, then must let go at once.
    with locked(path, timeout=1.0):
        pass


def test_a_file_system_without_locks_is_a_state_error(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    def refuse(fd: int, op: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", refuse)
    with pytest.raises(StateError) as caught, locked(path):
        pass  # pragma: no cover - never entered: flock fails
    assert str(caught.value) == (
        f"cannot lock {path} (No locks available); the file system may not support locks "
        "(e.g. some network mounts): keep the project on a local disk"
    )


def test_a_lock_error_while_waiting_is_a_state_error(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    real = fcntl.flock

    def busy_then_broken(fd: int, op: int) -> None:
        if op & fcntl.LOCK_NB:
            real(fd, op)  # the held lock makes this one raise BlockingIOError
        raise OSError(errno.EDEADLK, os.strerror(errno.EDEADLK))

    with locked(path):
        monkeypatch.setattr(fcntl, "flock", busy_then_broken)
        with pytest.raises(StateError) as caught, locked(path, timeout=1.0):
            pass  # pragma: no cover - never entered: flock fails
    assert str(caught.value) == (
        f"cannot lock {path} (Resource deadlock avoided); the file system may not support "
        "locks (e.g. some network mounts): keep the project on a local disk"
    )


def test_a_holder_killed_with_sigkill_frees_the_lock(path: Path, tmp_path: Path) -> None:
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom tddgate.state.lock import locked\n"
        "with locked(Path(sys.argv[1])):\n    print('held', flush=True)\n    time.sleep(60)\n"
    )
    env = {**os.environ, "HOME": str(tmp_path)}
    argv = [sys.executable, "-c", code, str(path)]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env) as holder:
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline() == "held\n"
            with pytest.raises(StateError), locked(path, timeout=0.1):
                pass  # pragma: no cover - never entered: the holder is alive
        finally:
            holder.send_signal(signal.SIGKILL)
    with locked(path, timeout=1.0):
        pass


def test_taking_an_uncontended_lock_imports_neither_filelock_nor_threading(
    tmp_path: Path,
) -> None:
    code = (
        "import sys\nfrom pathlib import Path\nfrom tddgate.state.lock import locked\n"
        "with locked(Path(sys.argv[1])):\n    pass\n"
        "print(sorted(m for m in ('filelock', 'threading') if m in sys.modules))"
    )
    env = {**os.environ, "HOME": str(tmp_path)}
    argv = [sys.executable, "-c", code, str(tmp_path / "x.lock")]
    done = subprocess.run(argv, capture_output=True, text=True, env=env)
    assert (done.returncode, done.stdout, done.stderr) == (0, "[]\n", "")
