"""Filters over the tenant list: mode, tier, Stripe state and "needs attention", each a drop-down."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from billing_desktop.domain.states import ConnectionState
from billing_desktop.domain.validation import Mode, Tier

CHOICES = {
    "mode": ("Any mode", [("Test", Mode.TEST.value), ("Live", Mode.LIVE.value)]),
    "tier": ("Any tier", [("Free", Tier.FREE.value), ("Pro", Tier.PRO.value), ("Enterprise", Tier.ENTERPRISE.value)]),
    "stripe": (
        "Any Stripe state",
        [
            ("Connected", ConnectionState.CONNECTED.value),
            ("Pending", ConnectionState.PENDING.value),
            ("Restricted", ConnectionState.RESTRICTED.value),
            ("Disconnected", ConnectionState.DISCONNECTED.value),
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
