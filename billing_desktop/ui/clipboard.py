"""Copying secrets: only on an explicit click, and cleared again after a while if still on the clipboard."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000
_pending: set[QTimer] = set()  # clears not yet done (tests wait for none, instead of sleeping)


def pending_clears() -> int:
    return len(_pending)


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text, QClipboard.Mode.Clipboard)


def copy_secret(text: str, clear_after_ms: int | None = None) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.setText(text, QClipboard.Mode.Clipboard)

    timer = QTimer()
    timer.setSingleShot(True)

    def clear() -> None:
        _pending.discard(timer)
        # Only if it still holds our secret: never wipe what the user copied since.
        if clipboard.text(QClipboard.Mode.Clipboard) == text:
            clipboard.clear(QClipboard.Mode.Clipboard)

    timer.timeout.connect(clear)
    _pending.add(timer)
    timer.start(CLEAR_AFTER_MS if clear_after_ms is None else clear_after_ms)
