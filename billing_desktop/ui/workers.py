"""Run service calls off the GUI thread; results come back as queued signals on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)
_live: set[Task] = set()  # keep tasks (and their signal objects) alive until they report


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
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def submit(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    owner: QObject | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Run fn(*args) in the pool. Callbacks are skipped if `owner` was destroyed or the task cancelled."""
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
