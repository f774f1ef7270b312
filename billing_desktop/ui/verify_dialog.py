"""Verify a webhook signature header against a payload, and say why it fails."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout

from billing_desktop.ui.forms import password_edit
from billing_desktop.ui.i18n import text
from billing_desktop.ui.palette import colour
from billing_desktop.ui.workers import describe, submit


class VerifySignatureDialog(QDialog):
    def __init__(self, services, session, tenant=None, parent=None):
        super().__init__(parent)
        self.services, self.session, self.tenant = services, session, tenant
        self.setWindowTitle(self.tr("Verify webhook signature"))
        self.resize(640, 520)
        v = QVBoxLayout(self)
        form = QFormLayout()
        self.headers = QPlainTextEdit()
        self.headers.setObjectName("verify_headers")
        self.headers.setPlaceholderText(
            self.tr("t=1700000000,v1=5257a8…\n— or —\nwebhook-id: msg_…\nwebhook-timestamp: …\nwebhook-signature: v1,…")
        )
        self.headers.setMaximumHeight(100)
        self.payload = QPlainTextEdit()
        self.payload.setObjectName("verify_payload")
        self.payload.setPlaceholderText(self.tr("The raw request body, exactly as received"))
        self.use_tenant = QCheckBox(
            f"Use the signing secrets of {tenant.company_name}"
            if tenant
            else "Use a tenant's secrets (select a tenant first)"
        )
        self.use_tenant.setEnabled(tenant is not None)
        self.use_tenant.setChecked(tenant is not None)
        self.secret = password_edit(self.tr("whsec_…"))
        self.secret.setObjectName("verify_secret")
        self.use_tenant.toggled.connect(lambda on: self.secret.setEnabled(not on))
        self.secret.setEnabled(tenant is None)
        form.addRow("Signature &header(s):", self.headers)
        form.addRow("&Payload:", self.payload)
        form.addRow("", self.use_tenant)
        form.addRow("&Secret:", self.secret)
        v.addLayout(form)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        v.addWidget(self.verdict)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.verify_button = buttons.addButton("&Verify", QDialogButtonBox.ButtonRole.ActionRole)
        self.verify_button.setObjectName("verify")
        self.verify_button.clicked.connect(self.verify)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)

    def verify(self) -> None:
        from billing_desktop.domain.webhooks import parse_header_args, verify

        lines = [line for line in self.headers.toPlainText().splitlines() if line.strip()]
        body = self.payload.toPlainText().encode()
        use_tenant = self.use_tenant.isChecked() and self.tenant is not None
        secret = self.secret.text().strip()
        tenant_id = self.tenant.id if self.tenant else None

        def work():
            headers = parse_header_args(lines)
            if use_tenant:
                return self.services.webhooks.verify(self.session, tenant_id, headers, body)
            return verify(headers, body, [secret] if secret else [], int(time.time()))

        def show(check) -> None:
            tone = colour("success" if check.valid else "error")
            self.verdict.setText(f"<b style='color:{tone}'>{text(check.message)}</b>")

        submit(work, owner=self, on_done=show, on_error=lambda exc: self.verdict.setText(describe(exc)))
