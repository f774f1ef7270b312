"""Audit tab: the append-only log, filterable by tenant, actor, action and date, a page at a time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QDate, QModelIndex, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from billing_desktop.services.audit import AuditFilter, AuditRow
from billing_desktop.ui.flow_layout import FlowLayout
from billing_desktop.ui.i18n import tr


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


PAGE = 500
HEADERS = [
    QT_TRANSLATE_NOOP("", "Time (UTC)"),
    QT_TRANSLATE_NOOP("", "Actor"),
    QT_TRANSLATE_NOOP("", "Action"),
    QT_TRANSLATE_NOOP("", "Tenant"),
    QT_TRANSLATE_NOOP("", "Outcome"),
    QT_TRANSLATE_NOOP("", "Reason"),
    QT_TRANSLATE_NOOP("", "Detail"),
]


class AuditModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[AuditRow] = []

    def reset(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def extend(self, rows: list[AuditRow]) -> None:
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(HEADERS[section])
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        r = self.rows[index.row()]
        return [f"{r.at:%Y-%m-%d %H:%M:%S}", r.actor, r.action, r.tenant_slug or "", r.outcome, r.reason, r.detail][
            index.column()
        ]


class AuditTab(QWidget):
    def __init__(self, runner, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.services, self.session = runner.services, runner.session
        self.tenant_id: int | None = None
        v = QVBoxLayout(self)
        bar = FlowLayout()  # the filters wrap on a narrow screen instead of scrolling sideways
        self.only_tenant = QCheckBox(self.tr("Only the selected &tenant"))
        self.only_tenant.setObjectName("only_tenant")
        self.only_tenant.setChecked(not self.session.is_operator)
        self.only_tenant.setEnabled(self.session.is_operator)
        self.actor = QLineEdit()
        self.actor.setObjectName("actor")
        self.actor.setPlaceholderText(self.tr("Actor email"))
        self.actor.setAccessibleName(self.tr("Actor filter"))
        self.action = QComboBox()
        self.action.setObjectName("action")
        self.action.setAccessibleName(self.tr("Action filter"))
        self.action.addItem(self.tr("All actions"), None)
        self.use_dates = QCheckBox(self.tr("&From"))
        self.since = QDateEdit(QDate.currentDate().addDays(-30))
        self.until = QDateEdit(QDate.currentDate())
        for d in (self.since, self.until):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.apply = QPushButton(self.tr("&Apply"))
        self.apply.setObjectName("apply_filter")
        self.apply.clicked.connect(self.reload)
        self.actor.returnPressed.connect(self.reload)
        for w in (
            self.only_tenant,
            self.actor,
            self.action,
            self.use_dates,
            self.since,
            QLabel(self.tr("to")),
            self.until,
            self.apply,
        ):
            bar.add(w)
        v.addLayout(bar)
        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setObjectName("audit_table")
        self.table.setAccessibleName(self.tr("Audit log"))
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        # Fixed widths: measuring contents would touch every row of a large page.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        # Time to Reason fit beside the tenant list on a 1366-px screen; Detail stretches, every cell has a tooltip.
        for column, width in enumerate((128, 170, 140, 90, 60, 150)):
            self.table.setColumnWidth(column, width)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        self.settings = getattr(runner.window, "settings", None)
        state = self.settings.value("audit/columns") if self.settings is not None else None
        if state is not None:
            header.restoreState(state)  # the operator's own widths and order, from last time
        header.sectionResized.connect(self._remember_columns)
        header.sectionMoved.connect(self._remember_columns)
        v.addWidget(self.table, 1)
        foot = QHBoxLayout()
        self.count = QLabel()
        self.more = QPushButton(self.tr("Load &more"))
        self.more.setObjectName("load_more")
        self.more.clicked.connect(self.load_more)
        foot.addWidget(self.count)
        foot.addStretch(1)
        foot.addWidget(self.more)
        v.addLayout(foot)

    def _remember_columns(self, *_) -> None:
        if self.settings is not None:
            self.settings.setValue("audit/columns", self.table.horizontalHeader().saveState())

    def set_tenant(self, tenant_id: int | None) -> None:
        self.tenant_id = tenant_id
        if self.only_tenant.isChecked() and self.isVisible():
            self.reload()

    def current_filter(self) -> AuditFilter:
        since = until = None
        if self.use_dates.isChecked():
            since = datetime.combine(_pydate(self.since.date()), time.min, UTC)
            until = datetime.combine(_pydate(self.until.date()), time.min, UTC) + timedelta(days=1)
        tenant = self.tenant_id if self.only_tenant.isChecked() else None
        return AuditFilter(
            tenant_id=tenant,
            actor=self.actor.text().strip() or None,
            action=self.action.currentData(),
            since=since,
            until=until,
        )

    def reload(self) -> None:
        f = self.current_filter()
        self.runner.run(
            self.services.audit.list,
            self.session,
            f,
            PAGE,
            0,
            owner=self,
            on_done=lambda rows: self._loaded(rows, reset=True),
        )
        self.runner.run(self.services.audit.actions, self.session, owner=self, on_done=self._actions)

    def load_more(self) -> None:
        self.runner.run(
            self.services.audit.list,
            self.session,
            self.current_filter(),
            PAGE,
            len(self.model.rows),
            owner=self,
            on_done=lambda rows: self._loaded(rows, reset=False),
        )

    def _loaded(self, rows, *, reset: bool) -> None:
        self.model.reset(rows) if reset else self.model.extend(rows)
        self.more.setEnabled(len(rows) == PAGE)
        self.count.setText(f"{len(self.model.rows)} entries shown")

    def _actions(self, actions: list[str]) -> None:
        current = self.action.currentData()
        with QSignalBlocker(self.action):
            self.action.clear()
            self.action.addItem(self.tr("All actions"), None)
            for a in actions:
                self.action.addItem(a, a)
            self.action.setCurrentIndex(max(0, self.action.findData(current)))
