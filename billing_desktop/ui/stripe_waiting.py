"""The Stripe tab's "Waiting for Stripe" box while a Connect or onboarding attempt is open: the address (Copy, for a
browser that did not open), Cancel, and a pasted return address for a browser that could not reach this app."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget

from billing_desktop.ui.clipboard import copy_text
from billing_desktop.ui.forms import message_label, note
from billing_desktop.ui.i18n import text


class WaitingBox(QGroupBox):
    """Shows an attempt; the tab owns it (Cancel and Use address are its buttons' clicks)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTitle(self.tr("Waiting for Stripe"))
        self.setObjectName("stripe_waiting")
        w = QVBoxLayout(self)
        self.note = note(self.browser_opened_text())
        self.note.setObjectName("stripe_waiting_note")
        w.addWidget(self.note)
        row = QHBoxLayout()
        self.url = QLineEdit()
        self.url.setObjectName("connect_url")
        self.url.setReadOnly(True)
        self.url.setAccessibleName(self.tr("Stripe address"))
        self.copy_url = QPushButton(self.tr("&Copy address"))
        self.copy_url.clicked.connect(lambda: copy_text(self.url.text()))
        self.cancel_button = QPushButton(self.tr("C&ancel"))
        self.cancel_button.setObjectName("cancel_connect")
        for widget in (self.url, self.copy_url, self.cancel_button):
            row.addWidget(widget)
        w.addLayout(row)
        paste_row = QHBoxLayout()
        self.pasted = QLineEdit()
        self.pasted.setObjectName("pasted_url")
        self.pasted.setPlaceholderText(
            self.tr("Paste the address you were sent to (if the browser could not reach this app)")
        )
        self.pasted.setAccessibleName(self.tr("Address you were sent to"))
        self.submit_pasted = QPushButton(self.tr("&Use address"))
        paste_row.addWidget(self.pasted)
        paste_row.addWidget(self.submit_pasted)
        w.addLayout(paste_row)
        self.paste_error = message_label()
        w.addWidget(self.paste_error)
        bar = QProgressBar()
        bar.setRange(0, 0)
        bar.setMaximumHeight(6)
        w.addWidget(bar)
        self.notice = ""
        self.hide()

    def browser_opened_text(self) -> str:
        return self.tr(
            "Your browser was opened at Stripe. Finish there; this panel updates by itself. "
            "If the browser did not open, copy the address into it."
        )

    def _with_notice(self, text_: str) -> str:
        return f"{text_}<br><br>{escape(text(self.notice))}" if self.notice else text_

    def start(self, url: str, notice: str) -> None:
        """A new attempt: its address, and something the user asked for that does not apply (or "")."""
        self.notice = notice
        self.url.setText(url)
        self.pasted.clear()
        self.paste_error.hide()
        self.show()
        self.note.setText(self._with_notice(self.browser_opened_text()))

    def no_browser(self) -> None:
        self.note.setText(
            self._with_notice(
                self.tr(
                    "<b>No web browser could be started.</b> Copy the address below and open it in a browser on "
                    "this computer; this panel updates by itself when Stripe sends you back."
                )
            )
        )
        self.copy_url.setFocus()

    def paste_failed(self, message: str) -> None:
        self.paste_error.setText(message)
        self.paste_error.show()
