"""Filters over the tenant list: mode, tier, Stripe state and "needs attention", each a drop-down."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

CHOICES = {
    "mode": ("Any mode", [("Test", "test"), ("Live", "live")]),
    "tier": ("Any tier", [("Free", "free"), ("Pro", "pro"), ("Enterprise", "enterprise")]),
    "stripe": (
        "Any Stripe state",
        [
            ("Connected", "connected"),
            ("Pending", "pending"),
            ("Restricted", "restricted"),
            ("Disconnected", "disconnected"),
            ("No account", "none"),
        ],
    ),
    "attention": ("Attention: all", [("Needs attention", "yes")]),
}


class TenantFilters(QWidget):
    changed = Signal()

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QComboBox] = {}
        for name, (everything, options) in CHOICES.items():
            combo = QComboBox()
            combo.setObjectName(f"filter_{name}")
            combo.setAccessibleName(f"Filter by {name}")
            combo.addItem(everything, None)
            for label, value in options:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(lambda _i, name=name: self._apply(name))
            row.addWidget(combo)
            self.combos[name] = combo

    def _apply(self, name: str) -> None:
        self.model.set_facets(**{name: self.combos[name].currentData()})
        self.changed.emit()
