"""The whole tenant list held column by column: one compact column per field instead of one tuple per tenant.

At 100,000 tenants a str per cell was about 19 MB for the three text columns alone (a str object is ~50 bytes
before its first character), and the list view reads one cell at a time, a screenful at once. The text columns are
joined UTF-8 with an offsets array (a byte a character plus four a row), decoded when a cell is asked for; tier,
mode and Stripe state a byte each (a code into a handful of shared strings); ids an array of machine ints; the
active flag a bytearray. Each column reads like a list (`col[i]`, `len`, iteration), so the models are unchanged."""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate, repeat
from operator import add
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from billing_desktop.services.tenants import TenantRow


class TextColumn:
    """Strings joined as UTF-8 in one buffer; `ends[i]` is where string i ends. Indexing decodes one string."""

    __slots__ = ("data", "ends")

    def __init__(self, values: Iterable[str] = ()) -> None:
        self.data = bytearray()
        self.ends = array("I")  # 4 GiB of text at most: far beyond a tenant list
        for value in values:
            self.append(value)

    def append(self, value: str) -> None:
        self.data += value.encode("utf-8", "surrogatepass")
        self.ends.append(len(self.data))

    def __len__(self) -> int:
        return len(self.ends)

    def raw(self, i: int) -> bytes:
        """String i as its UTF-8 bytes (sorting compares these: UTF-8 byte order is code point order)."""
        ends = self.ends
        return bytes(self.data[ends[i - 1] if i else 0 : ends[i]])

    def __getitem__(self, i: int) -> str:
        n = len(self.ends)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("TextColumn index out of range")
        ends = self.ends
        return self.data[ends[i - 1] if i else 0 : ends[i]].decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))


class SearchColumn:
    """The list's search text, row i `search_text(...)` of tenant i, held as str blocks of BLOCK rows, each row ending
    in a newline (a newline inside one is stored as a space). Decoded once, not on every keystroke: an ASCII str costs
    a byte a character, as UTF-8 did. `ends[i]` is where row i ends in its block (after its newline), so a row is one
    slice and a block splits into its rows at C speed. services/tenant_search_index.py indexes it."""

    # 1,024 rows: a str is as wide as its widest character (an emoji makes every character of its block 4 bytes), so
    # a rare wide character costs its block, not the whole list; blocks are few enough for a keystroke's Python work
    # (about a hundred at 100,000 tenants).
    BLOCK = 1024
    __slots__ = ("_block", "_chars", "_open", "_tail", "blocks", "ends")

    def __init__(self, values: Iterable[str] = ()) -> None:
        self._block = self.BLOCK
        self.blocks: list[str] = []
        self.ends = array("I")
        self._tail: list[str] = []  # rows appended since the last block was made
        self._chars = 0  # characters in the last block so far
        self._open = False  # whether blocks[-1] has room for more rows
        for value in values:
            self.append(value)

    def append(self, value: str) -> None:
        row = value.replace("\n", " ") + "\n"
        n = len(self.ends)
        self._chars = (0 if n % self._block == 0 else self._chars) + len(row)
        self.ends.append(self._chars)
        self._tail.append(row)
        if (n + 1) % self._block == 0:
            self._seal()

    def _seal(self) -> None:
        text = "".join(self._tail)
        self._tail.clear()
        if self._open:
            self.blocks[-1] += text
        else:
            self.blocks.append(text)
        self._open = len(self.ends) % self._block != 0

    @property
    def block_size(self) -> int:
        return self._block

    def text_blocks(self) -> list[str]:
        if self._tail:
            self._seal()
        return self.blocks

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int) -> str:
        n = len(self.ends)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("SearchColumn index out of range")
        return self.raw(i)

    def raw(self, i: int) -> str:
        """Row i (sorting compares these: the case-folded name first)."""
        blocks = self.text_blocks()
        ends, b = self.ends, self._block
        return blocks[i // b][ends[i - 1] if i % b else 0 : ends[i] - 1]

    def __iter__(self) -> Iterator[str]:
        return (self.raw(i) for i in range(len(self)))

    def rows_containing(self, needle: str, rows: Iterable[int]) -> list[int]:
        """Those of `rows` whose string contains `needle`, in the order given (a row tested at a time)."""
        blocks, ends, b = self.text_blocks(), self.ends, self._block
        return [i for i in rows if needle in blocks[i // b][ends[i - 1] if i % b else 0 : ends[i] - 1]]

    def find_rows(self, needle: str, skip: Callable[[int, int], bool] | None = None) -> list[int]:
        """The rows (ascending) whose string contains `needle`, with no bytecode run per row: each block is split at
        every occurrence of the text together with the rest of its row (a regular expression: one split a row at
        most), and a row's number is the newlines before it (counted and summed by C code: map, accumulate).
        `skip(lo, hi)`: True for a block of rows lo..hi-1 known to hold no match (tenant_search_index)."""
        size, n = self._block, len(self)
        if not needle or "\n" in needle:
            return list(range(n)) if not needle else []
        out: list[int] = []
        split = re.compile(re.escape(needle) + "[^\n]*").split
        for lo, block in zip(range(0, n, size), self.text_blocks(), strict=True):
            if skip is not None and skip(lo, min(lo + size, n)):
                continue
            parts = split(block)
            parts.pop()  # after the last match
            out.extend(map(add, accumulate(map(str.count, parts, repeat("\n"))), repeat(lo)))
        return out


class CodeColumn:
    """A column of few distinct strings (tier, mode, Stripe state): a byte per row, a code into `values`."""

    __slots__ = ("_codes", "codes", "values")

    def __init__(self) -> None:
        self.codes = bytearray()
        self.values: list[str] = []
        self._codes: dict[str, int] = {}

    def append(self, value: str) -> None:
        code = self._codes.get(value)
        if code is None:
            if len(self.values) == 256:
                raise ValueError("more than 256 distinct values in a CodeColumn")
            code = self._codes[value] = len(self.values)
            self.values.append(value)
        self.codes.append(code)

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, i: int) -> str:
        return self.values[self.codes[i]]

    def __iter__(self) -> Iterator[str]:
        values = self.values
        return (values[c] for c in self.codes)


def fold(text: str) -> str:
    """Case-folded for the list's search, the haystack and the typed text alike. casefold() turns "İ" into "i" and a
    combining dot above, so "istanbul" never found "İstanbul Ltd" (the team database's lower() finds it): the dot
    goes."""
    return text.casefold().replace("i\u0307", "i")


def search_text(name: str, slug: str, email: str) -> str:
    """What the list's search looks in for one tenant."""
    return fold(f"{name}\t{slug}\t{email}")


def _parts(col: TextColumn) -> tuple[bytearray, array[int]]:
    return col.data, col.ends


class TenantColumns:
    __slots__ = ("active", "company_name", "email", "id", "mode", "search", "slug", "stripe", "tier")

    def __init__(self) -> None:
        self.id = array("q")
        self.company_name = TextColumn()
        self.slug = TextColumn()
        self.email = TextColumn()
        self.tier = CodeColumn()
        self.mode = CodeColumn()
        self.active = bytearray()
        self.stripe = CodeColumn()
        self.search: SearchColumn | None = None  # made by `of(rows, search=True)`

    @classmethod
    def of(cls, rows: Iterable[tuple[Any, ...]], *, search: bool = False) -> TenantColumns:
        """From (id, company_name, slug, email, tier, mode, active, stripe) tuples: TenantRows or a cursor's. With
        `search`, the list view's search text too (`search_text` of each row), made from the strings in hand rather
        than decoded again later. The appends are spelled out (no method call per cell): 100,000 rows x 8 cells."""
        cols = cls()
        ids, active = cols.id, cols.active
        nd, ne, sd, se, ed, ee = (*_parts(cols.company_name), *_parts(cols.slug), *_parts(cols.email))
        tiers, modes, stripe = cols.tier.append, cols.mode.append, cols.stripe.append
        hay = cols.search = SearchColumn() if search else None
        add_text = hay.append if hay is not None else None
        for i, name, slug, email, tier, mode, on, state in rows:
            ids.append(i)
            nd += name.encode("utf-8", "surrogatepass")
            ne.append(len(nd))
            sd += slug.encode("utf-8", "surrogatepass")
            se.append(len(sd))
            ed += email.encode("utf-8", "surrogatepass")
            ee.append(len(ed))
            tiers(tier)
            modes(mode)
            active.append(bool(on))
            stripe(state or "none")
            if add_text is not None:
                add_text(search_text(name, slug, email))
        return cols

    def __len__(self) -> int:
        return len(self.id)

    def value(self, field: str, i: int):  # type: ignore[no-untyped-def]
        value = getattr(self, field)[i]
        return bool(value) if field == "active" else value

    def row(self, i: int) -> TenantRow:
        from billing_desktop.services.tenants import TenantRow  # here: tenants imports this module

        return TenantRow(
            self.id[i],
            self.company_name[i],
            self.slug[i],
            self.email[i],
            self.tier[i],
            self.mode[i],
            bool(self.active[i]),
            self.stripe[i],
        )
