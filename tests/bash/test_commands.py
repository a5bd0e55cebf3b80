"""Beyond the catalogue: wrappers, shell state, content, scripts, xargs/find and edge cases.

Every case asserts the whole result, like test_writes.py.
"""

from __future__ import annotations

import pytest

from tddgate.bash import BashWrite, BashWrites, find_writes


def W(path: str, how: str, content: str | None = None, append: bool = False) -> BashWrite:
    return BashWrite(path, how, content, append)


#: Commands that run another command, and their own options.
WRAPPERS = [
    pytest.param(
        "env -i -u HOME PATH=/bin rm a.py", [W("a.py", "rm")], [], id="env -i -u NAME=VALUE"
    ),
    pytest.param("env -S 'rm a.py'", [W("a.py", "rm")], [], id="env -S"),
    pytest.param(
        'env -S "$CMD"',
        [],
        ['env -S: the command "$CMD" is computed at run time'],
        id="env -S computed",
    ),
    pytest.param("sudo -e /etc/hosts", [W("/etc/hosts", "sudoedit")], [], id="sudo -e"),
    pytest.param("sudoedit /etc/hosts", [W("/etc/hosts", "sudoedit")], [], id="sudoedit"),
    pytest.param("sudo -s 'rm a.py'", [W("a.py", "rm")], [], id="sudo -s"),
    pytest.param(
        'sudo -i "$CMD"',
        [],
        ["sudo: the shell command is computed at run time"],
        id="sudo -i computed",
    ),
    pytest.param("sudo -D /srv touch a.py", [W("/srv/a.py", "touch")], [], id="sudo -D"),
    pytest.param(
        "/usr/bin/time -o timing.txt -a make",
        [W("timing.txt", "time -o", None, append=True)],
        [],
        id="/usr/bin/time -o",
    ),
    pytest.param("uv pip install -e .", [], [], id="uv pip runs nothing we follow"),
    pytest.param(
        "poetry run --directory sub touch a.py",
        [W("sub/a.py", "touch")],
        [],
        id="poetry run --directory",
    ),
    pytest.param("exec -a name rm a.py", [W("a.py", "rm")], [], id="exec -a"),
    pytest.param("builtin echo x > f", [W("f", "> redirection", "x\n")], [], id="builtin"),
    pytest.param("stdbuf -oL tee out.txt < in", [W("out.txt", "tee")], [], id="stdbuf"),
    pytest.param("ionice -c 3 rm a.py", [W("a.py", "rm")], [], id="ionice"),
    pytest.param("doas -u root rm a.py", [W("a.py", "rm")], [], id="doas"),
    pytest.param("busybox sh -c 'rm a.py'", [W("a.py", "rm")], [], id="busybox sh -c"),
    pytest.param("busybox rm a.py", [W("a.py", "rm")], [], id="busybox applet"),
    pytest.param("nice -10 rm a.py", [W("a.py", "rm")], [], id="nice -N"),
    pytest.param("command", [], [], id="bare command"),
    pytest.param(
        "nohup " * 20 + "rm x",
        [],
        ["more than 16 nested command wrappers were not followed"],
        id="too many wrappers",
    ),
]

#: Variables and directories that later paths depend on.
SHELL_STATE = [
    pytest.param('export D=src; touch "$D/a.py"', [W("src/a.py", "touch")], [], id="export"),
    pytest.param(
        "declare -r D=src; local E=${D}/x; touch $E",
        [W("src/x", "touch")],
        [],
        id="declare and local",
    ),
    pytest.param(
        "D=src; D+=/pkg; touch $D/a.py", [W("src/pkg/a.py", "touch")], [], id="+= appends"
    ),
    pytest.param(
        "D+=x; touch $D",
        [],
        ["touch: the path $D is computed at run time"],
        id="+= on an unknown variable",
    ),
    pytest.param(
        "A[0]=x; touch $A", [], ["touch: the path $A is computed at run time"], id="array element"
    ),
    pytest.param(
        "D=src; unset D; touch $D/a.py",
        [],
        ["touch: the path $D/a.py is computed at run time"],
        id="unset",
    ),
    pytest.param(
        "D=src; read D; touch $D/a.py",
        [],
        ["touch: the path $D/a.py is computed at run time"],
        id="read",
    ),
    pytest.param(
        "REPLY=x; read; touch $REPLY",
        [],
        ["touch: the path $REPLY is computed at run time"],
        id="read REPLY",
    ),
    pytest.param(
        "L=x; mapfile L < f; touch $L",
        [],
        ["touch: the path $L is computed at run time"],
        id="mapfile",
    ),
    pytest.param(
        "O=x; getopts ab O; touch $O",
        [],
        ["touch: the path $O is computed at run time"],
        id="getopts",
    ),
    pytest.param(
        "P=x; printf -v P '%s' y; touch $P",
        [],
        ["touch: the path $P is computed at run time"],
        id="printf -v",
    ),
    pytest.param("cd; touch a.py", [W("~/a.py", "touch")], [], id="cd without a directory"),
    pytest.param(
        "cd -; touch a.py",
        [],
        ["touch: a.py is relative to a directory chosen at run time (cd -)"],
        id="cd -",
    ),
    pytest.param("cd -P src && touch a.py", [W("src/a.py", "touch")], [], id="cd -P"),
    pytest.param(
        "popd; touch a.py",
        [],
        ["touch: a.py is relative to a directory chosen at run time (popd)"],
        id="popd without pushd",
    ),
    pytest.param("X=1", [], [], id="assignment only"),
    pytest.param(
        "cd $D; cd sub; touch a.py",
        [],
        ["touch: a.py is relative to a directory chosen at run time (cd $D)"],
        id="cd below a computed directory",
    ),
    pytest.param("declare -r X; X=1; touch $X", [W("1", "touch")], [], id="declare NAME"),
    pytest.param(
        'F="a.py b.py"; rm $F',
        [],
        ["rm: the path $F is computed at run time"],
        id="unquoted variable that would split",
    ),
    pytest.param('F="a b.py"; rm "$F"', [W("a b.py", "rm")], [], id="quoted variable with a blank"),
]

#: What echo, printf and cat print, as far as it is known.
CONTENT = [
    pytest.param(
        "printf '%5s|%-3s|%c|%%\\n' ab c xyz > f",
        [W("f", "> redirection", "   ab|c  |x|%\n")],
        [],
        id="printf widths, %c, %%",
    ),
    pytest.param(
        "printf '%b' 'a\\tb\\c ignored' > f",
        [W("f", "> redirection", "a\tb")],
        [],
        id="printf %b stops at \\c",
    ),
    pytest.param(
        "printf 'a\\cb' > f", [W("f", "> redirection", "a")], [], id="printf \\c in the format"
    ),
    pytest.param(
        "printf '%d and %s\\n' > f",
        [W("f", "> redirection", "0 and \n")],
        [],
        id="printf with missing arguments",
    ),
    pytest.param(
        "printf '%d\\n' x > f", [W("f", "> redirection")], [], id="printf %d of a non-number"
    ),
    pytest.param(
        "printf '%.2f\\n' 1 > f", [W("f", "> redirection")], [], id="printf conversion not modelled"
    ),
    pytest.param("printf -- '-%s-' a > f", [W("f", "> redirection", "-a-")], [], id="printf --"),
    pytest.param("printf > f", [W("f", "> redirection")], [], id="printf without a format"),
    pytest.param(
        "printf '%s' > f", [W("f", "> redirection", "")], [], id="printf format without arguments"
    ),
    pytest.param("echo -E 'a\\tb' > f", [W("f", "> redirection", "a\\tb\n")], [], id="echo -E"),
    pytest.param("echo -e 'a\\c' b > f", [W("f", "> redirection", "a")], [], id="echo -e \\c"),
    pytest.param("echo $X > f", [W("f", "> redirection")], [], id="echo of a computed word"),
    pytest.param(
        "echo -ne 'x\\101' > f", [W("f", "> redirection", "x\\101")], [], id="echo -ne octal"
    ),
    pytest.param(
        'echo "$(date)" > f', [W("f", "> redirection")], [], id="echo of a command substitution"
    ),
    pytest.param("cat - <<< x > f", [W("f", "> redirection", "x\n")], [], id="cat -"),
    pytest.param('cat <<< "$X" > f', [W("f", "> redirection")], [], id="here-string computed"),
    pytest.param("true > f", [W("f", "> redirection", "")], [], id="true"),
    pytest.param(
        "{ echo a || echo b; } > f",
        [W("f", "> redirection")],
        [],
        id="|| makes group output unknown",
    ),
    pytest.param(
        "{ echo a & echo b; } > f", [W("f", "> redirection")], [], id="& makes group output unknown"
    ),
    pytest.param(
        "cat <<EOF > f\n$(rm -rf gone)\nEOF",
        [W("gone", "rm"), W("f", "> redirection")],
        [],
        id="here-doc substitution runs",
    ),
    pytest.param(
        "echo a | { cat; } > f", [W("f", "> redirection", "a\n")], [], id="group reads the pipe"
    ),
    pytest.param("(echo a) > f", [W("f", "> redirection", "a\n")], [], id="subshell output"),
    pytest.param("printf -- > f", [W("f", "> redirection")], [], id="printf -- alone"),
    pytest.param(
        "printf 'a\\cb%s' x > f", [W("f", "> redirection", "a")], [], id="printf \\c before %s"
    ),
    pytest.param(
        '{ echo a; } > "$(rm x)"',
        [W("x", "rm")],
        ['> redirection: the path "$(rm x)" is computed at run time'],
        id="group redirected to a substitution",
    ),
    pytest.param(
        "echo *.py > list", [W("list", "> redirection")], [], id="echo of an unquoted glob"
    ),
    pytest.param(
        "echo '*.py' > list", [W("list", "> redirection", "*.py\n")], [], id="echo of a quoted glob"
    ),
    pytest.param("echo ~/x > f", [W("f", "> redirection")], [], id="echo of an unquoted ~"),
]

#: Shells, awk, Perl, Ruby and Node given code inline.
SCRIPTS = [
    pytest.param("awk -f prog.awk in.txt", [], [], id="awk -f"),
    pytest.param(
        'awk "$PROG" in.txt',
        [],
        ["awk: the program is computed at run time, so it was not analysed"],
        id="awk computed program",
    ),
    pytest.param(
        "awk 'BEGIN { system(\"rm x\") }'",
        [],
        ["awk: a program that pipes, calls system() or prints to a computed file"],
        id="awk system()",
    ),
    pytest.param(
        "awk '{ print >> \"log\" }' in",
        [W("log", "awk print >>", None, append=True)],
        [],
        id="awk print >>",
    ),
    pytest.param(
        "gawk --include=inplace '{ gsub(/a/, \"b\") } 1' src/a.py",
        [W("src/a.py", "awk -i inplace")],
        [],
        id="gawk --include=inplace",
    ),
    pytest.param(
        "bash -s < script.sh",
        [],
        ["bash runs a script read from < script.sh, which was not analysed"],
        id="bash -s from a file",
    ),
    pytest.param(
        "bash --norc --rcfile x -c 'rm a.py'", [W("a.py", "rm")], [], id="bash long options"
    ),
    pytest.param("bash -o errexit -c 'rm a.py'", [W("a.py", "rm")], [], id="bash -o OPTION"),
    pytest.param("sh -c", [], [], id="sh -c without a script"),
    pytest.param(
        "sh -- script.sh",
        [],
        ["sh runs the script script.sh, which was not analysed"],
        id="sh -- script",
    ),
    pytest.param(
        'node --print \'require("fs").rmSync("x")\'',
        [],
        ["node --print: inline code that may write files was not analysed"],
        id="node --print",
    ),
    pytest.param(
        "ruby -e \"File.write('x', 'y')\"",
        [],
        ["ruby -e: inline code that may write files was not analysed"],
        id="ruby -e File.write",
    ),
    pytest.param(
        'ruby -e "$CODE"',
        [],
        ["ruby -e: inline code that may write files was not analysed"],
        id="ruby -e computed",
    ),
    pytest.param(
        'perl -e "$CODE"',
        [],
        ["perl -e: inline Perl that may write files was not analysed"],
        id="perl -e computed",
    ),
    pytest.param("perl -Mstrict -E 'say 1'", [], [], id="perl -M -E"),
    pytest.param(
        "perl -I lib -pi -e 's/a/b/' f.py", [W("f.py", "perl -i")], [], id="perl -I then -pi"
    ),
    pytest.param("perl -- script.pl", [], [], id="perl --"),
    pytest.param("perl -e", [], [], id="perl -e without code"),
]

#: More inline Python: paths built from literals, and what stays unknown.
PYTHON = [
    pytest.param(
        "python3 -c \"open('a.py', mode='w')\"",
        [W("a.py", "python -c open()")],
        [],
        id="open(mode=)",
    ),
    pytest.param(
        "python3 -c \"import io, codecs; io.open('a.txt', 'w'); codecs.open('b.txt', 'a')\"",
        [W("a.txt", "python -c open()"), W("b.txt", "python -c open()", None, append=True)],
        [],
        id="io.open codecs.open",
    ),
    pytest.param(
        "python3 -c \"d = 'src'; open(f'{d}/a.py', 'w')\"",
        [W("src/a.py", "python -c open()")],
        [],
        id="f-string path",
    ),
    pytest.param(
        "python3 -c \"import os; open(os.path.join('src', 'a.py'), 'w')\"",
        [W("src/a.py", "python -c open()")],
        [],
        id="os.path.join path",
    ),
    pytest.param(
        "python3 -c \"open('src/' + 'a.py', 'w')\"",
        [W("src/a.py", "python -c open()")],
        [],
        id="concatenated path",
    ),
    pytest.param(
        "python3 -c \"from pathlib import Path; Path('a.py').open('w')\"",
        [W("a.py", "python -c open()")],
        [],
        id="Path.open",
    ),
    pytest.param(
        "python3 -c \"from pathlib import Path; p = Path('a.py'); p.rename('b.py'); p.touch()\"",
        [
            W("a.py", "python -c Path.rename()"),
            W("b.py", "python -c Path.rename()"),
            W("a.py", "python -c Path.touch()"),
        ],
        [],
        id="Path.rename and touch",
    ),
    pytest.param(
        "python3 -c \"from pathlib import Path; Path('l').symlink_to('t')\"",
        [W("l", "python -c Path.symlink_to()")],
        [],
        id="Path.symlink_to",
    ),
    pytest.param(
        "python3 -c \"import sys; from pathlib import Path; Path(sys.argv[1]).write_text('x')\"",
        [],
        ["python -c Path.write_text(): the path is computed at run time"],
        id="Path of a computed value",
    ),
    pytest.param(
        "python3 -c \"x.write_text('y')\"",
        [],
        ["python -c Path.write_text(): the path is computed at run time"],
        id="write_text on an unknown object",
    ),
    pytest.param(
        "python3 -c \"with open('a.py', 'w') as f: f.write('x')\"",
        [W("a.py", "python -c open()")],
        [],
        id="with open",
    ),
    pytest.param(
        'python3 -c "import subprocess, sys; subprocess.run(sys.argv)"',
        [],
        ["python -c subprocess.run(): the command is computed at run time"],
        id="subprocess computed",
    ),
    pytest.param(
        "python3 -c \"import subprocess; subprocess.check_call('rm a.py', shell=True)\"",
        [W("a.py", "rm")],
        [],
        id="subprocess shell string",
    ),
    pytest.param(
        'python3 -c "exec(input())"',
        [],
        ["python -c exec(): the code is computed at run time"],
        id="exec computed",
    ),
    pytest.param("python3 -c \"eval('1')\"", [], [], id="eval literal"),
    pytest.param(
        'python3 -u -B -c \'open("a.py", "w")\'',
        [W("a.py", "python -c open()")],
        [],
        id="python -u -B -c",
    ),
    pytest.param(
        'python3 -W ignore -X dev -c \'open("a.py", "w")\'',
        [W("a.py", "python -c open()")],
        [],
        id="python -W -X -c",
    ),
    pytest.param(
        'python3 -c\'open("a.py", "w")\'', [W("a.py", "python -c open()")], [], id="python -cCODE"
    ),
    pytest.param(
        'python3 -Wignore -c \'open("a.py", "w")\'',
        [W("a.py", "python -c open()")],
        [],
        id="python -WVALUE",
    ),
    pytest.param("python3 -I", [], [], id="python -I alone"),
    pytest.param(
        "python3 - arg <<'EOF'\nopen('a.py', 'w')\nEOF",
        [W("a.py", "python stdin open()")],
        [],
        id="python - ARG from a here-doc",
    ),
    pytest.param(
        "python3 -- script.py",
        [],
        ["python runs the script script.py, which was not analysed"],
        id="python -- script",
    ),
    pytest.param(
        'python3 -c \'open("a.py", "wb").write(b"x")\'',
        [W("a.py", "python -c open()", "x")],
        [],
        id="open wb write bytes",
    ),
    pytest.param(
        "python3 -c \"open('a.py', 'w').write(data)\"",
        [W("a.py", "python -c open()")],
        [],
        id="open w write computed",
    ),
    pytest.param(
        "python3.12 -c 'import os; os.unlink(\"a.py\")'",
        [W("a.py", "python -c os.unlink()")],
        [],
        id="python3.12",
    ),
    pytest.param(
        "pypy3 -c 'import os; os.truncate(\"a.py\", 0)'",
        [W("a.py", "python -c os.truncate()")],
        [],
        id="pypy3",
    ),
    pytest.param(
        "python3 -c \"open('a\\x00', 'w')\"", [W("a\x00", "python -c open()")], [], id="nul in code"
    ),
    pytest.param('python3 -c "(lambda: 0)()"', [], [], id="call of a lambda"),
    pytest.param(
        "python3 -c \"import sys; from pathlib import Path; open(Path(sys.argv[1]) / 'a', 'w')\"",
        [],
        ["python -c open(): the path is computed at run time"],
        id="Path / of a computed value",
    ),
    pytest.param("python3 -c \"open('a.py', 'rb')\"", [], [], id="open rb"),
]

#: Commands run on file names from stdin (xargs) or from a search (find).
XARGS_FIND = [
    pytest.param(
        "printf 'a.py\\0b.py\\0' | xargs -0 rm",
        [W("a.py", "rm"), W("b.py", "rm")],
        [],
        id="xargs -0",
    ),
    pytest.param(
        "printf 'a.py,b.py' | xargs -d , rm", [W("a.py", "rm"), W("b.py", "rm")], [], id="xargs -d"
    ),
    pytest.param(
        "printf 'a.py:b.py' | xargs --null rm", [W("a.py:b.py", "rm")], [], id="xargs --null"
    ),
    pytest.param(
        "xargs -a list.txt rm",
        [],
        ["xargs rm: the files come from stdin, which is not known"],
        id="xargs -a",
    ),
    pytest.param("echo a.py | xargs -i cp {} {}.bak", [W("a.py.bak", "cp")], [], id="xargs -i"),
    pytest.param("echo \"'a b.py'\" | xargs rm", [W("a b.py", "rm")], [], id="xargs quoted item"),
    pytest.param(
        "echo a.py | xargs $CMD",
        [],
        ["the command name $CMD is computed at run time, so it was not analysed"],
        id="xargs computed command",
    ),
    pytest.param(
        'echo a.py | xargs -I % cp % "$DEST"',
        [],
        ['cp: the path "$DEST" is computed at run time'],
        id="xargs -I computed argument",
    ),
    pytest.param(
        "xargs -I{} cp {} fixed.py",
        [W("fixed.py", "cp")],
        [],
        id="xargs unknown input, fixed target",
    ),
    pytest.param("echo a.py | xargs", [], [], id="xargs default echo"),
    pytest.param(
        "find -L src -name '*.py' -delete", [W("src", "find -name *.py -delete")], [], id="find -L"
    ),
    pytest.param(
        "find . -name '*.pyc' -o -name x -delete",
        [W(".", "find -delete")],
        [],
        id="find -o drops the name filters",
    ),
    pytest.param("find -delete", [W(".", "find -delete")], [], id="find without a root"),
    pytest.param(
        "find . -fprintf out.txt '%p\\n'", [W("out.txt", "find -fprintf")], [], id="find -fprintf"
    ),
    pytest.param(
        "find . -name '*.py' -exec cp {} /tmp/backup.py \\;",
        [W("/tmp/backup.py", "cp")],
        [],
        id="find -exec with a fixed target",
    ),
    pytest.param("find . -exec", [], [], id="find -exec without a command"),
    pytest.param(
        "find . -execdir sh -c 'rm \"$1\"' _ {} \\;",
        [W(".", "find -execdir rm")],
        [],
        id="find -execdir sh -c",
    ),
]

#: Edge cases of the file commands, git, patch and job control.
FILE_EDGES = [
    pytest.param(
        'cp -t "$D" a.py', [], ['cp: the path "$D" is computed at run time'], id="cp -t computed"
    ),
    pytest.param(
        "cp $F src/",
        [],
        ["cp: the path $F is computed at run time"],
        id="cp computed source into a directory",
    ),
    pytest.param("cp -T a b/", [W("b/", "cp")], [], id="cp -T"),
    pytest.param("ln -t bin ../tool.py", [W("bin/tool.py", "ln")], [], id="ln -t"),
    pytest.param("install -t bin tool.py", [W("bin/tool.py", "install")], [], id="install -t"),
    pytest.param("cp only.py", [], [], id="cp with one operand"),
    pytest.param("tee - < x", [], [], id="tee -"),
    pytest.param("git -c core.x=y --no-pager", [], [], id="git with only options"),
    pytest.param(
        "git apply --directory=sub <<'EOF'\n--- a/x.py\n+++ b/x.py\nEOF",
        [W("sub/x.py", "git apply")],
        [],
        id="git apply --directory",
    ),
    pytest.param(
        'git apply <<\'EOF\'\n--- "a/sp ace.py"\n+++ "b/sp ace.py"\nEOF',
        [W("sp ace.py", "git apply")],
        [],
        id="quoted patch names",
    ),
    pytest.param(
        "git apply <<'EOF'\n--- /dev/null\n+++ /dev/null\nEOF", [], [], id="patch of /dev/null"
    ),
    pytest.param(
        "git apply -p0 <<'EOF'\n--- x.py\n+++ x.py\nEOF",
        [W("x.py", "git apply")],
        [],
        id="git apply -p0",
    ),
    pytest.param("patch -o out.py src/a.py < fix.patch", [W("out.py", "patch")], [], id="patch -o"),
    pytest.param(
        "patch -p1 -d \"$D\" <<'EOF'\n+++ b/x.py\nEOF",
        [],
        ['patch: the directory "$D" is computed at run time'],
        id="patch -d computed",
    ),
    pytest.param("git stash pop", [W(".", "git stash")], [], id="git stash pop"),
    pytest.param("git reset --soft HEAD~1", [], [], id="git reset --soft"),
    pytest.param("echo x > f &", [W("f", "> redirection", "x\n")], [], id="background job"),
    pytest.param(
        "cd src & echo x > a.py", [W("a.py", "> redirection", "x\n")], [], id="cd in the background"
    ),
    pytest.param(
        "sed -n 'w out.txt' in.txt",
        [],
        ["sed: a w command in the script writes a file that was not analysed"],
        id="sed w FILE",
    ),
    pytest.param(
        "sed 's/a/b/w changed.txt' f",
        [],
        ["sed: a w command in the script writes a file that was not analysed"],
        id="sed s///w FILE",
    ),
    pytest.param(
        "sed -e '/x/d' -e '1w top' f",
        [],
        ["sed: a w command in the script writes a file that was not analysed"],
        id="sed ADDRESS w",
    ),
    pytest.param("sed -n '$p;1,5d;s/x/y/2' f", [], [], id="sed without w"),
]


#: Downloads, archives and syncs.
TRANSFERS = [
    pytest.param(
        "curl -o src/a.py https://x.org/y.py", [W("src/a.py", "curl -o")], [], id="curl -o"
    ),
    pytest.param(
        "curl -sSLO https://x.org/dl/tool.py?x=1",
        [W("tool.py", "curl -O")],
        [],
        id="curl -O names the file after the URL",
    ),
    pytest.param(
        "curl --output-dir dl -O https://x.org/a.py",
        [W("dl/a.py", "curl -O")],
        [],
        id="curl --output-dir",
    ),
    pytest.param("curl -s https://x.org | jq .", [], [], id="curl to stdout"),
    pytest.param("curl -o - https://x.org", [], [], id="curl -o -"),
    pytest.param(
        'curl "$URL" -O',
        [],
        ['curl -O: the URL "$URL" is computed at run time'],
        id="curl -O of a computed URL",
    ),
    pytest.param("wget https://x.org/a.py", [W("a.py", "wget")], [], id="wget"),
    pytest.param("wget -O src/a.py https://x.org", [W("src/a.py", "wget -O")], [], id="wget -O"),
    pytest.param(
        "wget -qO- https://x.org/i.sh | sh",
        [],
        ["sh runs a script read from a pipe, which was not analysed"],
        id="wget -O- piped to sh",
    ),
    pytest.param(
        "wget -P dl -o wget.log https://x.org/",
        [W("wget.log", "wget -o"), W("dl/index.html", "wget")],
        [],
        id="wget -P and -o",
    ),
    pytest.param(
        "tar xzf a.tgz",
        [W(".", "tar -x")],
        ["tar -x: the files it extracts are named inside the archive"],
        id="tar x (old style)",
    ),
    pytest.param(
        "tar -xf a.tar -C src",
        [W("src", "tar -x")],
        ["tar -x: the files it extracts into src are named inside the archive"],
        id="tar -x -C",
    ),
    pytest.param(
        "tar --extract --file=a.tar",
        [W(".", "tar -x")],
        ["tar -x: the files it extracts are named inside the archive"],
        id="tar --extract",
    ),
    pytest.param("tar -czf out.tgz src", [W("out.tgz", "tar -c")], [], id="tar -c"),
    pytest.param("tar tf a.tar", [], [], id="tar t lists"),
    pytest.param(
        "unzip a.zip -d src",
        [W("src", "unzip")],
        ["unzip: the files it extracts into src are named inside the archive"],
        id="unzip -d",
    ),
    pytest.param("unzip -l a.zip", [], [], id="unzip -l lists"),
    pytest.param("rsync -av src/ backup/", [W("backup/", "rsync")], [], id="rsync"),
    pytest.param("rsync -av src/ host:/srv/x", [], [], id="rsync to another host"),
    pytest.param("rsync a", [], [], id="rsync with one operand"),
]


@pytest.mark.parametrize(("command", "writes", "unanalysable"), WRAPPERS)
def test_wrappers(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


@pytest.mark.parametrize(("command", "writes", "unanalysable"), SHELL_STATE)
def test_shell_state(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


@pytest.mark.parametrize(("command", "writes", "unanalysable"), CONTENT)
def test_content(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


@pytest.mark.parametrize(("command", "writes", "unanalysable"), SCRIPTS)
def test_scripts(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


@pytest.mark.parametrize(("command", "writes", "unanalysable"), PYTHON)
def test_python(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


@pytest.mark.parametrize(("command", "writes", "unanalysable"), XARGS_FIND)
def test_xargs_find(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


@pytest.mark.parametrize(("command", "writes", "unanalysable"), FILE_EDGES)
def test_file_edges(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))


@pytest.mark.parametrize(("command", "writes", "unanalysable"), TRANSFERS)
def test_transfers(command: str, writes: list[BashWrite], unanalysable: list[str]) -> None:
    assert find_writes(command) == BashWrites(tuple(writes), tuple(unanalysable))
