"""What the search on a team database plans from: a sample of the three searched fields, the server's own statistics
(pg_stats: the most common values and the histogram bounds, up to 1,000 of each field, migrations 0016 and 0017),
read once per engine and again when the table's size moved or a minute passed.

From it, for a text, without a round trip:
- share(): the share of the tenants whose name, slug or email contains the text (what the planner estimates from the
  same statistics; services/tenant_search.py picks the walk or the trigram index by it);
- probes(): for each field, the few parts of the text the trigram index is asked for. A text's trigrams are often
  common one by one ("owner424": "own", "wne", "ner" are in every email): the GIN index reads each one's whole
  posting list, 1,000,000 entries each, to intersect them, while "r42" and "424" alone leave the same candidates
  from 1% of that. The whole text is then checked on each candidate row, so the probes decide only the cost.
Only a plan depends on this sample, never a match: an old or missing sample costs time, not rows.
"""

from __future__ import annotations

import re
import threading
import time
from array import array
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import text
from sqlalchemy.orm import Session

FIELDS = ("name", "slug", "email")
MAX_AGE = 600.0  # seconds before the sample is read again (ANALYZE may have run)
GIN_VS_HEAP = 20.0  # a candidate row read and checked costs about 20 posting-list entries decoded (at 1,000,000)
MAX_PROBES = 3
# pg_trgm makes trigrams of runs of letters and digits, padded at a word's edges; probes keep to ASCII ones, whose
# trigrams are those of the text whatever the server's locale, and to separators that are no LIKE wildcard.
_WORD = re.compile(r"[a-z0-9]+")
_SEPARATORS = frozenset(" -.@,/:;+'&()")

_STATS = """
SELECT s.tablename, s.attname, s.null_frac, s.most_common_vals::text::text[], s.most_common_freqs,
       s.histogram_bounds::text::text[]
FROM pg_stats s
WHERE s.schemaname = current_schema()
  AND ((s.tablename = 'tenants' AND s.attname IN ('company_name', 'slug', 'email'))
       OR (s.tablename = 'ix_tenants_name_order' AND s.attname = 'lower'))
"""


@dataclass(frozen=True)
class FieldSample:
    """One field's statistics: its most common values with their shares, and the histogram's bounds (each standing for
    an equal share of the rest)."""

    common: tuple[tuple[str, float], ...] = ()
    bounds: tuple[str, ...] = ()
    rest: float = 1.0  # the share of the rows the bounds stand for
    _hits: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _joined: str = field(default="", compare=False, repr=False)
    _line: array[int] = field(default_factory=lambda: array("H"), compare=False, repr=False)

    def __post_init__(self) -> None:
        values = [v.replace("\n", " ") for v, _ in self.common] + [v.replace("\n", " ") for v in self.bounds]
        line = array("H")  # the value each character of the joined text belongs to
        for i, v in enumerate(values):
            line.extend([i] * (len(v) + 1))
        object.__setattr__(self, "_joined", "\n".join(values))
        object.__setattr__(self, "_line", line)

    def __bool__(self) -> bool:
        return bool(self.common or self.bounds)

    def share(self, needle: str) -> float:
        """The share of the rows whose value contains `needle`."""
        return self.share_of(self.hits(re.escape(needle)))

    def hits(self, pattern: str) -> int:
        """The sampled values (common ones first, then the bounds) in which the regular expression `pattern` (of no
        line break) is found, a bit each. One search of the values joined by line breaks, cached by pattern: a
        keystroke asks for a dozen, each typed text's again and again."""
        got = self._hits.get(pattern)
        if got is None:
            line, bits = self._line, bytearray(len(self._line) // 8 + 1)
            for m in re.finditer(pattern, self._joined):
                i = line[m.start()]
                bits[i >> 3] |= 1 << (i & 7)
            got = self._hits[pattern] = int.from_bytes(bits, "little")
            if len(self._hits) > 4096:  # a long session's typing: forget the oldest
                del self._hits[next(iter(self._hits))]
        return got

    def share_of(self, hits: int) -> float:
        """The share of the rows the sampled values `hits` (a bit each, as hits() gives) stand for."""
        n = len(self.common)
        common, m = 0.0, hits & ((1 << n) - 1)
        while m:
            low = m & -m
            common += self.common[low.bit_length() - 1][1]
            m ^= low
        bounds = (hits >> n).bit_count()
        return common + (self.rest * bounds / len(self.bounds) if self.bounds else 0.0)


@dataclass(frozen=True)
class Sample:
    tenants: float
    fields: dict[str, FieldSample] = field(default_factory=dict)
    read_at: float = 0.0
    _chosen: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)

    def known(self) -> bool:
        return any(self.fields.values())

    def share(self, needle: str) -> float:
        """The estimated share of the tenants with `needle` in the name, the slug or the email."""
        return min(1.0, sum(f.share(needle) for f in self.fields.values()))

    def walk_entries(self, needle: str, page: int, *, descending: bool = False) -> float:
        """The name-order entries a walk reads before it has `page` matches. The name's histogram bounds are in
        name order, each standing for an equal run of it: matches in the name are where the sample has them
        ("globex ty" a quarter of the way in, however rare), matches elsewhere spread evenly."""
        name = self.fields.get("name") or FieldSample()
        spread = sum(f.share(needle) for n, f in self.fields.items() if n != "name")
        spread += name.share_of(name.hits(re.escape(needle)) & ((1 << len(name.common)) - 1))
        at_least = page / max(spread, 1e-9)  # from the evenly spread matches alone
        if not name.bounds:
            return min(at_least, self.tenants)
        hits = name.hits(re.escape(needle)) >> len(name.common)
        run = self.tenants * name.rest / len(name.bounds)  # entries per bound
        order = range(len(name.bounds) - 1, -1, -1) if descending else range(len(name.bounds))
        found = 0.0
        for n, i in enumerate(order, 1):
            found += run * spread + (run if hits >> i & 1 else 0.0)
            if found >= page:
                return min(at_least, n * run)
        return min(at_least, self.tenants)

    def candidates(self, needle: str, fields: tuple[str, ...] = FIELDS) -> float:
        """The rows the trigram index gives for `needle` in `fields`, asked for the probes: each checked on the
        table (more than the matches: "globex ty" has its probes in "Tyrell Globex" too)."""
        total = 0.0
        for name in fields:
            sample, asked = self.fields.get(name), self.probes(needle, name)
            if not sample:
                continue
            if not asked:
                total += sample.share(needle)
                continue
            joint = -1
            for p in asked:
                joint &= sample.hits(_probes(needle)[p])
            total += sample.share_of(joint & ((1 << (len(sample.common) + len(sample.bounds))) - 1))
        return total * self.tenants

    def probes(self, needle: str, name: str) -> tuple[str, ...]:
        """Parts of `needle` whose trigrams the index is asked for in field `name`: the set that minimizes the posting
        entries read plus GIN_VS_HEAP times the candidate rows, estimated on the sample; () when none qualifies
        (then the whole text is asked, as before)."""
        key = (needle, name)
        got = self._chosen.get(key)
        if got is None:
            got = self._chosen[key] = self._choose_probes(needle, name)
            if len(self._chosen) > 4096:  # a long session's typing: forget the oldest
                del self._chosen[next(iter(self._chosen))]
        return got

    def _choose_probes(self, needle: str, name: str) -> tuple[str, ...]:
        sample = self.fields.get(name)
        candidates = _probes(needle)
        if not sample or not candidates:
            return ()
        floor = 0.5 / (len(sample.common) + len(sample.bounds) + 1)  # unseen in the sample: rare, not absent
        hits = {p: sample.hits(pattern) for p, pattern in candidates.items()}

        def cost(chosen: tuple[str, ...]) -> float:
            joint = -1
            for p in chosen:
                joint &= hits[p]
            read = sum(max(floor, sample.share_of(hits[p])) * _trigrams(p) for p in chosen)
            return read + GIN_VS_HEAP * max(floor, sample.share_of(joint))

        chosen: tuple[str, ...] = ()
        best = float("inf")
        while len(chosen) < MAX_PROBES:
            options = [(cost((*chosen, p)), p) for p in hits if p not in chosen]
            if not options:
                break
            c, p = min(options)
            if c >= best:
                break
            chosen, best = (*chosen, p), c
        return chosen


def _trigrams(probe: str) -> int:
    """How many trigrams pg_trgm makes of LIKE '%probe%' (each a posting list the index reads): a word's start with
    two letters (" ty") is two ("  t", " ty"), every other probe one."""
    return 2 if len(probe) == 3 and not probe[0].isalnum() and probe[1:].isalnum() else 1


def _probes(needle: str) -> dict[str, str]:
    """Substrings of `needle` that give pg_trgm at least one trigram when searched alone (LIKE '%probe%'), each with a
    regular expression for the values it makes candidates: three letters or digits in a row; or one or two at a
    word's start, or two at its end, with the separator beside them, which pg_trgm pads as a word's edge."""
    out: dict[str, str] = {}
    for m in _WORD.finditer(needle):
        w, a, b = m.group(), m.start(), m.end()
        for i in range(len(w) - 2):
            out[w[i : i + 3]] = w[i : i + 3]
        before = needle[a - 1] if a > 0 else ""
        after = needle[b] if b < len(needle) else ""
        if before and before in _SEPARATORS:  # a word's start: "  t" alone, or with " ty"
            out[before + w[0]] = f"(?<![a-z0-9]){w[0]}"
            if len(w) >= 2:
                out[before + w[:2]] = f"(?<![a-z0-9]){w[:2]}"
        if after and after in _SEPARATORS and len(w) >= 2:
            out[w[-2:] + after] = f"{w[-2:]}(?![a-z0-9])"
    return out


_cache: WeakKeyDictionary[Any, Sample] = WeakKeyDictionary()
_lock = threading.Lock()


def sample(s: Session, tenants: float) -> Sample:
    """The engine's sample, read again when the table's estimated size moved by a tenth or MAX_AGE passed."""
    engine = s.get_bind()
    now = time.monotonic()
    with _lock:
        got = _cache.get(engine)
    if got is not None and now - got.read_at < MAX_AGE and abs(got.tenants - tenants) <= 0.1 * max(tenants, 1.0):
        return got
    got = read(s, tenants, now)
    with _lock:
        _cache[engine] = got
    return got


def read(s: Session, tenants: float, now: float = 0.0) -> Sample:
    stats: dict[tuple[str, str], FieldSample] = {}
    for table, column, null_frac, mcv, freqs, bounds in s.execute(text(_STATS)).all():
        lower = column in ("company_name", "lower")
        common = tuple(
            (v.lower() if lower else v, float(f)) for v, f in zip(mcv or (), freqs or (), strict=False) if v is not None
        )
        rest = max(0.0, 1.0 - float(null_frac or 0.0) - sum(f for _, f in common))
        stats[(table, column)] = FieldSample(
            common, tuple((v.lower() if lower else v) for v in (bounds or ()) if v is not None), rest
        )
    name = stats.get(("ix_tenants_name_order", "lower")) or stats.get(("tenants", "company_name")) or FieldSample()
    fields = {
        "name": name,
        "slug": stats.get(("tenants", "slug"), FieldSample()),
        "email": stats.get(("tenants", "email"), FieldSample()),
    }
    return Sample(tenants, fields, now)
