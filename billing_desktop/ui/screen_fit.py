"""Size the main window for the screen it opens on: a saved size only if it still fits, else most of the screen."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

PREFERRED = QSize(1280, 800)
MARGIN = 0.92  # leave a little of the desktop visible around a first window


def first_size(available: QRect, minimum: QSize, preferred: QSize = PREFERRED) -> QSize:
    """The preferred size, shrunk to the available area, never below the window's minimum."""
    width = min(preferred.width(), int(available.width() * MARGIN))
    height = min(preferred.height(), int(available.height() * MARGIN))
    return QSize(max(width, minimum.width()), max(height, minimum.height()))


def fits(frame: QRect, available: QRect) -> bool:
    return available.contains(frame)


def place(window: QWidget, settings: QSettings, key: str) -> None:
    """Restore the saved geometry if the window then lies wholly on the available screen area; otherwise size it
    for this screen and centre it there."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    saved = settings.value(key)
    if saved is not None and window.restoreGeometry(saved) and fits(window.geometry(), available):
        return
    size = first_size(available, window.minimumSizeHint().expandedTo(window.minimumSize()))
    size = size.boundedTo(available.size())  # a minimum larger than the screen: let Qt shrink what it can
    window.resize(size)
    frame = QRect(available.topLeft(), size)
    frame.moveCenter(available.center())
    window.move(frame.topLeft())
