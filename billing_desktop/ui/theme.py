"""Light or dark: follow the system colour scheme (and its changes), unless the operator chose one in View.

The system's scheme is remembered in the settings: the next start paints its first window in that scheme and asks the
system only once the window is on screen (re-applying, one repaint, if the desktop changed in between). Asking is
what costs: the answer is a `Qt.ColorScheme`, and PySide6 builds all of the `Qt` namespace's ~90 Python enums the
first time anything of it is used (25-90 ms here), which is why nothing on the way to the first window imports `Qt`.
The first start of a data dir asks before the first paint, as every start did before."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, QSize
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

from billing_desktop.ui import palette

CHOICES = ("system", "light", "dark")
KEY = "view/color_scheme"
SEEN_KEY = "view/system_scheme_seen"  # "dark" or "light": what the system said last time


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
    return readable_disabled(p, "#a2a5aa")  # 5.6:1 on the window colour; enabled text is 11:1


def readable_disabled(p: QPalette, colour: str) -> QPalette:
    """Disabled text that can still be read (greyed, not faded out): labels, check marks, list items, fields."""
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return p


_BOXES = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck)


class ReadableStyle(QProxyStyle):
    """The style, with check boxes outlined in the text colour where it would draw them too faint to see: on a dark
    palette Fusion outlines them with a shade of the window colour, which vanishes against the field colour
    (unchecked boxes in a list could not be seen), and disabled ones fade out in light mode too."""

    def drawPrimitive(self, element, option, painter, widget=None) -> None:  # noqa: N802 (Qt's name)
        super().drawPrimitive(element, option, painter, widget)
        enabled = bool(option.state & QStyle.StateFlag.State_Enabled)
        dark = option.palette.color(QPalette.ColorRole.Window).lightness() < 128
        if element in _BOXES and (dark or not enabled):
            group = QPalette.ColorGroup.Active if enabled else QPalette.ColorGroup.Disabled
            pen = QColor(option.palette.color(group, QPalette.ColorRole.Text))
            pen.setAlpha(170)
            painter.save()
            painter.setPen(pen)
            from PySide6.QtCore import Qt

            painter.setBrush(Qt.BrushStyle.NoBrush)
            size = min(option.rect.width(), option.rect.height(), 14)
            box = option.rect.adjusted(0, 0, -1, -1)
            box.setSize(box.size().boundedTo(QSize(size - 1, size - 1)))
            box.moveCenter(option.rect.center())
            painter.drawRect(box)
            painter.restore()


class Theme(QObject):
    """One per app: applies the choice now and again whenever the system scheme changes."""

    def __init__(self, app: QApplication, settings: QSettings):
        super().__init__(app)
        self.app, self.settings = app, settings
        self.light = readable_disabled(app.palette(), "#666666")  # the platform's own, disabled text darker
        self._applied = False
        seen = settings.value(SEEN_KEY)
        self._system_dark: bool | None = {"dark": True, "light": False}.get(str(seen)) if seen else None
        self._unconfirmed = self._system_dark is not None  # remembered, not yet asked in this run
        app.styleHints().colorSchemeChanged.connect(self._system_changed)

    def choice(self) -> str:
        value = str(self.settings.value(KEY, "system"))
        return value if value in CHOICES else "system"

    def set_choice(self, choice: str) -> None:
        self.settings.setValue(KEY, choice)
        self.apply()

    def is_dark(self) -> bool:
        choice = self.choice()
        if choice == "system":
            if self._system_dark is None:
                self._system_dark = self._ask_system()
            return self._system_dark
        return choice == "dark"

    def confirm_system_scheme(self) -> None:
        """Once the first window is on screen: ask the system, and re-apply if it differs from what was remembered."""
        if not self._unconfirmed:
            return
        self._unconfirmed = False
        dark = self._ask_system()
        if dark != self._system_dark:
            self._system_dark = dark
            self.apply()

    def _system_changed(self, _scheme) -> None:
        self._unconfirmed = False
        self._system_dark = self._ask_system()
        self.apply()

    def _ask_system(self) -> bool:
        from PySide6.QtCore import Qt  # builds the Qt namespace's enums (see the module's docstring)

        dark = self.app.styleHints().colorScheme() == Qt.ColorScheme.Dark
        seen = "dark" if dark else "light"
        if self.settings.value(SEEN_KEY) != seen:
            self.settings.setValue(SEEN_KEY, seen)
        return dark

    def apply(self) -> None:
        """Idempotent and cheap when nothing changed: every window that installs the theme calls it."""
        if self.is_dark():
            if not isinstance(self.app.style(), ReadableStyle):
                self._style = ReadableStyle("Fusion")  # the one built-in style that draws any palette faithfully
                self.app.setStyle(self._style)
            wanted = dark_palette()
        else:
            if not isinstance(self.app.style(), ReadableStyle):  # the platform's style, disabled boxes outlined
                self._style = ReadableStyle(self.app.style().name())
                self.app.setStyle(self._style)
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
