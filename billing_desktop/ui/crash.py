"""Crashes leave a trace: an unexpected exception in any thread writes a redacted report into the data directory and
shows a dialog that says what to do; a hard crash (segfault, abort) is written by faulthandler."""

from __future__ import annotations

import faulthandler
import os
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from PySide6.QtCore import QObject, Signal

from billing_desktop import APP_NAME, __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


def crash_dir(data_dir: Path) -> Path:
    return data_dir / "crash-reports"


def write_report(folder: Path, exc_type, exc, tb, thread_name: str) -> Path:
    """The traceback with every secret-shaped string redacted by the log's own filter rules; 0600."""
    # Late: the start-up, which installs the reporter before the first paint, does not pay for these imports.
    import traceback
    from datetime import UTC, datetime

    from billing_desktop.services.bootstrap import redact

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    body = (
        f"{APP_NAME} {__version__} crash report\n"
        f"time (UTC): {datetime.now(UTC):%Y-%m-%d %H:%M:%S}\n"
        f"thread: {thread_name}\npython: {sys.version.split()[0]}\nplatform: {sys.platform}\n\n"
        f"{redact(text)}"
    )
    path = folder / f"crash-{datetime.now(UTC):%Y%m%d-%H%M%S-%f}.txt"
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(body)
    return path


class CrashReporter(QObject):
    """Created on the GUI thread: a report from another thread reaches the dialog through a queued signal."""

    reported = Signal(str)

    def __init__(self, data_dir: Path, parent=None):
        super().__init__(parent)
        self.folder = crash_dir(data_dir)
        self.reported.connect(self.show_dialog)
        self.dialog: QMessageBox | None = None  # built only when there is a crash (start-up does not pay for it)
        self._fault_file: TextIO | None = None

    def install(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Hard crashes: faulthandler writes the Python stacks of every thread (no values, so no secrets).
        fd = os.open(self.folder / "hard-crashes.log", os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
        self._fault_file = os.fdopen(fd, "a", encoding="utf-8")
        faulthandler.enable(file=self._fault_file, all_threads=True)
        sys.excepthook = self.excepthook
        threading.excepthook = lambda args: self.report(
            args.exc_type, args.exc_value, args.exc_traceback, args.thread.name if args.thread else "?"
        )

    def close(self) -> None:
        """For tests: the app keeps the file open for its whole life."""
        if self._fault_file is not None:
            self._fault_file.close()
            self._fault_file = None

    def excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.report(exc_type, exc, tb, threading.current_thread().name)

    def report(self, exc_type, exc, tb, thread_name: str) -> Path | None:
        import logging

        log = logging.getLogger(__name__)
        try:
            path = write_report(self.folder, exc_type, exc, tb, thread_name)
        except OSError:
            log.exception("could not write a crash report")
            return None
        log.error("unexpected %s in thread %s; report: %s", exc_type.__name__, thread_name, path)
        self.reported.emit(str(path))  # queued to the GUI thread when raised elsewhere
        return path

    def show_dialog(self, path: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            return  # one dialog for a burst of errors; every report is on disk
        from PySide6.QtWidgets import QApplication, QMessageBox

        parent = QApplication.activeWindow()
        box = QMessageBox(
            QMessageBox.Icon.Critical, self.tr("Unexpected problem"), "", QMessageBox.StandardButton.Close, parent
        )
        box.setObjectName("crash_dialog")
        box.setText(self.tr("{0} ran into a problem it did not expect.").format(APP_NAME))
        box.setInformativeText(
            self.tr(
                "What was saved before stays saved; the last action may not have finished. Check it, and restart "
                "the app if something looks wrong. A report (with secrets removed) was written to:\n{0}\n"
                "Send it to whoever supports your installation."
            ).format(path)
        )
        self.open_button = box.addButton(self.tr("&Open report folder"), QMessageBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_folder)
        box.setDefaultButton(QMessageBox.StandardButton.Close)
        box.finished.connect(box.deleteLater)
        self.dialog = box
        box.open()

    def open_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
