"""Paste a Stripe event and its Stripe-Signature header: verified with the platform's Connect webhook signing secret
(Platform Stripe settings), then applied to
the Connect cache (account.updated, capability.updated, payout.failed, charge.dispute.created,
account.application.deauthorized) and so to the attention board."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout

from billing_desktop.domain.states import EventOutcome
from billing_desktop.ui.forms import message_label
from billing_desktop.ui.i18n import text
from billing_desktop.ui.palette import colour
from billing_desktop.ui.workers import describe, submit

# The verdict's tone (ui/palette.py: readable in light and dark).
TONES = {EventOutcome.APPLIED: "success", EventOutcome.IGNORED: "warning", EventOutcome.REFUSED: "error"}


class ApplyEventDialog(QDialog):
    applied = Signal(object)  # the EventResult, when the cache changed

    def __init__(self, services, session, tenant, parent=None):
        super().__init__(parent)
        self.setObjectName("apply_event_dialog")
        self.services, self.session, self.tenant = services, session, tenant
        self.setWindowTitle(self.tr("Apply a Stripe event to {0}").format(tenant.company_name))
        self.resize(680, 520)
        v = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Paste an event Stripe sent (its body exactly as received) and the <b>Stripe-Signature</b> header it "
                "came with. It is checked against the platform's Connect webhook signing secret and must name "
                "{0}'s connected account and mode."
            ).format(escape(tenant.company_name))
        )
        intro.setWordWrap(True)
        v.addWidget(intro)
        form = QFormLayout()
        self.signature = QLineEdit()
        self.signature.setObjectName("event_signature")
        self.signature.setPlaceholderText("t=1700000000,v1=5257a8…")
        self.signature.setAccessibleName(self.tr("Stripe-Signature header"))
        self.payload = QPlainTextEdit()
        self.payload.setObjectName("event_payload")
        self.payload.setPlaceholderText('{"id": "evt_…", "type": "account.updated", "account": "acct_…", …}')
        self.payload.setAccessibleName(self.tr("Event body"))
        self.payload.setTabChangesFocus(True)
        form.addRow(self.tr("&Stripe-Signature:"), self.signature)
        form.addRow(self.tr("Event &body:"), self.payload)
        v.addLayout(form)
        self.verdict = QLabel()
        self.verdict.setObjectName("event_verdict")
        self.verdict.setWordWrap(True)
        v.addWidget(self.verdict)
        self.message = message_label()
        v.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = buttons.addButton(self.tr("&Apply"), QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button.setObjectName("apply_event")
        self.apply_button.setDefault(True)
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.finished.connect(self.deleteLater)

    def apply(self) -> None:
        header, body = self.signature.text().strip(), self.payload.toPlainText().encode()
        self.message.hide()
        if not header or not body.strip():
            self.message.setText(self.tr("Paste both the Stripe-Signature header and the event body."))
            self.message.show()
            (self.signature if not header else self.payload).setFocus()
            return
        self.apply_button.setEnabled(False)
        self.verdict.setText(self.tr("Checking…"))
        submit(
            self.services.connect_events.apply_signed,
            self.session,
            self.tenant.id,
            {"Stripe-Signature": header},
            body,
            owner=self,
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, result) -> None:
        self.apply_button.setEnabled(True)
        tone = colour(TONES.get(result.outcome, "error"))
        # The message may quote the pasted event (the account it names): shown as text, never as markup.
        self.verdict.setText(f"<b style='color:{tone}'>{escape(text(result.message))}</b>")
        self.verdict.setToolTip(f"<p>{escape(result.event_type)}</p>" if result.event_type else "")
        if result.outcome == EventOutcome.APPLIED:
            self.applied.emit(result)

    def _failed(self, exc: Exception) -> None:
        self.apply_button.setEnabled(True)
        self.verdict.clear()
        self.message.setText(describe(exc))
        self.message.show()
