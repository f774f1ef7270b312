"""Inspect a pasted key offline; scan a folder for leaked credentials with progress and Cancel."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from billing_desktop.ui.forms import note, password_edit
from billing_desktop.ui.i18n import text as text_
from billing_desktop.ui.palette import colour
from billing_desktop.ui.workers import Task, describe, submit, submit_with_progress


class InspectKeyDialog(QDialog):
    """Tells, with no network and no keyring, what a pasted key is and whose."""

    inspected = Signal(str)  # the verdict on this text is on screen (tests wait for it, not for a time)

    def __init__(self, services, session, parent=None):
        super().__init__(parent)
        self.services, self.session = services, session
        self.setWindowTitle(self.tr("Inspect key"))
        self.setMinimumWidth(620)
        v = QVBoxLayout(self)
        v.addWidget(note(self.tr("Paste a key. It is checked on this computer only: nothing is sent anywhere.")))
        self.key = password_edit(self.tr("sk_live_… / pk_test_… / whsec_… / anything"))
        self.key.setObjectName("key_input")
        self.key.setAccessibleName(self.tr("Key to inspect"))
        self.key.setMaxLength(1_100_000)  # long enough that a pasted blob gets a verdict, not a silent cut
        key_row = QHBoxLayout()
        key_row.addWidget(self.key, 1)
        self.show_key = QCheckBox(self.tr("S&how"))
        self.show_key.setObjectName("show_key")
        self.show_key.setToolTip(self.tr("Show the pasted key in plain text"))
        self.show_key.toggled.connect(
            lambda on: self.key.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        )
        key_row.addWidget(self.show_key)
        v.addLayout(key_row)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        v.addWidget(self.summary)
        form = QFormLayout()
        self.fields = {}
        for name, label in [
            ("value", "Key"),
            ("well_formed", "Well-formed"),
            ("checksum_valid", "Checksum"),
            ("kind", "Kind / mode"),
            ("tenant", "Tenant"),
            ("status", "Status"),
            ("created_at", "Created"),
            ("last_rolled", "Last rolled"),
            ("stripe_shape", "Stripe"),
        ]:
            lab = QLabel("—")
            lab.setObjectName(f"field_{name}")
            lab.setWordWrap(True)
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(f"{label}:", lab)
            self.fields[name] = lab
        v.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.inspect)
        self.key.textChanged.connect(lambda _: self._debounce.start())
        self.key.returnPressed.connect(self.inspect)
        self.last = None

    def inspect(self) -> None:
        text = self.key.text()
        submit(
            self.services.inspection.inspect,
            self.session,
            text,
            owner=self,
            on_done=lambda ins: self._show(text, ins),
            on_error=lambda exc: self._failed(text, exc),
        )

    def _failed(self, text: str, exc: Exception) -> None:
        self.summary.setText(f"<span style='color:{colour('error')}'>{escape(describe(exc))}</span>")
        self.inspected.emit(text)

    def _show(self, text: str, ins) -> None:
        if text != self.key.text():
            return  # typed on since
        self.last = ins
        d = ins.to_json()
        good = ins.usable
        tone = colour("success" if good else ("warning" if ins.ours else "error"))
        self.summary.setText(f"<b style='color:{tone}'>{escape(text_(ins.summary))}</b>")

        def yn(value):
            return "—" if value is None else (self.tr("yes") if value else self.tr("no"))

        f = self.fields
        f["value"].setText(d["value"])
        f["well_formed"].setText(yn(d["well_formed"]) + (f" — {text_(d['problem'])}" if d["problem"] else ""))
        f["checksum_valid"].setText(
            {True: self.tr("valid"), False: self.tr("does not match"), None: "—"}[d["checksum_valid"]]
        )
        f["kind"].setText(f"{d['kind'] or '—'} / {d['mode'] or '—'}")
        f["tenant"].setText(f"{d.get('tenant_name')} ({d.get('tenant')})" if ins.ours else "—")
        f["status"].setText(text_(ins.summary).split(" — ", 1)[-1] if ins.ours else "—")
        f["created_at"].setText(f"{ins.created_at:%Y-%m-%d %H:%M} UTC" if ins.created_at else "—")
        f["last_rolled"].setText(f"{ins.last_rolled:%Y-%m-%d %H:%M} UTC" if ins.last_rolled else "—")
        f["stripe_shape"].setText(d["stripe_shape"] or "—")
        self.inspected.emit(text)


class ScanDialog(QDialog):
    """Walks a folder for platform and Stripe credentials; Cancel stops the walk."""

    def __init__(self, services, session, parent=None, folder: str | None = None):
        super().__init__(parent)
        self.services, self.session = services, session
        self.task: Task | None = None
        self.setWindowTitle(self.tr("Scan for leaked keys"))
        self.resize(860, 520)
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.folder = QLineEdit(folder or "")
        self.folder.setObjectName("scan_folder")
        self.folder.setAccessibleName(self.tr("Folder to scan"))
        self.folder.setPlaceholderText(self.tr("Folder to scan"))
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        self.start_button = QPushButton(self.tr("&Scan"))
        self.start_button.setObjectName("start_scan")
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("&Cancel scan"))
        self.cancel_button.setObjectName("cancel_scan")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        for w in (self.folder, browse, self.start_button, self.cancel_button):
            row.addWidget(w)
        v.addLayout(row)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        v.addWidget(self.progress)
        self.status = QLabel(self.tr("Skips binary files and .git folders."))
        self.status.setObjectName("scan_status")
        v.addWidget(self.status)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("findings")
        self.table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Line / byte"), self.tr("Value"), self.tr("What / status")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 340)
        self.table.setColumnWidth(1, 50)
        self.table.setColumnWidth(2, 170)
        v.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder to scan", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def start(self) -> None:
        folder = self.folder.text().strip()
        if not folder:
            self.status.setText(self.tr("Choose a folder first."))
            return
        self.table.setRowCount(0)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.show()
        self.task = submit_with_progress(
            self.services.inspection.scan,
            self.session,
            [folder],
            owner=self,
            on_progress=self._progress,
            on_done=self._done,
            on_error=self._failed,
        )

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(self.tr("Cancelling…"))

    def _progress(self, files: int, path: str) -> None:
        self.status.setText(f"{files} files scanned — {path[-90:]}")

    def _finish(self) -> None:
        self.task = None
        self.progress.hide()
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _done(self, result) -> None:
        self._finish()
        self.table.setRowCount(len(result.findings))
        for n, f in enumerate(result.findings):
            place = str(f.line) if f.offset is None else f"byte {f.offset}"  # binary files have no lines
            for c, text in enumerate([f.path, place, f.value, f"{f.what} ({f.status})"]):
                self.table.setItem(n, c, QTableWidgetItem(text))
        state = "Cancelled" if result.cancelled else "Done"
        self.status.setText(
            f"{state}: {len(result.findings)} found in {result.files_scanned} files ({result.files_skipped} skipped)."
        )

    def _failed(self, exc: Exception) -> None:
        self._finish()
        self.status.setText(describe(exc))

    def reject(self) -> None:
        self.cancel()
        super().reject()
