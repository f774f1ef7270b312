"""Preferences: the language of this computer's windows (everyone), and installation-wide settings (operators)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QSpinBox

from billing_desktop.domain.roles import Perm, allows
from billing_desktop.ui import i18n
from billing_desktop.ui.task_dialog import TaskDialog


class PreferencesDialog(TaskDialog):
    def __init__(self, services, session, settings: QSettings, parent=None):
        operator = allows(session.role, Perm.PLATFORM_MANAGE)
        super().__init__(
            self.tr("Preferences"),
            parent,
            intro=self.tr(
                "The language applies to this computer; the idle lock and the Stripe refresh to everyone using "
                "this installation."
            )
            if operator
            else self.tr("The language applies to this computer."),
        )
        self.ok_button.setText(self.tr("Save"))
        self.services, self.session, self.settings = services, session, settings
        self.language = self.form.add("language", self.tr("&Language:"), QComboBox())
        self.language.addItem(self.tr("Follow the system"), "system")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)  # each language in its own words
        self.language.setCurrentIndex(self.language.findData(i18n.choice(settings)))
        self.idle = QSpinBox()
        if operator:
            self.form.add("idle_lock_minutes", self.tr("&Lock after idle (minutes):"), self.idle)
            self.idle.setRange(1, 240)
            self.idle.setValue(services.settings.idle_lock_minutes())
        self.sync = QSpinBox()
        if operator:
            self.form.add(
                "sync_interval_minutes",
                self.tr("&Refresh all Stripe accounts every:"),
                self.sync,
                hint=self.tr(
                    "Off by default. Runs in the background while this window is open and unlocked; "
                    "one Stripe request per 100 accounts."
                ),
            )
            self.sync.setRange(0, 1440)
            self.sync.setSpecialValueText(self.tr("Off"))  # 0: only when asked (Connect → Refresh all)
            self.sync.setSuffix(self.tr(" min"))
            self.sync.setSingleStep(5)
            self.sync.setValue(services.settings.sync_interval_minutes())
        self.operator = operator
        self.changed_language = False
        self.accepted.connect(self._save_language)
        self.setMinimumWidth(420)

    def _save_language(self) -> None:
        if self.language.currentData() != i18n.choice(self.settings):
            i18n.set_choice(self.settings, self.language.currentData())  # new windows and dialogs use it at once
            self.changed_language = True

    def work(self):
        if not self.operator:
            return (lambda: None), ()
        return partial(
            self.services.settings.save_preferences,
            idle_lock_minutes=self.idle.value(),
            sync_interval_minutes=self.sync.value(),
        ), (self.session,)
