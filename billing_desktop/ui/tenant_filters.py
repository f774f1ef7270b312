"""Filters over the tenant list: mode, tier, Stripe state and "needs attention", each a drop-down; in one row, or
two when the list is too narrow for one (a small screen, a large scale factor) rather than cutting their words."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QWidget

from billing_desktop.domain.states import ConnectionState
from billing_desktop.domain.validation import Mode, Tier
from billing_desktop.ui.i18n import tr

# Labels marked for translation (QT_TRANSLATE_NOOP returns them unchanged; its stubs say object).
CHOICES: dict[str, tuple[object, list[tuple[object, str]]]] = {
    "mode": (
        QT_TRANSLATE_NOOP("", "Any mode"),
        [(QT_TRANSLATE_NOOP("", "Test"), Mode.TEST.value), ("Live", Mode.LIVE.value)],
    ),
    "tier": (
        QT_TRANSLATE_NOOP("", "Any tier"),
        [("Free", Tier.FREE.value), ("Pro", Tier.PRO.value), ("Enterprise", Tier.ENTERPRISE.value)],
    ),
    "stripe": (
        QT_TRANSLATE_NOOP("", "Any Stripe state"),
        [
            (QT_TRANSLATE_NOOP("", "Connected"), ConnectionState.CONNECTED.value),
            (QT_TRANSLATE_NOOP("", "Pending"), ConnectionState.PENDING.value),
            (QT_TRANSLATE_NOOP("", "Restricted"), ConnectionState.RESTRICTED.value),
            (QT_TRANSLATE_NOOP("", "Disconnected"), ConnectionState.DISCONNECTED.value),
            (QT_TRANSLATE_NOOP("", "No account"), "none"),
        ],
    ),
    "attention": (QT_TRANSLATE_NOOP("", "Attention: all"), [(QT_TRANSLATE_NOOP("", "Needs attention"), "yes")]),
}


class TenantFilters(QWidget):
    changed = Signal()

    def __init__(self, model, parent=None):
        super().__init__(parent)
        self.model = model
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.combos: dict[str, QComboBox] = {}
        for name, (everything, options) in CHOICES.items():
            combo = QComboBox()
            combo.setObjectName(f"filter_{name}")
            combo.setAccessibleName(tr("Filter by {0}").format(name))
            combo.addItem(tr(str(everything)), None)
            for label, value in options:
                combo.addItem(tr(str(label)), value)
            combo.currentIndexChanged.connect(lambda _i, name=name: self._apply(name))
            self.combos[name] = combo
        self.columns = 0
        self._reflow()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._reflow()

    def _reflow(self) -> None:
        combos = list(self.combos.values())
        one_row = sum(c.sizeHint().width() for c in combos) + self.grid.horizontalSpacing() * (len(combos) - 1)
        columns = len(combos) if self.width() >= one_row or (not self.isVisible() and self.columns == 0) else 2
        if columns == self.columns:
            return
        self.columns = columns
        for combo in combos:
            self.grid.removeWidget(combo)
        for i, combo in enumerate(combos):
            self.grid.addWidget(combo, i // columns, i % columns)

    def _apply(self, name: str) -> None:
        self.model.set_facets(**{name: self.combos[name].currentData()})
        self.changed.emit()
