"""Runs service calls for the main window: re-asks the password when a service wants it, reports busy state."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from billing_desktop.errors import ReauthRequired, SessionLocked
from billing_desktop.ui.workers import Task, describe, submit


class ServiceRunner(QObject):
    busy_changed = Signal(int)  # number of calls in flight
    session_locked = Signal()

    def __init__(self, services, session, window: QWidget):
        super().__init__(window)
        self.services, self.session, self.window = services, session, window
        self._in_flight = 0

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        owner: QObject | None = None,
        reason: str = "This action needs your password again.",
    ) -> Task:
        self._change(+1)

        def done(value: Any) -> None:
            self._change(-1)
            if on_done:
                on_done(value)

        def failed(exc: Exception) -> None:
            self._change(-1)
            if isinstance(exc, ReauthRequired):

                def answered(ok: bool) -> None:  # noqa: FBT001 - a Qt signal passes it positionally
                    if ok:
                        self.run(fn, *args, on_done=on_done, on_error=on_error, owner=owner, reason=reason)
                    elif on_error:
                        on_error(exc)

                self.confirm_password(reason, answered)
                return
            if isinstance(exc, SessionLocked):
                self.session_locked.emit()
                return
            if on_error:
                on_error(exc)
            else:
                self.show_error(describe(exc))

        return submit(fn, *args, on_done=done, on_error=failed, owner=owner or self.window)

    def confirm_password(self, reason: str, answered: Callable[[bool], None]) -> None:
        """Window-modal, not a nested event loop: the answer arrives through `answered`."""
        from billing_desktop.ui.auth_windows import PasswordPrompt

        dialog = PasswordPrompt(self.services, self.session, reason, self.window)
        dialog.setObjectName("password_prompt")
        dialog.finished.connect(lambda code: answered(code == QDialog.DialogCode.Accepted))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def show_error(self, text: str) -> None:
        """Window-modal message without a nested event loop."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Billing Desktop", text, QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("error_message")
        box.finished.connect(box.deleteLater)
        box.open()

    def _change(self, delta: int) -> None:
        self._in_flight += delta
        self.busy_changed.emit(self._in_flight)
