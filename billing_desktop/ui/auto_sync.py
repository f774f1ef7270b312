"""The optional periodic Refresh all (Preferences; off by default).

A timer on the GUI thread starts `connect_sync.sync` in a worker. A tick while a sync is still running (this one's
or the Refresh-all dialog's) is skipped, so syncs never overlap. Locking the window stops the timer and cancels a
sync in flight (it stops before its next page and keeps what it fetched); unlocking starts the timer again; signing
out or closing stops both for good."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from billing_desktop.ui.workers import Task, describe, submit_with_progress


class AutoSync(QObject):
    def __init__(self, window, *, enabled: bool, busy=lambda: False):
        super().__init__(window)
        self.window, self.enabled = window, enabled  # enabled: an operator's window (a sync reads every tenant)
        self.busy = busy  # another sync (the Refresh-all dialog) is running
        self.task: Task | None = None  # the sync in flight, until its result (even a cancelled one) has arrived
        self.runs = 0
        self.paused = False
        self.timer = QTimer(self)
        self.timer.setObjectName("auto_sync_timer")
        self.timer.timeout.connect(self.tick)

    @property
    def running(self) -> bool:
        return self.task is not None

    def apply_interval(self) -> None:
        """Follow the Preferences: (re)start at the stored interval, or stay off."""
        minutes = self.window.services.settings.sync_interval_minutes()
        self.timer.stop()
        if minutes and self.enabled and not self.paused:
            self.timer.start(minutes * 60_000)

    def tick(self) -> None:
        if self.paused or self.running or self.busy():
            return  # never two syncs at once; the next tick tries again
        self.runs += 1
        w = self.window
        self.task = submit_with_progress(
            w.services.connect_sync.sync,
            w.session,
            on_progress=lambda n, text: None,
            on_done=self._done,
            on_error=self._failed,
            owner=self,
        )

    def _done(self, report) -> None:
        self.task = None
        if not self.paused:
            self.window.connect_ops.synced(report, automatic=True)

    def _failed(self, exc: Exception) -> None:
        self.task = None
        if not self.paused:
            self.window.statusBar().showMessage(
                self.tr("Automatic Stripe refresh failed: {0}").format(describe(exc)), 10000
            )

    def pause(self) -> None:
        """Locked (or signing out): no new sync, and the one in flight stops at its next page."""
        self.paused = True
        self.timer.stop()
        if self.task is not None:
            self.task.cancel()

    def resume(self) -> None:
        self.paused = False
        self.apply_interval()
