"""Run service calls off the GUI thread; results come back as queued signals on the GUI thread."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

log = logging.getLogger(__name__)
_live: set[Task] = set()  # keep tasks (and their signal objects) alive until they report


class _GuiThreadGC(QObject):
    """Python's cyclic GC runs on whichever thread happens to allocate. If a worker thread collects a cycle that
    holds a Qt widget, Qt deletes the widget off the GUI thread and crashes. So automatic collection is switched
    off and this timer collects on the GUI thread instead, by the same generation thresholds."""

    def __init__(self, app: QCoreApplication):
        super().__init__(app)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                break


_gc_guard: _GuiThreadGC | None = None


def install_gui_thread_gc() -> None:
    global _gc_guard
    app = QCoreApplication.instance()
    if app is not None and (_gc_guard is None or not shiboken6.isValid(_gc_guard)):
        _gc_guard = _GuiThreadGC(app)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args: Any):
        super().__init__()
        self.setAutoDelete(False)
        self.fn, self.args = fn, args
        self.cancelled = False
        self.signals = _Signals()  # created here, on the GUI thread, so its slots run there

    def cancel(self) -> None:
        """The work may still finish; its result is dropped."""
        self.cancelled = True

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except BaseException as exc:  # noqa: BLE001 - every failure is reported, none lost in a thread
            if not isinstance(exc, Exception):
                raise
            from billing_desktop.errors import AppError

            if not isinstance(exc, AppError):
                log.exception("unexpected error in a background task")
            self._emit(self.signals.failed, exc)
        else:
            self._emit(self.signals.done, result)

    @staticmethod
    def _emit(signal, value) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the app is shutting down and took the signal object with it: nobody is listening
            pass


def submit(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    owner: QObject | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Run fn(*args) in the pool. Callbacks are skipped if `owner` was destroyed or the task cancelled."""
    install_gui_thread_gc()
    task = Task(fn, *args)

    def alive() -> bool:
        return not task.cancelled and (owner is None or shiboken6.isValid(owner))

    def finished_ok(result: Any) -> None:
        _live.discard(task)
        if alive() and on_done is not None:
            on_done(result)

    def finished_err(exc: Exception) -> None:
        _live.discard(task)
        if alive():
            (on_error or _unhandled)(exc)

    task.signals.done.connect(finished_ok)
    task.signals.failed.connect(finished_err)
    _live.add(task)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


def _unhandled(exc: Exception) -> None:
    log.error("background task failed: %s", type(exc).__name__)


def describe(exc: Exception) -> str:
    """A message for the user: AppError texts as they are, anything else by type only (no secrets in it)."""
    from billing_desktop.errors import AppError

    if isinstance(exc, AppError):
        return str(exc)
    return f"Unexpected error ({type(exc).__name__}). Details are in the log file."


class _ProgressSignals(_Signals):
    progress = Signal(int, str)


class ProgressTask(Task):
    """A Task whose function is called as fn(*args, progress=…, cancelled=…) and can be stopped midway."""

    def __init__(self, fn: Callable[..., Any], *args: Any):
        super().__init__(fn, *args)
        self.signals = _ProgressSignals()

    def run(self) -> None:
        inner = self.fn
        self.fn = lambda *a: inner(*a, progress=self.signals.progress.emit, cancelled=lambda: self.cancelled)
        super().run()


def submit_with_progress(fn, *args, on_progress, on_done, on_error, owner: QObject) -> ProgressTask:
    """Like submit(), but cancelling stops the work itself (the function polls `cancelled`) and reports progress.
    Its result still arrives after a cancel, so the caller can show what was done before it stopped."""
    install_gui_thread_gc()
    task = ProgressTask(fn, *args)

    def alive() -> bool:
        return shiboken6.isValid(owner)

    def finished_ok(result: Any) -> None:
        _live.discard(task)
        if alive():
            on_done(result)

    def finished_err(exc: Exception) -> None:
        _live.discard(task)
        if alive():
            on_error(exc)

    task.signals.progress.connect(lambda n, text: alive() and on_progress(n, text))
    task.signals.done.connect(finished_ok)
    task.signals.failed.connect(finished_err)
    _live.add(task)
    QThreadPool.globalInstance().start(task)
    return task
