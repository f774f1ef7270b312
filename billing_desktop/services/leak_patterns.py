"""What the leak scan looks for: our keys' and Stripe's credential shapes as byte patterns, the Hyperscan prefilter
that finds where they may start, and the exact check at each such place. Pure matching: no files, no threads
beyond a per-thread scratch space (leak_scan reads the files)."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable
from typing import cast

# What a scan looks for: our keys and Stripe's credential shapes, as bytes (files are read raw).
_TAIL = rb"(?![0-9A-Za-z])"
PATTERNS = [  # (pattern, bytes of prefix before the match: sk/pk/rk)
    (re.compile(rb"_live_[0-9A-Za-z]{10,99}" + _TAIL), 2),
    (re.compile(rb"_test_[0-9A-Za-z]{10,99}" + _TAIL), 2),
    (re.compile(rb"whsec_[0-9A-Za-z+/=]{16,}"), 0),
    (re.compile(rb"acct_[0-9A-Za-z]{8,32}" + _TAIL), 0),
    (re.compile(rb"ca_[0-9A-Za-z]{16,64}" + _TAIL), 0),
]
# Each pattern begins with a literal holding a "_" (where it stands: 0 for "_live_" and "_test_", 5 in "whsec_"…).
# One pass finds those underscores (the regex engine searches for its literal first character, "_", quickly);
# the exact patterns are then tried there only. Five passes, one per pattern, took five times as long.
_LITERALS = [(b"_live_", 0), (b"_test_", 0), (b"whsec_", 5), (b"acct_", 4), (b"ca_", 2)]
_LEADS = re.compile(rb"_(?:(?=live_|test_)|(?<=whsec_)|(?<=acct_)|(?<=ca_))")
# The furthest a token's first "_" lies from its start (5, in "whsec_"; 2 in "sk_live_").
_LEAD_MAX = max(back + offset for (_, back), (_, offset) in zip(PATTERNS, _LITERALS, strict=True))
_WORD = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_KEY_PREFIXES = (b"sk", b"pk", b"rk")

# Every credential begins where one of these shapes does (the shortest of each), so Hyperscan's match starts are
# the only places the exact patterns need to be tried.
_PREFILTER_SHAPES = [
    rb"(sk|pk|rk)_(live|test)_[0-9A-Za-z]{10}",
    rb"whsec_[0-9A-Za-z+/=]{16}",
    rb"acct_[0-9A-Za-z]{8}",
    rb"ca_[0-9A-Za-z]{16}",
]
_prefilter_cache: list[Callable[[bytes], list[int]] | None] = []
# Set to "none" to scan without Hyperscan (the benchmark compares both; a user can rule out the native library).
PREFILTER_ENV = "BILLING_DESKTOP_SCAN_PREFILTER"


def prefilter() -> Callable[[bytes], list[int]] | None:
    """A function giving the offsets in a buffer where a credential may start (none: the buffer holds none), or
    None. Hyperscan (SIMD, several GB/s, without the GIL) when it is installed (Linux x86-64); elsewhere the exact
    patterns look for their literals themselves, which is correct but slower."""
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
                flags=[hyperscan.HS_FLAG_SOM_LEFTMOST] * len(_PREFILTER_SHAPES),
            )

            local = threading.local()  # a scratch space serves one scan at a time: one per thread

            def starts(data: bytes) -> list[int]:
                # Every shape holds a "_" at most _LEAD_MAX bytes in: memchr finds the first far faster than any
                # pattern search, and the bytes before it (a third of the benchmark's tree) are not searched.
                base = data.find(b"_")
                if base < 0:
                    return []
                base = max(0, base - _LEAD_MAX)
                scratch = getattr(local, "scratch", None)
                if scratch is None:
                    scratch = local.scratch = hyperscan.Scratch(db)
                found: list[int] = []
                # Called with the GIL for each match only: a few per file (a key, or text shaped like one).
                db.scan(
                    cast(bytes, memoryview(data)[base:]),  # any buffer will do (the stub says str or bytes)
                    match_event_handler=lambda _id, start, *_: found.append(base + start),
                    scratch=scratch,
                )
                return found

            _prefilter_cache.append(starts)
    prefilter_fn: Callable[[bytes], list[int]] | None = _prefilter_cache[0]
    return prefilter_fn


def _accept(data: bytes, pattern: re.Pattern[bytes], at: int, back: int, found: list[tuple[int, bytes]]) -> None:
    m = pattern.match(data, at)
    if m is None:
        return
    start = at - back
    if back and (start < 0 or data[start:at] not in _KEY_PREFIXES):
        return
    if start > 0 and data[start - 1] in _WORD:
        return
    found.append((start, data[start : m.end()]))


def candidates(data: bytes) -> list[tuple[int, bytes]]:
    """(offset, token) of every credential-shaped token, in file order: what each pattern's finditer finds (no
    match can hold another start of its own pattern: the literals have a "_", which no token body has)."""
    found: list[tuple[int, bytes]] = []
    # Most text holds few underscores: memchr (bytes.find) skips to each far faster than the regex engine walks
    # byte by byte. Where they are dense (snake_case source), the regex takes over after the first few.
    find, u, left = data.find, data.find(b"_"), _FIND_FIRST
    while u >= 0 and left:
        _try_literals(data, u, found)
        u, left = find(b"_", u + 1), left - 1
    if u >= 0:
        for lead in _LEADS.finditer(data, u):  # lookbehinds still see the bytes before u
            _try_literals(data, lead.start(), found)
    found.sort()
    return found


_FIND_FIRST = 64  # underscores looked at one by one before the regex searches the rest


def _try_literals(data: bytes, u: int, found: list[tuple[int, bytes]]) -> None:
    for (pattern, back), (literal, offset) in zip(PATTERNS, _LITERALS, strict=True):
        if u >= offset and data.startswith(literal, u - offset):
            _accept(data, pattern, u - offset, back, found)


_BY_LEAD = {ord("w"): 2, ord("a"): 3, ord("c"): 4}  # whsec_, acct_, ca_; s, p, r: sk_, pk_, rk_


def candidates_at(data: bytes, starts: Iterable[int]) -> list[tuple[int, bytes]]:
    """`candidates(data)` when `starts` holds every offset where a prefilter shape begins (the prefilter's
    answer): the exact patterns are tried there only."""
    found: list[tuple[int, bytes]] = []
    for start in sorted(set(starts)):
        # Only one pattern can match where a token begins, and its first byte (the mode, for sk/pk/rk) says which.
        n = _BY_LEAD.get(data[start])
        if n is None:
            n = 0 if data[start + 3 : start + 4] == b"l" else 1  # _live_ or _test_
        pattern, back = PATTERNS[n]
        _accept(data, pattern, start + back, back, found)
    return found
