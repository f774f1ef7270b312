"""Light or dark: follow the system colour scheme (and its changes), unless the operator chose one in View."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from billing_desktop.ui import palette

CHOICES = ("system", "light", "dark")
KEY = "view/color_scheme"


def dark_palette() -> QPalette:
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#2b2d30"),
        (roles.WindowText, "#e6e6e6"),
        (roles.Base, "#1e1f22"),
        (roles.AlternateBase, "#2b2d30"),
        (roles.ToolTipBase, "#3c3f41"),
        (roles.ToolTipText, "#e6e6e6"),
        (roles.PlaceholderText, "#8c8f94"),
        (roles.Text, "#e6e6e6"),
        (roles.Button, "#393b40"),
        (roles.ButtonText, "#e6e6e6"),
        (roles.BrightText, "#ff8787"),
        (roles.Link, "#74c0fc"),
        (roles.Highlight, "#2f65ca"),
        (roles.HighlightedText, "#ffffff"),
    ):
        p.setColor(role, QColor(colour))
    disabled = QColor("#7a7d82")
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


class Theme(QObject):
    """One per app: applies the choice now and again whenever the system scheme changes."""

    def __init__(self, app: QApplication, settings: QSettings):
        super().__init__(app)
        self.app, self.settings = app, settings
        self.light = app.palette()  # the platform's own palette, for light
        self._applied = False
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: self.apply())

    def choice(self) -> str:
        value = str(self.settings.value(KEY, "system"))
        return value if value in CHOICES else "system"

    def set_choice(self, choice: str) -> None:
        self.settings.setValue(KEY, choice)
        self.apply()

    def is_dark(self) -> bool:
        choice = self.choice()
        if choice == "system":
            return self.app.styleHints().colorScheme() == Qt.ColorScheme.Dark
        return choice == "dark"

    def apply(self) -> None:
        """Idempotent and cheap when nothing changed: every window that installs the theme calls it."""
        if self.is_dark():
            if self.app.style().name().lower() != "fusion":
                self.app.setStyle("Fusion")  # the one built-in style that draws any palette faithfully
            wanted = dark_palette()
        else:
            wanted = self.light
        if self.app.palette() == wanted and self._applied:
            return
        self.app.setPalette(wanted)
        self._applied = True
        # Labels that carry a tone (errors, success) get the shade readable on this background.
        for widget in QApplication.allWidgets():
            palette.apply_tone(widget)


_theme: Theme | None = None


def install(settings: QSettings) -> Theme:
    global _theme
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("theme.install needs the QApplication to exist first")
    if _theme is None or _theme.app is not app:
        _theme = Theme(app, settings)
    else:
        _theme.settings = settings
    _theme.apply()
    return _theme


def current() -> Theme | None:
    return _theme
