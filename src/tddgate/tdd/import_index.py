"""Which test files import which modules, kept on disk so an edit never scans the tree.

Cost model (why it is shaped like this):

- fast path (`fast_lookup`, every edit whose test has no derived name): read one small
  bucket file chosen by a hash of the module name and stat the test file it names. An entry
  says "test T, at this mtime and size, imports module M"; it stays true while T's mtime and
  size are unchanged, so no directory is walked and the cost does not grow with the repo.
- slow path (`refresh`, only when the fast path finds nothing): stat the directories under
  the test paths and list again only those whose mtime changed (a new, removed or renamed
  file changes its directory's mtime); stat the known test files and re-parse only those
  whose mtime or size changed (an edit in place does not touch the directory). Then rewrite
  the buckets that changed.

Every failure to read or write the cache only costs speed: the answer is then computed in
memory. Concurrent hooks may race; each file is replaced atomically and every bucket entry
is checked against its test file before it is trusted, so a race costs a refresh, never a
wrong answer.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from tddgate import globs
from tddgate.namedtuple import NamedTuple

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

INDEX_DIR = "test-imports"
VERSION = 1
BUCKETS = 1021  # a prime: the bucket is the module name, read as a number, modulo BUCKETS
MAX_TEST_BYTES = 2_000_000
SKIP_DIRS = frozenset({"__pycache__", "node_modules"})  # plus every hidden folder
# Timestamps are coarser than a nanosecond: a file or folder changed within this window of
# being read could change again with the same mtime, so it is recorded as "unknown" (-1)
# and read again next time (git's "racy clean" problem).
RACY_NS = 2_000_000_000


class IndexView(NamedTuple):
    """The refreshed index: {test file: [mtime_ns, size, imported modules]}."""

    files: dict[str, Any]

    def importers(self, module: str) -> list[str]:
        """The test files importing `module`, sorted."""
        return sorted(rel for rel, entry in self.files.items() if module in entry[2])

    @property
    def tests(self) -> tuple[str, ...]:
        return tuple(sorted(self.files))


def fast_lookup(root: Path, cache_dir: Path, modules: Sequence[str], key: str) -> str | None:
    """A test file importing one of `modules`, from the buckets alone; None when unsure."""
    base = os.fspath(root)
    buckets: dict[str, Any] = {}
    for module in modules:
        path = _bucket_path(cache_dir, module)
        if path not in buckets:
            buckets[path] = _read_json(path)
        bucket = buckets[path]
        if not isinstance(bucket, dict) or bucket.get("k") != key:
            continue
        try:
            for test, mtime, size in bucket["m"].get(module, ()):
                if _signature(f"{base}/{test}") == (mtime, size):
                    return str(test)
        except (AttributeError, KeyError, TypeError, ValueError):
            continue  # a damaged bucket: the slow path rebuilds it
    return None


def refresh(
    root: Path, cache_dir: Path, test_dirs: Sequence[str], test_patterns: Sequence[str], key: str
) -> IndexView:
    """Bring the index up to date with the test files on disk and return it."""
    base = os.fspath(root)
    old_dirs, old_files = _load_meta(cache_dir, key)
    try:
        dirs, files = _scan(base, test_dirs, test_patterns, old_dirs, old_files)
    except (TypeError, ValueError, IndexError, KeyError, AttributeError):
        old_dirs, old_files = {}, {}  # a damaged cache entry: rebuild from the disk
        dirs, files = _scan(base, test_dirs, test_patterns, old_dirs, old_files)
    if dirs != old_dirs or files != old_files:
        _save(cache_dir, key, dirs, files, old_files)
    return IndexView(files)


def _scan(
    base: str,
    test_dirs: Sequence[str],
    patterns: Sequence[str],
    old_dirs: dict[str, Any],
    old_files: dict[str, Any],
) -> tuple[dict[str, Any], dict[str, Any]]:
    dirs: dict[str, Any] = {}
    for top in dict.fromkeys(test_dirs):
        _walk(base, top, patterns, old_dirs, dirs)
    return dirs, _files(base, dirs, old_files)


def _load_meta(cache_dir: Path, key: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """(dirs, files) from the last refresh; empty when absent or for another config.

    Entries are not checked one by one (that would cost more than the refresh saves);
    `refresh` starts from scratch when one turns out to be damaged.
    """
    meta = _read_json(cache_dir / INDEX_DIR / "meta.json")
    if not isinstance(meta, dict) or meta.get("k") != key or meta.get("v") != VERSION:
        return {}, {}
    dirs, files = meta.get("dirs"), meta.get("files")
    if not isinstance(dirs, dict) or not isinstance(files, dict):
        return {}, {}
    return dirs, files


def _walk(
    base: str, top: str, patterns: Sequence[str], old: dict[str, Any], new: dict[str, Any]
) -> None:
    """Record `top` and the folders under it as {dir: [mtime_ns, subdirs, test files]}."""
    stack = [top]
    while stack:
        rel = stack.pop()
        if rel in new:
            continue
        try:
            mtime = os.stat(_join(base, rel)).st_mtime_ns
        except OSError:
            continue
        known = old.get(rel)
        entry = known if known is not None and known[0] == mtime else None
        if entry is None:
            entry = _list_dir(base, rel, mtime, patterns)
        new[rel] = entry
        stack.extend(entry[1])


def _list_dir(base: str, rel: str, mtime: int, patterns: Sequence[str]) -> list[Any]:
    subdirs: list[str] = []
    files: list[str] = []
    try:
        with os.scandir(_join(base, rel)) as it:
            for item in it:
                child = f"{rel}/{item.name}" if rel else item.name
                if item.is_dir(follow_symlinks=False):
                    if not item.name.startswith(".") and item.name not in SKIP_DIRS:
                        subdirs.append(child)
                elif item.name.endswith(".py") and globs.match_any(child, patterns):
                    files.append(child)
    except OSError:
        pass
    return [_settled(mtime), sorted(subdirs), sorted(files)]


def _files(base: str, dirs: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """{test file: [mtime_ns, size, modules]}, re-parsing only files that changed."""
    from tddgate.tdd import imports  # cold: the fast path never parses

    files: dict[str, Any] = {}
    for entry in dirs.values():
        for rel in entry[2]:
            signature = _signature(f"{base}/{rel}")
            if signature is None:
                continue
            known = old.get(rel)
            if known is not None and (known[0], known[1]) == signature and _names_ok(known[2]):
                files[rel] = known
            else:
                text = _read_text(f"{base}/{rel}")
                files[rel] = [
                    _settled(signature[0]),
                    signature[1],
                    imports.imported_modules(text, rel),
                ]
    return files


def _settled(mtime: int) -> int:
    """`mtime`, or -1 (never equal to a real one) when it is too recent to be trusted."""
    return -1 if time.time_ns() - mtime < RACY_NS else mtime


def _names_ok(modules: Any) -> bool:
    return isinstance(modules, list) and all(isinstance(m, str) for m in modules)


def _save(
    cache_dir: Path, key: str, dirs: dict[str, Any], files: dict[str, Any], old: dict[str, Any]
) -> None:
    """Write the buckets whose modules changed, then the meta file."""
    changed = {m for rel in _changed(files, old) for m in _modules_of(rel, files, old)}
    buckets: dict[int, dict[str, list[Any]]] = {_bucket(m): {} for m in changed}
    for rel in sorted(files):
        mtime, size, modules = files[rel]
        for module in modules:
            bucket = buckets.get(_bucket(module))
            if bucket is not None:
                bucket.setdefault(module, []).append([rel, mtime, size])
    index_dir = cache_dir / INDEX_DIR
    for number, content in buckets.items():
        _write_json(index_dir / f"b{number:04d}.json", {"k": key, "m": content})
    meta = {"v": VERSION, "k": key, "dirs": dirs, "files": files}
    _write_json(index_dir / "meta.json", meta)


def _changed(files: dict[str, Any], old: dict[str, Any]) -> set[str]:
    return {rel for rel in files.keys() | old.keys() if files.get(rel) != old.get(rel)}


def _modules_of(rel: str, *maps: dict[str, Any]) -> Iterable[str]:
    for mapping in maps:
        entry = mapping.get(rel)
        if isinstance(entry, list) and len(entry) == 3 and _names_ok(entry[2]):
            yield from entry[2]


def _bucket(module: str) -> int:
    """A stable, cheap hash (a polynomial one, in C); Python's hash() changes per process.

    A leading `src.` is ignored so that `src.pkg.calc` and `pkg.calc`, the two names one
    source is looked up by, share a bucket: one file read per lookup.
    """
    if module.startswith("src."):
        module = module[4:]
    return int.from_bytes(module.encode(), "little") % BUCKETS


def _bucket_path(cache_dir: Path, module: str) -> str:
    return f"{os.fspath(cache_dir)}/{INDEX_DIR}/b{_bucket(module):04d}.json"


def _join(base: str, rel: str) -> str:
    return f"{base}/{rel}" if rel else base


def _signature(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _read_text(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_TEST_BYTES)
    except OSError:
        return ""
    return raw.decode("utf-8", errors="replace")


def _read_json(path: str | Path) -> Any:
    try:
        with open(path, "rb") as handle:
            return json.loads(handle.read())
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data: Any) -> None:
    """Atomic replace; a cache that cannot be written is only slower, so errors are dropped."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(data, handle, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
