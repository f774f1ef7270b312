"""Preferences: the language of this computer's windows (everyone), and installation-wide settings (operators):
the idle lock and scheduled backups."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QWidget

from billing_desktop.domain.roles import Perm, allows
from billing_desktop.services.backup_schedule import MAX_HOURS, MAX_KEEP
from billing_desktop.ui import i18n
from billing_desktop.ui.task_dialog import TaskDialog
from billing_desktop.ui.workers import submit


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
        self.language = self.form.add(
            "language",
            self.tr("&Language:"),
            QComboBox(),
            hint=self.tr(
                "Applies at once: the window is rebuilt in the new language (after asking about unsaved edits)."
            ),
        )
        self.language.addItem(self.tr("Follow the system"), "system")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)  # each language in its own words
        self.language.setCurrentIndex(self.language.findData(i18n.choice(settings)))
        self.idle = QSpinBox()
        self.folder = QLineEdit()
        self.every = QSpinBox()
        self.keep = QSpinBox()
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
            self._add_schedule()
        self.operator = operator
        self.loaded_version = services.settings.preferences_version()  # what the values above were read at
        self.schedule_loaded = False
        self.changed_language = False
        self.accepted.connect(self._save_language)
        self.setMinimumWidth(520 if operator else 420)

    def _add_schedule(self) -> None:
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        self.folder.setPlaceholderText(self.tr("a folder of your choice: a synced one is fine, backups are encrypted"))
        browse = QPushButton(self.tr("Bro&wse…"))
        browse.setObjectName("folder_browse")
        browse.clicked.connect(self._browse)
        h.addWidget(self.folder, 1)
        h.addWidget(browse)
        self.form.add("folder", self.tr("&Back up to folder:"), row)
        self.folder.setObjectName("folder")
        row.setObjectName("folder_row")
        self.form.widgets["folder"] = self.folder
        self.form.add(
            "every_hours", self.tr("Back up &every (hours):"), self.every, hint=self.tr("0: no scheduled backups")
        )
        self.every.setRange(0, MAX_HOURS)
        self.form.add(
            "keep", self.tr("&Keep the last:"), self.keep, hint=self.tr("older scheduled backups are deleted")
        )
        self.keep.setRange(1, MAX_KEEP)
        self.keep.setSuffix(self.tr(" backups"))
        for w in (self.folder, self.every, self.keep):
            w.setEnabled(False)  # until the stored schedule has arrived; saving before then keeps it as it is
        submit(self.services.backup_schedule.get, self.session, owner=self, on_done=self._loaded, on_error=self._failed)

    def _loaded(self, schedule) -> None:
        self.folder.setText(schedule.folder)
        self.every.setValue(schedule.every_hours)
        self.keep.setValue(schedule.keep)
        for w in (self.folder, self.every, self.keep):
            w.setEnabled(True)
        self.schedule_loaded = True

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder for scheduled backups"), self.folder.text())
        if path:
            self.folder.setText(path)

    def _save_language(self) -> None:
        if self.language.currentData() != i18n.choice(self.settings):
            i18n.set_choice(self.settings, self.language.currentData())  # new windows and dialogs use it at once
            self.changed_language = True

    def work(self):
        if not self.operator:
            return (lambda: None), ()
        schedule = (self.folder.text(), self.every.value(), self.keep.value()) if self.schedule_loaded else None

        def save(session, schedule: tuple[str, int, int] | None):
            # The schedule first: its field errors come back before anything is written.
            if schedule is not None:
                self.services.backup_schedule.set(session, *schedule)
            return self.services.settings.save_preferences(
                session,
                idle_lock_minutes=self.idle.value(),
                sync_interval_minutes=self.sync.value(),
                expected_version=self.loaded_version,  # another operator's newer save is refused, naming them
            )

        return save, (self.session, schedule)
