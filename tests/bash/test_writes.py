"""The bypass catalogue: every way an agent could write a file through Bash, one test each.

Each case asserts the whole result (writes and unanalysable entries), so a label, a path,
a content or a message that changes shows up here.
"""

from __future__ import annotations

import pytest

from tddgate.bash import BashWrite, BashWrites, find_writes


def W(path: str, how: str, content: str | None = None, append: bool = False) -> BashWrite:
    return BashWrite(path, how, content, append)


#: Redirections to files are writes; dups and /dev/null are not.
REDIRECTIONS = [
    pytest.param(
        "echo hi > out.txt", [W("out.txt", "> redirection", "hi\n")], [], id="> truncates"
    ),
    pytest.param(
        "echo hi >> log.txt",
        [W("log.txt", ">> redirection", "hi\n", append=True)],
        [],
        id=">> appends",
    ),
    pytest.param(
        "echo hi >| out.txt", [W("out.txt", ">| redirection", "hi\n")], [], id=">| clobbers"
    ),
    pytest.param("make &> build.log", [W("build.log", "&> redirection")], [], id="&> both streams"),
    pytest.param(
        "make &>> build.log",
        [W("build.log", "&>> redirection", None, append=True)],
        [],
        id="&>> appends both",
    ),
    pytest.param(
        "echo hi >& both.txt",
        [W("both.txt", ">& redirection", "hi\n")],
        [],
        id=">& word is both streams",
    ),
    pytest.param("ls 1> one.txt", [W("one.txt", "1> redirection")], [], id="1> stdout"),
    pytest.param("ls 2> err.txt", [W("err.txt", "2> redirection")], [], id="2> stderr to a file"),
    pytest.param("exec 3> fd3.txt", [W("fd3.txt", "3> redirection")], [], id="other fd"),
    pytest.param("cat 0<> rw.txt", [W("rw.txt", "0<> redirection")], [], id="<> opens read-write"),
    pytest.param("python -m pytest 2>&1", [], [], id="2>&1 is a dup"),
    pytest.param("ls > /dev/null 2>&1", [], [], id="/dev/null"),
    pytest.param("echo oops >&2", [], [], id=">&2 is a dup"),
    pytest.param("echo x > /dev/stderr", [], [], id="/dev/stderr"),
    pytest.param(
        "echo a > first > second",
        [W("first", "> redirection", ""), W("second", "> redirection", "a\n")],
        [],
        id="only the last > gets the output",
    ),
    pytest.param(
        "echo a > f 1>&2", [W("f", "> redirection", "")], [], id="output moved to stderr after >"
    ),
    pytest.param(
        "> empty.py", [W("empty.py", "> redirection", "")], [], id="bare redirection empties"
    ),
    pytest.param(
        ": > emptied.py", [W("emptied.py", "> redirection", "")], [], id="colon redirection"
    ),
    pytest.param("cat in.txt > out.txt", [W("out.txt", "> redirection")], [], id="unknown content"),
]

#: Commands whose job is to write or delete files.
FILE_COMMANDS = [
    pytest.param(
        "echo hi | tee a.txt b.txt",
        [W("a.txt", "tee", "hi\n"), W("b.txt", "tee", "hi\n")],
        [],
        id="tee",
    ),
    pytest.param(
        "echo hi | tee -a a.txt", [W("a.txt", "tee -a", "hi\n", append=True)], [], id="tee -a"
    ),
    pytest.param(
        "cat x | tee --append a.txt >/dev/null",
        [W("a.txt", "tee -a", None, append=True)],
        [],
        id="tee --append",
    ),
    pytest.param(
        "sed -i 's/a/b/' src/a.py src/b.py",
        [W("src/a.py", "sed -i"), W("src/b.py", "sed -i")],
        [],
        id="sed -i",
    ),
    pytest.param("sed -i.bak -e 's/a/b/' src/a.py", [W("src/a.py", "sed -i")], [], id="sed -i.bak"),
    pytest.param(
        "sed --in-place 's/a/b/' src/a.py", [W("src/a.py", "sed -i")], [], id="sed --in-place"
    ),
    pytest.param(
        "sed -e 's/a/b/' --in-place=.orig src/a.py",
        [W("src/a.py", "sed -i")],
        [],
        id="sed --in-place=SUFFIX after -e",
    ),
    pytest.param(
        "sed -i '' 's/a/b/' src/a.py", [W("src/a.py", "sed -i")], [], id="sed -i '' (BSD)"
    ),
    pytest.param("sed -n '1,5p' src/a.py", [], [], id="sed without -i"),
    pytest.param("perl -i -pe 's/a/b/' src/a.py", [W("src/a.py", "perl -i")], [], id="perl -i -pe"),
    pytest.param(
        "perl -pi.bak -e 's/a/b/' src/a.py src/b.py",
        [W("src/a.py", "perl -i"), W("src/b.py", "perl -i")],
        [],
        id="perl -pi.bak -e",
    ),
    pytest.param("perl -ne 'print if /x/' src/a.py", [], [], id="perl without -i"),
    pytest.param("cp a.py src/b.py", [W("src/b.py", "cp")], [], id="cp SRC DST"),
    pytest.param("cp -r tmpl src/pkg", [W("src/pkg", "cp")], [], id="cp -r"),
    pytest.param(
        "cp -t src a.py b.py", [W("src/a.py", "cp"), W("src/b.py", "cp")], [], id="cp -t DIR"
    ),
    pytest.param(
        "cp --target-directory=src a.py", [W("src/a.py", "cp")], [], id="cp --target-directory"
    ),
    pytest.param(
        "cp a.py b.py src/",
        [W("src/a.py", "cp"), W("src/b.py", "cp")],
        [],
        id="cp into a directory",
    ),
    pytest.param(
        "mv src/old.py src/new.py", [W("src/new.py", "mv"), W("src/old.py", "mv")], [], id="mv"
    ),
    pytest.param("mv -t dest a.py", [W("dest/a.py", "mv"), W("a.py", "mv")], [], id="mv -t"),
    pytest.param("rm src/a.py", [W("src/a.py", "rm")], [], id="rm"),
    pytest.param("rm -rf build dist", [W("build", "rm"), W("dist", "rm")], [], id="rm -rf"),
    pytest.param("rm -- -weird.py", [W("-weird.py", "rm")], [], id="rm after --"),
    pytest.param("touch src/new.py", [W("src/new.py", "touch")], [], id="touch"),
    pytest.param("touch -d yesterday src/new.py", [W("src/new.py", "touch")], [], id="touch -d"),
    pytest.param("truncate -s 0 src/a.py", [W("src/a.py", "truncate", "")], [], id="truncate -s 0"),
    pytest.param(
        "truncate --size=10 src/a.py",
        [W("src/a.py", "truncate")],
        [],
        id="truncate to another size",
    ),
    pytest.param(
        "dd if=/dev/zero of=src/a.py bs=1 count=0", [W("src/a.py", "dd")], [], id="dd of="
    ),
    pytest.param(
        "install -m 644 build/tool.py src/tool.py",
        [W("src/tool.py", "install")],
        [],
        id="install SRC DST",
    ),
    pytest.param("install -d build", [], [], id="install -d only makes directories"),
    pytest.param("ln -sf ../shared.py src/shared.py", [W("src/shared.py", "ln")], [], id="ln -sf"),
    pytest.param("ln -s target", [W("target", "ln")], [], id="ln with one operand"),
    pytest.param("unlink src/a.py", [W("src/a.py", "unlink")], [], id="unlink"),
    pytest.param("shred -u secret.txt", [W("secret.txt", "shred")], [], id="shred"),
    pytest.param("vim -c wq src/a.py", [W("src/a.py", "vim")], [], id="editor"),
    pytest.param("ed -s src/a.py <<< $',s/a/b/\\nw'", [W("src/a.py", "ed")], [], id="ed"),
    pytest.param(
        "awk -i inplace '{sub(/a/,\"b\")}1' src/a.py",
        [W("src/a.py", "awk -i inplace")],
        [],
        id="gawk -i inplace",
    ),
    pytest.param(
        "awk '{print > \"out.txt\"}' in.txt",
        [W("out.txt", "awk print >")],
        [],
        id="awk print to a file",
    ),
]

#: Content known before the command runs: here-docs, here-strings, echo, printf.
HEREDOCS = [
    pytest.param(
        "cat > src/a.py <<'EOF'\ndef f():\n    return $x\nEOF",
        [W("src/a.py", "> redirection", "def f():\n    return $x\n")],
        [],
        id="quoted here-doc into a file",
    ),
    pytest.param(
        "cat <<EOF > src/a.py\nx = 1\nEOF",
        [W("src/a.py", "> redirection", "x = 1\n")],
        [],
        id="unquoted here-doc without expansions",
    ),
    pytest.param(
        "cat <<EOF > src/a.py\nx = $HOME\nEOF",
        [W("src/a.py", "> redirection")],
        [],
        id="unquoted here-doc with an expansion",
    ),
    pytest.param(
        "cat >> notes.md <<-EOF\n\tline\n\tEOF",
        [W("notes.md", ">> redirection", "line\n", append=True)],
        [],
        id="<<- appended",
    ),
    pytest.param(
        "cat <<< 'x = 1' > src/a.py",
        [W("src/a.py", "> redirection", "x = 1\n")],
        [],
        id="here-string",
    ),
    pytest.param(
        "tee src/a.py <<'EOF'\nbody\nEOF",
        [W("src/a.py", "tee", "body\n")],
        [],
        id="tee from a here-doc",
    ),
    pytest.param(
        "cat <<'EOF' | tee src/a.py\nbody\nEOF",
        [W("src/a.py", "tee", "body\n")],
        [],
        id="here-doc through a pipe",
    ),
    pytest.param(
        "{ echo a; printf 'b\\n'; } > src/a.py",
        [W("src/a.py", "> redirection", "a\nb\n")],
        [],
        id="group output",
    ),
    pytest.param(
        "printf '%s=%d\\n' x 1 y 2 > cfg.ini",
        [W("cfg.ini", "> redirection", "x=1\ny=2\n")],
        [],
        id="printf format reuse",
    ),
    pytest.param(
        "echo -n abc > f; echo -e 'a\\tb' > g",
        [W("f", "> redirection", "abc"), W("g", "> redirection", "a\tb\n")],
        [],
        id="echo -n and -e",
    ),
    pytest.param(
        "echo $'tab\\there' > f", [W("f", "> redirection", "tab\there\n")], [], id="ANSI-C quoting"
    ),
    pytest.param(
        "cat <<EOF\nno end",
        [],
        ["here-doc never closed (no line with 'EOF' before the end)"],
        id="unterminated here-doc",
    ),
]

#: git restores and tree-wide rewrites; patches name their targets inside.
GIT_AND_PATCH = [
    pytest.param(
        "git checkout -- src/a.py src/b.py",
        [W("src/a.py", "git checkout"), W("src/b.py", "git checkout")],
        [],
        id="git checkout --",
    ),
    pytest.param(
        "git checkout HEAD src/a.py",
        [W("src/a.py", "git checkout")],
        [],
        id="git checkout TREE PATH",
    ),
    pytest.param(
        "git checkout HEAD~2 -- src/a.py",
        [W("src/a.py", "git checkout")],
        [],
        id="git checkout TREE -- PATH",
    ),
    pytest.param(
        "git checkout src/a.py", [W("src/a.py", "git checkout")], [], id="git checkout PATH"
    ),
    pytest.param("git checkout -b feature", [], [], id="git checkout -b"),
    pytest.param("git checkout -", [W(".", "git checkout")], [], id="git checkout -"),
    pytest.param("git checkout main", [W(".", "git checkout")], [], id="git checkout BRANCH"),
    pytest.param(
        "git checkout -b new origin/main",
        [W(".", "git checkout")],
        [],
        id="git checkout -b NEW START",
    ),
    pytest.param("git restore src/a.py", [W("src/a.py", "git restore")], [], id="git restore"),
    pytest.param("git restore --staged src/a.py", [], [], id="git restore --staged"),
    pytest.param(
        "git restore -s HEAD~1 --staged --worktree src/a.py",
        [W("src/a.py", "git restore")],
        [],
        id="git restore --staged --worktree",
    ),
    pytest.param("git rm src/a.py", [W("src/a.py", "git rm")], [], id="git rm"),
    pytest.param("git rm --cached src/a.py", [], [], id="git rm --cached"),
    pytest.param(
        "git mv src/a.py src/b.py",
        [W("src/a.py", "git mv"), W("src/b.py", "git mv")],
        [],
        id="git mv",
    ),
    pytest.param("git -C sub checkout -- a.py", [W("sub/a.py", "git checkout")], [], id="git -C"),
    pytest.param(
        "git reset --hard HEAD~1", [W(".", "git reset --hard")], [], id="git reset --hard"
    ),
    pytest.param("git reset HEAD src/a.py", [], [], id="git reset (index only)"),
    pytest.param("git stash", [W(".", "git stash")], [], id="git stash"),
    pytest.param("git stash list", [], [], id="git stash list"),
    pytest.param("git clean -fd", [W(".", "git clean")], [], id="git clean"),
    pytest.param("git clean -n", [], [], id="git clean -n"),
    pytest.param("git switch main", [W(".", "git switch")], [], id="git switch"),
    pytest.param("git switch -c new", [], [], id="git switch -c"),
    pytest.param("git pull --rebase", [W(".", "git pull")], [], id="git pull"),
    pytest.param(
        "git apply fix.patch",
        [],
        ["git apply fix.patch: the files it changes are named inside the patch"],
        id="git apply FILE",
    ),
    pytest.param("git apply --check fix.patch", [], [], id="git apply --check"),
    pytest.param(
        "git apply <<'EOF'\n"
        "diff --git a/src/a.py b/src/a.py\n--- a/src/a.py\n+++ b/src/a.py\n@@ -1 +1 @@\n-a\n+b\n"
        "--- a/old.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\nEOF",
        [W("src/a.py", "git apply"), W("old.py", "git apply")],
        [],
        id="git apply inline patch",
    ),
    pytest.param(
        "patch -p1 < fix.patch",
        [],
        ["patch: the files it changes are named inside the patch it reads from < fix.patch"],
        id="patch < FILE",
    ),
    pytest.param(
        "patch -p1 <<'EOF'\n"
        "--- a/src/a.py\t2024-01-01\n+++ b/src/a.py\t2024-01-02\n@@ -1 +1 @@\n-a\n+b\nEOF",
        [W("src/a.py", "patch")],
        [],
        id="patch inline",
    ),
    pytest.param(
        "patch <<'EOF'\n--- a/src/a.py\n+++ b/src/a.py\nEOF",
        [W("a.py", "patch")],
        [],
        id="patch without -p keeps the basename",
    ),
    pytest.param("patch src/a.py < fix.patch", [W("src/a.py", "patch")], [], id="patch ORIGINAL"),
    pytest.param("patch --dry-run -p1 < fix.patch", [], [], id="patch --dry-run"),
    pytest.param("git status", [], [], id="git status"),
    pytest.param("git diff", [], [], id="git diff"),
    pytest.param("git log -p -- src/a.py", [], [], id="git log"),
]

#: Inline Python is read through its AST; other languages are only flagged.
INLINE_CODE = [
    pytest.param(
        'python -c \'open("src/a.py", "w").write("x = 1\\n")\'',
        [W("src/a.py", "python -c open()", "x = 1\n")],
        [],
        id="python -c open w write",
    ),
    pytest.param(
        "python3 -c \"open('log.txt', 'a').write('x')\"",
        [W("log.txt", "python -c open()", "x", append=True)],
        [],
        id="python -c open a",
    ),
    pytest.param(
        "python3 -c \"open('src/a.py', 'x')\"",
        [W("src/a.py", "python -c open()")],
        [],
        id="python -c open x",
    ),
    pytest.param(
        "python3 -c \"open('src/a.py', 'r+')\"",
        [W("src/a.py", "python -c open()")],
        [],
        id="python -c open r+",
    ),
    pytest.param("python3 -c \"print(open('src/a.py').read())\"", [], [], id="python -c open read"),
    pytest.param(
        "python3 -c \"import sys; open(sys.argv[1], 'w')\"",
        [],
        ["python -c open(): the path is computed at run time"],
        id="python -c computed path",
    ),
    pytest.param(
        "python3 -c \"open('src/a.py', mode)\"",
        [],
        ["python -c open(): the mode is computed at run time"],
        id="python -c computed mode",
    ),
    pytest.param(
        "python3 - <<'EOF'\nfrom pathlib import Path\nPath('src/a.py').write_text('x = 1\\n')\nEOF",
        [W("src/a.py", "python stdin Path.write_text()", "x = 1\n")],
        [],
        id="python - here-doc Path.write_text",
    ),
    pytest.param(
        "python3 <<'EOF'\n"
        "import pathlib\np = pathlib.Path('src') / 'b.py'\np.write_bytes(b'y')\np.unlink()\nEOF",
        [
            W("src/b.py", "python stdin Path.write_bytes()", "y"),
            W("src/b.py", "python stdin Path.unlink()"),
        ],
        [],
        id="python here-doc Path var",
    ),
    pytest.param(
        'python3 -c \'import shutil; shutil.copy("a.py", "src/a.py"); shutil.move("x", "y")\'',
        [
            W("src/a.py", "python -c shutil.copy()"),
            W("x", "python -c shutil.move()"),
            W("y", "python -c shutil.move()"),
        ],
        [],
        id="python shutil",
    ),
    pytest.param(
        'python3 -c \'import os; os.remove("src/a.py"); os.rename("a", "b")\'',
        [
            W("src/a.py", "python -c os.remove()"),
            W("a", "python -c os.rename()"),
            W("b", "python -c os.rename()"),
        ],
        [],
        id="python os",
    ),
    pytest.param(
        "python3 -c 'from shutil import rmtree as r; r(\"build\")'",
        [W("build", "python -c shutil.rmtree()")],
        [],
        id="python from-import alias",
    ),
    pytest.param(
        "python3 -c 'import os; os.system(\"rm -f src/a.py\")'",
        [W("src/a.py", "rm")],
        [],
        id="python os.system",
    ),
    pytest.param(
        'python3 -c \'import subprocess; subprocess.run(["touch", "src/n.py"])\'',
        [W("src/n.py", "touch")],
        [],
        id="python subprocess list",
    ),
    pytest.param(
        'python3 -c \'exec("open(\\"f.py\\", \\"w\\")")\'',
        [W("f.py", "python -c open()")],
        [],
        id="python exec of a literal",
    ),
    pytest.param(
        'python3 -c \'p = "src/a.py"; open(p, "w")\'',
        [W("src/a.py", "python -c open()")],
        [],
        id="python name bound once",
    ),
    pytest.param(
        'python3 -c \'s = "abc"; print(s.replace("a", "b"))\'',
        [],
        [],
        id="python str.replace is not a write",
    ),
    pytest.param(
        "python3 -c 'def f(:'",
        [],
        ["python -c: the code does not parse as Python, so it was not analysed"],
        id="python syntax error",
    ),
    pytest.param(
        'python3 -c "$CODE"',
        [],
        ["python -c: the code is computed at run time, so it was not analysed"],
        id="python computed code",
    ),
    pytest.param("python3 -m pytest -q", [], [], id="python -m"),
    pytest.param(
        "python3 script.py",
        [],
        ["python runs the script script.py, which was not analysed"],
        id="python script file",
    ),
    pytest.param(
        "cat gen.py | python3",
        [],
        ["python runs code read from a pipe, which was not analysed"],
        id="python from a pipe",
    ),
    pytest.param(
        'uv run python -c \'open("src/a.py", "w")\'',
        [W("src/a.py", "python -c open()")],
        [],
        id="uv run python -c",
    ),
    pytest.param(
        "perl -e 'unlink \"x\"'",
        [],
        ["perl -e: inline Perl that may write files was not analysed"],
        id="perl -e",
    ),
    pytest.param(
        "node -e \"require('fs').writeFileSync('x', 'y')\"",
        [],
        ["node -e: inline code that may write files was not analysed"],
        id="node -e",
    ),
    pytest.param("ruby -e 'puts 1'", [], [], id="ruby -e harmless"),
]

#: Writes found through lists, pipes, subshells, substitutions and wrappers.
COMPOSITION = [
    pytest.param(
        "python3 -m pytest -q 2>&1 | tail -3; echo 'x = 1' >> src/extra.py",
        [W("src/extra.py", ">> redirection", "x = 1\n", append=True)],
        [],
        id="captured payload",
    ),
    pytest.param(
        "true && echo a > f1 || echo b > f2; echo c > f3",
        [
            W("f1", "> redirection", "a\n"),
            W("f2", "> redirection", "b\n"),
            W("f3", "> redirection", "c\n"),
        ],
        [],
        id="and-or list",
    ),
    pytest.param(
        "(cd src && echo a > in.py); echo b > out.py",
        [W("src/in.py", "> redirection", "a\n"), W("out.py", "> redirection", "b\n")],
        [],
        id="subshell keeps its cd",
    ),
    pytest.param(
        "cd src && echo x > a.py",
        [W("src/a.py", "> redirection", "x\n")],
        [],
        id="cd DIR then relative write",
    ),
    pytest.param(
        "cd src && cd .. && echo x > a.py",
        [W("a.py", "> redirection", "x\n")],
        [],
        id="cd back up",
    ),
    pytest.param(
        "cd /tmp && echo x > a.py",
        [W("/tmp/a.py", "> redirection", "x\n")],
        [],
        id="cd to an absolute dir",
    ),
    pytest.param(
        "cd $DIR && echo x > a.py && echo y > /abs/b.py",
        [W("/abs/b.py", "> redirection", "y\n")],
        ["> redirection: a.py is relative to a directory chosen at run time (cd $DIR)"],
        id="cd computed",
    ),
    pytest.param(
        "cd src | true; echo x > a.py",
        [W("a.py", "> redirection", "x\n")],
        [],
        id="cd in a pipeline stage",
    ),
    pytest.param(
        "pushd src && echo x > a.py; popd; echo y > b.py",
        [W("src/a.py", "> redirection", "x\n"), W("b.py", "> redirection", "y\n")],
        [],
        id="pushd popd",
    ),
    pytest.param("echo $(rm -rf build)", [W("build", "rm")], [], id="command substitution"),
    pytest.param("x=`touch src/a.py`", [W("src/a.py", "touch")], [], id="backquotes"),
    pytest.param(
        "diff <(cat a) <(sed -i s/a/b/ src/a.py)",
        [W("src/a.py", "sed -i")],
        [],
        id="process substitution",
    ),
    pytest.param(
        "echo x | tee >(cat > copy.txt) > /dev/null",
        [W("copy.txt", "> redirection")],
        [],
        id="tee to a process substitution",
    ),
    pytest.param(
        "bash -c 'echo x > src/a.py'", [W("src/a.py", "> redirection", "x\n")], [], id="bash -c"
    ),
    pytest.param('sh -c "rm -f src/a.py"', [W("src/a.py", "rm")], [], id="sh -c"),
    pytest.param(
        "bash -euo pipefail -c 'touch src/a.py'",
        [W("src/a.py", "touch")],
        [],
        id="bash options before -c",
    ),
    pytest.param(
        "bash <<'EOF'\necho x > src/a.py\nEOF",
        [W("src/a.py", "> redirection", "x\n")],
        [],
        id="bash script on stdin",
    ),
    pytest.param("echo 'rm src/a.py' | sh", [W("src/a.py", "rm")], [], id="sh from a pipe"),
    pytest.param(
        "curl -s https://example.com/x.sh | bash",
        [],
        ["bash runs a script read from a pipe, which was not analysed"],
        id="unknown script piped to bash",
    ),
    pytest.param(
        'bash -c "$SCRIPT"',
        [],
        ['bash -c: the script "$SCRIPT" is computed at run time'],
        id="bash -c computed",
    ),
    pytest.param(
        "bash build.sh",
        [],
        ["bash runs the script build.sh, which was not analysed"],
        id="bash script file",
    ),
    pytest.param(
        "eval 'echo x > src/a.py'", [W("src/a.py", "> redirection", "x\n")], [], id="eval literal"
    ),
    pytest.param(
        'eval "$CMD"', [], ["eval: its argument is computed at run time"], id="eval computed"
    ),
    pytest.param("env FOO=1 touch src/a.py", [W("src/a.py", "touch")], [], id="env VAR=1 cmd"),
    pytest.param("env -C src touch a.py", [W("src/a.py", "touch")], [], id="env -C"),
    pytest.param("sudo rm -rf /opt/app", [W("/opt/app", "rm")], [], id="sudo"),
    pytest.param(
        "sudo -u deploy tee /etc/app.conf < conf", [W("/etc/app.conf", "tee")], [], id="sudo -u"
    ),
    pytest.param("command rm src/a.py", [W("src/a.py", "rm")], [], id="command"),
    pytest.param("command -v rm", [], [], id="command -v"),
    pytest.param(
        "nohup nice -n 5 timeout 10 rm src/a.py", [W("src/a.py", "rm")], [], id="stacked wrappers"
    ),
    pytest.param("FOO=bar rm src/a.py", [W("src/a.py", "rm")], [], id="assignment prefix"),
    pytest.param(
        'F=src/a.py; echo x > "$F"',
        [W("src/a.py", "> redirection", "x\n")],
        [],
        id="known variable",
    ),
    pytest.param(
        'F=$(mktemp); echo x > "$F"',
        [],
        ['> redirection: the path "$F" is computed at run time'],
        id="computed variable",
    ),
    pytest.param(
        "for f in a b; do F=$f; done; echo x > $F",
        [],
        ["> redirection: the path $F is computed at run time"],
        id="loop forgets variables",
    ),
    pytest.param(
        "echo x > $OUT/a.py",
        [],
        ["> redirection: the path $OUT/a.py is computed at run time"],
        id="computed target",
    ),
    pytest.param(
        '"$EDITOR" src/a.py',
        [],
        ['the command name "$EDITOR" is computed at run time, so it was not analysed'],
        id="computed command",
    ),
    pytest.param(
        "echo src/a.py src/b.py | xargs rm",
        [W("src/a.py", "rm"), W("src/b.py", "rm")],
        [],
        id="xargs with known input",
    ),
    pytest.param(
        "printf 'a.py\\n' | xargs -I{} cp {} src/{}",
        [W("src/a.py", "cp")],
        [],
        id="xargs -I with known input",
    ),
    pytest.param(
        "find . -name '*.py' | xargs sed -i 's/a/b/'",
        [],
        ["xargs sed -i: the files come from a pipe, which is not known"],
        id="xargs with unknown input",
    ),
    pytest.param("git ls-files | xargs grep TODO", [], [], id="xargs reader"),
    pytest.param(
        "find build -name '*.pyc' -delete",
        [W("build", "find -name *.pyc -delete")],
        [],
        id="find -delete",
    ),
    pytest.param(
        "find src tests -name '*.py' -exec sed -i 's/a/b/' {} +",
        [W("src", "find -name *.py -exec sed -i"), W("tests", "find -name *.py -exec sed -i")],
        [],
        id="find -exec sed -i",
    ),
    pytest.param(
        "find . -type f -exec rm {} \\;", [W(".", "find -exec rm")], [], id="find -exec rm"
    ),
    pytest.param("find . -name x -exec grep -l y {} \\;", [], [], id="find -exec reader"),
    pytest.param("find . -fprint list.txt", [W("list.txt", "find -fprint")], [], id="find -fprint"),
    pytest.param(
        "touch src/{a,b}.py",
        [W("src/a.py", "touch"), W("src/b.py", "touch")],
        [],
        id="brace expansion",
    ),
    pytest.param("if [ -f x ]; then echo y > x; fi", [W("x", "> redirection", "y\n")], [], id="if"),
    pytest.param(
        "case $1 in a) rm a.py;; *) touch b.py;; esac",
        [W("a.py", "rm"), W("b.py", "touch")],
        [],
        id="case",
    ),
    pytest.param("f() { rm src/a.py; }; f", [W("src/a.py", "rm")], [], id="function body"),
    pytest.param(
        'while read -r f; do rm "$f"; done < list.txt',
        [],
        ['rm: the path "$f" is computed at run time'],
        id="while read loop",
    ),
]

#: Commands that only read write nothing.
READERS = [
    pytest.param("cat src/a.py", [], [], id="cat"),
    pytest.param("grep -rn TODO src", [], [], id="grep"),
    pytest.param("pytest -q", [], [], id="pytest"),
    pytest.param("python -m pytest -q 2>&1 | tail -3", [], [], id="python -m pytest piped"),
    pytest.param("ls > /dev/null", [], [], id="ls to /dev/null"),
    pytest.param("git status", [], [], id="git status"),
    pytest.param("git diff", [], [], id="git diff"),
    pytest.param("head -n 5 src/a.py | sort | uniq -c", [], [], id="pipeline of readers"),
    pytest.param("[[ $a > $b ]] && echo yes", [], [], id="[[ > ]] is a comparison"),
    pytest.param("(( x > 3 )) && echo yes", [], [], id="(( > )) is a comparison"),
    pytest.param("echo 'a > b' \"c > d\" e\\>f", [], [], id="quoted >"),
    pytest.param("# echo x > f", [], [], id="comment"),
    pytest.param("", [], [], id="empty command"),
]


@pytest.mark.parametrize(("command", "writes", "unanalysable"), REDIRECTIONS)
def test_redirections(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


@pytest.mark.parametrize(("command", "writes", "unanalysable"), FILE_COMMANDS)
def test_file_commands(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


@pytest.mark.parametrize(("command", "writes", "unanalysable"), HEREDOCS)
def test_known_content(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


@pytest.mark.parametrize(("command", "writes", "unanalysable"), GIT_AND_PATCH)
def test_git_and_patch(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


@pytest.mark.parametrize(("command", "writes", "unanalysable"), INLINE_CODE)
def test_inline_code(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


@pytest.mark.parametrize(("command", "writes", "unanalysable"), COMPOSITION)
def test_composition(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


@pytest.mark.parametrize(("command", "writes", "unanalysable"), READERS)
def test_readers_write_nothing(
    command: str, writes: list[BashWrite], unanalysable: list[str]
) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


def test_known_environment_variables_resolve_paths() -> None:
    result = find_writes(
        'echo x > "$CLAUDE_PROJECT_DIR/src/a.py"', env={"CLAUDE_PROJECT_DIR": "/p"}
    )
    assert result == BashWrites((W("/p/src/a.py", "> redirection", "x\n"),), ())


def test_the_same_write_twice_is_reported_once() -> None:
    assert find_writes("touch a.py; touch a.py") == BashWrites((W("a.py", "touch"),), ())


def test_long_computed_words_are_cut_in_messages() -> None:
    target = "$" + "X" * 100
    (note,) = find_writes(f"echo x > {target}").unanalysable
    assert note == f"> redirection: the path {target[:59]}… is computed at run time"
