"""The sign-in window, the first window on screen: it imports only what it shows (the worker pool, the task
dialogs and their modules are imported when it signs in), as every import here is paid before the first paint."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from billing_desktop import APP_NAME, __version__
from billing_desktop.ui.forms import Form, busy_bar, message_label, password_edit


class SignInWindow(QWidget):
    """Shown at once on start-up; the database opens behind it and the button enables when it is ready."""

    signed_in = Signal(object)  # UserSession
    first_painted = Signal()  # the window is on screen: slow start-up work may begin

    def __init__(self):
        super().__init__()
        self.services = None
        self.setWindowTitle(self.tr("Sign in — {0}").format(APP_NAME))
        # No icon of its own: it has the application's (set in ui/app.py once this window has painted: building it
        # loads Qt's SVG icon engine, about 15 ms the first window need not wait for).
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
        row = QHBoxLayout()  # right-aligned by a stretch: an alignment flag would need `Qt` (see ui/theme.py)
        row.addStretch(1)
        row.addWidget(footer)
        v.addLayout(row)

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
        from billing_desktop.ui.workers import submit

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
        from billing_desktop.ui.workers import describe

        self.message.setText(describe(exc))
        self.message.show()
