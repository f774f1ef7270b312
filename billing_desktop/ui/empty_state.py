"""A page that says why there is nothing to show and what to do about it, with the button that does it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("empty_state")
        v = QVBoxLayout(self)
        v.addStretch(1)
        self.title = QLabel()
        self.title.setObjectName("empty_title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName("empty_text")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("empty_action")
        self._slot = None
        self.button.clicked.connect(lambda: self._slot and self._slot())
        for w in (self.title, self.text):
            v.addWidget(w)
        v.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        v.addStretch(2)

    def show_state(self, title: str, text: str, button_text: str = "", on_click=None) -> None:
        self.title.setText(f"<h3>{title}</h3>")
        self.text.setText(text)
        self._slot = on_click
        self.button.setText(button_text)
        self.button.setVisible(bool(button_text and on_click))


class InlineHint(QWidget):
    """One line inside a tab that says what is missing, with the button that fixes it (hidden when not needed)."""

    def __init__(self, object_name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setObjectName(f"{object_name}_text")
        self.button = QPushButton()
        self.button.setObjectName(f"{object_name}_action")
        self._slot = None
        self.button.clicked.connect(lambda: self._slot and self._slot())
        row.addWidget(self.text, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_hint(self, text: str, button_text: str = "", on_click=None) -> None:
        self.text.setText(text)
        self._slot = on_click
        self.button.setText(button_text)
        self.button.setVisible(bool(button_text and on_click))
        self.show()
