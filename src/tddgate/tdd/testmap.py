"""Which test file covers a source file? (hot path: stdlib only)

In order: a derived name that exists (`src/pkg/calc.py` → `tests/test_calc.py`,
`tests/pkg/test_calc.py`, ...), a test file that imports the module (from the on-disk
import index, see import_index), a `test_map` entry. Only names are derived, never globbed,
so a lookup costs a few stats whatever the size of the repo.

`__init__.py` and `conftest.py` never need a test: `find_test` returns `EXEMPT` for them
(a non-None sentinel, so "no test" stays `None` and a caller cannot mistake one for the
other).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tddgate import globs
from tddgate.tdd import TddConfig
from tddgate.tdd.classify import basename, clean_test_paths
from tddgate.tdd.import_index import SKIP_DIRS, VERSION, fast_lookup, refresh

EXEMPT = "<exempt: __init__.py and conftest.py need no test>"
EXEMPT_NAMES = frozenset({"__init__.py", "conftest.py"})
_GLOB_CHARS = frozenset("*?[")


def is_exempt(rel_source: str) -> bool:
    """True for files that never need a test of their own."""
    return basename(rel_source) in EXEMPT_NAMES


def find_test(root: Path, rel_source: str, cfg: TddConfig, cache_dir: Path) -> str | None:
    """The root-relative test file covering `rel_source`, `EXEMPT`, or None when none exists.

    Concrete `test_map` paths are tried before the import index is refreshed (a stat is
    cheaper than a refresh); either answer means "covered".
    """
    if is_exempt(rel_source):
        return EXEMPT
    base = os.fspath(root)
    for candidate in candidate_tests(rel_source, cfg):
        if os.path.isfile(f"{base}/{candidate}"):
            return candidate
    modules = module_names(rel_source)
    key = _index_key(cfg)
    if modules:
        hit = fast_lookup(root, cache_dir, modules, key)
        if hit is not None:
            return hit
    mapped = _mapped(rel_source, cfg)
    for target in mapped:
        if not _is_glob(target) and os.path.isfile(f"{base}/{target}"):
            return target
    if modules:
        view = refresh(root, cache_dir, clean_test_paths(cfg), cfg.test_patterns, key)
        for module in modules:
            importers = view.importers(module)
            if importers:
                return importers[0]
    for target in mapped:
        if _is_glob(target):
            found = _first_file_matching(root, target, cfg)
            if found is not None:
                return found
    return None


def candidate_tests(rel_source: str, cfg: TddConfig) -> tuple[str, ...]:
    """Test paths derived from the source's name, most likely first; () when exempt.

    For `src/pkg/sub/calc.py` and test path `tests`: `tests/test_calc.py`,
    `tests/pkg/test_calc.py`, `tests/pkg/sub/test_calc.py`, `tests/sub/test_calc.py`, then
    the `*_test.py` forms, then `src/pkg/sub/test_calc.py` beside it and
    `src/pkg/sub/tests/test_calc.py`. A leading `src/` is not mirrored. Non-Python sources
    use their `test_name_patterns` templates, beside the file first, then under test paths.
    """
    if is_exempt(rel_source):
        return ()
    return _candidates(rel_source, cfg)


def suggest_test(rel_source: str, cfg: TddConfig) -> str:
    """The test path to name in a block message: a concrete test_map entry, else the first
    derived candidate, else `<first test path>/test_<file name>`."""
    for target in _mapped(rel_source, cfg):
        if not _is_glob(target):
            return target
    candidates = _candidates(rel_source, cfg)
    if candidates:
        return candidates[0]
    first = clean_test_paths(cfg)[0] if cfg.test_paths else "tests"
    return _join(first, "test_" + basename(rel_source))


def module_names(rel_source: str) -> tuple[str, ...]:
    """Dotted names a Python source is imported by: from the root, and without `src.`."""
    if not rel_source.endswith(".py"):
        return ()
    parts = rel_source[: -len(".py")].split("/")
    if parts[-1] == "__init__":
        parts.pop()
    if not parts:
        return ()
    names = [".".join(parts)]
    if parts[0] == "src" and len(parts) > 1:
        names.append(".".join(parts[1:]))
    return tuple(names)


def name_templates(rel_source: str, cfg: TddConfig) -> tuple[str, ...]:
    """Test-name templates (`test_{name}.py`) for a source.

    The first `test_name_patterns` key that matches wins; Python files otherwise use
    `test_patterns` with one `*` (`test_*.py` → `test_{name}.py`).
    """
    configured = globs.first_match(rel_source, cfg.test_name_patterns)
    if configured is not None:
        return tuple(configured)
    if not rel_source.endswith(".py"):
        return ()
    return tuple(
        p.replace("*", "{name}")
        for p in cfg.test_patterns
        if p.count("*") == 1 and not (_GLOB_CHARS - {"*"}) & set(p) and "/" not in p
    )


def _candidates(rel_source: str, cfg: TddConfig) -> tuple[str, ...]:
    templates = name_templates(rel_source, cfg)
    folder, _, base = rel_source.rpartition("/")
    stem = base.rpartition(".")[0] or base
    names = [t.replace("{name}", stem) for t in templates]
    variants = _dir_variants(folder)
    under = [_join(top, d, n) for top in clean_test_paths(cfg) for n in names for d in variants]
    beside = [_join(folder, n) for n in names]
    if rel_source.endswith(".py"):
        out = under + beside + [_join(folder, "tests", n) for n in names]
    else:  # other ecosystems keep tests beside the code first (Button.test.tsx)
        out = beside + under
    return tuple(c for c in dict.fromkeys(out) if c != rel_source)


def _dir_variants(folder: str) -> list[str]:
    """`pkg/sub` → ["", "pkg", "pkg/sub", "sub"]: every prefix, then the shorter suffixes."""
    parts = folder.split("/") if folder else []
    if parts and parts[0] == "src":
        parts = parts[1:]
    prefixes = ["/".join(parts[:i]) for i in range(len(parts) + 1)]
    suffixes = ["/".join(parts[i:]) for i in range(1, len(parts))]
    return list(dict.fromkeys(prefixes + suffixes))


def _mapped(rel_source: str, cfg: TddConfig) -> tuple[str, ...]:
    """Every `test_map` target of every key matching the source, in config order."""
    return tuple(
        t for key, targets in cfg.test_map.items() if globs.match(rel_source, key) for t in targets
    )


def _first_file_matching(root: Path, pattern: str, cfg: TddConfig) -> str | None:
    """The first file (sorted) matching a test_map glob, walking only the glob's literal
    folder prefix, or the test paths when the glob has none."""
    prefix = _literal_prefix(pattern)
    tops = [prefix] if prefix else list(clean_test_paths(cfg))
    for top in tops:
        for folder, subdirs, files in os.walk(root / top if top else root):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d not in SKIP_DIRS)
            rel_folder = Path(folder).relative_to(root).as_posix()
            for name in sorted(files):
                rel = name if rel_folder == "." else f"{rel_folder}/{name}"
                if globs.match(rel, pattern):
                    return rel
    return None


def _literal_prefix(pattern: str) -> str:
    """`tests/legacy/**/test_*.py` → `tests/legacy`; "" for a basename-only glob."""
    parts = pattern.strip("/").split("/")
    if len(parts) == 1:
        return ""
    literal: list[str] = []
    for part in parts[:-1]:
        if _is_glob(part):
            break
        literal.append(part)
    return "/".join(literal)


def _is_glob(text: str) -> bool:
    return bool(_GLOB_CHARS & set(text))


def _index_key(cfg: TddConfig) -> str:
    return json.dumps([VERSION, list(clean_test_paths(cfg)), list(cfg.test_patterns)])


def _join(*parts: str) -> str:
    return "/".join(p for p in parts if p)
