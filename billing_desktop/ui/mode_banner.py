"""The banner above the tenant tabs that says, always in sight, whether the shown tenant is in live or test mode."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from billing_desktop.domain.validation import Mode
from billing_desktop.ui.palette import badge_style


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
        name = escape(tenant_name)
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
        self.label.setToolTip(self.label.text().replace("<b>", "").replace("</b>", ""))
        self.label.setStyleSheet(badge_style(style) + " padding: 4px 8px;")
        self.label.setAccessibleName(self.tr("Mode: {0}").format(mode))
        self.show()

    def text(self) -> str:
        """The banner's words without markup (for tests and screen readers)."""
        from PySide6.QtGui import QTextDocument

        doc = QTextDocument()
        doc.setHtml(self.label.text())
        return doc.toPlainText()
