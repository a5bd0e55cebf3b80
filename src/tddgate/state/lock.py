"""The one place tddgate takes file locks.

Hooks of parallel tool calls run concurrently (PostToolUse especially), so every write to
shared state happens under a lock file. The wait is bounded: a hook must answer in time, so
after `LOCK_TIMEOUT` seconds we give up with a `StateError` and let the runner's failure
policy decide, instead of hanging the agent's session.

Why not filelock on POSIX: filelock only polls (try, sleep 50 ms, retry). Measured with 32
processes appending 50 snapshots each on 2 CPUs, the processes that just released kept
winning and 24 of 32 writers starved past 2 s. Here a contended wait blocks inside the kernel
(`flock(LOCK_EX)`), which wakes a waiter the moment the lock is free: worst wait 0.1 s in the
same test. The bound comes from doing that blocking call on a helper thread, so no signal
handler (SIGALRM, which pytest-timeout and others own) is touched. filelock remains the
portable path where `fcntl` does not exist, imported lazily: it pulls in `inspect` and
`logging` (~30 ms), which a hook must not pay for at import.

A flock dies with its holder, so a process killed with SIGKILL can never wedge later hooks.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tddgate.errors import StateError

LOCK_TIMEOUT = 2.0


@contextmanager
def locked(lock_path: Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold `lock_path` exclusively for the `with` body, waiting at most `timeout` seconds."""
    if sys.platform == "win32":  # pragma: no cover - exercised via portable_locked on POSIX
        with portable_locked(lock_path, timeout=timeout):
            yield
        return
    fd = _take(lock_path, timeout)
    try:
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the flock


@contextmanager
def portable_locked(lock_path: Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """The same contract through filelock, for platforms without fcntl."""
    import filelock  # lazily: see the module docstring

    lock = filelock.FileLock(str(lock_path), timeout=timeout)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise StateError(_busy_message(lock_path, timeout)) from None
    except OSError as exc:
        raise StateError(_cannot_create(lock_path, exc)) from exc
    try:
        yield
    finally:
        lock.release()


def _take(lock_path: Path, timeout: float) -> int:
    """A descriptor of `lock_path` holding its exclusive flock; StateError otherwise."""
    import fcntl

    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StateError(_cannot_create(lock_path, exc)) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return fd  # the common case: nobody else holds it, no thread needed
    except BlockingIOError:
        pass
    except OSError as exc:
        os.close(fd)
        raise StateError(_cannot_lock(lock_path, exc)) from exc
    outcome = _Waiter(fd).wait(timeout)
    if isinstance(outcome, OSError):
        raise StateError(_cannot_lock(lock_path, outcome)) from outcome
    if not outcome:
        raise StateError(_busy_message(lock_path, timeout))
    return fd


def _busy_message(lock_path: Path, timeout: float) -> str:
    return (
        f"tddgate state is busy: could not lock {lock_path} within {timeout:g} s; "
        "another tddgate process holds it. Retry; if this keeps happening, stop stuck "
        "tddgate processes (the lock frees itself when its holder exits)"
    )


def _cannot_create(lock_path: Path, exc: OSError) -> str:
    return (
        f"cannot create the lock file {lock_path} ({exc.strerror}); make sure "
        f"{lock_path.parent} is a directory the user running Claude Code can write to"
    )


def _cannot_lock(lock_path: Path, exc: OSError) -> str:
    return (
        f"cannot lock {lock_path} ({exc.strerror}); the file system may not support locks "
        "(e.g. some network mounts): keep the project on a local disk"
    )


class _Waiter:
    """Blocks in `flock(LOCK_EX)` on a daemon thread; the caller waits at most `timeout`.

    Ownership of the descriptor is decided under a mutex: if the caller gave up first, the
    thread closes the descriptor the moment it gets the lock (releasing it at once); if the
    thread won, the caller owns the locked descriptor.
    """

    def __init__(self, fd: int) -> None:
        import threading  # only on contention: most takes never wait

        self._fd = fd
        self._mutex = threading.Lock()
        self._done = threading.Event()
        self._state = "waiting"  # waiting -> held | failed | abandoned
        self._error: OSError | None = None
        threading.Thread(target=self._block, name="tddgate-lock", daemon=True).start()

    def _block(self) -> None:
        import fcntl

        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        except OSError as exc:
            self._error = exc
        with self._mutex:
            if self._state == "abandoned" or self._error is not None:
                os.close(self._fd)  # nobody will own it: release at once
            if self._state == "waiting":
                self._state = "failed" if self._error is not None else "held"
        self._done.set()

    def wait(self, timeout: float) -> bool | OSError:
        """True when the lock is held, False on timeout, the OSError when flock failed."""
        self._done.wait(timeout)
        with self._mutex:
            if self._state == "waiting":
                self._state = "abandoned"
                return False
        return self._error if self._error is not None else True
