"""Refresh all connected accounts from Stripe, then every account's failed payouts (so they reach the Needs-attention
board): progress, Cancel (keeps what was fetched, and skips the payouts), then the summary of both."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout

from billing_desktop.ui.forms import message_label
from billing_desktop.ui.i18n import text as message_text
from billing_desktop.ui.workers import describe, submit_with_progress


class SyncDialog(QDialog):
    synced = Signal(object)  # the SyncReport, complete or not: the board and the list follow at once
    payouts_checked = Signal(object)  # then the failed-payouts sweep's view (not after a cancelled sync)

    def __init__(self, services, session, parent=None):
        super().__init__(parent)
        self.setObjectName("sync_dialog")
        self.setWindowTitle(self.tr("Refresh all Stripe accounts"))
        self.setMinimumWidth(480)
        self.services, self.session = services, session
        self.report = None
        self.payouts = None  # the failed-payouts sweep's view, once it has answered
        v = QVBoxLayout(self)
        self.text = QLabel(self.tr("Asking Stripe for the list of connected accounts…"))
        self.text.setObjectName("sync_text")
        self.text.setWordWrap(True)
        v.addWidget(self.text)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setAccessibleName(self.tr("Sync progress"))
        v.addWidget(self.bar)
        self.message = message_label()
        v.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel_sync")
        self.buttons.rejected.connect(self._cancel_or_close)
        v.addWidget(self.buttons)
        self.task = None
        self.finished.connect(self.deleteLater)

    def start(self) -> None:
        self.open()
        self.task = submit_with_progress(
            self.services.connect_sync.sync,
            self.session,
            on_progress=self._progress,
            on_done=self._done,
            on_error=self._failed,
            owner=self,
        )

    def _progress(self, count: int, text: object) -> None:
        self.text.setText(message_text(text))  # the payouts sweep's lines are msg()s

    def _cancel_or_close(self) -> None:
        if self.task is not None:  # stop at the next page; the answer still arrives with what was fetched
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.text.setText(self.tr("Cancelling… (what was fetched is kept)"))
            return
        self.reject()

    def _finish(self) -> None:
        self.task = None
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Close"))

    def _done(self, report) -> None:
        self.report = report
        self.text.setText(message_text(report.summary))  # in the operator's language
        self.synced.emit(report)  # the accounts are in: no need to wait for the payouts to show them
        if report.cancelled:
            self._finish_sync()
            return
        self.task = submit_with_progress(
            self.services.payouts.payouts,
            self.session,
            on_progress=self._progress,
            on_done=self._payouts_done,
            on_error=self._payouts_failed,
            owner=self,
        )

    def _payouts_done(self, view) -> None:
        self.payouts = view
        self._finish_sync(message_text(view.summary), [message_text(p) for p in view.problems])
        self.payouts_checked.emit(view)

    def _payouts_failed(self, exc: Exception) -> None:
        self._finish_sync(self.tr("Failed payouts were not checked."), [describe(exc)])

    def _finish_sync(self, payouts_text: str = "", problems: tuple | list = ()) -> None:
        self._finish()
        report = self.report
        assert report is not None  # set by _done, which starts this step
        self.text.setText("\n".join(t for t in (message_text(report.summary), payouts_text) if t))
        notes = list(problems)
        if not report.complete:
            notes.insert(0, self.tr("Not every account was refreshed: the rest shows its saved data, marked stale."))
        if notes:
            self.message.setText("\n".join(notes))
            self.message.show()

    def _failed(self, exc: Exception) -> None:
        self._finish()
        self.text.setText(self.tr("The sync did not run."))
        self.message.setText(describe(exc))
        self.message.show()
