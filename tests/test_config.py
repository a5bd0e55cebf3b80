"""Config: where it is found, how it is validated, and that hooks need not re-parse it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tddgate.config import Config, load_config
from tddgate.errors import ConfigError


def test_no_config_gives_the_documented_defaults(tmp_path: Path) -> None:
    cfg = load_config(tmp_path)
    assert (cfg.source, cfg.max_in_progress, cfg.todo_files, cfg.tdd) == (
        "", 1, (".claude/todos/current.md",), "strict"
    )


@pytest.mark.parametrize(
    "text",
    [
        "[tool.tddgate]\nmax_in_progress = 2\n",
        '[tool."tddgate"]\nmax_in_progress = 2\n',
        "[tool]\ntddgate = { max_in_progress = 2 }\n",
    ],
)
def test_every_spelling_of_the_table_is_read(tmp_path: Path, text: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    cfg = load_config(tmp_path)
    assert (cfg.source, cfg.max_in_progress) == ("pyproject.toml [tool.tddgate]", 2)
    again = load_config(tmp_path)  # from the cache
    assert (again.source, again.max_in_progress) == ("pyproject.toml [tool.tddgate]", 2)


def test_a_dependency_on_tddgate_is_no_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[project.optional-dependencies]\ndev = ["tddgate"]\n'
    )
    for _ in range(2):  # fresh, then cached
        cfg = load_config(tmp_path)
        assert (cfg.source, cfg.max_in_progress) == ("", 1)


def test_dedicated_file_wins_and_unknown_keys_are_errors(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.tddgate]\nmax_in_progress = 2\n")
    (tmp_path / ".tddgate.toml").write_text("max_in_progress = 3\nbogus = 1\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value) == (
        "config error in .tddgate.toml: bogus: unknown key; see the configuration reference "
        "in tddgate's README"
    )


def test_session_disable(tmp_path: Path) -> None:
    cfg = Config(disable=["test_first"])
    assert cfg.disabled("test_first", {})
    assert not cfg.disabled("edit_needs_todo", {})
    assert cfg.disabled("edit_needs_todo", {"TDDGATE_DISABLE": "edit_needs_todo, x"})
    assert cfg.disabled("guard_files", {"TDDGATE_DISABLE": "all"})


def test_globs_that_cannot_match_are_errors(tmp_path: Path) -> None:
    (tmp_path / ".tddgate.toml").write_text('ignore = ["docs/", "!src/keep.py"]\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value) == (
        "config error in .tddgate.toml: ignore: invalid glob '!src/keep.py': negation ('!') is "
        "not supported; list the paths to match instead, or escape a literal '!' as '\\!'; see "
        "the configuration reference in tddgate's README"
    )
