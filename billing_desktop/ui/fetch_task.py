"""One slow fetch at a time in a worker, for views with a status line, a message label, a start button and a Cancel
button (Platform fees, Open disputes): progress in the status line, Cancel stops the work at its next check and its
result (what was fetched) still arrives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QPushButton

from billing_desktop.ui.i18n import text as message_text
from billing_desktop.ui.workers import Task, describe, submit_with_progress


class CancellableFetch:
    """Mixed into a QWidget that sets `status`, `message`, `start_button`, `cancel_button` and `task = None`, and
    implements `_done(result)`."""

    status: QLabel
    message: QLabel
    start_button: QPushButton
    cancel_button: QPushButton
    task: Task | None

    def _done(self, result: Any) -> None:
        raise NotImplementedError

    def start_fetch(self, fn: Callable[..., Any], text: str, *, cancellable: bool = True) -> None:
        if self.task is not None:
            return
        self.message.hide()
        self.start_button.setEnabled(False)
        self.cancel_button.setVisible(cancellable)
        self.status.setText(text)
        self.task = submit_with_progress(
            fn,
            on_progress=lambda n, line: self.status.setText(message_text(line)),  # a service's msg(): translated
            on_done=self._done,
            on_error=self._failed,
            owner=cast(QObject, self),
        )

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(cast(QObject, self).tr("Cancelling… (what was fetched is kept)"))

    def _idle(self) -> None:
        self.task = None
        self.start_button.setEnabled(True)
        self.cancel_button.hide()

    def _failed(self, exc: Exception) -> None:
        self._idle()
        self.status.setText("")
        self.message.setText(describe(exc))
        self.message.show()
