"""Pages of the Stripe tab's lower half (ui/stripe_ops.py): their base, and the requirements (plain words, raw code
in the tooltip, deadline and countdown, fix-up link) and capabilities (request one) of the tenant shown.

Each page shows the saved copy at once, then asks Stripe in a worker; offline it keeps the saved copy, marked stale.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from billing_desktop.domain.roles import Perm, allows
from billing_desktop.domain.states import CapabilityStatus, PayoutStatus
from billing_desktop.ui.forms import message_label, plain_tip
from billing_desktop.ui.i18n import text, tr
from billing_desktop.ui.link_dialog import LinkDialog
from billing_desktop.ui.palette import text_style
from billing_desktop.ui.records import RecordsModel, date_text, records_view, time_text
from billing_desktop.ui.workers import describe

if TYPE_CHECKING:
    from billing_desktop.ui.stripe_ops import StripeOpsPanel  # which builds these pages

GROUP_WORDS = {
    "past_due": QT_TRANSLATE_NOOP("", "Past due"),
    "currently_due": QT_TRANSLATE_NOOP("", "Due now"),
    "eventually_due": QT_TRANSLATE_NOOP("", "Due later"),
    "pending_verification": QT_TRANSLATE_NOOP("", "Being verified"),
    "error": QT_TRANSLATE_NOOP("", "Rejected"),
}
# Stripe's status words, as the operator reads them (Stripe's own spelling stays in the CLI's --json).
STATUS_WORDS: dict[str, object] = {
    CapabilityStatus.ACTIVE: QT_TRANSLATE_NOOP("", "active"),
    CapabilityStatus.PENDING: QT_TRANSLATE_NOOP("", "pending"),
    CapabilityStatus.INACTIVE: QT_TRANSLATE_NOOP("", "inactive"),
    CapabilityStatus.UNREQUESTED: QT_TRANSLATE_NOOP("", "not requested"),
    PayoutStatus.PAID: QT_TRANSLATE_NOOP("", "paid"),
    PayoutStatus.IN_TRANSIT: QT_TRANSLATE_NOOP("", "in transit"),
    PayoutStatus.CANCELED: QT_TRANSLATE_NOOP("", "canceled"),
    PayoutStatus.FAILED: QT_TRANSLATE_NOOP("", "failed"),
}


def status_words(status: str) -> str:
    words = STATUS_WORDS.get(status)  # StrEnum keys hash as the plain strings Stripe sends
    return tr(str(words)) if words is not None else status.replace("_", " ")


def _stamp(view) -> str:
    if view.fetched_at is None:
        return tr("Not fetched from Stripe yet.")
    return (tr("Saved {0} · stale") if view.stale else tr("Saved {0}")).format(time_text(view.fetched_at))


class OpsPage(QWidget):
    """A page with a status line (fetch time, stale, errors) that loads cached first, then asks Stripe."""

    def __init__(self, panel: StripeOpsPanel):
        super().__init__()
        self.panel = panel
        self.v = QVBoxLayout(self)
        self.v.setContentsMargins(6, 6, 6, 6)
        self.status = QLabel()
        self.status.setObjectName("ops_status")
        self.message = message_label()

    def finish_layout(self) -> None:
        self.v.addWidget(self.status)
        self.v.addWidget(self.message)

    # Each page's own: what it fetches, and how it shows the answer.
    def load(self) -> None:
        raise NotImplementedError

    def show_view(self, view: object) -> None:
        raise NotImplementedError

    def fetch(self, fn, *args, **kwargs) -> None:
        tenant = self.panel.tenant
        if tenant is None:
            return

        def shown(view, tenant_id=tenant.id):
            if self.panel.tenant is not None and self.panel.tenant.id == tenant_id:
                self.show_view(view)

        run, session = self.panel.runner.run, self.panel.session

        def fresh() -> None:
            run(
                partial(fn, refresh=True, **kwargs),
                session,
                tenant.id,
                *args,
                owner=self,
                on_done=shown,
                on_error=self.failed,
            )

        def saved(view: object) -> None:
            shown(view)
            fresh()

        # The saved copy first (instant, and all there is offline), then Stripe's answer.
        run(
            partial(fn, refresh=False, **kwargs),
            session,
            tenant.id,
            *args,
            owner=self,
            on_done=saved,
            on_error=self.failed,
        )

    def failed(self, exc: Exception) -> None:
        self.message.setText(describe(exc))
        self.message.show()

    def show_common(self, view) -> None:
        self.status.setText(_stamp(view))
        self.message.setText(getattr(view, "message", ""))
        self.message.setVisible(bool(getattr(view, "message", "")))


class RequirementsPage(OpsPage):
    def __init__(self, panel):
        super().__init__(panel)
        self.deadline = QLabel()
        self.deadline.setObjectName("requirements_deadline")
        self.disabled = QLabel()
        self.disabled.setTextFormat(Qt.TextFormat.PlainText)  # Stripe's reason, described from its parts: text
        self.disabled.setObjectName("requirements_disabled")
        self.disabled.setStyleSheet(text_style("error", bold=True))
        self.disabled.setWordWrap(True)
        self.v.addWidget(self.deadline)
        self.v.addWidget(self.disabled)
        self.model = RecordsModel(
            [
                (self.tr("When"), lambda r: (self.tr("Future: ") if r.future else "") + tr(str(GROUP_WORDS[r.group]))),
                (self.tr("What Stripe needs"), lambda r: text(r.words)),
                (self.tr("Stripe's reason"), lambda r: text(r.error)),
            ],
            tooltip=lambda r, c: f"{r.code}" + (f"\n{r.error}" if r.error else ""),
            warn=lambda r: r.group in ("past_due", "error"),
        )
        self.table = records_view(self.model, "requirements_table", (110, 380))
        self.v.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.link_button = QPushButton(self.tr("Send &fix-up link…"))
        self.link_button.setObjectName("update_link")
        self.link_button.setToolTip(self.tr("An Account Link where the account holder supplies everything due"))
        self.link_button.clicked.connect(self.make_link)
        self.dashboard_button = QPushButton(self.tr("E&xpress dashboard…"))
        self.dashboard_button.setObjectName("express_dashboard")
        self.dashboard_button.clicked.connect(self.dashboard)
        row.addWidget(self.link_button)
        row.addWidget(self.dashboard_button)
        row.addStretch(1)
        self.v.addLayout(row)
        manage = allows(panel.session.role, Perm.STRIPE_MANAGE)
        self.link_button.setVisible(manage)
        self.dashboard_button.setVisible(manage)
        self.finish_layout()

    def load(self) -> None:
        self.fetch(self.panel.services.connect_account.requirements)

    def show_view(self, view) -> None:
        self.show_common(view)
        if view.current_deadline:
            self.deadline.setText(
                self.tr("Deadline: {0} ({1})").format(date_text(view.current_deadline), text(view.countdown))
            )
        else:
            self.deadline.setText(self.tr("No deadline set.") if view.items else self.tr("Nothing is due."))
        self.disabled.setText(
            self.tr("Disabled: {0}").format(text(view.disabled_words)) if view.disabled_reason else ""
        )
        self.disabled.setToolTip(plain_tip(view.disabled_reason))
        self.disabled.setVisible(bool(view.disabled_reason))
        self.model.set_rows(view.items)
        self.dashboard_button.setEnabled(view.account_type in ("express", ""))

    def _link(self, fn, title: str, text: str) -> None:
        tenant = self.panel.tenant
        if tenant is None:
            return
        self.panel.runner.run(
            fn,
            self.panel.session,
            tenant.id,
            owner=self,
            on_error=self.failed,
            on_done=lambda link: LinkDialog(title, text, link, self.panel.services.stripe.open, self.window()).open(),
        )

    def make_link(self) -> None:
        self._link(
            self.panel.services.connect_account.update_link,
            self.tr("Fix-up link"),
            self.tr("Send this link to the account holder: Stripe asks them for everything due now and later."),
        )

    def dashboard(self) -> None:
        self._link(
            self.panel.services.connect_account.dashboard,
            self.tr("Express dashboard"),
            self.tr("A login link to this account's Express dashboard."),
        )


class CapabilitiesPage(OpsPage):
    def __init__(self, panel):
        super().__init__(panel)
        self.model = RecordsModel(
            [
                (self.tr("Capability"), lambda c: c.name.replace("_", " ")),
                (self.tr("Status"), lambda c: status_words(c.status)),
                (self.tr("Needs"), lambda c: "; ".join(text(r.words) for r in c.due) or text(c.disabled_words)),
            ],
            tooltip=lambda c, col: "\n".join(r.code for r in c.due) or c.name,
            warn=lambda c: c.status == CapabilityStatus.INACTIVE,
        )
        self.table = records_view(self.model, "capabilities_table", (200, 90))
        self.v.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.request_name = QLineEdit()
        self.request_name.setObjectName("capability_name")
        self.request_name.setPlaceholderText(self.tr("capability, e.g. card_payments"))
        self.request_name.setAccessibleName(self.tr("Capability to request"))
        self.request_name.setMinimumWidth(260)
        self.request_button = QPushButton(self.tr("Re&quest"))
        self.request_button.setObjectName("request_capability")
        self.request_button.clicked.connect(self.request)
        row.addWidget(self.request_name)
        row.addWidget(self.request_button)
        row.addStretch(1)
        self.v.addLayout(row)
        for w in (self.request_name, self.request_button):
            w.setVisible(allows(panel.session.role, Perm.STRIPE_MANAGE))
        self.finish_layout()

    def load(self) -> None:
        self.fetch(self.panel.services.connect_account.capabilities)

    def show_view(self, view) -> None:
        self.show_common(view)
        self.model.set_rows(view.items)

    def request(self) -> None:
        name = self.request_name.text().strip()
        if not name or self.panel.tenant is None:
            return
        self.panel.runner.run(
            partial(self.panel.services.connect_account.capabilities, request=name),
            self.panel.session,
            self.panel.tenant.id,
            owner=self,
            on_done=self.show_view,
            on_error=self.failed,
        )
