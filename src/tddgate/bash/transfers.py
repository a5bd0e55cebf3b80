"""Downloads, archives and syncs: curl -o, wget, tar, unzip, rsync, scp, gzip and the other
compressors (imported on first use).

A download lands in a file named by an option or by the URL; an archive names its files
inside, so extracting one is reported as unanalysable (with where it extracts to).
"""

from __future__ import annotations

import posixpath

from tddgate.bash.context import Call, Ctx
from tddgate.bash.nodes import Word
from tddgate.bash.options import parse_opts

_CURL_VALUES = frozenset(
    {"output", "output-dir", "data", "header", "user-agent", "request", "form", "user"}
)
_WGET_VALUES = frozenset({"output-document", "directory-prefix", "output-file"})
_TAR_VALUES = "fCTXbHgIF"
#: tar options that run a command of the user's.
_TAR_RUNS = frozenset(
    {"to-command", "use-compress-program", "I", "info-script", "new-volume-script", "F"}
    | {"rsh-command"}
)
_NO = Word("", "", "")


def _url_name(url: str) -> str:
    """The file name a URL would be saved as: the last path segment, or index.html."""
    path = url.split("://", 1)[-1].split("?", 1)[0].split("#", 1)[0]
    name = path.rpartition("/")[2] if "/" in path else ""
    return name or "index.html"


def _join(directory: str | None, name: str) -> str:
    return name if not directory else posixpath.join(directory, name)


def curl(call: Call, ctx: Ctx) -> str | None:
    opts = parse_opts(call.words[1:], "oHdXFuAe", _CURL_VALUES)
    directory_word = opts.get("output-dir")
    directory = None if directory_word is None else ctx.value(directory_word)
    for name, value in opts.pairs:
        if name in ("o", "output") and value is not None and value.text != "-":
            ctx.write(value, "curl -o")
    if opts.has("O", "remote-name", "remote-name-all"):
        for url in opts.operands:
            _download(ctx, url, directory, "curl -O")
    return None


def wget(call: Call, ctx: Ctx) -> str | None:
    opts = parse_opts(call.words[1:], "OPoatTUe", _WGET_VALUES)
    out = opts.get("O", "output-document")
    if out is not None:
        if out.text != "-":
            ctx.write(out, "wget -O")
        return None
    log = opts.get("o", "output-file")
    if log is not None:
        ctx.write(log, "wget -o")
    prefix = opts.get("P", "directory-prefix")
    directory = None if prefix is None else ctx.value(prefix)
    for url in opts.operands:
        _download(ctx, url, directory, "wget")
    return None


def _download(ctx: Ctx, url: Word, directory: str | None, how: str) -> None:
    value = ctx.value(url)
    if value is None:
        ctx.note(f"{how}: the URL {url.shown} is computed at run time")
        return
    ctx.write_path(_join(directory, _url_name(value)), how, None)


def tar(call: Call, ctx: Ctx) -> str | None:
    """tar -c -f OUT writes OUT; tar -x writes what the archive names (unanalysable)."""
    args = call.words[1:]
    if args and args[0].literal and not args[0].text.startswith("-"):
        args = (Word("-" + args[0].text, "u" + args[0].mask, args[0].raw), *args[1:])
    opts = parse_opts(args, _TAR_VALUES, frozenset({"file", "directory"}))
    archive = opts.get("f", "file")
    for name, value in opts.pairs:
        if name in _TAR_RUNS or (name == "checkpoint-action" and "exec" in (value or _NO).text):
            ctx.note(f"tar --{name}: runs a command that was not analysed")
    if opts.has("x", "extract", "get"):
        where = opts.get("C", "directory")
        place = "" if where is None else f" into {where.shown}"
        ctx.note(f"tar -x: the files it extracts{place} are named inside the archive")
        _extracts_into(ctx, where, "tar -x")
    elif opts.has("c", "create", "r", "append", "u", "update") and archive is not None:
        ctx.write(archive, "tar -c")
    return None


def unzip(call: Call, ctx: Ctx) -> str | None:
    opts = parse_opts(call.words[1:], "dxP")
    if opts.has("l", "t", "v", "Z", "p"):
        return None  # lists, tests or prints: nothing is written
    where = opts.get("d")
    place = "" if where is None else f" into {where.shown}"
    ctx.note(f"unzip: the files it extracts{place} are named inside the archive")
    _extracts_into(ctx, where, "unzip")
    return None


def _extracts_into(ctx: Ctx, where: Word | None, how: str) -> None:
    """The folder an archive is extracted into is written (anything beneath it may be)."""
    if where is None:
        ctx.write_path(".", how, None)
    else:
        ctx.write(where, how)


def rsync(call: Call, ctx: Ctx) -> str | None:
    """rsync SRC… DEST: DEST is written (a directory, usually), unless it is remote."""
    opts = parse_opts(call.words[1:], "eBfT", frozenset({"rsh", "exclude", "include", "filter"}))
    if len(opts.operands) < 2:
        return None
    dest = opts.operands[-1]
    head = dest.text.split("/", 1)[0]
    if dest.literal and ":" in head:
        return None  # host:path is another machine
    ctx.write(dest, "rsync")
    return None


def scp(call: Call, ctx: Ctx) -> str | None:
    """scp SRC… DEST: a local DEST is written (the file, or each source inside it)."""
    opts = parse_opts(call.words[1:], "PioFclSJ")
    if len(opts.operands) < 2:
        return None
    *sources, dest = opts.operands
    if dest.literal and ":" in dest.text.split("/", 1)[0]:
        return None  # host:path is another machine
    if len(sources) > 1 or dest.text.endswith("/") or dest.text in (".", ".."):
        base = ctx.value(dest)
        for source in sources:
            name = source.text.rpartition(":")[2].rstrip("/").rpartition("/")[2]
            if base is not None and name:
                ctx.write_path(_join(base, name), "scp", None)
        return None
    ctx.write(dest, "scp")
    return None


#: Compressors: the suffix they add, and whether they remove the input by default.
COMPRESSORS = {
    "gzip": (".gz", True),
    "pigz": (".gz", True),
    "bzip2": (".bz2", True),
    "xz": (".xz", True),
    "lzma": (".lzma", True),
    "zstd": (".zst", False),
}
#: The same tools run to decompress.
DECOMPRESSORS = {"gunzip": "gzip", "unpigz": "pigz", "bunzip2": "bzip2", "unxz": "xz"}
DECOMPRESSORS.update(unlzma="lzma", unzstd="zstd")


def compress(call: Call, ctx: Ctx) -> str | None:
    """gzip FILE replaces FILE by FILE.gz (gunzip the other way): both paths change."""
    name = posixpath.basename(call.words[0].text)
    tool = DECOMPRESSORS.get(name, name)
    suffix, removes = COMPRESSORS[tool]
    opts = parse_opts(call.words[1:], "STDFCMo", frozenset({"suffix", "threads", "format"}))
    if opts.has("c", "stdout", "to-stdout", "t", "test", "l", "list"):
        return None
    custom = opts.get("S", "suffix")
    suffix = custom.text if custom is not None and custom.literal else suffix
    keep = opts.has("k", "keep") or (not removes and not opts.has("rm"))
    unpack = name in DECOMPRESSORS or opts.has("d", "decompress", "uncompress")
    for word in opts.operands:
        path = ctx.value(word)
        if not keep:
            ctx.write(word, name)
        if path is None:
            continue
        if not unpack:
            ctx.write_path(path + suffix, name, None)
        elif path.endswith(suffix):
            ctx.write_path(path[: -len(suffix)], name, None)
    return None
