"""A read-only table model over a list of records, with a column per (header, text function), tooltips and a
warning colour per row; and a link dialog (Copy, Open in browser) for the links Stripe makes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from billing_desktop.ui.forms import plain_tip
from billing_desktop.ui.palette import colour

Column = tuple[str, Callable[[Any], str]]


class RecordsModel(QAbstractTableModel):
    def __init__(
        self,
        columns: Sequence[Column],
        *,
        tooltip: Callable[[Any, int], str | None] | None = None,
        warn: Callable[[Any], bool] | None = None,
        parent=None,
    ):
        super().__init__(parent)
        self.columns, self.tooltip, self.warn = list(columns), tooltip, warn
        self.rows: Sequence[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        # A list is copied (the caller may change it); another sequence is kept as it is: the board's items make a
        # row only when one is read, and a list of them would be one object per live tenant without an account.
        self.rows = list(rows) if isinstance(rows, list) or not isinstance(rows, Sequence) else rows
        self.endResetModel()

    def row(self, n: int) -> Any:
        return self.rows[n] if 0 <= n < len(self.rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][0]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.columns[index.column()][1](record)
        if role == Qt.ItemDataRole.ToolTipRole and self.tooltip is not None:
            return plain_tip(self.tooltip(record, index.column()))
        if role == Qt.ItemDataRole.ForegroundRole and self.warn is not None and self.warn(record):
            return QBrush(QColor(colour("error")))
        return None


def records_view(model: RecordsModel, name: str, widths: Sequence[int] = ()) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(name.replace("_", " ").capitalize())
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    return view


def date_text(value) -> str:
    return f"{value:%Y-%m-%d}" if value is not None else "—"


def time_text(value) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value is not None else "—"
