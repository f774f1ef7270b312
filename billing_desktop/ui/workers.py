"""Run service calls off the GUI thread; results come back on the GUI thread.

How results cross threads (docs/ARCHITECTURE.md, "Results across threads"): one long-lived `_Dispatcher` QObject,
made on the GUI thread, carries every result as (task id, value) through queued signals. The callbacks wait in a
plain dict keyed by task id and are popped when the result arrives, so a finished task, its work function and
its closures are freed at once. (A signal object per task, connected to closures that hold the task, made a cycle
through Qt that Python's collector cannot see: every task ever run stayed alive.)
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, QTimer, Signal

from billing_desktop.ui.i18n import error_text, tr

log = logging.getLogger(__name__)


class _GuiThreadGC(QObject):
    """Python's cyclic GC runs on whichever thread happens to allocate. If a worker thread collects a cycle that
    holds a Qt widget, the widget is deleted off the GUI thread, which Qt does not allow. So automatic collection is
    switched off and this timer collects on the GUI thread instead, by the same generation thresholds (the pattern
    pyqtgraph ships as `GarbageCollector`)."""

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


class Task:
    """A handle on work in flight: cancel it, or ask whether it was cancelled. Holds no callbacks, so keeping a
    handle after the result arrived keeps nothing else alive."""

    __slots__ = ("__weakref__", "cancelled", "id")

    def __init__(self, task_id: int):
        self.id = task_id
        self.cancelled = False

    def cancel(self) -> None:
        """The work may still finish; its result is dropped (a progress task also stops at its next check)."""
        self.cancelled = True


@dataclass(frozen=True, kw_only=True, slots=True)
class _Pending:
    """A submitted task's callbacks, until its result is delivered."""

    task: Task
    on_done: Callable[[Any], None] | None
    on_error: Callable[[Exception], None] | None
    on_progress: Callable[[int, str], None] | None
    owner: QObject | None
    deliver_after_cancel: bool

    def alive(self) -> bool:
        if self.task.cancelled and not self.deliver_after_cancel:
            return False
        return self.owner is None or shiboken6.isValid(self.owner)


class _Dispatcher(QObject):
    """Lives on the GUI thread; worker threads emit into it, its slots run queued on the GUI thread."""

    done = Signal(int, object)
    failed = Signal(int, object)
    progress = Signal(int, int, object)  # a msg() keeps its template: shown translated

    def __init__(self, app: QCoreApplication):
        super().__init__(app)
        self.pending: dict[int, _Pending] = {}
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_failed)
        self.progress.connect(self._deliver_progress)

    def _deliver_done(self, task_id: int, result: Any) -> None:
        entry = self.pending.pop(task_id, None)
        if entry is not None and entry.alive() and entry.on_done is not None:
            entry.on_done(result)

    def _deliver_failed(self, task_id: int, exc: Exception) -> None:
        entry = self.pending.pop(task_id, None)
        if entry is not None and entry.alive():
            (entry.on_error or _unhandled)(exc)

    def _deliver_progress(self, task_id: int, count: int, text: str) -> None:
        entry = self.pending.get(task_id)
        if entry is not None and entry.alive() and entry.on_progress is not None:
            entry.on_progress(count, text)


_dispatcher: _Dispatcher | None = None
_ids = itertools.count(1)
_ids_lock = threading.Lock()


def _get_dispatcher() -> _Dispatcher:
    global _dispatcher
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("background tasks need a running QApplication")
    if _dispatcher is None or not shiboken6.isValid(_dispatcher):
        _dispatcher = _Dispatcher(app)
    return _dispatcher


def pending_count() -> int:
    """Tasks whose result has not been delivered yet (the soak test and the self-test check it drains to 0)."""
    return 0 if _dispatcher is None or not shiboken6.isValid(_dispatcher) else len(_dispatcher.pending)


def _run(dispatcher: _Dispatcher, task_id: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    """What a pool thread runs. The pool is handed a plain callable, not a QRunnable subclass: PySide6 then keeps
    no Python wrapper of its own, and frees the callable with its arguments and closures once it has run. (Python
    subclasses of QRunnable were seen to outlive their deletion now and then.)"""
    try:
        result = fn(*args)
    except Exception as exc:  # every failure is reported, none lost in a thread
        from billing_desktop.errors import AppError

        if not isinstance(exc, AppError):
            log.exception("unexpected error in a background task")
        _emit(dispatcher.failed, task_id, exc)
    else:
        _emit(dispatcher.done, task_id, result)


def _emit(signal: Any, *values: Any) -> None:
    with contextlib.suppress(RuntimeError):  # the app is shutting down and took the dispatcher: nobody listens
        signal.emit(*values)


def _start(
    fn: Callable[..., Any] | Callable[[Task], Callable[..., Any]],
    args: tuple[Any, ...],
    *,
    on_done: Callable[[Any], None] | None,
    on_error: Callable[[Exception], None] | None,
    on_progress: Callable[[int, str], None] | None,
    owner: QObject | None,
    pool: QThreadPool | None,
    deliver_after_cancel: bool,
    bind_task: bool = False,
) -> Task:
    """With bind_task, `fn` is a factory called with the new Task (before the work can start) that returns the
    function to run."""
    install_gui_thread_gc()
    dispatcher = _get_dispatcher()
    with _ids_lock:
        task = Task(next(_ids))
    dispatcher.pending[task.id] = _Pending(
        task=task,
        on_done=on_done,
        on_error=on_error,
        on_progress=on_progress,
        owner=owner,
        deliver_after_cancel=deliver_after_cancel,
    )
    work = fn(task) if bind_task else fn
    (pool or QThreadPool.globalInstance()).start(functools.partial(_run, dispatcher, task.id, work, args))
    return task


def submit(
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[Exception], None] | None = None,
    owner: QObject | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Run fn(*args) in the pool. Callbacks run on the GUI thread, and are skipped if `owner` was destroyed or the
    task cancelled. An error with no on_error is logged, never lost."""
    return _start(
        fn,
        args,
        on_done=on_done,
        on_error=on_error,
        on_progress=None,
        owner=owner,
        pool=pool,
        deliver_after_cancel=False,
    )


def _unhandled(exc: Exception) -> None:
    log.error("background task failed: %s", type(exc).__name__)


def describe(exc: Exception) -> str:
    """A message for the user: AppError texts as they are, anything else by type only (no secrets in it)."""
    from billing_desktop.errors import AppError

    if isinstance(exc, AppError):
        return error_text(exc)  # in the operator's language
    from billing_desktop.services.team_database import unanswered_reason

    reason = unanswered_reason(exc)
    if reason is not None:  # a stopped server is not an "unexpected error": say what happened and what to do
        return tr(
            "The database did not answer ({0}). Nothing was changed: try again when the status bar shows it connected."
        ).format(reason)
    return tr("Unexpected error ({0}). Details are in the log file.").format(type(exc).__name__)


def submit_with_progress(
    fn: Callable[..., Any],
    *args: Any,
    on_progress: Callable[[int, str], None],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
    owner: QObject,
) -> Task:
    """Like submit(), but fn is called as fn(*args, progress=…, cancelled=…): cancelling stops the work itself (fn
    polls `cancelled`), and its result still arrives after a cancel so the caller can show what was done."""
    dispatcher = _get_dispatcher()

    def bind(task: Task) -> Callable[..., Any]:
        def progress(count: int, text: str) -> None:
            _emit(dispatcher.progress, task.id, count, text)

        def cancelled() -> bool:
            return task.cancelled

        def work(*a: Any) -> Any:
            return fn(*a, progress=progress, cancelled=cancelled)

        return work

    return _start(
        bind,
        args,
        on_done=on_done,
        on_error=on_error,
        on_progress=on_progress,
        owner=owner,
        pool=None,
        deliver_after_cancel=True,
        bind_task=True,
    )
