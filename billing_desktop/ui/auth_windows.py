"""Sign-in window, first-run wizard, and the password prompt used to unlock and to re-authenticate."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from billing_desktop import APP_NAME, __version__
from billing_desktop.ui.forms import Form, busy_bar, message_label, password_edit
from billing_desktop.ui.resources import app_icon
from billing_desktop.ui.task_dialog import TaskDialog
from billing_desktop.ui.workers import describe, submit


class SignInWindow(QWidget):
    """Shown at once on start-up; the database opens behind it and the button enables when it is ready."""

    signed_in = Signal(object)  # UserSession
    first_painted = Signal()  # the window is on screen: slow start-up work may begin

    def __init__(self):
        super().__init__()
        self.services = None
        self.setWindowTitle(self.tr("Sign in — {0}").format(APP_NAME))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(380)
        v = QVBoxLayout(self)
        title = QLabel(f"<h2>{APP_NAME}</h2>")
        v.addWidget(title)
        form_layout = QFormLayout()
        v.addLayout(form_layout)
        self.form = Form(form_layout)
        self.email = self.form.add("email", self.tr("&Email:"), QLineEdit())
        self.password = self.form.add("password", self.tr("&Password:"), password_edit())
        self.message = message_label()
        v.addWidget(self.message)
        self.busy = busy_bar()
        v.addWidget(self.busy)
        self.button = QPushButton(self.tr("&Sign in"))
        self.button.setObjectName("sign_in")
        self.button.setDefault(True)
        self.button.setEnabled(False)
        self.button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.email.returnPressed.connect(self.password.setFocus)
        v.addWidget(self.button)
        self.status = QLabel(self.tr("Opening the database…"))
        self.status.setEnabled(False)
        v.addWidget(self.status)
        footer = QLabel(self.tr("Version {0}").format(__version__))
        footer.setEnabled(False)
        footer.setAlignment(Qt.AlignmentFlag.AlignRight)
        v.addWidget(footer)

    def paintEvent(self, event) -> None:  # noqa: N802
        super().paintEvent(event)
        if not getattr(self, "_painted", False):
            self._painted = True
            self.first_painted.emit()

    def set_services(self, services) -> None:
        self.services = services
        self.status.setText(self.tr("Ready."))
        self.button.setEnabled(True)
        self.email.setFocus()

    def show_startup_error(self, text: str) -> None:
        self.status.setText(self.tr("The database could not be opened."))
        self.message.setText(text)
        self.message.show()

    def submit(self) -> None:
        if self.services is None or not self.button.isEnabled():
            return
        self.message.hide()
        self.button.setEnabled(False)
        self.busy.show()
        submit(
            self.services.auth.sign_in,
            self.email.text(),
            self.password.text(),
            on_done=self._ok,
            on_error=self._failed,
            owner=self,
        )

    def _ok(self, session) -> None:
        self.busy.hide()
        self.password.clear()
        self.button.setEnabled(True)
        self.signed_in.emit(session)

    def _failed(self, exc: Exception) -> None:
        self.busy.hide()
        self.button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.setText(describe(exc))
        self.message.show()


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
