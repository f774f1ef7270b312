"""A revealed secret that does not stay on screen: it hides after a while, when its page is left, or on Hide."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from billing_desktop.ui.palette import SECRET_VISIBLE_MS


class RevealedSecret(QWidget):
    def __init__(self, parent=None, visible_ms: int = SECRET_VISIBLE_MS):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.value = QLabel()
        self.value.setObjectName("revealed")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.setAccessibleName(self.tr("Revealed secret"))
        self.countdown = QLabel()
        self.countdown.setEnabled(False)
        self.hide_button = QPushButton(self.tr("&Hide"))
        self.hide_button.setObjectName("hide_secret")
        self.hide_button.clicked.connect(self.conceal)
        row.addWidget(self.value, 1)
        row.addWidget(self.countdown)
        row.addWidget(self.hide_button)
        self.visible_ms = visible_ms
        self._expire = QTimer(self, singleShot=True)
        self._expire.timeout.connect(self.conceal)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update_countdown)
        super().hide()

    def reveal(self, secret: str) -> None:
        self.value.setText(f"<tt>{escape(secret)}</tt>")
        self._expire.start(self.visible_ms)
        self._tick.start()
        self._update_countdown()
        self.show()

    def conceal(self) -> None:
        """Forget the text, not just hide it: nothing secret stays in a widget."""
        self._expire.stop()
        self._tick.stop()
        self.value.clear()
        super().hide()

    @property
    def shown(self) -> bool:
        return bool(self.value.text())

    def text(self) -> str:
        return self.value.text()

    def _update_countdown(self) -> None:
        seconds = max(0, round(self._expire.remainingTime() / 1000))
        self.countdown.setText(self.tr("hides in {0} s").format(seconds))

    def hideEvent(self, event) -> None:  # noqa: N802 - leaving the tab (or locking) hides the secret for good
        super().hideEvent(event)
        if not event.spontaneous() and self.shown:
            self._expire.stop()
            self._tick.stop()
            self.value.clear()
            super().hide()  # already invisible with its page: this only keeps it hidden when the page returns
