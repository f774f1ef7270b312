"""No lost edits: before the shown tenant changes, or the session or window ends, ask about unsaved edits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox

from billing_desktop.ui.i18n import tr
from billing_desktop.ui.window_parts import ScrollingTabs


def ask_unsaved(parent, what: str, on_save, on_discard, *, can_save: bool = True) -> QMessageBox:
    """Save / Discard / Cancel (the default: Enter or Escape changes nothing). Window-modal, no nested loop."""
    buttons = QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    if can_save:
        buttons |= QMessageBox.StandardButton.Save
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        tr("Unsaved changes"),
        tr("You have unsaved changes to {0}.").format(what),
        buttons,
        parent,
    )
    box.setObjectName("unsaved_prompt")
    box.setInformativeText(
        tr("Save them, discard them, or cancel and keep editing.")
        if can_save
        else tr("The session is locked: unlock to save them, or discard them.")
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)

    def finished(_code) -> None:
        clicked = box.standardButton(box.clickedButton()) if box.clickedButton() else None
        if clicked == QMessageBox.StandardButton.Save:
            on_save()
        elif clicked == QMessageBox.StandardButton.Discard:
            on_discard()

    box.finished.connect(finished)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


class UnsavedGuard:
    """Mixed into MainWindow. Editors (tabs) offer has_unsaved_changes, unsaved_what, save_changes, discard_changes."""

    # MainWindow's, declared for the type checker.
    overview: Any
    webhooks: Any
    tabs: ScrollingTabs

    def editors(self) -> list:
        return [self.overview, self.webhooks]

    def has_unsaved_changes(self) -> bool:
        return any(e.has_unsaved_changes() for e in self.editors())

    def guard_unsaved(self, then: Callable[[], None], *, can_save: bool = True) -> None:
        """Run `then` at once if nothing is unsaved; otherwise ask editor by editor, and run it unless cancelled."""
        dirty = next((e for e in self.editors() if e.has_unsaved_changes()), None)
        if dirty is None:
            then()
            return

        def save() -> None:
            self.tabs.setCurrentWidget(dirty)  # a field error shows where the user can see it
            dirty.save_changes(lambda: self.guard_unsaved(then, can_save=can_save))

        def discard() -> None:
            dirty.discard_changes()
            self.guard_unsaved(then, can_save=can_save)

        ask_unsaved(self, dirty.unsaved_what(), save, discard, can_save=can_save)
