"""A dialog whose OK runs one service call in a worker, with field errors, a busy bar and Cancel."""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from billing_desktop.errors import ValidationError
from billing_desktop.ui.forms import Form, WrapLabel, busy_bar, message_label
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.workers import Task, describe, submit


class TaskDialog(QDialog):
    """Subclasses build fields in `self.form` and implement `work()` returning (fn, args)."""

    ok_text: object = "OK"  # marked with QT_TRANSLATE_NOOP in subclasses (its stubs say object)

    def __init__(self, title: str, parent: QWidget | None = None, intro: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.result_value: Any = None
        self._task: Task | None = None
        outer = QVBoxLayout(self)
        if intro:
            outer.addWidget(WrapLabel(intro))
        self.form_layout = QFormLayout()
        outer.addLayout(self.form_layout)
        self.form = Form(self.form_layout)
        self.message = message_label()
        outer.addWidget(self.message)
        self.busy = busy_bar()
        outer.addWidget(self.busy)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr(str(self.ok_text)) if self.ok_text != "OK" else self.tr("OK"))
        self.ok_button.setObjectName("ok")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancel")
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    def showEvent(self, event) -> None:  # noqa: N802 - first focus: the first field, never the OK button
        super().showEvent(event)
        if not getattr(self, "_first_focus_done", False):
            self._first_focus_done = True
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self, self._first_focus)  # after QDialog has put focus on its default button

    def _first_focus(self) -> None:
        """Tab walks the fields top to bottom, then OK and Cancel; the first field has the focus."""
        from PySide6.QtCore import Qt

        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        fields = [
            w
            for w in self.form.widgets.values()
            if w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        ]
        chain = [*fields, self.ok_button, cancel]
        for a, b in pairwise(chain):
            QWidget.setTabOrder(a, b)
        if fields and self.focusWidget() in (None, self.ok_button, cancel):
            fields[0].setFocus(Qt.FocusReason.TabFocusReason)

    # -- to override -------------------------------------------------------------------------------------------
    def work(self) -> tuple[Callable[..., Any], tuple]:
        raise NotImplementedError

    def validate_locally(self) -> dict[str, str]:
        """Checks that need no service (e.g. two password fields agree)."""
        return {}

    # -- flow ----------------------------------------------------------------------------------------------------
    def _start(self) -> None:
        self.message.hide()
        self.form.clear_errors()
        local = self.validate_locally()
        if local:
            self.form.show_errors(local, self.message)
            return
        fn, args = self.work()
        self._set_busy(busy=True)
        self._task = submit(fn, *args, on_done=self._done, on_error=self._failed, owner=self)

    def _set_busy(self, *, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.ok_button.setEnabled(not busy)
        for w in self.form.widgets.values():
            w.setEnabled(not busy)

    def _done(self, value: Any) -> None:
        self._task = None
        self._set_busy(busy=False)
        self.result_value = value
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._task = None
        self._set_busy(busy=False)
        if isinstance(exc, ValidationError):
            self.form.show_errors(exc.fields, self.message)
        else:
            self.message.setText(describe(exc))
            self.message.show()

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()  # the worker may finish, but nothing it returns is applied
            self._task = None
        super().reject()
