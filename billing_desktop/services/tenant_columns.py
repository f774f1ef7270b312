"""The whole tenant list held column by column: one compact column per field instead of one tuple per tenant.

At 100,000 tenants a str per cell was about 19 MB for the three text columns alone (a str object is ~50 bytes
before its first character), and the list view reads one cell at a time, a screenful at once. The text columns are
joined UTF-8 with an offsets array (a byte a character plus four a row), decoded when a cell is asked for; tier,
mode and Stripe state a byte each (a code into a handful of shared strings); ids an array of machine ints; the
active flag a bytearray. Each column reads like a list (`col[i]`, `len`, iteration), so the models are unchanged."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
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


class SearchColumn(TextColumn):
    """A TextColumn whose strings each end in a newline (a newline inside one is stored as a space), so a block of
    rows splits into its rows at C speed. Searching looks for the text block by block: a block without it is passed
    over by one `in` on its text, a block with it split into its rows and each row tested, the old list-of-str
    search over a few thousand rows at a time instead of a str per row kept for good."""

    BLOCK = 4096

    def append(self, value: str) -> None:
        super().append(value.replace("\n", " ") + "\n")

    def __getitem__(self, i: int) -> str:
        return super().__getitem__(i)[:-1]

    def rows_containing(self, needle: str, rows: Iterable[int]) -> list[int]:
        """Those of `rows` whose string contains `needle`, row by row (for a few rows: a narrowing search)."""
        data, ends = self.data, self.ends
        return [i for i in rows if needle in data[ends[i - 1] if i else 0 : ends[i]].decode("utf-8", "surrogatepass")]

    def find_rows(self, needle: str) -> list[int]:
        """The rows (ascending) whose string contains `needle`. Each block is decoded and split as str: `in` on str
        is several times faster than on bytes (which first tries the needle as an int, an exception each time)."""
        data, ends, n = self.data, self.ends, len(self.ends)
        out: list[int] = []
        if "\n" in needle:
            return out
        for lo in range(0, n, self.BLOCK):
            hi = min(lo + self.BLOCK, n)
            block = data[ends[lo - 1] if lo else 0 : ends[hi - 1]].decode("utf-8", "surrogatepass")
            if needle in block:
                out.extend(lo + j for j, row in enumerate(block.split("\n")[: hi - lo]) if needle in row)
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


def search_text(name: str, slug: str, email: str) -> str:
    """What the list's search looks in for one tenant."""
    return f"{name}\t{slug}\t{email}".casefold()


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
        hd, he = _parts(hay) if hay is not None else (bytearray(), array("I"))
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
            if search:  # as SearchColumn.append
                hd += (search_text(name, slug, email).replace("\n", " ") + "\n").encode("utf-8", "surrogatepass")
                he.append(len(hd))
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
