"""Roll a webhook signing secret: the overlap chosen knowingly (24 hours by default), the consequence in words,
including a secret still in an earlier roll's overlap, which stops at once (at most two are ever valid)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from billing_desktop.domain.validation import Mode
from billing_desktop.services.webhooks import SecretRow
from billing_desktop.ui.forms import safe_default


class RollSecretDialog(QDialog):
    def __init__(
        self, tenant_name: str, mode: str, *, overlapping: SecretRow | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName("roll_dialog")
        self.tenant_name, self.mode, self.overlapping = tenant_name, mode, overlapping
        self.setWindowTitle(self.tr("Roll signing secret — {0}").format(tenant_name))
        v = QVBoxLayout(self)
        form = QFormLayout()
        self.overlap = QComboBox()
        self.overlap.setObjectName("overlap")
        for label, value in (
            (self.tr("24 hours (recommended)"), "24h"),
            (self.tr("1 hour"), "1h"),
            (self.tr("None — the current secret stops verifying at once"), "none"),
        ):
            self.overlap.addItem(label, value)
        self.overlap.currentIndexChanged.connect(self._update)
        form.addRow(self.tr("Old secret keeps &working:"), self.overlap)
        buddy = form.labelForField(self.overlap)
        if isinstance(buddy, QLabel):
            buddy.setBuddy(self.overlap)
        v.addLayout(form)
        self.warning = QLabel()
        self.warning.setObjectName("roll_warning")
        self.warning.setWordWrap(True)
        v.addWidget(self.warning)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(self.tr("Roll secret"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("ok")
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel")
        safe_default(self.ok_button, self.cancel_button)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.setMinimumWidth(480)
        self._update()
        self.overlap.setFocus()

    def _update(self) -> None:
        name = escape(self.tenant_name)
        where = self.tr("<b>LIVE</b> ") if self.mode == Mode.LIVE else ""
        if self.overlap.currentData() == "none":
            text = self.tr(
                "A new signing secret is made for {0}. The current one stops verifying <b>at once</b>: the "
                "{1}receiver rejects every delivery until it has the new secret."
            ).format(name, where)
        else:
            text = self.tr(
                "A new signing secret is made for {0}. Deliveries are signed with both secrets for "
                "<b>{1}</b>; update the {2}receiver within that time, or it starts rejecting deliveries."
            ).format(name, self.overlap.currentText().split(" (")[0], where)
        earlier = self.overlapping
        if earlier is not None and earlier.expires_at is not None:
            text += " " + self.tr(
                "The secret {0}, still valid from the previous roll until {1} UTC, stops verifying <b>at once</b>: "
                "at most two secrets are ever valid."
            ).format(escape(earlier.masked), f"{earlier.expires_at:%Y-%m-%d %H:%M}")
        self.warning.setText(text)
