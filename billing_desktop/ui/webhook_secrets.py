"""The Webhooks tab's signing secrets: how many are valid and until when, each one's expiry, Reveal, Copy and Roll
(at most two are valid: the current one and, during a roll's overlap, the one it replaced)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from billing_desktop.services.tenants import TenantRow
from billing_desktop.services.webhooks import SecretRow, WebhookConfig
from billing_desktop.ui.clipboard import copy_secret
from billing_desktop.ui.flow_layout import FlowLayout
from billing_desktop.ui.forms import WrapLabel
from billing_desktop.ui.revealed import RevealedSecret
from billing_desktop.ui.runner import ServiceRunner


def until(when: datetime) -> str:
    return f"{when:%Y-%m-%d %H:%M} UTC"


class SecretsPanel(QWidget):
    rolled = Signal(object)  # the WebhookConfig after a roll
    failed = Signal(object)  # the exception a roll raised
    status = Signal(str)  # a message for the window's status bar
    overlap_ended = Signal()  # the replaced secret stopped verifying: the list and the count are out of date

    def __init__(self, runner: ServiceRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.runner, self.services, self.session = runner, runner.services, runner.session
        self.tenant: TenantRow | None = None
        self.config: WebhookConfig | None = None
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.addWidget(WrapLabel(self.tr("<b>Signing secrets</b>")))
        self.summary = WrapLabel()
        self.summary.setObjectName("secrets_summary")
        v.addWidget(self.summary)
        self.secrets = QListWidget()
        self.secrets.setObjectName("webhook_secrets")
        self.secrets.setMaximumHeight(70)
        v.addWidget(self.secrets)
        row = FlowLayout()
        self.reveal_button = QPushButton(self.tr("Re&veal"))
        self.reveal_button.clicked.connect(self.reveal)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.clicked.connect(self.copy)
        self.roll_button = QPushButton(self.tr("R&oll secret…"))
        self.roll_button.setObjectName("roll_secret")
        self.roll_button.clicked.connect(self.roll)
        row.add(self.reveal_button, self.copy_button, self.roll_button)
        v.addLayout(row)
        self.revealed = RevealedSecret()
        v.addWidget(self.revealed)
        self._overlap_timer = QTimer(self, singleShot=True)
        self._overlap_timer.timeout.connect(self.overlap_ended)

    def buttons(self) -> tuple[QPushButton, ...]:
        return (self.reveal_button, self.copy_button, self.roll_button)

    def show_secrets(self, tenant: TenantRow | None, cfg: WebhookConfig | None) -> None:
        self.tenant, self.config = tenant, cfg
        self.revealed.conceal()
        self.secrets.clear()
        secrets = cfg.secrets if cfg else []
        for s in secrets:
            item = QListWidgetItem(
                self.tr("{0}   current").format(s.masked)
                if s.expires_at is None
                else self.tr("{0}   valid until {1}").format(s.masked, until(s.expires_at))
            )
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.secrets.addItem(item)
        self.summary.setText(self._summary(secrets))
        self.summary.setVisible(bool(secrets))
        if self.secrets.count():
            self.secrets.setCurrentRow(0)
        for button in self.buttons():
            button.setEnabled(cfg is not None)
        self._overlap_timer.stop()
        ending = [s.expires_at for s in secrets if s.expires_at is not None]
        if ending:  # say "1 valid secret" when it is true, not at the next visit
            when = max(ending)
            left = (when if when.tzinfo else when.replace(tzinfo=UTC)) - datetime.now(UTC)
            if left.total_seconds() > 0:
                self._overlap_timer.start(min(int(left.total_seconds() * 1000) + 1000, 2**31 - 1))

    def _summary(self, secrets: list[SecretRow]) -> str:
        """How many secrets verify now and until when: during a roll's overlap deliveries carry both signatures."""
        ending = [s.expires_at for s in secrets if s.expires_at is not None]
        if not ending:
            return self.tr("1 valid secret: deliveries are signed with it alone.")
        return self.tr(
            "{0} valid secrets until {1}: deliveries are signed with each, then with the current one alone."
        ).format(len(secrets), until(max(ending)))

    def _secret_id(self) -> int | None:
        item = self.secrets.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def reveal(self) -> None:
        self._read_secret(self.tr("Revealing a live signing secret needs your password again."), self.revealed.reveal)

    def copy(self) -> None:
        def copied(value: str) -> None:
            copy_secret(value)
            self.status.emit(self.tr("Signing secret copied; the clipboard is cleared in 30 seconds."))

        self._read_secret(self.tr("Copying a live signing secret needs your password again."), copied)

    def _read_secret(self, reason: str, on_done: Callable[[str], None]) -> None:
        """The selected signing secret's value, read in a worker (a live tenant's asks for the password: `reason`)."""
        if self.tenant is None:
            return
        self.runner.run(
            self.services.webhooks.reveal_secret,
            self.session,
            self.tenant.id,
            self._secret_id(),
            owner=self,
            reason=reason,
            on_done=on_done,
        )

    def roll(self) -> None:
        from billing_desktop.ui.roll_dialog import RollSecretDialog

        tenant = self.tenant
        if tenant is None:
            return
        overlapping = next((s for s in self.config.secrets if s.expires_at is not None), None) if self.config else None
        dialog = RollSecretDialog(tenant.company_name, tenant.mode, overlapping=overlapping, parent=self)

        def go() -> None:
            self.runner.run(
                self.services.webhooks.roll_secret,
                self.session,
                tenant.id,
                dialog.overlap.currentData(),
                owner=self,
                reason=self.tr("Rolling a signing secret needs your password again."),
                on_done=self.rolled.emit,
                on_error=self.failed.emit,
            )

        dialog.accepted.connect(go)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
