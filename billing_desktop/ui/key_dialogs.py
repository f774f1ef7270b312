"""Dialogs of the API Keys tab: regenerate, revoke, and the one-time display of new keys."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from billing_desktop.domain.validation import Mode
from billing_desktop.ui.clipboard import copy_secret, copy_text
from billing_desktop.ui.forms import Form, message_label, safe_default
from billing_desktop.ui.i18n import tr

ENV_CHOICES = [
    (QT_TRANSLATE_NOOP("", "Test keys"), Mode.TEST.value),
    (QT_TRANSLATE_NOOP("", "Live keys"), Mode.LIVE.value),
    (QT_TRANSLATE_NOOP("", "All keys (test and live)"), "all"),
]
GRACE_CHOICES = [
    (QT_TRANSLATE_NOOP("", "None — the old keys stop working at once"), "none"),
    (QT_TRANSLATE_NOOP("", "1 hour"), "1h"),
    (QT_TRANSLATE_NOOP("", "24 hours"), "24h"),
    (QT_TRANSLATE_NOOP("", "7 days"), "7d"),
]


def _combo(choices) -> QComboBox:
    box = QComboBox()
    for label, value in choices:
        box.addItem(tr(label), value)
    return box


class _EnvironmentDialog(QDialog):
    verb = ""

    def __init__(self, tenant_name: str, parent=None):
        super().__init__(parent)
        self.tenant_name = tenant_name
        v = QVBoxLayout(self)
        layout = QFormLayout()
        v.addLayout(layout)
        self.form = Form(layout)
        self.environment = self.form.add("environment", self.tr("&Environment:"), _combo(ENV_CHOICES))
        self.environment.currentIndexChanged.connect(self._update)
        self.extra(self.form)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        v.addWidget(self.warning)
        self.message = message_label()
        v.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.addButton(self.verb, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("ok")
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel")
        safe_default(self.ok_button, self.cancel_button)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.setMinimumWidth(480)
        self._update()
        self.environment.setFocus()

    def extra(self, form: Form) -> None:
        pass

    def env_label(self) -> str:
        env = self.environment.currentData()
        return {Mode.TEST.value: "TEST", Mode.LIVE.value: "LIVE", "all": self.tr("TEST and LIVE")}[env]

    def _update(self) -> None:
        self.ok_button.setText(f"{self.verb} {self.env_label()} keys")

    def _accept(self) -> None:
        self.accept()


class RegenerateDialog(_EnvironmentDialog):
    verb = "Regenerate"

    def __init__(self, tenant_name: str, parent=None):
        super().__init__(tenant_name, parent)
        self.setWindowTitle(self.tr("Regenerate keys — {0}").format(tenant_name))

    def extra(self, form: Form) -> None:
        self.grace = form.add("grace", self.tr("Old keys keep &working:"), _combo(GRACE_CHOICES))
        self.grace.setCurrentIndex(2)
        self.grace.currentIndexChanged.connect(self._update)

    def _update(self) -> None:
        super()._update()
        if not hasattr(self, "grace"):
            return
        grace = self.grace.currentData()
        after = self.tr("at once") if grace == "none" else self.tr("after {0}").format(self.grace.currentText())
        self.warning.setText(
            self.tr(
                "New {0} keys are made for <b>{1}</b>. Integrations using the current {0} keys stop working "
                "<b>{2}</b>. The new secret keys are shown once."
            ).format(self.env_label(), escape(self.tenant_name), after)
        )


class RevokeDialog(_EnvironmentDialog):
    verb = "Revoke"

    def __init__(self, tenant_name: str, parent=None):
        super().__init__(tenant_name, parent)
        self.setWindowTitle(self.tr("Revoke keys — {0}").format(tenant_name))

    def extra(self, form: Form) -> None:
        self.reason = form.add("reason", self.tr("&Reason:"), QLineEdit())
        self.reason.setPlaceholderText(self.tr("e.g. leaked in a public repository"))

    def _update(self) -> None:
        super()._update()
        self.warning.setText(
            self.tr(
                "The {0} keys of <b>{1}</b> stop working at once and cannot be restored; regenerate to issue new "
                "ones. The reason is kept with the keys and in the audit log."
            ).format(self.env_label(), escape(self.tenant_name))
        )

    def _accept(self) -> None:
        if not self.reason.text().strip():
            self.form.show_errors({"reason": self.tr("Give a reason: it is kept with the keys and in the audit log.")})
            return
        self.accept()


class NewKeysDialog(QDialog):
    """Shows freshly made keys once, each with Copy."""

    def __init__(self, tenant_name: str, keys, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("New keys — {0}").format(tenant_name))
        v = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "<b>Store the new secret keys now.</b> They are shown only this once; later they can be "
                "revealed only with your password. A copied secret is cleared from the clipboard after "
                "30 seconds."
            )
        )
        note.setWordWrap(True)
        v.addWidget(note)
        grid = QGridLayout()
        self.copy_buttons = []
        for row, k in enumerate(keys):
            grid.addWidget(QLabel(f"{k.mode} {k.kind}"), row, 0)
            field = QLineEdit(k.key)
            field.setReadOnly(True)
            field.setMinimumWidth(360)
            field.setAccessibleName(f"New {k.mode} {k.kind} key")
            grid.addWidget(field, row, 1)
            button = QPushButton(self.tr("Copy"))
            button.setObjectName(f"copy_{k.mode}_{k.kind}")
            button.clicked.connect(lambda _=False, key=k: (copy_secret if key.kind == "secret" else copy_text)(key.key))
            grid.addWidget(button, row, 2)
            self.copy_buttons.append(button)
        v.addLayout(grid)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        v.addWidget(buttons)
