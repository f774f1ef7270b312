"""Open disputes across every tenant, those awaiting evidence first, the nearest evidence deadline first.

Opens on the saved copy at once; "Refresh from Stripe" asks each connected account in turn (progress and Cancel;
what was fetched is kept). A row opens its tenant at the Stripe tab (Enter or double-click)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from billing_desktop.ui.fetch_task import CancellableFetch
from billing_desktop.ui.forms import message_label
from billing_desktop.ui.i18n import text
from billing_desktop.ui.records import RecordsModel, records_view, time_text

NEEDS_EVIDENCE = ("warning_needs_response", "needs_response")


def _due(d) -> str:
    return f"{time_text(d.due_by)} ({text(d.countdown)})" if d.due_by else "—"


class DisputesView(CancellableFetch, QDialog):
    open_tenant = Signal(int, str)  # tenant id, tab

    def __init__(self, runner, parent=None):
        super().__init__(parent)
        self.setObjectName("disputes_view")
        self.setWindowTitle(self.tr("Open disputes"))
        self.setModal(False)
        self.resize(1000, 480)
        self.runner, self.services, self.session = runner, runner.services, runner.session
        self.view = None
        self.task = None
        v = QVBoxLayout(self)
        head = QHBoxLayout()
        self.heading = QLabel(self.tr("<h3>Open disputes</h3>"))
        self.evidence_only = QCheckBox(self.tr("&Awaiting evidence only"))
        self.evidence_only.setObjectName("disputes_evidence_only")
        self.evidence_only.setChecked(True)
        self.evidence_only.toggled.connect(lambda _on: self._show_rows())
        self.refresh_button = QPushButton(self.tr("&Refresh from Stripe"))
        self.refresh_button.setObjectName("disputes_refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.start_button = self.refresh_button
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("disputes_cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        head.addWidget(self.heading)
        head.addStretch(1)
        for w in (self.evidence_only, self.refresh_button, self.cancel_button):
            head.addWidget(w)
        v.addLayout(head)
        self.status = QLabel()
        self.status.setObjectName("disputes_status")
        self.status.setWordWrap(True)
        v.addWidget(self.status)
        self.message = message_label()
        v.addWidget(self.message)
        self.model = RecordsModel(
            [
                (self.tr("Evidence due"), _due),
                (self.tr("Tenant"), lambda d: d.slug),
                (self.tr("Amount"), lambda d: d.amount_text),
                (self.tr("Reason"), lambda d: text(d.reason_words)),
                (self.tr("Status"), lambda d: d.status.replace("_", " ")),
            ],
            tooltip=lambda d, c: f"{text(d.reason_words)}\n{d.id} on {d.charge} ({d.reason})",
            warn=lambda d: d.overdue,
        )
        self.table = records_view(self.model, "disputes_all_table", (230, 140, 100, 400))
        self.table.activated.connect(lambda _i: self.open_selected())
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        v.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("No open dispute awaits evidence."))
        self.empty.setObjectName("disputes_empty")
        self.empty.hide()
        v.addWidget(self.empty)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open tenant"))
        self.open_button.setObjectName("disputes_open")
        self.open_button.clicked.connect(self.open_selected)
        row.addWidget(self.open_button)
        row.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        row.addWidget(close)
        v.addLayout(row)

    # -- data --------------------------------------------------------------------------------------------------
    def load(self) -> None:
        """The saved copy, at once (works offline)."""
        self._start(refresh=False)

    def refresh(self) -> None:
        self._start(refresh=True)

    def _start(self, *, refresh: bool) -> None:
        self.start_fetch(
            partial(self.services.disputes.disputes, self.session, refresh=refresh),
            self.tr("Asking Stripe…") if refresh else self.tr("Reading saved disputes…"),
            cancellable=refresh,
        )

    def _done(self, view) -> None:
        self._idle()
        self.view = view
        self._show_rows()
        waiting = sum(d.status in NEEDS_EVIDENCE for d in view.items)
        overdue = sum(d.overdue for d in view.items)
        when = time_text(view.fetched_at) if view.fetched_at else self.tr("never fetched")
        # One string per number form, as elsewhere in the app (German: "1 wartet" but "2 warten").
        counts = (
            self.tr("{0} open, 1 awaiting evidence") if waiting == 1 else self.tr("{0} open, {1} awaiting evidence")
        ).format(len(view.items), waiting)
        self.status.setText(
            counts
            + (self.tr(", {0} past the deadline").format(overdue) if overdue else "")
            + self.tr(". Data from {0}").format(when)
            + (self.tr(" · saved data, may be stale") if view.stale else "")
            + "."
        )
        problems = [text(p) for p in view.problems if p]
        self.message.setText("\n".join(problems))
        self.message.setVisible(bool(problems))

    def _show_rows(self) -> None:
        if self.view is None:
            return
        rows = self.view.items
        if self.evidence_only.isChecked():
            rows = [d for d in rows if d.status in NEEDS_EVIDENCE]
        self.model.set_rows(rows)
        n = len(rows)
        self.heading.setText(self.tr("<h3>Open disputes — {0} shown</h3>").format(n))
        self.table.setVisible(bool(n))
        self.empty.setText(
            self.tr("No open dispute awaits evidence.")
            if self.evidence_only.isChecked()
            else self.tr("No open disputes.")
        )
        self.empty.setVisible(not n)
        if n:
            self.table.selectRow(0)

    def open_selected(self) -> None:
        d = self.model.row(self.table.currentIndex().row())
        if d is not None:
            self.open_tenant.emit(d.tenant_id, "stripe")
