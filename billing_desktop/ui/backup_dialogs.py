"""File → Back up… (one encrypted file, progress and Cancel), File → Verify a backup…, and Restore from a
backup… (first start on a new machine: the file and the recovery key)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from billing_desktop.errors import ValidationError
from billing_desktop.ui.forms import Form, message_label, note
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.workers import Task, describe, submit_with_progress

FILTER = "Billing Desktop backups (*.bdbackup);;All files (*)"


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return str(n)


def _counts(counts: dict[str, int]) -> str:
    names = {"tenants": "tenant", "users": "user", "audit_log": "audit entry", "sealed_secrets": "secret"}
    return ", ".join(_many(counts.get(k, 0), v) for k, v in names.items())


def _many(n: int, noun: str) -> str:
    if n == 1:
        return f"1 {noun}"
    return f"{n:,} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def _file_row(edit: QLineEdit, browse: Callable[[], None]) -> QWidget:
    box = QWidget()
    h = QHBoxLayout(box)
    h.setContentsMargins(0, 0, 0, 0)
    h.addWidget(edit, 1)
    button = QPushButton("&Browse…")
    button.setObjectName(f"{edit.objectName() or 'file'}_browse")
    button.clicked.connect(browse)
    h.addWidget(button)
    return box


class ProgressDialog(QDialog):
    """Fields, then Start runs `work()` in a worker with a progress bar; Cancel stops it (the work checks)."""

    start_text = QT_TRANSLATE_NOOP("", "Start")

    def __init__(self, title: str, intro: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_value: Any = None
        self.task: Task | None = None
        v = QVBoxLayout(self)
        v.addWidget(note(intro))
        self.form_layout = QFormLayout()
        v.addLayout(self.form_layout)
        self.form = Form(self.form_layout)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.hide()
        v.addWidget(self.progress)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        v.addWidget(self.summary)
        self.message = message_label()
        self.message.hide()
        v.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.addButton(tr(str(self.start_text)), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setObjectName("start")
        self.start_button.setDefault(True)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel")
        self.start_button.clicked.connect(self._start)
        self.cancel_button.clicked.connect(self._cancel)
        v.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def add_file_field(self, name: str, label: str, edit: QLineEdit, browse: Callable[[], None]) -> None:
        """A path field with Browse…: errors show under it and its label's mnemonic focuses the text field."""
        edit.setObjectName(name)
        row = _file_row(edit, browse)
        self.form.add(name, label, row)
        edit.setObjectName(name)  # the form named the row; the text field is what tests and mnemonics want
        row.setObjectName(f"{name}_row")
        self.form.widgets[name] = edit
        parent = row.parentWidget()
        lab = self.form_layout.labelForField(parent) if parent is not None else None
        if isinstance(lab, QLabel):
            lab.setBuddy(edit)

    # -- to override -------------------------------------------------------------------------------------------
    def work(self) -> tuple[Callable[..., Any], tuple]:
        raise NotImplementedError

    def finished_text(self, value: Any) -> str:
        raise NotImplementedError

    def finished_work(self) -> None:
        """After success: drop anything secret from the fields."""

    # -- flow --------------------------------------------------------------------------------------------------
    def _start(self) -> None:
        if self.result_value is not None:  # the button says Close now
            self.accept()
            return
        self.message.hide()
        self.form.clear_errors()
        try:
            fn, args = self.work()
        except ValidationError as exc:
            self.form.show_errors(exc.fields, self.message)
            return
        self._busy(busy=True)
        self.task = submit_with_progress(
            fn, *args, on_progress=self._progress, on_done=self._done, on_error=self._failed, owner=self
        )

    def _busy(self, *, busy: bool) -> None:
        self.progress.setRange(0, 0)
        self.progress.setVisible(busy)
        self.start_button.setEnabled(not busy)
        for w in self.form.widgets.values():
            w.setEnabled(not busy)
        for b in self.findChildren(QPushButton):
            if b.objectName().endswith("_browse"):
                b.setEnabled(not busy)

    def _progress(self, done: int, total: str) -> None:
        self.progress.setRange(0, max(1, int(total)))
        self.progress.setValue(min(done, int(total)))

    def _done(self, value: Any) -> None:
        self.task = None
        self._busy(busy=False)
        self.result_value = value
        self.summary.setText(self.finished_text(value))
        self.summary.show()
        self.finished_work()
        self.adjustSize()  # room for the summary
        self.start_button.setText(self.tr("&Close"))
        self.cancel_button.hide()
        for w in self.form.widgets.values():
            w.setEnabled(False)
        self.start_button.setFocus()

    def _failed(self, exc: Exception) -> None:
        self.task = None
        self._busy(busy=False)
        if isinstance(exc, ValidationError):
            self.form.show_errors(exc.fields, self.message)
        else:
            self.message.setText(describe(exc))
            self.message.show()

    def _cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()  # the work stops at its next chunk; its Cancelled error then arrives
            self.cancel_button.setEnabled(False)
            return
        self.reject()

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task = None
        super().reject()


def _with_progress(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Adapt a service's progress(done, total) to the dispatcher's progress(count, text)."""

    def work(*args: Any, progress: Callable[[int, str], None], cancelled: Callable[[], bool]) -> Any:
        return fn(*args, progress=lambda done, total: progress(done, str(total)), cancelled=cancelled)

    return work


class BackupDialog(ProgressDialog):
    start_text = QT_TRANSLATE_NOOP("", "&Back up")

    def __init__(self, services, session, default_path: Path, parent=None):
        super().__init__(
            tr("Back up"),
            tr(
                "One encrypted file with every tenant, user, audit entry and secret. It opens with your recovery key "
                "(or an operator's key), so it may go to a synced folder or a USB stick."
            ),
            parent,
        )
        self.setObjectName("backup_dialog")
        self.services, self.session = services, session
        self.dest = QLineEdit(str(default_path))
        self.add_file_field("dest", self.tr("&Save to:"), self.dest, self._browse)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the backup"), self.dest.text(), FILTER)
        if path:
            self.dest.setText(path)

    def work(self):
        text = self.dest.text().strip()
        if not text:
            raise ValidationError({"dest": self.tr("Choose where the backup goes.")})
        return _with_progress(self.services.backups.create), (self.session, Path(text).expanduser())

    def finished_text(self, r) -> str:
        return self.tr("<b>Backup written</b>: {0}<br>{1} in {2:.1f} s; it holds {3}.").format(
            r.path, _size(r.size), r.seconds, _counts(r.counts)
        )


class OpenBackupDialog(ProgressDialog):
    """Verify (check every byte, restore nothing) or restore (first start on a new machine)."""

    def __init__(
        self, vault, parent=None, *, restore: bool = False, database_file: Path | None = None, replace: bool = False
    ):
        self.restore, self.replace = restore, replace  # replace: over existing data, which is kept first
        self.start_text = QT_TRANSLATE_NOOP("", "&Restore") if restore else QT_TRANSLATE_NOOP("", "&Verify")
        super().__init__(
            tr("Restore from a backup") if restore else tr("Verify a backup"),
            (
                tr(
                    "Choose a backup and type its recovery key. Everything in it comes back on this computer; you "
                    "then sign in with your usual password."
                )
                if restore
                else tr(
                    "Open a backup and check every byte of it, without restoring anything. The recovery key "
                    "is needed unless this account's operator key could open it when it was made."
                )
            ),
            parent,
        )
        self.setObjectName("restore_dialog" if restore else "verify_dialog")
        self.vault, self.database_file = vault, database_file
        self.file = QLineEdit()
        self.add_file_field("file", self.tr("&Backup file:"), self.file, self._browse)
        self.key = QLineEdit()
        self.key.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.form.add(
            "recovery_key",
            self.tr("Recovery &key:"),
            self.key,
            hint=self.tr("Nine groups of four; case, spaces and dashes do not matter, a typo is caught."),
        )

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup"), self.file.text(), FILTER)
        if path:
            self.file.setText(path)

    def work(self):
        path = self.file.text().strip()
        problem = None if path else self.tr("Choose the backup file.")
        if path and not Path(path).expanduser().is_file():
            problem = self.tr("There is no file here.")
        if problem:
            raise ValidationError({"file": problem})
        text = self.key.text().strip() or None
        if self.restore:
            from billing_desktop.services.restore import restore

            def run(p, t, progress, cancelled):
                return restore(
                    p,
                    vault=self.vault,
                    recovery_text=t,
                    database_file=self.database_file,
                    replace=self.replace,
                    progress=progress,
                    cancelled=cancelled,
                )

            return _with_progress(run), (Path(path).expanduser(), text)
        from billing_desktop.services.backup import verify

        return _with_progress(verify), (Path(path).expanduser(), self.vault, text)

    def finished_work(self) -> None:
        self.key.clear()  # the recovery key does not stay on screen

    def finished_text(self, r) -> str:
        if self.restore:
            health = r.doctor.get("status", self.tr("not checked"))
            kept = self.tr("<br>The previous data is kept at {0}.").format(r.kept_previous) if r.kept_previous else ""
            return (
                self.tr(
                    "<b>Restored</b> {0}; {1} open. This computer now holds an operator key for {2} ({3}). "
                    "Self-check: {4}."
                ).format(
                    _counts(r.counts), _many(r.secrets_opened, "secret"), r.operator, r.operator_fingerprint, health
                )
                + kept
            )
        return self.tr(
            "<b>The backup is whole</b> (opened with the {0}): made {1} by {2}; {3}; every secret opens."
        ).format(r.opened_with, r.created_at[:16], r.created_by, _counts(r.counts))
