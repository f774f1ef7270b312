"""Backups in the main window: File → Back up… and Verify a backup…, Tools → Recovery key…, a status-bar prompt
while there is no recovery key or the operator who made it never confirmed storing it (another operator sees a note
instead: he was never shown that key), and the scheduled backup (Preferences) run in a worker when it is due."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QPushButton

from billing_desktop import config
from billing_desktop.domain.roles import Perm, allows
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.palette import set_tone
from billing_desktop.ui.window_menus import add_action
from billing_desktop.ui.workers import describe, submit

SCHEDULE_CHECK_MS = 5 * 60 * 1000  # a due backup starts within five minutes
FIRST_CHECK_MS = 60 * 1000


class BackupActions:
    def __init__(self, window):
        self.window = w = window
        self.running = False
        operator = allows(w.session.role, Perm.PLATFORM_MANAGE)
        team = allows(w.session.role, Perm.TEAM_MANAGE)
        self.act_backup = add_action(
            w, tr("&Back up…"), self.back_up, "Ctrl+Shift+B", tr("Write an encrypted backup now")
        )
        self.act_verify = add_action(
            w, tr("&Verify a backup…"), self.verify, tip=tr("Check a backup file without restoring it")
        )
        self.act_recovery = add_action(w, tr("&Recovery key…"), self.recovery_key, tip=tr("Create or rotate it"))
        self.act_restore = add_action(
            w, tr("Restore from a bac&kup…"), self.restore, tip=tr("Replace this computer's data with a backup")
        )
        self.act_backup.setVisible(operator)
        self.act_verify.setVisible(operator)
        # Restore writes this computer's database file: not offered while a team (server) database is open.
        self.act_restore.setVisible(operator and w.services.ctx.engine.url.get_backend_name() == "sqlite")
        self.act_recovery.setVisible(team)
        anchor = w.act_lock  # after Preferences / team database, before Lock
        w.file_menu.insertAction(anchor, self.act_backup)
        w.file_menu.insertAction(anchor, self.act_verify)
        w.file_menu.insertAction(anchor, self.act_restore)
        w.file_menu.insertSeparator(anchor)
        w.tools_menu.addAction(self.act_recovery)
        self.prompt = QPushButton(tr("No recovery key: create one…"))
        self.prompt.setObjectName("recovery_prompt")
        self.prompt.setFlat(True)
        self.prompt.setProperty("tone", "error")
        self.prompt.clicked.connect(self.recovery_key)
        self.prompt.hide()
        w.statusBar().addPermanentWidget(self.prompt)
        # Another operator's unconfirmed key: said, not asked of this one (they were never shown it).
        self.recovery_note = QLabel()
        self.recovery_note.setObjectName("recovery_note")
        set_tone(self.recovery_note, "muted")
        self.recovery_note.hide()
        w.statusBar().addPermanentWidget(self.recovery_note)
        if team:
            self.check_recovery()
        if operator:
            self.timer = QTimer(w)
            self.timer.setObjectName("backup_schedule_timer")
            self.timer.timeout.connect(self.run_schedule)
            self.timer.start(SCHEDULE_CHECK_MS)
            QTimer.singleShot(FIRST_CHECK_MS, w, self.run_schedule)

    # -- the recovery key ------------------------------------------------------------------------------------------
    def check_recovery(self) -> None:
        w = self.window
        w.runner.run(w.services.recovery.status, w.session, owner=w, on_done=self._recovery, on_error=lambda e: None)

    def _recovery(self, st) -> None:
        if not st.exists:
            self.prompt.setText(tr("No recovery key: create one…"))
        elif st.confirmed_at is None:
            self.prompt.setText(tr("Recovery key not confirmed stored…"))
            self.recovery_note.setText(tr("Recovery key not confirmed stored by {0}").format(st.created_by))
            self.recovery_note.setToolTip(
                tr(
                    "{0} made the recovery key and was shown it once: only they can say it is stored. Tools → "
                    "Recovery key… shows it; rotating it there replaces the key they may have kept."
                ).format(st.created_by)
            )
        self.prompt.setVisible(st.yours_to_act_on)
        self.recovery_note.setVisible(st.needs_attention and not st.yours_to_act_on)

    def recovery_key(self) -> None:
        from billing_desktop.ui.recovery_dialog import RecoveryKeyDialog

        w = self.window
        dialog = RecoveryKeyDialog(w.services, w.session, w.runner, w)
        dialog.finished.connect(lambda _code: self.check_recovery())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # -- backups ---------------------------------------------------------------------------------------------------
    def back_up(self) -> None:
        from billing_desktop.services.backup import default_name
        from billing_desktop.ui.backup_dialogs import BackupDialog

        w = self.window
        default = config.paths().backup_dir / default_name(datetime.now().astimezone())
        dialog = BackupDialog(w.services, w.session, Path(default), w)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def verify(self) -> None:
        from billing_desktop.ui.backup_dialogs import OpenBackupDialog

        w = self.window
        dialog = OpenBackupDialog(w.services.ctx.vault, w)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def restore(self) -> None:
        """Over existing data: ask first (Cancel is the default), then the app signs out and restores."""
        from billing_desktop.ui.forms import confirm

        w = self.window
        confirm(
            w,
            tr("Restore from a backup"),
            tr(
                "Replace ALL data on this computer with a backup?\n\nEvery tenant, user, audit entry and secret is "
                "replaced by what the backup holds: changes made since it was written are no longer in the working "
                "database. The current database is kept in the backups folder first ({0}).\n\n"
                "You are signed out now; after restoring, sign in again."
            ).format(config.paths().backup_dir),
            tr("Sign out and restore…"),
            w.restore_requested.emit,
        )

    def stop(self) -> None:
        """The window closes: no more scheduled checks."""
        timer = getattr(self, "timer", None)
        if timer is not None:
            timer.stop()

    def run_schedule(self) -> None:
        """Ask the schedule in a worker; a due backup is written there and announced in the status bar."""
        w = self.window
        # A closed window's timers can still fire (the first check is a single shot), and a window can outlive its
        # services: a check then would open a closed database again.
        if self.running or w.session.locked or w._closed or w.services.closed:
            return
        self.running = True
        submit(
            w.services.backup_schedule.run_if_due,
            w.session,
            owner=w,
            on_done=self._scheduled,
            on_error=self._schedule_failed,
        )

    def _scheduled(self, result) -> None:
        self.running = False
        if result is not None:
            self.window.statusBar().showMessage(tr("Scheduled backup written: {0}").format(result.path.name), 15000)

    def _schedule_failed(self, exc: Exception) -> None:
        self.running = False
        self.window.statusBar().showMessage(tr("Scheduled backup failed: {0}").format(describe(exc)), 30000)
