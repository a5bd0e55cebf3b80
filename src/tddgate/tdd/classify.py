"""Is a path a test, a source, or something else (docs, config, data)? (hot path: stdlib only)

Why three kinds: test-first applies to sources only, test files are what it asks for, and
everything else (README, pyproject.toml, tests/fixtures/x.json) needs no test at all.
"""

from __future__ import annotations

from tddgate import globs
from tddgate.tdd import TddConfig

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

TEST: Literal["test"] = "test"
SOURCE: Literal["source"] = "source"
OTHER: Literal["other"] = "other"
if TYPE_CHECKING:
    Kind = Literal["test", "source", "other"]

# pytest loads these from any directory; they are test infrastructure, never a source.
ALWAYS_TEST = frozenset({"conftest.py"})


def classify(rel_path: str, cfg: TddConfig) -> Kind:
    """The kind of the root-relative POSIX `rel_path`.

    test: the basename matches `test_patterns` (or a `test_name_patterns` template such as
    `{name}.test.ts`), it is a conftest.py, or it is code under a test path (so
    `tests/__init__.py` and `tests/helpers.py` are tests). source: code (`source_patterns`
    or a `test_name_patterns` key) that is not a test. other: the rest, including data
    under a test path such as `tests/fixtures/x.json`.
    """
    if basename(rel_path) in ALWAYS_TEST or is_test_name(rel_path, cfg):
        return TEST
    code = is_code(rel_path, cfg)
    if under_test_path(rel_path, cfg):
        return TEST if code else OTHER
    return SOURCE if code else OTHER


def mode_for(rel_path: str, cfg: TddConfig) -> str:
    """The TDD mode for a path: the first matching `tdd_overrides` glob, else `cfg.tdd`."""
    override = globs.first_match(rel_path, cfg.tdd_overrides)
    return cfg.tdd if override is None else override


def is_test_name(rel_path: str, cfg: TddConfig) -> bool:
    """True when the file name alone says "test" (pytest python_files or a name template)."""
    if globs.match_any(rel_path, cfg.test_patterns):
        return True
    return any(
        globs.match(rel_path, template_glob(template))
        for templates in cfg.test_name_patterns.values()
        for template in templates
    )


def is_code(rel_path: str, cfg: TddConfig) -> bool:
    """True when the path is code tddgate knows how to pair with tests."""
    return globs.match_any(rel_path, cfg.source_patterns) or globs.match_any(
        rel_path, cfg.test_name_patterns
    )


def under_test_path(rel_path: str, cfg: TddConfig) -> bool:
    """True when the path is inside a test path.

    A test path without "/" (the default `tests`) matches such a folder at any depth, so
    nested layouts (`src/pkg/tests/`) count; one with "/" is anchored at the root.
    """
    return any(globs.match(rel_path, d + "/") for d in clean_test_paths(cfg) if d)


def clean_test_paths(cfg: TddConfig) -> tuple[str, ...]:
    """The configured test paths as clean root-relative folders ("" for the root itself)."""
    return tuple(clean_dir(p) for p in cfg.test_paths)


def clean_dir(path: str) -> str:
    """`./tests/` → `tests`; `.` → "" (the root)."""
    path = path.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    path = path.strip("/")
    return "" if path == "." else path


def template_glob(template: str) -> str:
    """`__tests__/{name}.test.ts` → `*.test.ts`: the basename glob a template produces."""
    return basename(template).replace("{name}", "*")


def basename(rel_path: str) -> str:
    return rel_path.rpartition("/")[2]
