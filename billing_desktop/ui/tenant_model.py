"""The tenant list as a table model that stays smooth at 100,000 rows: the data held column by column
(services/tenant_columns.py: text as joined UTF-8, decoded for the cells on screen), filtering and sorting as arrays
of row numbers. Search looks for the typed text in every row's case-folded name, slug and email, held as str blocks,
through an index of which rows hold each character (services/tenant_search_index.py): no bytecode per row of the
list."""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Mapping
from itertools import compress, repeat

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from billing_desktop.domain.states import ConnectionState
from billing_desktop.domain.validation import Mode
from billing_desktop.services.tenant_columns import CodeColumn, SearchColumn, TenantColumns, fold, search_text
from billing_desktop.services.tenant_search_index import CharIndex, find
from billing_desktop.services.tenants import TenantRow
from billing_desktop.ui import palette
from billing_desktop.ui.i18n import tr

# Mode right after the name, then tier, Stripe state and the attention count: all in sight at 1366 px without
# scrolling the list sideways.
COLUMNS = [
    (QT_TRANSLATE_NOOP("", "Company"), "company_name"),
    (QT_TRANSLATE_NOOP("", "Mode"), "mode"),
    (QT_TRANSLATE_NOOP("", "Tier"), "tier"),
    ("Stripe", "stripe"),
    ("!", "attention"),  # items on the Needs attention board (not a TenantRow field: it arrives later)
    (QT_TRANSLATE_NOOP("", "Slug"), "slug"),
    ("Email", "email"),
    (QT_TRANSLATE_NOOP("", "Active"), "active"),
]
# Typing on tests the rows shown one by one if fewer than one row in NARROW (else the whole text is searched).
NARROW = 8
ATTENTION = next(n for n, (_, attr) in enumerate(COLUMNS) if attr == "attention")
# The Stripe column's words, in the operator's language (lower case in the cell, as the filter's are capitalized).
STRIPE_WORDS: dict[str, object] = {
    ConnectionState.CONNECTED.value: QT_TRANSLATE_NOOP("", "connected"),
    ConnectionState.PENDING.value: QT_TRANSLATE_NOOP("", "pending"),
    ConnectionState.RESTRICTED.value: QT_TRANSLATE_NOOP("", "restricted"),
    ConnectionState.DISCONNECTED.value: QT_TRANSLATE_NOOP("", "disconnected"),
}


class TenantTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows = TenantColumns()
        self._haystack = SearchColumn()  # row i: "name\tslug\temail", case-folded
        self._index = CharIndex.build(self._haystack)  # which rows hold each character of it
        # Row numbers as machine ints (an array), not one int object each: all of them sorted, and the sorted ones
        # that match the filter.
        self._order = array("l")
        self._visible = array("l")
        self._rank: tuple[array, array] | None = None  # (rank, the order it ranks)
        self._kind: tuple[str | None, array] | None = None  # (ascending/descending/None, the order it describes)
        self._filter = ""
        self._sort = (0, Qt.SortOrder.AscendingOrder)
        self._attention: Mapping[int, int] = {}  # tenant id -> items on the board
        self._facets: dict[str, str | None] = {"mode": None, "tier": None, "stripe": None, "attention": None}

    # -- data in -------------------------------------------------------------------------------------------------
    @staticmethod
    def prepare(
        rows: TenantColumns | list[TenantRow], sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
    ):
        """The slow part of loading (search strings, sort order), pure Python: run it in a worker."""
        cols = rows if isinstance(rows, TenantColumns) else TenantColumns.of(rows)
        haystack = cols.search
        if haystack is None or len(haystack) != len(cols):
            haystack = SearchColumn(
                search_text(name, slug, email)
                for name, slug, email in zip(cols.company_name, cols.slug, cols.email, strict=True)
            )
        return cols, haystack, CharIndex.build(haystack), _sorted(cols, range(len(cols)), sort, haystack), sort

    def set_rows(self, rows: TenantColumns | list[TenantRow]) -> None:
        self.set_prepared(self.prepare(rows, self._sort))

    def set_prepared(self, prepared) -> None:
        rows, haystack, index, order, sort = prepared
        self.beginResetModel()
        self._rows, self._haystack, self._index, self._order = rows, haystack, index, order
        # The user re-sorted while this was being prepared; or the sort is by the board's counts, which only the
        # model holds (prepare() orders by name: a reload showed the list by name under the attention sort's header).
        if sort != self._sort or COLUMNS[self._sort[0]][1] == "attention":
            self._order = self._ordered()
        self._visible = self._filtered(self._order)
        self.endResetModel()

    @property
    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort

    def set_filter(self, text: str) -> None:
        # Without NUL, as the services search (tenant_pages.like_pattern): no tenant's text holds one.
        text = fold(text.strip()).replace("\x00", "")
        if text == self._filter:
            return
        # Typing on narrows the search: when few rows are shown, those are tested one by one (in order already); else
        # the whole text is searched, at C speed (SearchColumn.find_rows).
        narrow = bool(self._filter) and text.startswith(self._filter) and len(self._visible) * NARROW < len(self._order)
        base, self._filter = self._visible, text
        self.beginResetModel()
        if narrow:
            self._visible = array("l", self._haystack.rows_containing(text, base))
        else:
            self._visible = self._filtered(self._order)
        self.endResetModel()

    def _filtered(self, rows) -> array:
        """The rows of `rows` (an order) that match the search text and the facets, in that order."""
        if self._filter:
            rows = self._matching(rows, *find(self._filter, self._haystack, self._index))
        data, facets = self._rows, self._facets
        checks = []  # (a column's codes, the code wanted): bytes compared, no str per row
        for attr, value in facets.items():
            if value and attr != "attention":
                column: CodeColumn = getattr(data, attr)
                code = column.values.index(value) if value in column.values else -1
                checks.append((column.codes, code))
        if checks or facets["attention"]:
            # The tenants with items as a set while filtering: a C-speed test per row, not a lookup in the board's
            # counts (a bisection each).
            flagged, ids = set(self._attention) if facets["attention"] else None, data.id
            rows = array(
                "l",
                (
                    i
                    for i in rows
                    if all(codes[i] == code for codes, code in checks) and (flagged is None or ids[i] in flagged)
                ),
            )
        return array("l", rows)

    def _matching(self, order: array, mask: bytes | None, found: list[int] | None) -> array:
        """The rows found (a byte-a-row `mask`, or `found`: row numbers ascending) in the order of `order` (a
        permutation of every row). In the list's own order (by name: rows as the database sent them), or reversed,
        that is the rows found themselves; else each is marked at its place in the order and the order taken through
        the marks. C code throughout: no bytecode a row."""
        n = len(order)
        kind = self._order_kind(order)
        if mask is not None:
            if mask.count(1) == n:
                return order
            if kind == "ascending":
                return array("l", list(compress(range(n), mask)))
            if kind == "descending":
                return array("l", list(compress(range(n - 1, -1, -1), mask[::-1])))
            return array("l", list(compress(order, bytes(map(mask.__getitem__, order)))))
        assert found is not None
        if len(found) == n:
            return order
        if kind == "ascending":
            return array("l", found)
        if kind == "descending":
            return array("l", reversed(found))
        if self._rank is None or self._rank[1] is not order:
            rank = array("I", bytes(4 * n))  # rank[row]: its place in the order; made again when the order changes
            deque(map(rank.__setitem__, order, range(n)), maxlen=0)
            self._rank = (rank, order)
        marks = bytearray(n)
        deque(map(marks.__setitem__, map(self._rank[0].__getitem__, found), repeat(1)), maxlen=0)
        return array("l", list(compress(order, marks)))

    def _order_kind(self, order: array) -> str | None:
        """Whether `order` is every row ascending or descending (checked once per order, at C speed)."""
        if self._kind is None or self._kind[1] is not order:
            n = len(order)
            if not n or (order[0] == 0 and order[-1] == n - 1 and order == array("l", range(n))):
                kind: str | None = "ascending"
            elif order[0] == n - 1 and order[-1] == 0 and order == array("l", range(n - 1, -1, -1)):
                kind = "descending"
            else:
                kind = None
            self._kind = (kind, order)
        return self._kind[0]

    def set_facets(self, **facets: str | None) -> None:
        """Mode, tier, Stripe state (a value, or None for all) and attention ("yes": only tenants with items)."""
        self._facets.update(facets)
        self.beginResetModel()
        self._visible = self._filtered(self._order)
        self.endResetModel()

    def set_attention(self, counts: Mapping[int, int]) -> None:
        # The board's own mapping, not a dict copy (an entry per tenant with items: 50,000 live tenants without an
        # account at 100,000 tenants, each a few bytes in the board's TenantCounts).
        self._attention = counts
        if self._facets["attention"]:
            self.set_facets()
        elif self._visible:
            column = ATTENTION
            self.dataChanged.emit(self.index(0, column), self.index(len(self._visible) - 1, column))

    def attention(self, tenant_id: int) -> int:
        return self._attention.get(tenant_id, 0)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._order = self._ordered()
        self._visible = self._filtered(self._order)
        self.layoutChanged.emit()

    def _ordered(self) -> array:
        """Every row in the order of the current sort."""
        column, order = self._sort
        if COLUMNS[column][1] == "attention":
            counts, ids = self._attention, self._rows.id
            return array(
                "l",
                sorted(
                    range(len(ids)), key=lambda i: counts.get(ids[i], 0), reverse=order == Qt.SortOrder.DescendingOrder
                ),
            )
        return _sorted(self._rows, range(len(self._rows)), self._sort, self._haystack)

    # -- lookups ---------------------------------------------------------------------------------------------------
    def row_at(self, row: int) -> TenantRow | None:
        return self._rows.row(self._visible[row]) if 0 <= row < len(self._visible) else None

    def row_of(self, tenant_id: int) -> int:
        ids = self._rows.id
        for n, i in enumerate(self._visible):
            if ids[i] == tenant_id:
                return n
        return -1

    def _cell(self, row: int) -> tuple[TenantColumns, int] | None:
        """Where a row's values are: the columns and the index in them."""
        return self._rows, self._visible[row]

    def total(self) -> int:
        return len(self._rows)

    # -- Qt model API -------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section][0])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        cell = self._cell(index.row()) if index.isValid() else None
        if cell is None:
            return None
        cols, i = cell  # cells read from the columns: no tuple per call
        attr = COLUMNS[index.column()][1]
        if attr == "attention":
            n = self._attention.get(cols.id[i], 0)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return str(n) if n else ""
            if role == Qt.ItemDataRole.ForegroundRole and n:
                return QBrush(QColor(palette.colour("error")))  # the shade readable in light or dark
            if role == Qt.ItemDataRole.ToolTipRole:
                if not n:
                    return tr("Nothing needs attention")
                if n == 1:
                    return tr("1 item on the Needs attention board")
                return tr("{0} items on the Needs attention board").format(n)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return Qt.AlignmentFlag.AlignCenter
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            value = cols.value(attr, i)
            if attr == "stripe":
                return "—" if value == "none" else tr(str(STRIPE_WORDS.get(value, value)))
            if attr == "active":
                return tr("yes") if value else tr("no")
            if attr == "mode":
                return value.upper() if value == Mode.LIVE else value
            return value
        if role == Qt.ItemDataRole.ForegroundRole and (
            (attr == "mode" and cols.mode[i] == Mode.LIVE)
            or (attr == "stripe" and cols.stripe[i] == ConnectionState.RESTRICTED)
        ):
            return QBrush(QColor(palette.colour(Mode.LIVE)))  # the shade readable in light or dark
        if role == Qt.ItemDataRole.FontRole and not cols.active[i]:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setStrikeOut(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{cols.company_name[i]} ({cols.slug[i]})" + ("" if cols.active[i] else " — deactivated")
        return None


def _sorted(data: TenantColumns, rows, sort, haystack: SearchColumn | None = None) -> array:
    column, order = sort
    field = COLUMNS[column][1]
    if field == "attention":  # counts live in the model, which sorts by them itself; here: by name
        field = "company_name"
    values = getattr(data, field)
    reverse = order == Qt.SortOrder.DescendingOrder
    if field == "company_name" and haystack is not None:
        # The search string starts with the case-folded name: sort by its bytes (UTF-8 order is code point order).
        # The database sends the list by name already: when it is in order, no key per row is made at all.
        key = haystack.raw
        if isinstance(rows, range) and rows == range(len(haystack)) and _ascending(key, len(rows)):
            return array("l", reversed(rows) if reverse else rows)
        return array("l", sorted(rows, key=key, reverse=reverse))
    if field in ("company_name", "slug", "email"):
        return array("l", sorted(rows, key=lambda i: values[i].casefold(), reverse=reverse))
    return array("l", sorted(rows, key=values.__getitem__, reverse=reverse))


def _ascending(key, n: int) -> bool:
    """Whether key(0) <= key(1) <= … <= key(n - 1), holding two keys at a time."""
    if n < 2:
        return True
    prev = key(0)
    for i in range(1, n):
        cur = key(i)
        if cur < prev:
            return False
        prev = cur
    return True
