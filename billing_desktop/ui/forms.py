"""Form helpers: a row per field with its error shown right under it, and a busy bar with Cancel."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

from billing_desktop.ui.i18n import text
from billing_desktop.ui.palette import set_tone

W = TypeVar("W", bound=QWidget)

ERROR_TONE = "error"  # coloured by ui/palette.py for the running scheme, readable in light and dark


class WrapLabel(QLabel):
    """A word-wrapped label that claims the height its wrapped text needs at the width it got.

    QFormLayout rows and windows laid out before the text arrived (a field error, the lock page's "Signed in as")
    keep a wrapped label at the height of its first line and paint the rest over the next widget; a minimum
    height taken from `heightForWidth` makes the layout, and the window, grow instead."""

    def __init__(self, text: str = "", parent: QWidget | None = None, *, plain: bool = False):
        super().__init__(text, parent)
        self._plain = plain
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        if self._plain and text:
            self._make_plain()
        super().setText(text)
        self._fit()

    def _make_plain(self) -> None:
        # Plain text (errors quote input and Stripe's words: never markup), set at the first text rather than at
        # construction: the first use of `Qt` builds its ~90 enums, and the sign-in window paints before any error.
        from PySide6.QtCore import Qt

        self.setTextFormat(Qt.TextFormat.PlainText)
        self._plain = False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.width() if self.width() > 1 else self.sizeHint().width()
        needed = self.heightForWidth(width) if self.text() else 0
        if needed >= 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


class Form:
    """Adds labelled fields to a QFormLayout; `show_errors` puts each message next to its field."""

    def __init__(self, layout: QFormLayout):
        self.layout = layout
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.hints: dict[str, QLabel] = {}

    def add(self, name: str, label: str, widget: W, hint: str = "") -> W:
        box = QWidget()
        v = QVBoxLayout(box)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(2)
        v.addWidget(widget)
        err = WrapLabel(plain=True)  # messages may quote input or Stripe's words: never markup
        err.setObjectName(f"error_{name}")
        set_tone(err, ERROR_TONE)
        err.hide()
        v.addWidget(err)
        if hint:
            h = WrapLabel(hint)
            h.setEnabled(False)
            v.addWidget(h)
            self.hints[name] = h
        widget.setObjectName(name)
        widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.layout.addRow(label, box)
        lab = self.layout.labelForField(box)
        if isinstance(lab, QLabel):
            lab.setBuddy(widget)
        self.widgets[name] = widget
        self.errors[name] = err
        return widget

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def show_errors(self, fields: dict[str, str], fallback: QLabel | None = None) -> None:
        """Show each message under its field; anything without a field goes to `fallback`."""
        self.clear_errors()
        first = None
        leftovers = []
        for name, value in fields.items():
            message = text(value)  # a service's message, in the operator's language
            if name in self.errors:
                self.errors[name].setText(message)
                self.errors[name].show()
                first = first or self.widgets[name]
            else:
                leftovers.append(f"{name}: {message}")
        if leftovers and fallback is not None:
            fallback.setText("\n".join(leftovers))
            fallback.show()
        if first is not None:
            first.setFocus()


def confirm(parent, title: str, text: str, yes_text: str, on_yes) -> None:
    """A window-modal warning with Cancel as the default; `on_yes()` runs only if the user chose `yes_text`."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.button(QMessageBox.StandardButton.Yes).setText(yes_text)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.finished.connect(lambda code: code == QMessageBox.StandardButton.Yes and on_yes())
    box.finished.connect(box.deleteLater)
    box.open()


def safe_default(destructive, cancel) -> None:
    """Enter must never do the destructive thing: Cancel is the default, the destructive button is clicked only."""
    destructive.setAutoDefault(False)
    destructive.setDefault(False)
    cancel.setAutoDefault(True)
    cancel.setDefault(True)


def note(text: str):
    """A wrapped explanatory label: long text must not set a window's minimum width."""
    from PySide6.QtWidgets import QLabel

    label = QLabel(text)
    label.setWordWrap(True)
    return label


def password_edit(placeholder: str = "") -> QLineEdit:
    e = QLineEdit()
    # Password fields must not feed input methods that may keep history: the password echo mode sets the hints
    # for that itself (hidden text, no prediction, sensitive data, no auto-uppercase; tests/test_gui_start.py).
    e.setEchoMode(QLineEdit.EchoMode.Password)
    e.setPlaceholderText(placeholder)
    return e


def busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(6)
    bar.setAccessibleName("Working")
    bar.hide()
    return bar


def plain_tip(text: str | None) -> str:
    """A tooltip that shows `text` as it is: Qt renders a tooltip that looks like HTML as HTML, and tooltips carry
    Stripe's own codes and reasons."""
    if not text:
        return ""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import Qt as QtGui  # here, not at import: see WrapLabel._make_plain

    if not QtGui.mightBeRichText(text):  # Qt shows it as text already
        return text
    return QtGui.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def message_label() -> QLabel:
    label = WrapLabel(plain=True)  # errors quote Stripe's messages and input: never markup
    label.setObjectName("message")
    set_tone(label, ERROR_TONE)
    label.hide()
    return label
