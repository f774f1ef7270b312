"""Platform Stripe settings (operators): client ID, secret key and Connect webhook signing secret (sealed in the
vault), listener port, relay URL."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QLineEdit, QSpinBox

from billing_desktop.ui.forms import password_edit
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.task_dialog import TaskDialog


class PlatformStripeDialog(TaskDialog):
    ok_text = QT_TRANSLATE_NOOP("", "Save")

    def __init__(self, services, session, current, parent=None):
        super().__init__(
            tr("Platform Stripe settings"),
            parent,
            intro=tr(
                "Used for every tenant's Stripe Connect. The secret key and the webhook secret are sealed in the "
                "database, opened only with the operators' keys."
            ),
        )
        self.services, self.session = services, session
        f = self.form
        self.client_id = f.add("client_id", self.tr("Connect &client ID:"), QLineEdit(current.client_id))
        self.client_id.setPlaceholderText(self.tr("ca_…"))
        self.secret_key = f.add(
            "secret_key",
            self.tr("&Secret key:"),
            password_edit(
                f"stored: {current.secret_key_masked} — leave empty to keep"
                if current.secret_key_masked
                else "sk_test_… or sk_live_…"
            ),
        )
        self.webhook_secret = f.add(
            "webhook_secret",
            self.tr("Connect &webhook secret:"),
            password_edit(
                self.tr("stored: {0} — leave empty to keep").format(current.webhook_secret_masked)
                if current.webhook_secret_masked
                else self.tr("whsec_… of the Connect endpoint: Stripe events are checked against it")
            ),
        )
        self.port = f.add("port", self.tr("OAuth listener &port:"), QSpinBox())
        self.port.setRange(1024, 65535)
        self.port.setValue(current.port)
        self.relay = f.add("relay_url", self.tr("HTTPS &relay URL (live):"), QLineEdit(current.relay_url))
        self.relay.setPlaceholderText(self.tr("optional: https://your-site.example/stripe-relay.html"))
        self.setMinimumWidth(560)

    def work(self):
        key = self.secret_key.text().strip() or None
        return partial(
            self.services.stripe_platform.update, webhook_secret=self.webhook_secret.text().strip() or None
        ), (
            self.session,
            self.client_id.text(),
            key,
            self.port.value(),
            self.relay.text(),
        )
