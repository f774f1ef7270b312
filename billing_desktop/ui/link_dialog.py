"""Shows a link Stripe made (fix-up Account Link, Express dashboard login) with Copy and Open in browser."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from billing_desktop.ui.clipboard import copy_text
from billing_desktop.ui.forms import note
from billing_desktop.ui.workers import submit


class LinkDialog(QDialog):
    def __init__(self, title: str, text: str, link, open_url, parent=None):
        super().__init__(parent)
        self.setObjectName("link_dialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        v = QVBoxLayout(self)
        expires = f" It works once and expires {link.expires_at:%Y-%m-%d %H:%M} UTC." if link.expires_at else ""
        v.addWidget(note(text + expires))
        row = QHBoxLayout()
        self.url = QLineEdit(link.url)
        self.url.setObjectName("link_url")
        self.url.setReadOnly(True)
        self.url.setAccessibleName(self.tr("Link"))
        row.addWidget(self.url, 1)
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.setObjectName("copy_link")
        self.copy_button.clicked.connect(lambda: copy_text(link.url))
        self.open_button = QPushButton(self.tr("&Open in browser"))
        self.open_button.setObjectName("open_link")
        # Opening a browser can block (xdg-open): in a worker.
        self.open_button.clicked.connect(lambda: submit(open_url, link.url, owner=self, on_error=lambda e: None))
        row.addWidget(self.copy_button)
        row.addWidget(self.open_button)
        v.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        v.addWidget(buttons)
        self.finished.connect(self.deleteLater)
