"""Vault → Recovery key…: whether one exists and was confirmed stored; create it (at setup or after an upgrade) or
rotate it, then show it once with Print and Save, and ask the operator to confirm they stored it."""

from __future__ import annotations

import functools
import os
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from billing_desktop.domain.recovery_key import page_text
from billing_desktop.ui.forms import confirm, message_label, note
from billing_desktop.ui.workers import describe


def _when(d) -> str:
    return d.strftime("%Y-%m-%d %H:%M") if d else ""


class RecoveryKeyDialog(QDialog):
    def __init__(self, services, session, runner, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recovery key"))
        self.setObjectName("recovery_dialog")
        self.services, self.session, self.runner = services, session, runner
        self.shown = None  # the new key while it is on screen; dropped when the dialog closes
        self.stack = QStackedWidget()
        self.stack.addWidget(self._status_page())
        self.stack.addWidget(self._key_page())
        v = QVBoxLayout(self)
        v.addWidget(self.stack)
        self.message = message_label()
        self.message.hide()
        v.addWidget(self.message)
        self.setMinimumWidth(560)
        self.load()

    # -- page 1: status --------------------------------------------------------------------------------------------
    def _status_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(
            note(
                self.tr(
                    "The recovery key opens your backups on a new machine, and every secret in them. Keep it away "
                    "from this computer: on paper, or in a password manager that is not on this laptop."
                )
            )
        )
        self.state = QLabel(self.tr("Reading…"))
        self.state.setObjectName("recovery_state")
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.state)
        row = QHBoxLayout()
        self.create_button = QPushButton(self.tr("&Create recovery key…"))
        self.create_button.setObjectName("create_recovery")
        self.create_button.clicked.connect(self._create)
        self.rotate_button = QPushButton(self.tr("&Rotate…"))
        self.rotate_button.setObjectName("rotate_recovery")
        self.rotate_button.clicked.connect(self._ask_rotate)
        for b in (self.create_button, self.rotate_button):
            b.hide()  # which one applies is known once the status has arrived
            row.addWidget(b)
        row.addStretch(1)
        v.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        v.addWidget(close)
        return page

    def load(self) -> None:
        self.runner.run(self.services.recovery.status, self.session, on_done=self._show_status, on_error=self._error)

    def _show_status(self, st) -> None:
        self.status_value = st
        if not st.exists:
            self.state.setText(
                self.tr(
                    "<b>There is no recovery key.</b> If this computer is lost or broken, its secrets cannot be "
                    "restored anywhere else. Create one now."
                )
            )
        else:
            by = escape(st.created_by or "")
            if st.confirmed_at:
                stored = self.tr("confirmed stored {0}").format(_when(st.confirmed_at))
            elif st.shown_to_you:
                stored = self.tr("<b>not confirmed stored</b>: rotate it if you did not keep it")
            else:  # only its maker was shown it
                stored = self.tr(
                    "<b>not confirmed stored</b> by {0}, who was shown it: ask them before rotating it (a new key "
                    "replaces the one they may have kept)"
                ).format(by)
            self.state.setText(
                self.tr("Recovery key <tt>{0}</tt>, created {1} by {2}; {3}.").format(
                    st.fingerprint, _when(st.created_at), by, stored
                )
            )
        self.create_button.setVisible(not st.exists)
        self.rotate_button.setVisible(st.exists)
        (self.create_button if not st.exists else self.rotate_button).setFocus()

    def _ask_rotate(self) -> None:
        confirm(
            self,
            self.tr("Rotate the recovery key?"),
            self.tr(
                "A new recovery key replaces the current one: from now on the old key opens nothing in this database "
                "and no new backup. Backups made before keep opening with the old key, so delete them once a new "
                "backup exists."
            ),
            self.tr("Rotate"),
            lambda: self._create(rotate=True),
        )

    def _create(self, *, rotate: bool = False) -> None:
        self.message.hide()
        self.create_button.setEnabled(False)
        self.rotate_button.setEnabled(False)
        self.runner.run(
            functools.partial(self.services.recovery.create, rotate=rotate),
            self.session,
            on_done=self._show_key,
            on_error=self._error,
            reason=self.tr("Rotating the recovery key needs your password again."),
        )

    # -- page 2: the key, once -------------------------------------------------------------------------------------
    def _key_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.addWidget(
            note(
                self.tr(
                    "<b>Your recovery key.</b> It is shown this once. Write it down, or save the page and print it; "
                    "keep it safe."
                )
            )
        )
        self.key_label = QLabel()
        self.key_label.setObjectName("recovery_key_text")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.DemiBold)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setMinimumHeight(56)
        v.addWidget(self.key_label)
        self.fingerprint = QLabel()
        self.fingerprint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(self.fingerprint)
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Save as P&DF to print…"))
        self.print_button.setObjectName("save_pdf")
        self.print_button.clicked.connect(self._pdf)
        self.save_button = QPushButton(self.tr("&Save as text…"))
        self.save_button.setObjectName("save_page")
        self.save_button.clicked.connect(self._save)
        row.addWidget(self.print_button)
        row.addWidget(self.save_button)
        row.addStretch(1)
        v.addLayout(row)
        self.stored = QCheckBox(self.tr("I have &printed or saved it somewhere safe, away from this computer"))
        self.stored.setObjectName("stored")
        v.addWidget(self.stored)
        buttons = QDialogButtonBox()
        self.done_button = buttons.addButton(self.tr("&Done"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setObjectName("done")
        self.done_button.setEnabled(False)
        self.stored.toggled.connect(self.done_button.setEnabled)
        self.done_button.clicked.connect(self._confirm)
        v.addWidget(buttons)
        return page

    def _show_key(self, new) -> None:
        self.shown = new
        self.key_label.setText(new.text)
        self.fingerprint.setText(
            self.tr("Fingerprint {0} · created {1} UTC").format(new.fingerprint, _when(new.created_at))
        )
        self.stored.setChecked(False)
        self.stack.setCurrentIndex(1)
        self.print_button.setFocus()

    def _page(self) -> str:
        new = self.shown
        if new is None:  # the page is only offered once a key is shown
            return ""
        return page_text(new.text, new.fingerprint, f"{_when(new.created_at)} UTC", self.services.database_label())

    def _pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the recovery page as PDF (to print)"),
            "billing-desktop-recovery-key.pdf",
            self.tr("PDF (*.pdf)"),
        )
        if path:
            self.save_pdf_to(path)

    def save_pdf_to(self, path: str) -> None:
        """A one-page PDF to print (QPdfWriter is in QtGui: the bundle leaves QtPrintSupport out)."""
        from PySide6.QtGui import QPageSize, QPdfWriter

        try:
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))  # private before any byte
        except OSError as exc:
            self._error_text(self.tr("Could not save {0}: {1}.").format(path, exc.strerror or type(exc).__name__))
            return
        writer = QPdfWriter(path)
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        writer.setTitle(self.tr("Billing Desktop recovery key"))
        doc = QTextDocument()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(11)
        doc.setDefaultFont(font)
        doc.setPlainText(self._page())
        doc.print_(writer)
        self.message.hide()

    def _save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the recovery page"), "billing-desktop-recovery-key.txt"
        )
        if path:
            self.save_to(path)

    def save_to(self, path: str) -> None:
        try:
            fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(self._page())
        except OSError as exc:
            self._error_text(self.tr("Could not save {0}: {1}.").format(path, exc.strerror or type(exc).__name__))
            return
        self.message.hide()

    def _confirm(self) -> None:
        self.done_button.setEnabled(False)
        self.runner.run(
            self.services.recovery.confirm_stored,
            self.session,
            on_done=lambda _st: self.accept(),
            on_error=self._error,
        )

    # -- errors ----------------------------------------------------------------------------------------------------
    def _error(self, exc: Exception) -> None:
        self._error_text(describe(exc))

    def _error_text(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.create_button.setEnabled(True)
        self.rotate_button.setEnabled(True)
        self.done_button.setEnabled(self.stored.isChecked())

    def done(self, code: int) -> None:
        self.shown = None
        self.key_label.clear()
        super().done(code)
