"""First-run wizard and the password prompt used to unlock and to re-authenticate (the sign-in window, imported from
here too, is in sign_in_window.py: the first window on screen imports less)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
)

from billing_desktop import APP_NAME
from billing_desktop.ui.forms import password_edit
from billing_desktop.ui.sign_in_window import SignInWindow as SignInWindow  # its home before; tests import it here
from billing_desktop.ui.task_dialog import TaskDialog


class FirstRunWizard(TaskDialog):
    """Creates the first operator account, or hands over to a restore (a new machine for an existing platform)."""

    restore_requested = Signal()

    def __init__(self, services, parent=None):
        super().__init__(
            self.tr("Welcome to {0}").format(APP_NAME),
            parent,
            intro=self.tr(
                "<b>Welcome.</b> This is the first start on this computer. Create the platform operator "
                "account: operators see and manage every tenant. Use at least 12 characters for the password."
            ),
        )
        self.ok_button.setText(self.tr("Create operator account"))
        self.services = services
        self.email = self.form.add("email", self.tr("&Email:"), QLineEdit())
        self.first_name = self.form.add("first_name", self.tr("&First name:"), QLineEdit())
        self.last_name = self.form.add("last_name", self.tr("&Last name:"), QLineEdit())
        self.password = self.form.add("password", self.tr("&Password:"), password_edit())
        self.repeat = self.form.add("repeat", self.tr("&Repeat password:"), password_edit())
        self.restore_button = self.buttons.addButton(
            self.tr("Restore from a &backup…"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.restore_button.setObjectName("restore_from_backup")
        self.restore_button.setAutoDefault(False)
        self.restore_button.clicked.connect(self.restore_requested)
        self.setMinimumWidth(460)

    def validate_locally(self) -> dict[str, str]:
        if self.password.text() != self.repeat.text():
            return {"repeat": self.tr("The two passwords differ.")}
        return {}

    def work(self):
        return self.services.auth.create_operator, (
            self.email.text(),
            self.password.text(),
            self.first_name.text(),
            self.last_name.text(),
        )


class PasswordPrompt(TaskDialog):
    """Asks for the signed-in user's password: to unlock, or to confirm a destructive act."""

    def __init__(self, services, session, purpose: str, parent=None, *, unlock: bool = False):
        super().__init__(
            self.tr("Session locked") if unlock else self.tr("Confirm your password"), parent, intro=purpose
        )
        self.ok_button.setText(self.tr("Unlock") if unlock else self.tr("Confirm"))
        self.services, self.session, self.unlock = services, session, unlock
        self.password = self.form.add("password", self.tr("&Password:"), password_edit())
        self.form.add("email", self.tr("Signed in as:"), QLabel(session.email))

    def work(self):
        fn = self.services.auth.unlock if self.unlock else self.services.auth.confirm_password
        return fn, (self.session, self.password.text())

    def _failed(self, exc: Exception) -> None:
        super()._failed(exc)
        self.password.clear()
        self.password.setFocus()
