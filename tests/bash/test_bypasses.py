"""The bypass catalogue, round 2: what an agent under pressure tried after round 1.

Each case was first a way around the gates (a write tddgate did not see, or saw at the
wrong path); each asserts the whole result, like test_writes.py.
"""

from __future__ import annotations

import os

import pytest

import tddgate
from tddgate.bash import BashWrite, BashWrites, find_writes

PACKAGE = os.path.dirname(tddgate.__file__)
ENV = {"CLAUDE_PROJECT_DIR": "/p", "HOME": "/h"}


def W(path: str, how: str, content: str | None = None, append: bool = False) -> BashWrite:
    return BashWrite(path, how, content, append)


#: tddgate's own commands that change what the gates rely on: a human's to run.
TDDGATE_ITSELF = [
    pytest.param(
        "tddgate baseline accept",
        [W("/p/.claude/tddgate/baseline.json", "tddgate baseline accept")],
        [],
        id="baseline accept",
    ),
    pytest.param(
        "cd src && .venv/bin/tddgate baseline accept --project ../other",
        [W("other/.claude/tddgate/baseline.json", "tddgate baseline accept")],
        [],
        id="baseline accept --project",
    ),
    pytest.param(
        "python3 -m tddgate uninstall",
        [
            W(".claude/settings.json", "tddgate uninstall"),
            W(".claude/tddgate/install.json", "tddgate uninstall"),
        ],
        [],
        id="python -m tddgate uninstall",
    ),
    pytest.param(
        "tddgate uninstall --scope local --project sub",
        [
            W("sub/.claude/settings.local.json", "tddgate uninstall"),
            W("sub/.claude/tddgate/install.json", "tddgate uninstall"),
        ],
        [],
        id="uninstall --scope local",
    ),
    pytest.param(
        "tddgate uninstall --scope=user",
        [
            W("/h/.claude/settings.json", "tddgate uninstall"),
            W("/h/.claude/tddgate-install.json", "tddgate uninstall"),
        ],
        [],
        id="uninstall --scope=user",
    ),
    pytest.param(
        "tddgate install",
        [
            W(".claude/settings.json", "tddgate install"),
            W(".claude/tddgate/install.json", "tddgate install"),
        ],
        [],
        id="install",
    ),
    pytest.param("tddgate uninstall --dry-run", [], [], id="uninstall --dry-run"),
    pytest.param('tddgate todo start "Add sub"', [], [], id="todo keeps its own checks"),
    pytest.param("tddgate check && tddgate status", [], [], id="readers"),
    pytest.param(
        "pip uninstall -y tddgate", [W(PACKAGE, "pip uninstall tddgate")], [], id="pip uninstall"
    ),
    pytest.param(
        "python -m pip uninstall --yes TDDGate==1.0",
        [W(PACKAGE, "pip uninstall tddgate")],
        [],
        id="python -m pip uninstall",
    ),
    pytest.param(
        "uv pip uninstall tddgate", [W(PACKAGE, "pip uninstall tddgate")], [], id="uv pip"
    ),
    pytest.param("uv remove tddgate", [W(PACKAGE, "uv remove tddgate")], [], id="uv remove"),
    pytest.param("pipx uninstall tddgate", [W(PACKAGE, "pipx uninstall tddgate")], [], id="pipx"),
    pytest.param("pip uninstall -y requests", [], [], id="other packages"),
    pytest.param("pip install -e .", [], [], id="pip install"),
]

#: Formatters and fixers rewrite the files they are given (or the whole tree).
FORMATTERS = [
    pytest.param("ruff format src/a.py", [W("src/a.py", "ruff format")], [], id="ruff format"),
    pytest.param("ruff format", [W(".", "ruff format")], [], id="ruff format, no paths"),
    pytest.param("ruff format --check .", [], [], id="ruff format --check"),
    pytest.param("ruff format --diff src", [], [], id="ruff format --diff"),
    pytest.param(
        "ruff check --fix --select I src tests",
        [W("src", "ruff check --fix"), W("tests", "ruff check --fix")],
        [],
        id="ruff check --fix",
    ),
    pytest.param("ruff check src", [], [], id="ruff check reads"),
    pytest.param("ruff check --fix --no-fix src", [], [], id="ruff --no-fix wins"),
    pytest.param("ruff check --fix --diff src", [], [], id="ruff --fix --diff"),
    pytest.param("black -l 100 src", [W("src", "black")], [], id="black"),
    pytest.param("black --check src", [], [], id="black --check"),
    pytest.param("python3 -m black .", [W(".", "black")], [], id="python -m black"),
    pytest.param("isort --profile black src/a.py", [W("src/a.py", "isort")], [], id="isort"),
    pytest.param("isort --check-only src", [], [], id="isort --check-only"),
    pytest.param("autopep8 -i src/a.py", [W("src/a.py", "autopep8 -i")], [], id="autopep8 -i"),
    pytest.param("autopep8 src/a.py", [], [], id="autopep8 prints"),
    pytest.param(
        "autoflake --in-place --remove-all-unused-imports src/a.py",
        [W("src/a.py", "autoflake -i")],
        [],
        id="autoflake --in-place",
    ),
    pytest.param("yapf -i src/a.py", [W("src/a.py", "yapf -i")], [], id="yapf -i"),
    pytest.param(
        "docformatter --in-place src/a.py",
        [W("src/a.py", "docformatter -i")],
        [],
        id="docformatter",
    ),
    pytest.param(
        "pyupgrade --py311-plus src/a.py", [W("src/a.py", "pyupgrade")], [], id="pyupgrade"
    ),
    pytest.param("2to3 -w src/a.py", [W("src/a.py", "2to3 -w")], [], id="2to3 -w"),
    pytest.param(
        "npx prettier --write src/a.ts", [W("src/a.ts", "prettier --write")], [], id="prettier"
    ),
    pytest.param("uvx ruff format src", [W("src", "ruff format")], [], id="uvx"),
    pytest.param("uv tool run black src", [W("src", "black")], [], id="uv tool run"),
    pytest.param("pipx run black src", [W("src", "black")], [], id="pipx run"),
    pytest.param("pre-commit run --all-files", [W(".", "pre-commit run")], [], id="pre-commit run"),
    pytest.param(
        "pre-commit run --files src/a.py",
        [W("src/a.py", "pre-commit run")],
        [],
        id="pre-commit run --files",
    ),
]

#: Shell state that sent the analysis to the wrong file.
MISDIRECTION = [
    pytest.param(
        "F=.claude/tddgate/report.json; declare -n R=F; cat x > $R",
        [],
        ["> redirection: the path $R is computed at run time"],
        id="declare -n nameref",
    ),
    pytest.param(
        "declare -l F=SRC/A.PY; echo x > $F",
        [],
        ["> redirection: the path $F is computed at run time"],
        id="declare -l lowercases",
    ),
    pytest.param(
        "typeset -u F=x; local -i N=1+1; echo > $F$N",
        [],
        ["> redirection: the path $F$N is computed at run time"],
        id="typeset -u, local -i",
    ),
    pytest.param(
        "export -n F=src/a.py; echo x > $F",
        [W("src/a.py", "> redirection", "x\n")],
        [],
        id="export -n only unexports",
    ),
    pytest.param(
        "CDPATH=.claude cd tddgate && cat x > report.json",
        [],
        [
            "> redirection: report.json is relative to a directory chosen at run time "
            "(cd tddgate with CDPATH)"
        ],
        id="CDPATH prefix",
    ),
    pytest.param(
        "export CDPATH=.claude; cd tddgate; touch x",
        [],
        ["touch: x is relative to a directory chosen at run time (cd tddgate with CDPATH)"],
        id="CDPATH exported",
    ),
    pytest.param(
        "CDPATH=.claude; cd ./src && touch x", [W("src/x", "touch")], [], id="CDPATH skips ./"
    ),
    pytest.param(
        "cd src && touch a.py && cd .. && touch b.py",
        [W("src/a.py", "touch"), W("b.py", "touch")],
        [],
        id="cd && … is certain",
    ),
    pytest.param(
        "shopt -s cdable_vars; T=.claude/tddgate; cd T; touch x",
        [],
        ["touch: x is relative to a directory chosen at run time (cd T with cdable_vars)"],
        id="cdable_vars",
    ),
    pytest.param(
        "HOME=/p/.claude; cat x > ~/tddgate/report.json",
        [W("/p/.claude/tddgate/report.json", "> redirection")],
        [],
        id="HOME reassigned before ~",
    ),
    pytest.param(
        'HOME="$(pwd)"; touch ~/x',
        [],
        ["touch: the path ~/x is computed at run time"],
        id="HOME computed",
    ),
    pytest.param(
        "touch ~/x '~/y' ~+/z",
        [W("/h/x", "touch"), W("./~/y", "touch"), W("z", "touch")],
        [],
        id="~, '~' and ~+",
    ),
    pytest.param(
        "ln -s .claude/tddgate st && cat x > st/report.json",
        [W("st", "ln"), W(".claude/tddgate/report.json", "> redirection")],
        [],
        id="symlink made in the same command",
    ),
    pytest.param(
        "cp -l .claude/tddgate/report.json r.json && cat x > r.json",
        [W("r.json", "cp"), W(".claude/tddgate/report.json", "> redirection")],
        [],
        id="cp -l makes a hard link",
    ),
    pytest.param(
        "ln .claude/tddgate/report.json r.json; cp fake.json r.json",
        [W("r.json", "ln"), W(".claude/tddgate/report.json", "cp")],
        [],
        id="hard link made in the same command",
    ),
    pytest.param(
        "ln -sf ../../pyproject.toml docs/x/p.toml; echo x >> docs/x/p.toml",
        [W("docs/x/p.toml", "ln"), W("pyproject.toml", ">> redirection", "x\n", append=True)],
        [],
        id="relative symlink target",
    ),
    pytest.param(
        "cp -r /tmp/fake/.claude .",
        [W(".claude", "cp")],
        [],
        id="cp into . names the copy",
    ),
    pytest.param("mv /tmp/a.py ..", [W("../a.py", "mv"), W("/tmp/a.py", "mv")], [], id="mv .."),
    pytest.param("cp /tmp/a.py ~", [W("/h/a.py", "cp")], [], id="cp into ~"),
]

#: Definitions that run later: functions (with the caller's directory and arguments),
#: aliases, traps; and variables assigned as a side effect of an expansion.
DEFERRED = [
    pytest.param(
        "f() { cp x report.json; }; cd .claude/tddgate && f",
        [W(".claude/tddgate/report.json", "cp")],
        [],
        id="a function runs in its caller's directory",
    ),
    pytest.param(
        'f() { touch "$1"; }; f a.py; f b.py',
        [W("a.py", "touch"), W("b.py", "touch")],
        [],
        id="a function's arguments",
    ),
    pytest.param("f() { rm -rf src; }", [], [], id="a function never called"),
    pytest.param(
        "f() { f; }; f",
        [],
        ["the function f was called again and not followed further"],
        id="recursion",
    ),
    pytest.param(
        "command_not_found_handle() { touch a.py; }; nosuch",
        [W("a.py", "touch")],
        [],
        id="command_not_found_handle",
    ),
    pytest.param(
        "alias ls='cp x .claude/tddgate/report.json'\nls",
        [W(".claude/tddgate/report.json", "cp")],
        [],
        id="alias",
    ),
    pytest.param("alias cp='cp -i'\ncp a.py b.py", [W("b.py", "cp")], [], id="an alias of itself"),
    pytest.param("trap 'touch a.py' EXIT", [W("a.py", "touch")], [], id="trap"),
    pytest.param(
        "IFS=,; F=a,.claude/tddgate/report.json; tee $F < x",
        [],
        ["tee: the path $F is computed at run time"],
        id="IFS",
    ),
    pytest.param(
        'F=; : ${F:=.claude/tddgate/report.json}; cp x "$F"',
        [],
        ['cp: the path "$F" is computed at run time'],
        id="${F:=default}",
    ),
    pytest.param(
        "N=1; (( N++ )); let M=N; touch a$N b$M",
        [],
        [
            "touch: the path a$N is computed at run time",
            "touch: the path b$M is computed at run time",
        ],
        id="(( N++ )), let",
    ),
    pytest.param(
        "sh -c 'shift; cp x \"$1\"' _ a.py .claude/tddgate/report.json",
        [],
        ['cp: the path "$1" is computed at run time'],
        id="shift",
    ),
    pytest.param(
        "pushd src; pushd .claude/tddgate; pushd +1; cp x report.json",
        [],
        [
            "cp: report.json is relative to a directory chosen at run time "
            "(pushd with a stack position)"
        ],
        id="pushd +N",
    ),
    pytest.param(
        "cd src && pushd ../docs && pushd && touch a.py",
        [W("src/a.py", "touch")],
        [],
        id="pushd swaps",
    ),
    pytest.param(
        "source /dev/stdin <<< 'touch a.py'", [W("a.py", "touch")], [], id="source /dev/stdin"
    ),
    pytest.param(
        "echo 'cp x .claude/tddgate/report.json' | at now + 1 minute",
        [W(".claude/tddgate/report.json", "cp")],
        [],
        id="at",
    ),
    pytest.param(
        "git -c alias.t='!cp x .claude/tddgate/report.json' t",
        [W(".claude/tddgate/report.json", "cp")],
        [],
        id="git -c alias",
    ),
    pytest.param(
        "git -c core.pager='sh x.sh' log",
        [],
        ["git -c core.pager: runs a command that was not analysed"],
        id="git -c core.pager",
    ),
    pytest.param(
        "sed -n '1e cp x y' a.py",
        [],
        ["sed: an e command in the script runs a shell command that was not analysed"],
        id="sed e",
    ),
    pytest.param(
        "sed 's/a/b/e' a.py",
        [],
        ["sed: an e command in the script runs a shell command that was not analysed"],
        id="sed s///e",
    ),
    pytest.param("sed -i 's/e/f/' a.py", [W("a.py", "sed -i")], [], id="sed e in a pattern"),
    pytest.param(
        "printf 'w .claude/tddgate/report.json\\nq\\n' | ed -s a.py",
        [W("a.py", "ed")],
        ["ed: its script writes to a file it names, which was not analysed"],
        id="ed w FILE",
    ),
    pytest.param(
        "vim -es -c 'w other.py' -c q a.py",
        [W("a.py", "vim")],
        ["vim: its script writes to a file it names, which was not analysed"],
        id="vim -c w FILE",
    ),
    pytest.param(
        "tar cf x.tar --checkpoint=1 --checkpoint-action=exec='sh x.sh' src",
        [W("x.tar", "tar -c")],
        ["tar --checkpoint-action: runs a command that was not analysed"],
        id="tar --checkpoint-action=exec",
    ),
]

#: Commands that write files and were not known.
MORE_WRITERS = [
    pytest.param("git stash -u", [W(".", "git stash --include-untracked")], [], id="git stash -u"),
    pytest.param("git stash --all", [W(".", "git stash --all")], [], id="git stash --all"),
    pytest.param("git stash push -a", [W(".", "git stash --all")], [], id="git stash push -a"),
    pytest.param("git stash -k -- src", [W(".", "git stash")], [], id="git stash -k"),
    pytest.param("git stash show -p", [], [], id="git stash show"),
    pytest.param(
        "git checkout-index -a -f", [W(".", "git checkout-index")], [], id="checkout-index -a"
    ),
    pytest.param(
        "git checkout-index -f -- src/a.py",
        [W("src/a.py", "git checkout-index")],
        [],
        id="checkout-index paths",
    ),
    pytest.param("git read-tree -u -m HEAD", [W(".", "git read-tree -u")], [], id="read-tree -u"),
    pytest.param("git read-tree HEAD", [], [], id="read-tree index only"),
    pytest.param(
        "git merge-file src/a.py base.py other.py",
        [W("src/a.py", "git merge-file")],
        [],
        id="merge-file",
    ),
    pytest.param(
        "git merge-file -p a b c > out.py", [W("out.py", "> redirection")], [], id="merge-file -p"
    ),
    pytest.param("git clone https://x/repo.git", [W("repo", "git clone")], [], id="git clone"),
    pytest.param("git clone -b main ../up lib", [W("lib", "git clone")], [], id="git clone DIR"),
    pytest.param("sponge src/a.py < x", [W("src/a.py", "sponge")], [], id="sponge"),
    pytest.param(
        "echo x | sponge -a log.txt",
        [W("log.txt", "sponge -a", "x\n", append=True)],
        [],
        id="sponge -a",
    ),
    pytest.param("sort -u -o src/a.py src/a.py", [W("src/a.py", "sort -o")], [], id="sort -o"),
    pytest.param("sort --output=b.txt a.txt", [W("b.txt", "sort -o")], [], id="sort --output"),
    pytest.param("sort a.txt", [], [], id="sort prints"),
    pytest.param("uniq a.txt b.txt", [W("b.txt", "uniq")], [], id="uniq IN OUT"),
    pytest.param("uniq -c a.txt", [], [], id="uniq prints"),
    pytest.param("iconv -f latin1 -t utf8 a -o b", [W("b", "iconv -o")], [], id="iconv -o"),
    pytest.param("gzip src/a.py", [W("src/a.py", "gzip"), W("src/a.py.gz", "gzip")], [], id="gzip"),
    pytest.param(
        "gunzip src/a.py.gz", [W("src/a.py.gz", "gunzip"), W("src/a.py", "gunzip")], [], id="gunzip"
    ),
    pytest.param("xz -d -k a.py.xz", [W("a.py", "xz")], [], id="xz -d -k keeps the archive"),
    pytest.param("gzip -c a.py > a.gz", [W("a.gz", "> redirection")], [], id="gzip -c"),
    pytest.param("scp host:a.py src/", [W("src/a.py", "scp")], [], id="scp into a dir"),
    pytest.param("scp a.py host:b.py", [], [], id="scp to another host"),
    pytest.param("chmod 000 .claude/tddgate", [W(".claude/tddgate", "chmod")], [], id="chmod"),
    pytest.param("chmod -R u+x bin", [W("bin", "chmod")], [], id="chmod -R"),
    pytest.param(
        "chown --reference=a b c", [W("b", "chown"), W("c", "chown")], [], id="chown --reference"
    ),
    pytest.param("chattr +i a.py", [W("a.py", "chattr")], [], id="chattr"),
    pytest.param("setfacl -m u:x:r a.py", [W("a.py", "setfacl")], [], id="setfacl"),
    pytest.param(
        "ex -s -c '%s/a/b/|x' src/a.py", [W("src/a.py", "ex")], [], id="ex -s -c is silent"
    ),
]

#: A test run's own output files: tddgate's state must not be one of them.
TEST_RUNS = [
    pytest.param("python -m pytest -q", [], [], id="pytest"),
    pytest.param(
        "pytest --junitxml=.claude/tddgate/baseline.json",
        [W(".claude/tddgate/baseline.json", "pytest --junitxml")],
        [],
        id="pytest --junitxml",
    ),
    pytest.param(
        "python3 -m pytest --basetemp .claude/tddgate",
        [W(".claude/tddgate", "pytest --basetemp")],
        [],
        id="pytest --basetemp",
    ),
    pytest.param(
        "uv run pytest --tddgate-report=r.json --cov-report=xml:c.xml -o cache_dir=.c",
        [
            W("r.json", "pytest --tddgate-report"),
            W("c.xml", "pytest --cov-report"),
            W(".c", "pytest -o cache_dir"),
        ],
        [],
        id="pytest report options",
    ),
    pytest.param(
        "coverage run -m pytest --json-report-file out.json",
        [W("out.json", "pytest --json-report-file")],
        [],
        id="coverage run -m pytest",
    ),
]

#: Commands that run other commands.
MORE_WRAPPERS = [
    pytest.param("setsid -f rm a.py", [W("a.py", "rm")], [], id="setsid"),
    pytest.param(
        "flock /tmp/l -c 'echo x > a.py'",
        [W("/tmp/l", "flock"), W("a.py", "> redirection", "x\n")],
        [],
        id="flock -c",
    ),
    pytest.param(
        "flock -w 5 .claude/tddgate/x.lock sleep 99",
        [W(".claude/tddgate/x.lock", "flock")],
        [],
        id="flock FILE CMD",
    ),
    pytest.param("flock 9", [], [], id="flock FD"),
    pytest.param("su -c 'rm a.py' bob", [W("a.py", "rm")], [], id="su -c"),
    pytest.param("runuser -u bob -- rm a.py", [W("a.py", "rm")], [], id="runuser -u"),
    pytest.param("script -q -c 'rm a.py' /dev/null", [W("a.py", "rm")], [], id="script -c"),
    pytest.param("script -c 'ls'", [W("typescript", "script")], [], id="script typescript"),
    pytest.param("watch -n 1 rm a.py", [W("a.py", "rm")], [], id="watch"),
    pytest.param("taskset -c 0 rm a.py", [W("a.py", "rm")], [], id="taskset -c"),
    pytest.param("taskset 0x1 rm a.py", [W("a.py", "rm")], [], id="taskset MASK"),
    pytest.param("chrt -f 10 rm a.py", [W("a.py", "rm")], [], id="chrt"),
    pytest.param("unbuffer rm a.py", [W("a.py", "rm")], [], id="unbuffer"),
    pytest.param("chronic rm a.py", [W("a.py", "rm")], [], id="chronic"),
    pytest.param("xvfb-run -a rm a.py", [W("a.py", "rm")], [], id="xvfb-run"),
    pytest.param("fakeroot rm a.py", [W("a.py", "rm")], [], id="fakeroot"),
    pytest.param("unshare -r rm a.py", [W("a.py", "rm")], [], id="unshare"),
    pytest.param(
        "strace -f -o trace.txt rm a.py",
        [W("trace.txt", "strace -o"), W("a.py", "rm")],
        [],
        id="strace -o",
    ),
    pytest.param(
        "parallel 'echo x > {}' ::: a.py",
        [],
        ["parallel: the commands it runs were not analysed"],
        id="parallel",
    ),
]

#: Scripts run from files cannot be read: they are logged.
SCRIPT_FILES = [
    pytest.param(
        "python3 /tmp/fix.py",
        [],
        ["python runs the script /tmp/fix.py, which was not analysed"],
        id="python script",
    ),
    pytest.param(
        "bash ./fix.sh",
        [],
        ["bash runs the script ./fix.sh, which was not analysed"],
        id="bash script",
    ),
    pytest.param(
        "source env.sh && . ./more.sh",
        [],
        [
            "source runs the script env.sh, which was not analysed",
            ". runs the script ./more.sh, which was not analysed",
        ],
        id="source and .",
    ),
    pytest.param("source .venv/bin/activate && pytest", [], [], id="source activate"),
]

#: Python that writes without open(..., "w"), or runs a command another way.
PYTHON = [
    pytest.param(
        "python3 -c \"__import__('os').system('touch a.py')\"",
        [W("a.py", "touch")],
        [],
        id="__import__('os').system",
    ),
    pytest.param(
        "python3 -c \"from subprocess import *; run(['touch', 'a.py'])\"",
        [W("a.py", "touch")],
        [],
        id="from subprocess import *",
    ),
    pytest.param(
        "python3 -c \"import os; os.execvp('touch', ['touch', 'a.py'])\"",
        [W("a.py", "touch")],
        [],
        id="os.execvp",
    ),
    pytest.param(
        "python3 -c \"import os; os.execl('/bin/sh', 'sh', '-c', 'touch a.py')\"",
        [W("a.py", "touch")],
        [],
        id="os.execl",
    ),
    pytest.param(
        "python -c \"import os; os.open('src/a.py', os.O_WRONLY | os.O_TRUNC)\"",
        [W("src/a.py", "python -c os.open()")],
        [],
        id="os.open",
    ),
    pytest.param(
        "python -c \"import os; os.open('src/a.py', os.O_RDONLY)\"", [], [], id="os.open reads"
    ),
    pytest.param(
        "python -c \"import io; io.FileIO('src/a.py', 'w')\"",
        [W("src/a.py", "python -c open()")],
        [],
        id="io.FileIO",
    ),
    pytest.param(
        "python - <<'EOF'\nimport fileinput\n"
        "for line in fileinput.input('src/a.py', inplace=True):\n    print(line)\nEOF",
        [W("src/a.py", "python stdin fileinput inplace")],
        [],
        id="fileinput inplace",
    ),
    pytest.param(
        "python -c \"import fileinput; fileinput.input(['a.py', 'b.py'], inplace=1)\"",
        [W("a.py", "python -c fileinput inplace"), W("b.py", "python -c fileinput inplace")],
        [],
        id="fileinput list",
    ),
]

CASES = TDDGATE_ITSELF + FORMATTERS + MISDIRECTION + DEFERRED + MORE_WRITERS + MORE_WRAPPERS
CASES += SCRIPT_FILES + PYTHON + TEST_RUNS


@pytest.mark.parametrize(("command", "writes", "unanalysable"), CASES)
def test_bypasses(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command, ENV) == BashWrites(tuple(writes), tuple(unanalysable))


def test_a_cd_that_may_fail_or_not_run_leaves_other_places() -> None:
    """`cd A && cd B; write` writes under A (or here) when B does not exist: the analysis
    reports where it may land too, and the guard checks those places."""
    note = (
        "> redirection: elsewhere/report.json may be {} instead (a cd before it may not have run)"
    )
    assert find_writes("cd .claude/tddgate && cd ../../elsewhere; cat x > report.json") == (
        BashWrites(
            (W("elsewhere/report.json", "> redirection"),),
            (note.format("report.json or .claude/tddgate/report.json"),),
            (W("report.json", "> redirection"), W(".claude/tddgate/report.json", "> redirection")),
        )
    )
    assert find_writes("false && cd src; touch a.py") == BashWrites(
        (W("src/a.py", "touch"),),
        ("touch: src/a.py may be a.py instead (a cd before it may not have run)",),
        (W("a.py", "touch"),),
    )
    many = find_writes("cd a; cd b; cd c; cd d; touch x")
    assert many.unanalysable == (
        "touch: a/b/c/d/x may be a/b/c/x or a/b/x or a/x or … instead (a cd before it may not "
        "have run)",
    )
    assert [w.path for w in many.maybe] == ["a/b/c/x", "a/b/x", "a/x", "x"]
