"""The Stripe tab's lower half: a tab per page (ui/stripe_requirements.py: requirements, capabilities), balance and
payouts, and open disputes of the tenant shown."""

from __future__ import annotations

from functools import partial
from html import escape

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTabWidget

from billing_desktop.domain.states import PayoutStatus
from billing_desktop.ui.i18n import text
from billing_desktop.ui.records import RecordsModel, date_text, records_view, time_text
from billing_desktop.ui.stripe_requirements import CapabilitiesPage, OpsPage, RequirementsPage, status_words


class MoneyPage(OpsPage):
    def __init__(self, panel):
        super().__init__(panel)
        self.balance = QLabel("—")
        self.balance.setObjectName("balance")
        self.balance.setWordWrap(True)
        self.v.addWidget(self.balance)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Payouts:")))
        self.filter = QComboBox()
        self.filter.setObjectName("payout_filter")
        self.filter.setAccessibleName(self.tr("Payout status"))
        for label, value in (
            (self.tr("All"), None),
            (self.tr("Failed"), PayoutStatus.FAILED.value),
            (self.tr("Paid"), PayoutStatus.PAID.value),
            (self.tr("In transit"), PayoutStatus.IN_TRANSIT.value),
        ):
            self.filter.addItem(label, value)
        self.filter.currentIndexChanged.connect(lambda _i: self.load_payouts())
        row.addWidget(self.filter)
        row.addStretch(1)
        self.v.addLayout(row)
        self.model = RecordsModel(
            [
                (self.tr("Amount"), lambda p: p.amount.text),
                (self.tr("Status"), lambda p: status_words(p.status)),
                (self.tr("Arrival"), lambda p: date_text(p.arrival_date)),
                (self.tr("Failure"), lambda p: text(p.failure_words)),
            ],
            tooltip=lambda p, c: p.id + (f"\n{p.failure_code}" if p.failure_code else ""),
            warn=lambda p: p.status == PayoutStatus.FAILED,
        )
        self.table = records_view(self.model, "payouts_table", (120, 90, 100))
        self.v.addWidget(self.table, 1)
        self.finish_layout()

    def load(self) -> None:
        self.fetch(self.panel.services.connect_account.balance)
        self.load_payouts()

    def load_payouts(self) -> None:
        self.fetch(self.panel.services.connect_account.payouts, status=self.filter.currentData())

    def show_view(self, view) -> None:
        if hasattr(view, "available"):
            self.show_common(view)
            avail = ", ".join(m.text for m in view.available) or "—"
            pending = ", ".join(m.text for m in view.pending) or "—"
            self.balance.setText(  # amounts carry Stripe's currency codes: escaped into the markup
                self.tr("<b>Available:</b> {0} &nbsp; <b>Pending:</b> {1}").format(escape(avail), escape(pending))
            )
        else:
            self.model.set_rows(view.items)


class DisputesPage(OpsPage):
    def __init__(self, panel):
        super().__init__(panel)
        self.model = RecordsModel(
            [
                (
                    self.tr("Evidence due"),
                    lambda d: f"{time_text(d.due_by)} ({text(d.countdown)})" if d.due_by else "—",
                ),
                (self.tr("Amount"), lambda d: d.amount_text),
                (self.tr("Reason"), lambda d: text(d.reason_words)),
                (self.tr("Status"), lambda d: d.status.replace("_", " ")),
            ],
            tooltip=lambda d, c: f"{d.id} on {d.charge} ({d.reason})",
            warn=lambda d: d.overdue,
        )
        self.table = records_view(self.model, "disputes_table", (230, 100, 260))
        self.v.addWidget(self.table, 1)
        self.finish_layout()

    def load(self) -> None:
        tenant = self.panel.tenant
        if tenant is None:
            return
        fn = self.panel.services.disputes.disputes

        def shown(view, tenant_id=tenant.id):
            if self.panel.tenant is not None and self.panel.tenant.id == tenant_id:
                self.show_common(view)
                self.message.setText("\n".join(text(p) for p in view.problems))
                self.message.setVisible(bool(view.problems))
                self.model.set_rows(view.items)

        run, session = self.panel.runner.run, self.panel.session

        def fresh() -> None:
            run(
                partial(fn, tenant_id=tenant.id, refresh=True), session, owner=self, on_done=shown, on_error=self.failed
            )

        def saved(view: object) -> None:
            shown(view)
            fresh()

        run(partial(fn, tenant_id=tenant.id, refresh=False), session, owner=self, on_error=self.failed, on_done=saved)


class StripeOpsPanel(QTabWidget):
    def __init__(self, runner, parent=None):
        super().__init__(parent)
        self.setObjectName("stripe_ops")
        self.runner, self.services, self.session = runner, runner.services, runner.session
        self.tenant = None
        self._shown: tuple[int | None, bool] | None = None
        self.requirements = RequirementsPage(self)
        self.capabilities = CapabilitiesPage(self)
        self.money = MoneyPage(self)
        self.disputes = DisputesPage(self)
        self.addTab(self.requirements, self.tr("Re&quirements"))
        self.addTab(self.capabilities, self.tr("Ca&pabilities"))
        self.addTab(self.money, self.tr("&Balance && payouts"))
        self.addTab(self.disputes, self.tr("D&isputes"))
        self.setMinimumHeight(300)
        self.currentChanged.connect(lambda _i: self.load())

    def set_tenant(self, tenant, *, connected: bool, again: bool = False) -> None:
        """Called whenever the tab shows a status: pages reload only when the tenant or its connection changed, or
        `again` after the operator's Refresh."""
        key = (tenant.id if tenant else None, connected)
        if key == self._shown and not again:
            return
        self._shown = key
        self.tenant = tenant if connected else None
        self.setVisible(connected)
        for page in (self.requirements, self.capabilities, self.money, self.disputes):
            page.model.set_rows([])
        if connected:
            self.load()

    def load(self) -> None:
        page = self.currentWidget()
        if self.tenant is not None and self.isVisible() and isinstance(page, OpsPage):
            page.load()
