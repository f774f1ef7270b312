"""The leak scan's reading side: files read in bounded chunks on a few threads, each searched with the patterns of
leak_patterns. No database here: key_inspection turns the tokens found into findings."""

from __future__ import annotations

import codecs
import os
import stat
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from billing_desktop.services.leak_patterns import candidates, candidates_at

BINARY_SNIFF = 8192  # bytes that decide text, UTF-16 or binary
CHUNK = 4 << 20  # bytes read at a time: a file of any size costs at most about two chunks per thread
OVERLAP = 4096  # kept from one chunk to the next: longer than any token, so a key cut by a chunk end is seen whole
WORKERS = min(4, os.cpu_count() or 1)
BATCH = 16  # files handed to a thread at a time, at most
BATCH_BYTES = 8 << 20  # ... or the files that hold this much, and one more


@dataclass
class FileScan:
    where: str  # the path as walked (a Path is made only when asked for: thousands of files per second)
    size: int = 0
    # (line, token) in a text or UTF-16 file; (byte offset, token) in a binary one (`by_line` False): a line
    # number means nothing where there are no lines.
    hits: list[tuple[int, bytes]] = field(default_factory=list)
    skipped: bool = False  # unreadable, or not a regular file
    kind: str = "text"  # text | utf-16 | binary | sqlite

    @property
    def path(self) -> Path:
        return Path(self.where)

    @property
    def by_line(self) -> bool:
        return self.kind in ("text", "utf-16")


SQLITE_MAGIC = b"SQLite format 3\0"


def sniff(head: bytes) -> str:
    """What the first bytes of a file say it is. UTF-16 by its byte-order mark, or without one by NULs in every
    other byte (ASCII text saved as UTF-16, as Windows editors and PowerShell do); other NULs make it binary."""
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    sample = head[:BINARY_SNIFF]
    if b"\0" not in sample:
        return "text"
    even, odd = sample[0::2], sample[1::2]
    if len(sample) >= 4 and (even.count(0) == 0) != (odd.count(0) == 0):
        zeros = max(even.count(0) / len(even), odd.count(0) / max(1, len(odd)))
        if zeros > 0.6:  # mostly ASCII in UTF-16: one byte of each pair is 0
            return "utf-16"
    return "binary"


def _utf16_encoding(head: bytes) -> str:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"  # the BOM says which byte order, and is dropped
    return "utf-16-le" if head[1:BINARY_SNIFF:2].count(0) > head[0:BINARY_SNIFF:2].count(0) else "utf-16-be"


def scan_file(
    path: str | os.PathLike[str], starts: Callable[[bytes], list[int]] | None, stop: threading.Event | None = None
) -> FileScan:
    """Tokens of one file with their line numbers (byte offsets in a binary file), read CHUNK bytes at a time.
    UTF-16 text is decoded (to UTF-8) as it is read; a SQLite database is read value by value, so a key is never
    glued to the column stored before it. `stop` set: the rest of a big file is not read (the result is dropped)."""
    out = FileScan(os.fspath(path))
    try:
        # Non-blocking open and a regular-file check: a FIFO with no writer would block a plain open for ever.
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        out.skipped = True
        return out
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            out.skipped = True
            return out
        # A file that fits one chunk (most do) is read in one call and searched once, with no stream around it;
        # the byte past its size tells whether it grew since fstat (then it is streamed like a big one).
        size = st.st_size
        whole = 0 < size < CHUNK
        first = os.read(fd, size + 1 if whole else CHUNK)
        out.kind = sniff(first)
        if whole and len(first) <= size and out.kind != "sqlite":
            out.size = len(first)
            if out.kind == "utf-16":  # decoded at once as the stream would be (a cut-off last byte: U+FFFD)
                text = first.decode(_utf16_encoding(first), "replace").encode("utf-8", "replace")
                out.hits = _hits(text, starts, by_line=True)
            else:
                out.hits = _hits(first, starts, by_line=out.kind == "text")
            return out
        if out.kind == "sqlite":
            found = _sqlite_hits(os.fspath(path), fd)
            if found is not None:
                out.size, out.hits = size, found
                return out
            out.kind = "binary"  # damaged, encrypted or not really SQLite: its raw bytes then

        def raw() -> Iterator[bytes]:
            data = first
            while data and not (stop is not None and stop.is_set()):
                out.size += len(data)
                yield data
                data = os.read(fd, CHUNK)

        chunks = _decoded(raw(), _utf16_encoding(first)) if out.kind == "utf-16" else raw()
        out.hits = _tokens(chunks, starts, by_line=out.by_line)
        return out
    except OSError:
        return FileScan(out.where, skipped=True)
    finally:
        os.close(fd)


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def _hits(data: bytes, starts: Callable[[bytes], list[int]] | None, *, by_line: bool) -> list[tuple[int, bytes]]:
    """(line or byte offset, token) in one whole buffer."""
    found = candidates(data) if starts is None else candidates_at(data, starts(data))
    if not by_line or not found:
        return found
    hits, line, pos = [], 1, 0
    for start, token in found:
        line += data.count(b"\n", pos, start)
        pos = start
        hits.append((line, token))
    return hits


def _decoded(chunks: Iterator[bytes], encoding: str) -> Iterator[bytes]:
    """UTF-16 chunks as UTF-8 (unpaired surrogates and a cut-off last byte become U+FFFD): the same tokens and
    the same lines as the text the user sees in an editor."""
    decoder = codecs.getincrementaldecoder(encoding)("replace")
    for chunk in chunks:
        text = decoder.decode(chunk)
        if text:
            yield text.encode("utf-8", "replace")
    tail = decoder.decode(b"", final=True)
    if tail:
        yield tail.encode("utf-8", "replace")


def _tokens(
    chunks: Iterator[bytes], starts: Callable[[bytes], list[int]] | None, *, by_line: bool
) -> list[tuple[int, bytes]]:
    """(line or byte offset, token) over a stream of chunks. Each buffer is the last OVERLAP bytes of the one before
    plus the next chunk; a token is taken from the buffer in which it starts before the overlap, so one that
    straddles a chunk end is found once and whole."""
    hits: list[tuple[int, bytes]] = []
    buf = next(chunks, b"")
    base, skip, line = 0, 0, 1  # base: the stream offset of buf[0]
    while True:
        more = next(chunks, b"")
        if more and len(buf) <= OVERLAP:  # a short read: gather a whole chunk first
            buf += more
            continue
        cut = len(buf) - OVERLAP if more else len(buf)
        pos = 0
        for start, token in candidates(buf) if starts is None else candidates_at(buf, starts(buf)):
            if skip <= start < cut:
                if by_line:
                    line += buf.count(b"\n", pos, start)
                    pos = start
                    hits.append((line, token))
                else:
                    hits.append((base + start, token))
        if not more:
            return hits
        # Keep one byte before the cut, so the word-boundary check of a token starting there still works.
        if by_line:
            line += buf.count(b"\n", pos, cut - 1)
        base += cut - 1
        tail = buf[cut - 1 :]
        buf = b""  # let the old chunk go before the new one is built: two chunks at a time, not three
        buf, skip = tail + more, 1


def _sqlite_hits(path: str, fd: int) -> list[tuple[int, bytes]] | None:
    """Tokens in every text and blob value of a SQLite file, each with its byte offset in the file (0 when the
    value spills over pages and is not stored in one piece). None when SQLite cannot read it."""
    import mmap
    import sqlite3
    from urllib.parse import quote

    tokens: list[bytes] = []
    try:
        # immutable: no lock, no journal, nothing written; the file is only read.
        con = sqlite3.connect(f"file:{quote(os.path.realpath(path))}?mode=ro&immutable=1", uri=True)
        try:
            con.text_factory = bytes
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                quoted = '"' + table.decode("utf-8", "replace").replace('"', '""') + '"'
                for row in con.execute(f"SELECT * FROM {quoted}"):  # a quoted identifier
                    for value in row:
                        if isinstance(value, bytes) and len(value) >= 10:
                            tokens.extend(token for _, token in candidates(value))
        finally:
            con.close()
    except (sqlite3.Error, UnicodeError, MemoryError):
        return None
    if not tokens:
        return []
    with mmap.mmap(fd, 0, access=mmap.ACCESS_READ) as whole:
        return sorted((max(0, whole.find(token)), token) for token in tokens)


def scan_files(
    paths: Iterable[str | os.PathLike[str]], starts: Callable[[bytes], list[int]] | None
) -> Iterator[FileScan]:
    """scan_file over paths on WORKERS threads (file reads and Hyperscan's scan release the GIL), results in order.
    Files go to the threads in batches (a future per file cost more than reading a small file) of BATCH files or
    BATCH_BYTES, whichever comes first, so progress and Cancel are never far behind; a few batches are read ahead.
    Closing the iterator (a cancelled scan) drops the rest: each thread stops after the file it is on, or after
    the chunk, in a big one."""
    stop = threading.Event()
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="leak-scan") as pool:
        ahead: deque[Future[tuple[list[FileScan], list[str | os.PathLike[str]]]]] = deque()

        def take() -> list[FileScan]:
            done, rest = ahead.popleft().result()
            if rest:  # the batch's bytes were used up: the rest is next in line
                ahead.appendleft(pool.submit(_scan_batch, rest, starts, stop))
            return done

        try:
            batch: list[str | os.PathLike[str]] = []
            for path in paths:
                batch.append(path)
                if len(batch) >= BATCH:
                    ahead.append(pool.submit(_scan_batch, batch, starts, stop))
                    batch = []
                    while len(ahead) >= WORKERS * 3:
                        yield from take()
            if batch:
                ahead.append(pool.submit(_scan_batch, batch, starts, stop))
            while ahead:
                yield from take()
        finally:
            stop.set()
            pool.shutdown(wait=True, cancel_futures=True)


def _scan_batch(
    paths: list[str | os.PathLike[str]], starts: Callable[[bytes], list[int]] | None, stop: threading.Event
) -> tuple[list[FileScan], list[str | os.PathLike[str]]]:
    """(the files scanned, the rest of the batch when BATCH_BYTES were read first)."""
    out: list[FileScan] = []
    read = 0
    for n, path in enumerate(paths):
        if stop.is_set():
            return out, []
        if read >= BATCH_BYTES:
            return out, paths[n:]
        scanned = scan_file(path, starts, stop)
        read += scanned.size
        out.append(scanned)
    return out, []


def walk(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """Every file under the paths, in name order (a folder's files, then its folders), without .git; what is
    not a folder is yielded as given (FIFOs and devices, which scan_file skips without blocking on them). Paths
    are spelled as pathlib would ("src/a.py" under ".", not "./src/a.py")."""
    for p in paths:
        p = str(Path(p))
        if os.path.isdir(p):
            yield from _walk_dir(p, "" if p == "." else p if p.endswith(os.sep) else p + os.sep)
        else:
            yield p


def _walk_dir(top: str, prefix: str) -> Iterator[str]:
    try:
        with os.scandir(top) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return  # unreadable: skipped, as os.walk does
    dirs = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()  # follows a link, as os.walk does, and like it never walks into one
        except OSError:
            is_dir = False
        if not is_dir:
            yield prefix + entry.name
        elif entry.name != ".git" and not entry.is_symlink():
            dirs.append(prefix + entry.name)
    for d in dirs:
        yield from _walk_dir(d, d + os.sep)
