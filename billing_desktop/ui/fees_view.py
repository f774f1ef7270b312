"""Platform fees: application fees per tenant in a period, checked against each tenant's agreed percentage,
totals per currency, flagged charges in red, exportable to CSV. Fetching shows progress and can be cancelled."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
)

from billing_desktop.domain.money import format_amount
from billing_desktop.ui.fetch_task import CancellableFetch
from billing_desktop.ui.forms import message_label
from billing_desktop.ui.i18n import text
from billing_desktop.ui.records import RecordsModel, records_view, time_text
from billing_desktop.ui.workers import submit


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class FeesView(CancellableFetch, QDialog):
    def __init__(self, runner, parent=None):
        super().__init__(parent)
        self.setObjectName("fees_view")
        self.setWindowTitle(self.tr("Platform fees"))
        self.setModal(False)
        self.resize(1100, 620)
        self.runner, self.services, self.session = runner, runner.services, runner.session
        self.report = None
        self.task = None
        v = QVBoxLayout(self)
        bar = QHBoxLayout()
        today = self.services.ctx.clock().date()
        self.since = QDateEdit(_qdate(today - timedelta(days=30)))
        self.until = QDateEdit(_qdate(today))
        for edit, name in ((self.since, "fees_since"), (self.until, "fees_until")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setObjectName(name)
        self.tenant = QLineEdit()
        self.tenant.setObjectName("fees_tenant")
        self.tenant.setPlaceholderText(self.tr("all tenants (or a slug)"))
        self.tenant.setAccessibleName(self.tr("Tenant slug"))
        self.offline = QCheckBox(self.tr("&Saved data only"))
        self.offline.setObjectName("fees_offline")
        self.fetch_button = QPushButton(self.tr("&Check fees"))
        self.fetch_button.setObjectName("fees_fetch")
        self.fetch_button.setDefault(True)
        self.fetch_button.clicked.connect(self.fetch)
        self.start_button = self.fetch_button
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("fees_cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        for label, w in (
            (self.tr("From:"), self.since),
            (self.tr("to:"), self.until),
            (self.tr("Tenant:"), self.tenant),
        ):
            lab = QLabel(label)
            lab.setBuddy(w)
            bar.addWidget(lab)
            bar.addWidget(w)
        for b in (self.offline, self.fetch_button, self.cancel_button):
            bar.addWidget(b)
        bar.addStretch(1)
        v.addLayout(bar)
        self.status = QLabel(self.tr("Choose a period and press Check fees."))
        self.status.setObjectName("fees_status")
        self.status.setWordWrap(True)
        v.addWidget(self.status)
        self.message = message_label()
        v.addWidget(self.message)
        split = QSplitter(Qt.Orientation.Vertical)
        self.totals_model = RecordsModel(
            [
                (self.tr("Tenant"), lambda t: t.slug or self.tr("All tenants")),
                (self.tr("Currency"), lambda t: t.currency.upper()),
                (self.tr("Fees"), lambda t: str(t.count)),
                (self.tr("Charges"), lambda t: format_amount(t.charges, t.currency)),
                (self.tr("Collected"), lambda t: format_amount(t.fees, t.currency)),
                (self.tr("Refunded"), lambda t: format_amount(t.refunded, t.currency)),
                (self.tr("Net"), lambda t: format_amount(t.net, t.currency)),
                ("Flagged", lambda t: str(t.flagged) if t.flagged else ""),
            ],
            warn=lambda t: t.flagged > 0,
        )
        self.totals = records_view(self.totals_model, "fees_totals", (160, 70, 60, 140, 120, 110, 120))
        split.addWidget(self.totals)
        self.lines_model = RecordsModel(
            [
                (self.tr("Tenant"), lambda ln: ln.slug),
                (self.tr("Date"), lambda ln: time_text(ln.created)),
                (self.tr("Charge"), lambda ln: format_amount(ln.charge_amount, ln.currency)),
                (self.tr("Fee"), lambda ln: format_amount(ln.fee_amount, ln.currency)),
                (self.tr("Agreed"), lambda ln: f"{format_amount(ln.expected, ln.currency)} ({ln.percent}%)"),
                (self.tr("Refunded"), lambda ln: format_amount(ln.refunded, ln.currency) if ln.refunded else ""),
                (self.tr("Check"), lambda ln: self.tr("differs") if ln.flagged else self.tr("ok")),
            ],
            tooltip=lambda ln, c: f"{ln.fee_id} from {ln.charge_id}",
            warn=lambda ln: ln.flagged,
        )
        self.lines = records_view(self.lines_model, "fees_lines", (150, 150, 120, 100, 150, 90))
        split.addWidget(self.lines)
        split.setSizes([150, 450])
        v.addWidget(split, 1)
        foot = QHBoxLayout()
        self.flagged_only = QCheckBox(self.tr("Show &flagged charges only"))
        self.flagged_only.setObjectName("fees_flagged_only")
        self.flagged_only.toggled.connect(lambda _on: self._show_lines())
        self.export_button = QPushButton(self.tr("&Export CSV…"))
        self.export_button.setObjectName("fees_export")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        foot.addWidget(self.flagged_only)
        foot.addStretch(1)
        foot.addWidget(self.export_button)
        v.addLayout(foot)

    # -- fetching ----------------------------------------------------------------------------------------------
    def _work(self, slug: str, since: date, until: date, *, offline: bool, progress, cancelled):
        tenant_id = self.services.tenants.resolve(self.session, slug) if slug else None
        return self.services.fees.fees(
            self.session,
            tenant_id=tenant_id,
            since=since,
            until=until,
            refresh=not offline,
            progress=progress,
            cancelled=cancelled,
        )

    def fetch(self) -> None:
        self.start_fetch(
            partial(
                self._work,
                self.tenant.text().strip(),
                _pydate(self.since.date()),
                _pydate(self.until.date()),
                offline=self.offline.isChecked(),
            ),
            self.tr("Reading saved fees…") if self.offline.isChecked() else self.tr("Asking Stripe for fees…"),
        )

    def _done(self, report) -> None:
        self._idle()
        self.report = report
        self.totals_model.set_rows(report.totals)
        self._show_lines()
        when = time_text(report.fetched_at) if report.fetched_at else self.tr("never fetched")
        self.status.setText(
            self.tr("{0} fees, {1} flagged (more than one minor unit off the agreed percentage). Data from {2}").format(
                len(report.lines), report.flagged, when
            )
            + (self.tr(" · saved data, may be stale") if report.stale else "")
            + "."
        )
        if report.message:
            self.message.setText(text(report.message))
            self.message.show()
        self.export_button.setEnabled(bool(report.lines))

    def _show_lines(self) -> None:
        if self.report is not None:
            lines = self.report.lines
            self.lines_model.set_rows([ln for ln in lines if ln.flagged] if self.flagged_only.isChecked() else lines)

    # -- export ------------------------------------------------------------------------------------------------
    def export(self) -> None:
        dialog = QFileDialog(self, self.tr("Export fees to CSV"))
        dialog.setObjectName("fees_export_dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile("platform-fees.csv")
        dialog.fileSelected.connect(self.write_csv)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def write_csv(self, path: str) -> None:
        from billing_desktop.services.platform_fees import export_csv

        report = self.report
        if report is None:  # the Export button is enabled only once a report is shown
            return
        submit(
            export_csv,
            report,
            path,
            owner=self,
            on_done=lambda p: self.status.setText(self.tr("Exported to {0}.").format(p)),
            on_error=self._failed,
        )
