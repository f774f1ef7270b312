"""Helpers for driving the real widgets with qtbot."""

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit


def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


def type_into(qtbot, edit: QLineEdit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_dialog(qtbot, cls) -> QDialog:
    """Wait for a visible top-level dialog of this class and return it."""
    found = []

    def visible():
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, cls) and w.isVisible()]
        assert found

    qtbot.waitUntil(visible, timeout=5000)
    return found[0]


def closed(dialog) -> bool:
    """True once the dialog is hidden or already deleted (dialogs delete themselves after closing)."""
    import shiboken6

    return not shiboken6.isValid(dialog) or not dialog.isVisible()
