"""The optional periodic Refresh all (Preferences; off by default).

A timer on the GUI thread starts `connect_sync.sync` in a worker, then, as Refresh all does, the failed-payouts
sweep, which puts failed payouts on the board. The sweep asks every connected account (a request each), so it runs at
most hourly whatever the interval (`payouts.sweep_if_due`: an hour since a sweep by any operator of this database
ran to its end). A tick while a sync or sweep is still running (this one's or the Refresh-all dialog's) is skipped, and
Refresh all by hand stops this one's at its next page (`give_way`), so they never overlap. Locking the window stops
the timer and cancels a sync in flight (it stops before its next page and keeps what it fetched); unlocking starts the
timer again; signing out or closing stops both for good."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from billing_desktop.ui.i18n import text, tr
from billing_desktop.ui.palette import STATUS_MESSAGE_LONG_MS
from billing_desktop.ui.workers import Task, describe, submit_with_progress


class AutoSync(QObject):
    def __init__(self, window, *, enabled: bool, busy=lambda: False):
        super().__init__(window)
        self.window, self.enabled = window, enabled  # enabled: an operator's window (a sync reads every tenant)
        self.busy = busy  # another sync (the Refresh-all dialog) is running
        self.task: Task | None = None  # the sync or sweep in flight, until its result (even a cancelled one) arrived
        self.runs = 0
        self.sweeps = 0  # failed-payouts sweeps that ran (a tick within the hour of the last one skips it)
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
        self._start(self.window.services.connect_sync.sync, self._done)

    def _start(self, fn, on_done) -> None:
        """In a worker, without a progress dialog: cancelled by the lock (`pause`), its result arrives all the same."""
        self.task = submit_with_progress(
            fn,
            self.window.session,
            on_progress=lambda n, text: None,
            on_done=on_done,
            on_error=self._failed,
            owner=self,
        )

    def _done(self, report) -> None:
        self.task = None
        if self.paused:
            return
        self.window.connect_ops.synced(report, automatic=True)
        if not report.cancelled and not self.busy():  # a Refresh all by hand sweeps after its own sync
            self._start(self.window.services.payouts.sweep_if_due, self._swept)

    def _swept(self, view) -> None:
        self.task = None
        if view is None or self.paused:  # not due (swept within the hour), or locked meanwhile
            return
        self.sweeps += 1
        self.window.connect_ops.cache_changed()  # failed payouts onto the board, as after Refresh all
        # After the sync's line (shown while the sweep ran): both would not fit beside the status bar's labels.
        self.window.statusBar().showMessage(tr("Automatic refresh: ") + text(view.summary), STATUS_MESSAGE_LONG_MS)

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

    def give_way(self) -> None:
        """Refresh all was asked for by hand: the sync or sweep in flight stops at its next page (its result still
        arrives, cancelled), so the two never run on side by side."""
        if self.task is not None:
            self.task.cancel()

    def resume(self) -> None:
        self.paused = False
        self.apply_interval()
