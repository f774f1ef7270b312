"""Which rows of the tenant list's search text (tenant_columns.SearchColumn) hold each character: the index that lets a
keystroke skip what cannot match (issue 15: the SQLite list's search at 100,000 tenants).

A character held by at least 1/DENSE of the rows is a bitmap (a Python int, bit i for row i: n/8 bytes); a rarer one
an array of its rows (4 bytes each, so never more than the bitmap). Text of one character is answered by its entry
alone, exactly, and turned into rows by C code (no bytecode a row): the first keystroke of every search, and the one
whose matches are the most. Longer text looks for all its characters first: text holding a rare one is tested on
that character's rows only; else a block of rows none of which holds all its characters is passed over, and the
others searched (SearchColumn.find_rows, at C speed).

At 100,000 bench tenants it holds 0.46 MB (the search text 5.5 MB) and takes about 0.3 s of a worker's CPU to build
with the list (reading the list: 1.1-1.5 s). An index of character pairs too was tried: 3.8 MB, and several seconds
to build at 100,000 (every row's pairs inverted in Python), against a memory budget with 5 MB to spare.
"""

from __future__ import annotations

from array import array
from collections import defaultdict, deque
from itertools import compress, repeat
from operator import add, contains
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from billing_desktop.services.tenant_columns import SearchColumn

FEW = 64  # a block with at most FEW distinct characters tests each row for each of them
DENSE = 32  # a character in at least 1/DENSE of the rows is a bitmap: n/8 bytes <= 4 bytes a row holding it
_MASK = bytes.maketrans(b"01", b"\x00\x01")  # the binary digits of a bitmap -> a byte a row
_BITS = bytes.maketrans(b"\x00\x01", b"01")


def mask_of(bits: int, n: int) -> bytes:
    """A byte a row (1: set) of a bitmap of n rows, by C code (bin, a reversed slice, translate)."""
    digits = bin(bits)[:1:-1].encode("ascii")  # least significant first: row 0 first
    return digits.translate(_MASK) + bytes(n - len(digits))


def _bits_of_mask(mask: bytes | bytearray) -> int:
    return int(mask.translate(_BITS)[::-1] or b"0", 2)


def _bits_of_rows(rows: list[int], n: int) -> int:
    mask = bytearray(n)
    deque(map(mask.__setitem__, rows, repeat(1)), maxlen=0)  # mask[r] = 1 for each row, at C speed
    return _bits_of_mask(mask)


class CharIndex:
    __slots__ = ("chars", "n")

    def __init__(self, n: int, chars: dict[str, int | array[int]]) -> None:
        self.n = n
        self.chars = chars  # character -> bitmap (int) or its rows (array of 'I', ascending)

    @classmethod
    def build(cls, column: SearchColumn) -> CharIndex:
        """Block by block. A block of few distinct characters (FEW: Latin text) tests each of its rows for each of
        them (map: C code), a bitmap piece each; a block of many (CJK names) appends each row's characters (a set)
        to their lists of rows, made bitmap pieces for the characters in 1/DENSE of the block's rows or more, else
        added to the character's array. At the end, characters held by 1/DENSE of all rows or more are bitmaps, the
        others arrays."""
        n, size = len(column), column.block_size
        bits: dict[str, int] = {}
        rows: dict[str, array[int]] = {}
        for lo, block in zip(range(0, n, size), column.text_blocks(), strict=True):
            lines = block.split("\n")
            lines.pop()
            present = set(block)
            present.discard("\n")
            if len(present) <= FEW:
                for ch in present:
                    bits[ch] = bits.get(ch, 0) | (_bits_of_mask(bytes(map(contains, lines, repeat(ch)))) << lo)
                continue
            local: defaultdict[str, list[int]] = defaultdict(list)
            get = local.__getitem__
            for i, line in enumerate(lines):
                deque(map(list.append, map(get, set(line)), repeat(i)), maxlen=0)
            for ch, found in local.items():
                if len(found) * DENSE >= len(lines) or ch in bits:
                    bits[ch] = bits.get(ch, 0) | (_bits_of_rows(found, len(lines)) << lo)
                else:
                    rows.setdefault(ch, array("I")).extend(map(add, found, repeat(lo)))
        chars: dict[str, int | array[int]] = {}
        dense_at = -(-n // DENSE)
        for ch in bits.keys() | rows.keys():
            b, r = bits.get(ch, 0), rows.get(ch)
            count = b.bit_count() + (len(r) if r is not None else 0)
            if count >= dense_at:
                chars[ch] = b | (_bits_of_rows(list(r), n) if r is not None else 0)
            else:
                held = array("I", sorted(compress(range(n), mask_of(b, n)))) if b else array("I")
                if r is not None:
                    held = array("I", sorted((*held, *r)))
                chars[ch] = held
        return cls(n, chars)

    def rows_of(self, ch: str) -> tuple[bytes | None, array[int] | None]:
        """The rows holding `ch`: (a byte-a-row mask, None) for a common character, (None, its rows) for a rare one."""
        entry = self.chars.get(ch)
        if entry is None:
            return None, array("I")
        if isinstance(entry, int):
            return mask_of(entry, self.n), None
        return None, entry

    def count(self, ch: str) -> int:
        entry = self.chars.get(ch)
        return 0 if entry is None else entry.bit_count() if isinstance(entry, int) else len(entry)

    def plan(self, needle: str) -> tuple[array[int] | None, int]:
        """For text of two characters or more: (the rows of its rarest character, if that is a rare one: only they
        can match), else (None, the bitmap of the rows holding all its characters)."""
        found = [self.chars.get(ch) for ch in set(needle)]
        entries = [e for e in found if e is not None]
        if len(entries) < len(found):  # a character no row holds
            return array("I"), 0
        rare = [e for e in entries if not isinstance(e, int)]
        if rare:
            return min(rare, key=len), 0
        both = -1
        for e in entries:
            if isinstance(e, int):
                both &= e
        return None, both

    def nbytes(self) -> int:
        """The entries' own bytes (bitmaps and arrays; not the dict)."""
        return sum((e.bit_length() + 7) // 8 if isinstance(e, int) else 4 * len(e) for e in self.chars.values())


def find(needle: str, column: SearchColumn, index: CharIndex) -> tuple[bytes | None, list[int] | None]:
    """The rows whose search text contains `needle` (case-folded, not empty): (a byte-a-row mask, None) when the
    index answered with a bitmap, else (None, the rows ascending). The same rows as column.find_rows(needle)."""
    if len(needle) == 1:
        mask, rows = index.rows_of(needle)
        return mask, None if rows is None else list(rows)
    rare, both = index.plan(needle)
    if rare is not None:
        return None, column.rows_containing(needle, rare)
    if not both:
        return None, []

    def skip(lo: int, hi: int) -> bool:  # no row of the block holds every character of the text
        return not (both >> lo) & ((1 << (hi - lo)) - 1)

    return None, column.find_rows(needle, skip)
