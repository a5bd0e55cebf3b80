"""pytest's own writes: --basetemp (emptied first), --junitxml, --json-report-file,
--tddgate-report, --cov-report, … (imported on first use, see dispatch._lazy).

Why: `pytest --junitxml=.claude/tddgate/baseline.json` or `--basetemp=.claude/tddgate`
would overwrite or wipe tddgate's state through a command that looks like a test run; a
broken state file then makes the hooks fail open.
"""

from __future__ import annotations

from tddgate.bash.context import Call, Ctx
from tddgate.bash.nodes import QUOTED, Word

#: Options whose value is a file or folder pytest writes.
_OUTPUTS = {
    "--junitxml": "pytest --junitxml",
    "--junit-xml": "pytest --junitxml",
    "--json-report-file": "pytest --json-report-file",
    "--tddgate-report": "pytest --tddgate-report",
    "--report-log": "pytest --report-log",
    "--result-log": "pytest --result-log",
    "--html": "pytest --html",
    "--basetemp": "pytest --basetemp",
}


def pytest(call: Call, ctx: Ctx) -> str | None:
    words = call.words[1:]
    for i, word in enumerate(words):
        name, eq, value = word.text.partition("=")
        if not word.literal or not name.startswith("-"):
            continue
        given = Word(value, QUOTED * len(value), value) if eq else _next(words, i)
        if name in _OUTPUTS and given is not None:
            ctx.write(given, _OUTPUTS[name])
        elif name == "--cov-report" and given is not None:
            _coverage_report(ctx, given)
        elif name in ("-o", "--override-ini") and given is not None:
            key, _, folder = given.text.partition("=")
            if key.strip() == "cache_dir" and folder:
                ctx.write_path(folder, "pytest -o cache_dir", None)
        elif name == "--debug" and eq:
            ctx.write(given or word, "pytest --debug")
    return None


def _next(words: tuple[Word, ...], i: int) -> Word | None:
    return words[i + 1] if i + 1 < len(words) else None


def _coverage_report(ctx: Ctx, spec: Word) -> None:
    """--cov-report=TYPE[:PATH]: a PATH is written (a file, or a folder for html)."""
    value = ctx.value(spec)
    if value is None:
        ctx.note(f"pytest --cov-report: {spec.shown} is computed at run time")
        return
    kind, colon, path = value.partition(":")
    if colon and path and kind in ("xml", "json", "lcov", "html", "annotate"):
        ctx.write_path(path, "pytest --cov-report", None)


def coverage(call: Call, ctx: Ctx) -> str | None:
    """coverage run [opts] -m pytest …: the pytest run's own writes."""
    words = call.words
    if len(words) < 2 or words[1].text != "run":
        return None
    for i, word in enumerate(words[2:], start=2):
        if word.text == "-m" and i + 1 < len(words) and words[i + 1].text == "pytest":
            return pytest(call.with_words(words[i + 1 :]), ctx)
    return None
