"""The tenant list as a table model that stays smooth at 100,000 rows: filtering and sorting are index lists."""

from __future__ import annotations

from operator import attrgetter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from billing_desktop.services.tenants import TenantRow

# Mode right after the name: it must be in sight without scrolling the list sideways.
COLUMNS = [
    ("Company", "company_name"),
    ("Mode", "mode"),
    ("Slug", "slug"),
    ("Email", "email"),
    ("Tier", "tier"),
    ("Active", "active"),
]
LIVE = QColor("#c92a2a")


class TenantTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[TenantRow] = []
        self._haystack: list[str] = []
        self._order: list[int] = []  # all row numbers, sorted
        self._visible: list[int] = []  # the sorted ones that match the filter
        self._filter = ""
        self._sort = (0, Qt.SortOrder.AscendingOrder)

    # -- data in -------------------------------------------------------------------------------------------------
    @staticmethod
    def prepare(rows: list[TenantRow], sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)):
        """The slow part of loading (search strings, sort order), pure Python: run it in a worker."""
        haystack = [f"{r.company_name}\t{r.slug}\t{r.email}".casefold() for r in rows]
        return rows, haystack, _sorted(rows, range(len(rows)), sort, haystack), sort

    def set_rows(self, rows: list[TenantRow]) -> None:
        self.set_prepared(self.prepare(rows, self._sort))

    def set_prepared(self, prepared) -> None:
        rows, haystack, order, sort = prepared
        if sort != self._sort:  # the user re-sorted while this was being prepared
            order = _sorted(rows, range(len(rows)), self._sort, haystack)
        self.beginResetModel()
        self._rows, self._haystack, self._order = rows, haystack, order
        self._visible = self._filtered(self._order)
        self.endResetModel()

    @property
    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort

    def set_filter(self, text: str) -> None:
        text = text.strip().casefold()
        if text == self._filter:
            return
        # Narrowing the filter only searches what is already visible.
        base = self._visible if self._filter and text.startswith(self._filter) else self._order
        self._filter = text
        self.beginResetModel()
        self._visible = self._filtered(base)
        self.endResetModel()

    def _filtered(self, rows) -> list[int]:
        if not self._filter:
            return list(rows)
        needle, hay = self._filter, self._haystack
        return [i for i in rows if needle in hay[i]]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._order = _sorted(self._rows, range(len(self._rows)), self._sort, self._haystack)
        self._visible = self._filtered(self._order)
        self.layoutChanged.emit()

    # -- lookups ---------------------------------------------------------------------------------------------------
    def row_at(self, row: int) -> TenantRow | None:
        return self._rows[self._visible[row]] if 0 <= row < len(self._visible) else None

    def row_of(self, tenant_id: int) -> int:
        for n, i in enumerate(self._visible):
            if self._rows[i].id == tenant_id:
                return n
        return -1

    def total(self) -> int:
        return len(self._rows)

    # -- Qt model API -------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section][0]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[self._visible[index.row()]]
        attr = COLUMNS[index.column()][1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            value = getattr(row, attr)
            if attr == "active":
                return "yes" if value else "no"
            if attr == "mode":
                return value.upper() if value == "live" else value
            return value
        if role == Qt.ItemDataRole.ForegroundRole:
            if attr == "mode" and row.mode == "live":
                return QBrush(LIVE)
        if role == Qt.ItemDataRole.FontRole and not row.active:
            from PySide6.QtGui import QFont

            f = QFont()
            f.setStrikeOut(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.company_name} ({row.slug})" + ("" if row.active else " — deactivated")
        return None


def _sorted(data: list[TenantRow], rows, sort, haystack: list[str] | None = None) -> list[int]:
    column, order = sort
    field = COLUMNS[column][1]
    key = attrgetter(field)
    reverse = order == Qt.SortOrder.DescendingOrder
    if field == "company_name" and haystack is not None:
        # The search string starts with the case-folded name: sort by it and make no new strings.
        return sorted(rows, key=haystack.__getitem__, reverse=reverse)
    if field in ("company_name", "slug", "email"):
        return sorted(rows, key=lambda i: key(data[i]).casefold(), reverse=reverse)
    return sorted(rows, key=lambda i: key(data[i]), reverse=reverse)
