"""Locking, signing out and closing the main window, each after settling unsaved edits (UnsavedGuard)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QStackedWidget, QToolBar, QWidget

from billing_desktop.ui.unsaved import UnsavedGuard
from billing_desktop.ui.workers import submit

if TYPE_CHECKING:  # the type checker sees the QMainWindow this is mixed into; at run time MainWindow adds it
    from PySide6.QtWidgets import QMainWindow as _Window

    from billing_desktop.services import Services
    from billing_desktop.services.session import UserSession
    from billing_desktop.ui.backup_actions import BackupActions
    from billing_desktop.ui.connect_actions import ConnectActions
    from billing_desktop.ui.live_refresh import LiveRefresh
    from billing_desktop.ui.lock_page import LockPage
    from billing_desktop.ui.window_parts import ActivityFilter
else:
    _Window = object


class SessionEnd(UnsavedGuard, _Window):
    """Mixed into MainWindow; uses its stack, lock page, menus, editors, settings and idle timer."""

    # MainWindow's, declared for the type checker.
    services: Services
    session: UserSession
    settings: QSettings
    stack: QStackedWidget
    lock_page: LockPage
    toolbar: QToolBar
    connect_ops: ConnectActions
    backups: BackupActions
    live: LiveRefresh
    idle_timer: QTimer
    signed_out: Signal
    _activity: ActivityFilter
    _hidden_by_lock: list[QWidget]
    _closing: bool
    _closed: bool

    # -- locking ------------------------------------------------------------------------------------------------
    def _check_idle(self) -> None:
        if not self.session.locked and self.services.auth.is_idle(self.session):
            self.lock()

    def lock(self) -> None:
        if self.stack.currentWidget() is self.lock_page:
            return
        # The workspace is hidden at once; the service marks the session locked and audits it in a worker.
        # Unsaved edits stay in their fields (nothing is lost by locking) and the lock page says so.
        self.stack.setCurrentWidget(self.lock_page)
        # The board, the Fees and Disputes views and other windows of this one show tenant data too.
        self._hidden_by_lock = self._own_windows()
        for w in self._hidden_by_lock:
            w.hide()
        self.connect_ops.auto_sync.pause()  # no Stripe refresh behind the lock page
        self.menuBar().setEnabled(False)
        self.toolbar.setEnabled(False)
        dirty = [e.unsaved_what() for e in self.editors() if e.has_unsaved_changes()]
        self.lock_page.activate(
            self.tr("Unsaved changes to {0} are kept: unlock to save them.").format(self.tr(" and ").join(dirty))
            if dirty
            else ""
        )
        submit(self.services.auth.lock, self.session, owner=self)

    def _own_windows(self) -> list[QWidget]:
        """This window's visible separate windows (non-modal views and dialogs parented to it)."""
        return [w for w in self.findChildren(QWidget) if w.isWindow() and w.isVisible()]

    def _unlocked(self) -> None:
        self.stack.setCurrentIndex(0)
        for w in self._hidden_by_lock:
            w.show()
        self._hidden_by_lock = []
        self.connect_ops.auto_sync.resume()
        self.menuBar().setEnabled(True)
        self.toolbar.setEnabled(True)

    def _locked_now(self) -> bool:
        return self.stack.currentWidget() is self.lock_page

    def sign_out(self) -> None:
        self.guard_unsaved(self._sign_out_now, can_save=not self._locked_now())

    def _sign_out_now(self) -> None:
        self._closing = True
        self.connect_ops.auto_sync.pause()
        self.services.auth.end(self.session)
        self.close()
        self.signed_out.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._closing and self.has_unsaved_changes():
            event.ignore()  # ask first; the answer closes the window again (or not)
            self.guard_unsaved(self._close_now, can_save=not self._locked_now())
            return
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.idle_timer.stop()
        self.connect_ops.auto_sync.pause()
        self.live.stop()
        self.backups.stop()
        self._closed = True  # the database may be closed next (Services.close): nothing may reload from it now
        for w in self._own_windows():  # a board or view left open must not outlive the session it shows
            w.close()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._activity)
        super().closeEvent(event)

    def _close_now(self) -> None:
        self._closing = True
        self.close()
