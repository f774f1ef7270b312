"""The leak scan's reading side: credential patterns, the Hyperscan prefilter, and files read in bounded chunks on
a few threads. No database here: key_inspection turns the tokens found into findings."""

from __future__ import annotations

import os
import re
import stat
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

# What a scan looks for: our keys and Stripe's credential shapes, as bytes (files are read raw). One pattern per
# literal prefix: the regex engine then searches for the prefix with a fast substring search instead of trying
# an alternation at every byte, which is what keeps the scan near grep's speed.
_TAIL = rb"(?![0-9A-Za-z])"
PATTERNS = [
    (re.compile(rb"_live_[0-9A-Za-z]{10,99}" + _TAIL), 2),  # (pattern, bytes of prefix before the match: sk/pk/rk)
    (re.compile(rb"_test_[0-9A-Za-z]{10,99}" + _TAIL), 2),
    (re.compile(rb"whsec_[0-9A-Za-z+/=]{16,}"), 0),
    (re.compile(rb"acct_[0-9A-Za-z]{8,32}" + _TAIL), 0),
    (re.compile(rb"ca_[0-9A-Za-z]{16,64}" + _TAIL), 0),
]
_WORD = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")

_PREFILTER_SHAPES = [
    rb"(sk|pk|rk)_(live|test)_[0-9A-Za-z]{10}",
    rb"whsec_[0-9A-Za-z+/=]{16}",
    rb"acct_[0-9A-Za-z]{8}",
    rb"ca_[0-9A-Za-z]{16}",
]
_prefilter_cache: list[Callable[[bytes], bool] | None] = []
# Set to "none" to scan without Hyperscan (the benchmark compares both; a user can rule out the native library).
PREFILTER_ENV = "BILLING_DESKTOP_SCAN_PREFILTER"

BINARY_SNIFF = 8192
CHUNK = 4 << 20  # bytes read at a time: a file of any size costs at most about two chunks per thread
OVERLAP = 4096  # kept from one chunk to the next: longer than any token, so a key cut by a chunk end is seen whole
WORKERS = min(4, os.cpu_count() or 1)


def prefilter() -> Callable[[bytes], bool] | None:
    """A function telling whether a buffer may hold a credential, or None. Hyperscan (SIMD, several GB/s) when it
    is installed (Linux x86-64); elsewhere every buffer goes to the exact patterns, which is correct but slower."""
    if os.environ.get(PREFILTER_ENV) == "none":
        return None
    if not _prefilter_cache:
        try:
            import hyperscan
        except ImportError:
            _prefilter_cache.append(None)
        else:
            db = hyperscan.Database()
            db.compile(
                expressions=_PREFILTER_SHAPES,
                ids=list(range(len(_PREFILTER_SHAPES))),
                elements=len(_PREFILTER_SHAPES),
                flags=[hyperscan.HS_FLAG_SINGLEMATCH] * len(_PREFILTER_SHAPES),
            )

            local = threading.local()  # a scratch space serves one scan at a time: one per thread

            def may_hold(data: bytes) -> bool:
                scratch = getattr(local, "scratch", None)
                if scratch is None:
                    scratch = local.scratch = hyperscan.Scratch(db)
                try:  # the handler returns True to stop at the first hit, which hyperscan reports as terminated
                    db.scan(data, match_event_handler=lambda *args: True, scratch=scratch)
                except hyperscan.ScanTerminated:
                    return True
                return False

            _prefilter_cache.append(may_hold)
    prefilter_fn: Callable[[bytes], bool] | None = _prefilter_cache[0]
    return prefilter_fn


def candidates(data: bytes) -> list[tuple[int, bytes]]:
    """(offset, token) of every credential-shaped token, in file order."""
    found = []
    for pattern, back in PATTERNS:
        for m in pattern.finditer(data):
            start = m.start() - back
            if back and (start < 0 or data[start : m.start()] not in (b"sk", b"pk", b"rk")):
                continue
            if start > 0 and data[start - 1] in _WORD:
                continue
            found.append((start, data[start : m.end()]))
    found.sort()
    return found


@dataclass
class FileScan:
    path: Path
    size: int = 0
    hits: list[tuple[int, bytes]] = field(default_factory=list)  # (line, token)
    skipped: bool = False  # unreadable, or binary


def scan_file(path: Path, may_hold: Callable[[bytes], bool] | None) -> FileScan:
    """Tokens of one file with their line numbers, read CHUNK bytes at a time. Each buffer is the last OVERLAP
    bytes of the one before plus the next chunk; a token is taken from the buffer in which it starts before the
    overlap, so one that straddles a chunk end is found once and whole."""
    out = FileScan(path)
    try:
        # Non-blocking open and a regular-file check: a FIFO with no writer would block a plain open for ever.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            regular = stat.S_ISREG(os.fstat(fd).st_mode)
        except OSError:
            os.close(fd)
            raise
        if not regular:
            os.close(fd)
            out.skipped = True
            return out
        with open(fd, "rb") as f:
            buf = f.read(CHUNK)
            if b"\0" in buf[:BINARY_SNIFF]:
                out.skipped = True
                return out
            out.size, skip, line = len(buf), 0, 1
            while True:
                more = f.read(CHUNK)
                if more and len(buf) <= OVERLAP:  # a short read: gather a whole chunk first
                    buf += more
                    out.size += len(more)
                    continue
                cut = len(buf) - OVERLAP if more else len(buf)
                pos = 0
                if may_hold is None or may_hold(buf):
                    for start, token in candidates(buf):
                        if skip <= start < cut:
                            line += buf.count(b"\n", pos, start)
                            pos = start
                            out.hits.append((line, token))
                if not more:
                    return out
                # Keep one byte before the cut, so the word-boundary check of a token starting there still works.
                line += buf.count(b"\n", pos, cut - 1)
                buf, skip = buf[cut - 1 :] + more, 1
                out.size += len(more)
    except OSError:
        return FileScan(path, skipped=True)


def scan_files(paths: Iterable[Path], may_hold: Callable[[bytes], bool] | None) -> Iterator[FileScan]:
    """scan_file over paths on WORKERS threads (file reads and Hyperscan's scan release the GIL), results in order.
    A few files are read ahead; closing the iterator drops the rest."""
    with ThreadPoolExecutor(WORKERS, thread_name_prefix="leak-scan") as pool:
        ahead: deque[Future[FileScan]] = deque()
        try:
            for path in paths:
                ahead.append(pool.submit(scan_file, path, may_hold))
                if len(ahead) >= WORKERS * 4:
                    yield ahead.popleft().result()
            while ahead:
                yield ahead.popleft().result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def walk(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    for p in paths:
        p = Path(p)
        if not p.is_dir():  # files, and FIFOs or devices, which scan_file skips without blocking on them
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if d != ".git")
            for name in sorted(files):
                yield Path(root) / name
