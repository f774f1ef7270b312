"""The banner above the tenant tabs that says, always in sight, whether the shown tenant is in live or test mode."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from billing_desktop.domain.validation import Mode
from billing_desktop.ui.palette import badge_style

NAME_SHOWN = 48  # characters of the tenant's name in the banner; the rest in its tooltip


class ModeBanner(QWidget):
    """Never in the status bar: status messages cannot cover it, and it sits where the operator acts."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("mode_banner")
        self.mode: str | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName("mode_banner_text")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        row.addWidget(self.label)
        self.show_mode(None, "")

    def show_mode(self, mode: str | None, tenant_name: str) -> None:
        self.mode = mode
        # A name of 120 characters without a space cannot wrap and ran off the banner: cut, whole in the tooltip.
        short = tenant_name if len(tenant_name) <= NAME_SHOWN else tenant_name[: NAME_SHOWN - 1] + "…"
        name = escape(short)
        if mode == Mode.LIVE:
            text = self.tr("<b>LIVE MODE</b> — {0}: changes affect real customers and real money.").format(name)
            style = Mode.LIVE
        elif mode == Mode.TEST:
            text = self.tr("<b>Test mode</b> — {0}: test data only, nothing is charged.").format(name)
            style = Mode.TEST
        else:
            self.label.clear()
            self.hide()
            return
        self.label.setText(text)
        self.label.setToolTip(tenant_name)
        self.label.setStyleSheet(badge_style(style) + " padding: 4px 8px;")
        self.label.setAccessibleName(self.tr("Mode: {0}").format(mode))
        self.show()

    def text(self) -> str:
        """The banner's words without markup (for tests and screen readers)."""
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self.label.text())
        return doc.toPlainText()
