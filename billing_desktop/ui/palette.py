"""The app's colours and message durations in one place. Text colours come in a light- and a dark-scheme shade,
picked from the running palette, so every custom colour stays readable in both schemes."""

from __future__ import annotations

from billing_desktop.domain.states import Mode

STATUS_MESSAGE_MS = 8000  # how long a status-bar message stays
STATUS_MESSAGE_LONG_MS = 15_000  # one that carries a summary or a path to read
SECRET_VISIBLE_MS = 30_000  # a revealed secret hides itself again after this long

# name: (on a light background, on a dark background)
_TEXT = {
    "error": ("#c92a2a", "#ff8787"),
    "success": ("#2b8a3e", "#69db7c"),
    "warning": ("#d9480f", "#ffa94d"),
    "muted": ("#6c757d", "#adb5bd"),
    Mode.LIVE: ("#c92a2a", "#ff8787"),
}
# Badges and banners carry their own background, so one pair (background, text) works in both schemes.
BADGES = {
    Mode.LIVE: ("#c92a2a", "#ffffff"),
    Mode.TEST: ("#ffd8a8", "#3d2400"),
    "success": ("#2b8a3e", "#ffffff"),
    "warning": ("#e67700", "#ffffff"),
    "error": ("#c92a2a", "#ffffff"),
    "muted": ("#868e96", "#ffffff"),
}
# A banner asking for a decision (the Overview's conflict banner): background, border and text, both schemes.
NOTICE_BANNER = ("#fff3bf", "#f08c00", "#3d2400")


def is_dark() -> bool:
    """True when the running palette has light text on a dark window (system scheme or the Preferences choice)."""
    from PySide6.QtGui import QGuiApplication, QPalette

    app = QGuiApplication.instance()
    if app is None:
        return False
    pal = QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < pal.color(QPalette.ColorRole.WindowText).lightness()


def colour(name: str) -> str:
    """A text colour readable on the current window background."""
    light, dark = _TEXT[name]
    return dark if is_dark() else light


def text_style(name: str, *, bold: bool = False) -> str:
    return f"color: {colour(name)};" + (" font-weight: bold;" if bold else "")


def notice_banner_style(object_name: str) -> str:
    background, border, text = NOTICE_BANNER
    return (
        f"#{object_name} {{ background: {background}; border: 1px solid {border}; border-radius: 4px; }}"
        f" #{object_name} QLabel {{ color: {text}; }}"
    )


def badge_style(name: str) -> str:
    background, text = BADGES[name]
    return f"background: {background}; color: {text}; font-weight: bold; border-radius: 3px; padding: 1px 6px;"


def set_tone(widget, name: str) -> None:
    """Mark a label with a tone (error, ok, ...) and colour its text for the running scheme. Its own palette, not an
    app-wide style sheet: a style sheet on the application makes Qt polish every widget through the (slow) style
    sheet style, which cost the sign-in window and the main window most of their build time."""
    widget.setProperty("tone", name)
    apply_tone(widget)


def apply_tone(widget) -> None:
    """Re-colour a toned label (after a scheme change); widgets without a tone are left alone."""
    name = widget.property("tone")
    if name not in _TEXT:
        return
    from PySide6.QtGui import QColor, QPalette

    pal = widget.palette()
    pal.setColor(QPalette.ColorRole.WindowText, QColor(colour(name)))
    widget.setPalette(pal)
