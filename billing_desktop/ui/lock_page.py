"""What the main window shows while the session is locked: the password to unlock, or sign out."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from billing_desktop.ui.forms import WrapLabel, busy_bar, message_label, password_edit
from billing_desktop.ui.workers import describe, submit


class LockPage(QWidget):
    unlocked = Signal()
    sign_out = Signal()

    def __init__(self, services, session, parent=None):
        super().__init__(parent)
        self.services, self.session = services, session
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QWidget()
        # A width of its own: centred at its size hint, the box would be as narrow as a wrapped label's hint.
        box.setFixedWidth(self.fontMetrics().averageCharWidth() * 56)
        v = QVBoxLayout(box)
        title = self.tr("Session locked")
        v.addWidget(QLabel(f"<h2>{title}</h2>"))
        who = WrapLabel(
            self.tr("Signed in as <b>{0}</b>. Enter your password to continue.").format(escape(session.email))
        )
        who.setObjectName("lock_who")
        v.addWidget(who)
        self.unsaved = WrapLabel()
        self.unsaved.setObjectName("lock_unsaved")
        self.unsaved.hide()
        v.addWidget(self.unsaved)
        self.password = password_edit(self.tr("Password"))
        self.password.setObjectName("unlock_password")
        self.password.setAccessibleName(self.tr("Password"))
        self.password.returnPressed.connect(self.unlock)
        v.addWidget(self.password)
        self.message = message_label()
        v.addWidget(self.message)
        self.busy = busy_bar()
        v.addWidget(self.busy)
        row = QHBoxLayout()
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.unlock)
        out = QPushButton(self.tr("Sign &out"))
        out.setObjectName("lock_sign_out")
        out.clicked.connect(self.sign_out.emit)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        row.addWidget(out)
        v.addLayout(row)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def activate(self, unsaved_note: str = "") -> None:
        self.unsaved.setText(unsaved_note)
        self.unsaved.setVisible(bool(unsaved_note))
        self.password.clear()
        self.message.hide()
        self.password.setFocus()

    def unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        self.unlock_button.setEnabled(False)
        self.busy.show()
        submit(
            self.services.auth.unlock,
            self.session,
            self.password.text(),
            owner=self,
            on_done=self._ok,
            on_error=self._failed,
        )

    def _ok(self, _result) -> None:
        self.busy.hide()
        self.unlock_button.setEnabled(True)
        self.password.clear()
        self.unlocked.emit()

    def _failed(self, exc: Exception) -> None:
        self.busy.hide()
        self.unlock_button.setEnabled(True)
        self.password.clear()
        self.message.setText(describe(exc))
        self.message.show()
        self.password.setFocus()
