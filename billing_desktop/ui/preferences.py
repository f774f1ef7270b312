"""Preferences (operators): installation-wide settings."""

from __future__ import annotations

from PySide6.QtWidgets import QSpinBox

from billing_desktop.ui.task_dialog import TaskDialog


class PreferencesDialog(TaskDialog):
    ok_text = "Save"

    def __init__(self, services, session, parent=None):
        super().__init__("Preferences", parent, intro="These settings apply to everyone using this installation.")
        self.services, self.session = services, session
        self.idle = self.form.add("idle_lock_minutes", "&Lock after idle (minutes):", QSpinBox())
        self.idle.setRange(1, 240)
        self.idle.setValue(services.settings.idle_lock_minutes())
        self.setMinimumWidth(420)

    def work(self):
        return self.services.settings.set_idle_lock_minutes, (self.session, self.idle.value())
