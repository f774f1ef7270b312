"""Stripe tab: status badge and details, Connect (OAuth) and Onboard (Account Links) with Copy/Cancel, Disconnect."""

from __future__ import annotations

import functools

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from billing_desktop.domain.roles import Perm, allows
from billing_desktop.domain.states import ConnectionState
from billing_desktop.ui.elided import ElidedLabel
from billing_desktop.ui.empty_state import InlineHint
from billing_desktop.ui.flow_layout import FlowLayout
from billing_desktop.ui.forms import confirm, message_label, plain_tip
from billing_desktop.ui.i18n import text as text_
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.palette import STATUS_MESSAGE_MS, badge_style
from billing_desktop.ui.stripe_waiting import WaitingBox
from billing_desktop.ui.workers import describe, submit

BADGES = {
    ConnectionState.CONNECTED: "success",
    ConnectionState.PENDING: "warning",
    ConnectionState.RESTRICTED: "error",
    ConnectionState.DISCONNECTED: "muted",
}
FIELDS = [
    ("account_id", QT_TRANSLATE_NOOP("", "Account")),
    ("business_name", QT_TRANSLATE_NOOP("", "Business name")),
    ("email", QT_TRANSLATE_NOOP("", "Email")),
    ("country", QT_TRANSLATE_NOOP("", "Country")),
    ("default_currency", QT_TRANSLATE_NOOP("", "Default currency")),
    ("charges_enabled", QT_TRANSLATE_NOOP("", "Charges enabled")),
    ("payouts_enabled", QT_TRANSLATE_NOOP("", "Payouts enabled")),
    ("details_submitted", QT_TRANSLATE_NOOP("", "Details submitted")),
    ("currently_due", QT_TRANSLATE_NOOP("", "Currently due")),
    ("past_due", QT_TRANSLATE_NOOP("", "Past due")),
    ("disabled_reason", QT_TRANSLATE_NOOP("", "Disabled reason")),
    ("livemode", QT_TRANSLATE_NOOP("", "Live mode")),
    ("connected_at", QT_TRANSLATE_NOOP("", "Connected at")),
    ("fetched_at", QT_TRANSLATE_NOOP("", "Fetched at")),
]


def _fmt(value) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    if isinstance(value, list):
        return ", ".join(value)
    if hasattr(value, "strftime"):
        return f"{value:%Y-%m-%d %H:%M} UTC"
    return str(value)


class StripeTab(QWidget):
    status_shown = Signal(object)  # the status (or None) now on screen

    def __init__(self, runner, parent=None):
        super().__init__(parent)
        self.runner = runner
        self.services, self.session = runner.services, runner.session
        self.tenant = None
        self.status = None
        self.attempt = None
        v = QVBoxLayout(self)
        head = QHBoxLayout()
        self.heading = ElidedLabel(heading=True)
        self.badge = QLabel()
        self.badge.setObjectName("stripe_badge")
        head.addWidget(self.heading, 1)  # elides a long name; the badge stays in view at the right
        head.addWidget(self.badge)
        v.addLayout(head)
        self.setup_hint = InlineHint("stripe_setup_hint")  # the platform has no Stripe keys yet (operators)
        v.addWidget(self.setup_hint)
        self.connect_hint = InlineHint("stripe_connect_hint")  # this tenant has no Stripe account yet
        v.addWidget(self.connect_hint)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: labels above their values
        self.values = {}
        for name, label in FIELDS:
            lab = QLabel("—")
            lab.setTextFormat(Qt.TextFormat.PlainText)  # Stripe's values (a business name) are text, never markup
            lab.setObjectName(f"stripe_{name}")
            lab.setWordWrap(True)
            form.addRow(f"{tr(str(label))}:", lab)
            self.values[name] = lab
        v.addLayout(form)
        self.message = message_label()
        v.addWidget(self.message)

        box = self.waiting = WaitingBox()
        box.cancel_button.clicked.connect(self.cancel)
        box.submit_pasted.clicked.connect(self.use_pasted)
        # The box's widgets by the names tests use.
        self.waiting_note, self.url, self.copy_url, self.cancel_button = (
            box.note,
            box.url,
            box.copy_url,
            box.cancel_button,
        )
        self.pasted, self.submit_pasted, self.paste_error = box.pasted, box.submit_pasted, box.paste_error
        self.browser_opened_text = box.browser_opened_text
        v.addWidget(box)

        buttons = FlowLayout()  # wraps on a narrow screen instead of scrolling sideways
        self.connect_button = QPushButton(self.tr("&Connect Stripe account…"))
        self.connect_button.setObjectName("connect_stripe")
        self.connect_button.clicked.connect(self.connect_account)
        self.onboard_type = QComboBox()
        self.onboard_type.addItem(self.tr("Express"), "express")
        self.onboard_type.addItem(self.tr("Standard"), "standard")
        self.onboard_type.setAccessibleName(self.tr("New account type"))
        self.onboard_button = QPushButton(self.tr("&Onboard new account"))
        self.onboard_button.setObjectName("onboard_stripe")
        self.onboard_button.clicked.connect(self.onboard)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setObjectName("refresh_stripe")
        self.refresh_button.clicked.connect(lambda: self.load(refresh=True))
        self.disconnect_button = QPushButton(self.tr("&Disconnect…"))
        self.disconnect_button.setObjectName("disconnect_stripe")
        self.disconnect_button.clicked.connect(self.disconnect_account)
        buttons.add(
            self.connect_button, self.onboard_type, self.onboard_button, self.refresh_button, self.disconnect_button
        )
        v.addLayout(buttons)
        from billing_desktop.ui.stripe_ops import StripeOpsPanel

        self.ops = StripeOpsPanel(runner)
        self.ops.hide()
        v.addWidget(self.ops, 100)
        v.addStretch(1)  # while the panel is hidden the room goes here, not into a tall badge and gaps
        self.can_manage = allows(self.session.role, Perm.STRIPE_MANAGE)
        for button in (self.connect_button, self.onboard_type, self.onboard_button, self.disconnect_button):
            button.setVisible(self.can_manage)
        self.set_tenant(None)

    # -- data --------------------------------------------------------------------------------------------------
    def set_tenant(self, tenant) -> None:
        if self.attempt is not None:
            self.cancel()
        self.tenant = tenant
        self.setEnabled(tenant is not None)
        self.heading.setText(
            self.tr("Stripe — {0}").format(tenant.company_name) if tenant else self.tr("No tenant selected")
        )
        self.show_status(None)
        if tenant is not None and self.isVisible():
            self.load()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.load()

    def load(self, *, refresh: bool = False) -> None:
        if self.tenant is None:
            return
        if self.session.is_operator:
            self.runner.run(self.services.stripe_platform.get, self.session, owner=self, on_done=self._platform_loaded)
        tenant_id = self.tenant.id
        self.refresh_button.setEnabled(False)
        self.runner.run(
            functools.partial(self.services.stripe.status, refresh=refresh),
            self.session,
            tenant_id,
            owner=self,
            on_done=lambda st: self._loaded(tenant_id, st, refreshed=refresh),
            on_error=self._error,
        )

    def _platform_loaded(self, platform) -> None:
        if platform.client_id and platform.secret_key_masked:
            self.setup_hint.hide()
            return
        self.setup_hint.show_hint(
            self.tr(
                "Stripe is not set up for the platform yet: enter the Connect client ID and the platform's secret "
                "key before connecting tenants."
            ),
            self.tr("Platform &Stripe settings…"),
            self._platform_settings,
        )

    def _platform_settings(self) -> None:
        from billing_desktop.ui.main_actions import MainActions

        window = self.window()
        if isinstance(window, MainActions):  # the tab outside a main window (a test) has no such dialog
            window.platform_settings()

    def _status(self, message: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):  # the tab outside a main window (a test) has no status bar
            window.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def _loaded(self, tenant_id: int, status, *, refreshed: bool = False) -> None:
        self.refresh_button.setEnabled(True)
        if self.tenant is not None and self.tenant.id == tenant_id:
            self.show_status(status, refreshed=refreshed)

    def _error(self, exc: Exception) -> None:
        self.refresh_button.setEnabled(True)
        self.message.setText(describe(exc))
        self.message.show()

    def show_status(self, st, *, refreshed: bool = False) -> None:
        self.status = st
        state = st.state if st else ConnectionState.DISCONNECTED
        stale = self.tr(" · stale") if st and st.stale and state != ConnectionState.DISCONNECTED else ""
        words = {
            ConnectionState.PENDING: self.tr("Pending"),
            ConnectionState.CONNECTED: self.tr("Connected"),
            ConnectionState.RESTRICTED: self.tr("Restricted"),
            ConnectionState.DISCONNECTED: self.tr("Disconnected"),
        }
        self.badge.setText(f" {words.get(state, state).upper()}{stale} ")  # the state in the operator's language
        self.badge.setStyleSheet(badge_style(BADGES[state]))
        for name, _ in FIELDS:
            self.values[name].setText(_fmt(getattr(st, name, None)) if st else "—")
            self.values[name].setToolTip("")
        if st:  # Stripe's codes in plain words; the codes themselves in the tooltip
            from billing_desktop.domain.requirements import disabled_words, requirement_words

            for name in ("currently_due", "past_due"):
                codes = getattr(st, name)
                if codes:
                    self.values[name].setText("; ".join(text_(requirement_words(c)) for c in codes))
                    self.values[name].setToolTip(plain_tip(", ".join(codes)))
            if st.disabled_reason:
                self.values["disabled_reason"].setText(text_(disabled_words(st.disabled_reason)))
                self.values["disabled_reason"].setToolTip(plain_tip(st.disabled_reason))
        if st and st.message:
            self.message.setText(text_(st.message))
            self.message.show()
        else:
            self.message.hide()
        connected = state != ConnectionState.DISCONNECTED
        # After Refresh the lower pages re-read too: they showed "Nothing is due." beside fields listing what is due.
        self.ops.set_tenant(self.tenant, connected=connected and st is not None, again=refreshed)
        busy = self.attempt is not None
        if st is not None and not connected and not busy:
            self.connect_hint.show_hint(
                self.tr(
                    "No Stripe account is connected to {0}. Connect the account it already has, or onboard a new one."
                ).format(self.tenant.company_name if self.tenant else "")
                if self.can_manage
                else self.tr("No Stripe account is connected yet; an owner or a platform operator can connect one.")
            )
        else:
            self.connect_hint.hide()
        self.connect_button.setEnabled(not connected and not busy)
        self.onboard_button.setEnabled(not busy and (not connected or state == ConnectionState.PENDING))
        self.disconnect_button.setEnabled(connected and not busy)
        self.status_shown.emit(st)

    # -- connecting ------------------------------------------------------------------------------------------------
    def connect_account(self) -> None:
        if self.tenant is not None:
            self._start(self.services.stripe.start_connect, self.session, self.tenant.id)

    def onboard(self) -> None:
        if self.tenant is not None:
            self._start(
                self.services.stripe.start_onboarding, self.session, self.tenant.id, self.onboard_type.currentData()
            )

    def _start(self, fn, *args) -> None:
        self.message.hide()
        self.connect_button.setEnabled(False)
        self.onboard_button.setEnabled(False)
        self.runner.run(fn, *args, owner=self, on_done=self._waiting, on_error=self._failed)

    def _waiting(self, attempt) -> None:
        self.attempt = attempt
        self.waiting.start(attempt.url, attempt.notice)
        self.show_status(self.status)
        submit(self.services.stripe.open, attempt.url, owner=self, on_done=self._browser_started)
        submit(attempt.wait, self.services.stripe.timeout, owner=self, on_done=self._connected, on_error=self._failed)

    def _browser_started(self, started: bool) -> None:  # noqa: FBT001 - a worker's result, passed positionally
        if not started and self.attempt is not None:
            self.waiting.no_browser()

    def _connected(self, status) -> None:
        self.attempt = None
        self.waiting.hide()
        self.show_status(status)
        self._status(self.tr("Stripe account connected."))

    def _failed(self, exc: Exception) -> None:
        self.attempt = None
        self.waiting.hide()
        self.show_status(self.status)
        self.message.setText(describe(exc))
        self.message.show()

    def cancel(self) -> None:
        if self.attempt is not None:
            self.attempt.cancel()  # the waiting worker wakes up and reports "Cancelled."

    def receive_link(self, url: str) -> None:
        """A link handed to a second launch of the app: the address Stripe sent the browser to."""
        if self.attempt is not None:
            self.pasted.setText(url)
            self.use_pasted()

    def use_pasted(self) -> None:
        attempt = self.attempt
        if attempt is None:
            return
        self.paste_error.hide()
        submit(
            attempt.submit_url,
            self.pasted.text(),
            owner=self,
            on_error=lambda exc: self.waiting.paste_failed(describe(exc)),
        )

    def disconnect_account(self) -> None:  # not `disconnect`: that is QObject's, for signals
        st = self.status
        if st is None or self.tenant is None:
            return
        tenant = self.tenant

        def done(said: str) -> None:
            self._status(text_(said))
            self.load()

        def go() -> None:
            self.runner.run(
                self.services.stripe.disconnect,
                self.session,
                tenant.id,
                owner=self,
                reason=self.tr("Disconnecting Stripe needs your password again."),
                on_done=done,
                on_error=self._error,
            )

        confirm(
            self,
            self.tr("Disconnect Stripe"),
            self.tr(
                "Disconnect {0} from {1}?\n\nThe platform loses access to the account and its tokens are deleted. "
                "The tenant can connect again later."
            ).format(st.account_id, tenant.company_name),
            self.tr("Disconnect"),
            go,
        )
