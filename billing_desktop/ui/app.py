"""Start the GUI: the sign-in window at once, the database opened behind it, then the main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from billing_desktop import APP_ID, APP_NAME, __version__
from billing_desktop.ui.sign_in_window import SignInWindow

if TYPE_CHECKING:  # imported when first used: the sign-in window paints before SQLAlchemy and the main window load
    from billing_desktop.services import Services
    from billing_desktop.services.restore import RestoreReport
    from billing_desktop.services.session import UserSession
    from billing_desktop.ui.auth_windows import FirstRunWizard
    from billing_desktop.ui.backup_dialogs import OpenBackupDialog
    from billing_desktop.ui.main_window import MainWindow


def ui_settings() -> QSettings:
    from billing_desktop import config

    return QSettings(str(config.paths().data_dir / "ui.ini"), QSettings.Format.IniFormat)


class AppController(QObject):
    """Owns the top-level windows. `build` makes the Services object (in a worker: it migrates and may be slow)."""

    def __init__(self, build: Callable[[], Services], settings: QSettings | None = None):
        super().__init__()
        self.build = build
        self.settings = settings
        self.services: Services | None = None
        self.main_window: MainWindow | None = None
        self.wizard: FirstRunWizard | None = None
        self.restore_dialog: OpenBackupDialog | None = None
        self.restored: RestoreReport | None = None  # what a first-start restore brought back, for the sign-in window
        self.vault_created = False  # the first operator was just made: show the new vault's recovery key
        self.sign_in = SignInWindow()
        self.sign_in.signed_in.connect(self._signed_in)

    def start(self) -> None:
        # Open the database (imports SQLAlchemy, Alembic, keyring) only once the window is on screen, so those
        # imports do not compete with the first paint; the timer covers a platform that never paints.
        self._building = False
        # After the paint, not inside it (a zero timer: a queued connection would need `Qt`, see ui/theme.py).
        self.sign_in.first_painted.connect(lambda: QTimer.singleShot(0, self._build))
        QTimer.singleShot(1000, self._build)
        self.sign_in.show()

    def _build(self) -> None:
        if self._building:
            return
        self._building = True
        from billing_desktop.ui.workers import submit  # after the first paint: not an import the window waits for

        submit(self.build, on_done=self._ready, on_error=self._failed, owner=self.sign_in)

    def _ready(self, services: Services) -> None:
        self.services = services
        if services.auth.needs_first_run():
            from billing_desktop.ui.auth_windows import FirstRunWizard

            wizard = self.wizard = FirstRunWizard(services, self.sign_in)
            wizard.finished.connect(self._wizard_done)
            wizard.restore_requested.connect(self._restore)
            wizard.open()
            return
        self.sign_in.set_services(services)
        restored, self.restored = self.restored, None
        if restored is not None:
            self.sign_in.email.setText(restored.operator)
            self.sign_in.status.setText(
                self.tr(
                    "Restored from the backup ({0:,} tenants, {1:,} secrets). Sign in with your usual password."
                ).format(restored.counts.get("tenants", 0), restored.secrets_opened)
            )
            self.sign_in.password.setFocus()

    def _wizard_done(self, code: int) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is None or self.services is None:  # the wizard went to a restore instead
            return
        if code != QDialog.DialogCode.Accepted:
            self.sign_in.show_startup_error(self.tr("No operator account yet: restart to run the first-start wizard."))
            return
        self.vault_created = True
        self.sign_in.set_services(self.services)
        self.sign_in.email.setText(wizard.email.text().strip().lower())
        self.sign_in.password.setFocus()

    def _restore(self) -> None:
        """First start on a new machine: close the empty database, restore into its place, open it again."""
        from pathlib import Path

        from billing_desktop import config
        from billing_desktop.ui.backup_dialogs import OpenBackupDialog

        wizard, self.wizard = self.wizard, None
        if wizard is None or self.services is None:  # only the first-start wizard asks for this
            return
        wizard.finished.disconnect(self._wizard_done)
        wizard.reject()
        wizard.deleteLater()
        url = self.services.ctx.engine.url
        target = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
        vault = self.services.ctx.vault
        self.services.close()  # the restore renames a new file over this one: no connection may stay open
        self.services = None
        dialog = OpenBackupDialog(
            vault, self.sign_in, restore=True, database_file=target or config.paths().database_file
        )
        dialog.finished.connect(lambda _code: self._restore_done(dialog))
        dialog.open()
        self.restore_dialog = dialog

    def _restore_over(self) -> None:
        """File → Restore from a backup… (confirmed in the window): sign out, close the database, restore over it
        (the current data kept in the backups folder first), then the sign-in window on what is there now."""
        from pathlib import Path

        from billing_desktop.ui.backup_dialogs import OpenBackupDialog

        window = self.main_window
        if window is None or self.services is None:
            return
        url = self.services.ctx.engine.url
        if url.get_backend_name() != "sqlite" or not url.database:
            return  # a restore replaces a local file (the menu item shows on a local database only)
        database_file = Path(url.database)
        window._sign_out_now()  # the window closes; the sign-in window shows
        vault = self.services.ctx.vault
        self.services.close()  # no connection may stay open while a new file is renamed over the database
        self.services = None
        self.sign_in.button.setEnabled(False)  # until the database is open again (_build)
        dialog = OpenBackupDialog(vault, self.sign_in, restore=True, database_file=database_file, replace=True)
        dialog.finished.connect(lambda _code: self._restore_done(dialog))
        dialog.open()
        self.restore_dialog = dialog

    def _restore_done(self, dialog: OpenBackupDialog) -> None:
        self.restored, self.restore_dialog = dialog.result_value, None
        dialog.deleteLater()
        self._building = False
        self._build()  # restored: the sign-in window; cancelled: the first-start wizard again

    def _failed(self, exc: Exception) -> None:
        from billing_desktop.ui.workers import describe

        self.sign_in.show_startup_error(describe(exc))

    def _signed_in(self, session: UserSession) -> None:
        from billing_desktop.ui.main_window import MainWindow

        window = MainWindow(self.services, session, self.settings or ui_settings())
        self._adopt(window)
        window.show()
        self.sign_in.hide()
        if self.vault_created and window.backups.act_recovery.isVisible():
            self.vault_created = False  # the vault exists since the wizard: its recovery key now, shown once
            window.backups.recovery_key()

    def _adopt(self, window: MainWindow) -> None:
        self.main_window = window
        window.signed_out.connect(self._signed_out)
        window.restore_requested.connect(self._restore_over)
        window.replaced.connect(self._adopt)  # the same session, rebuilt in a new language

    def bring_to_front(self, args: list[str]) -> None:
        """Another launch: show this app instead, and pass on a link it was handed (a Stripe redirect address)."""
        window = self.main_window if self.main_window is not None else self.sign_in
        window.showNormal() if window.isMinimized() else window.show()
        window.raise_()
        window.activateWindow()
        links = [a for a in args if a.startswith(("http://", "https://"))]
        if links and self.main_window is not None:
            self.main_window.stripe.receive_link(links[0])

    def _signed_out(self) -> None:
        self.main_window = None
        self.sign_in.show()
        self.sign_in.email.setFocus()


def make_app(argv: list[str] | None = None, *, icon: bool = True) -> QApplication:
    existing = QApplication.instance()  # a QCoreApplication here makes QApplication() refuse, with Qt's own error
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    if icon:
        set_app_icon()
    return app


def set_app_icon() -> None:
    from billing_desktop.ui.resources import app_icon

    QApplication.setWindowIcon(app_icon())  # static: the running application's


def run(database_url: str | None = None, *, self_test: bool = False) -> int:
    os.umask(0o077)
    if self_test:  # never touch the user's data: a throwaway data dir and database
        import tempfile

        os.environ["BILLING_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="billing-desktop-self-test-")
        os.environ.pop("BILLING_DESKTOP_DATABASE_URL", None)
        database_url = None
    app = make_app(icon=False)  # the icon once the first window has painted (below)
    from billing_desktop import config
    from billing_desktop.ui.crash import CrashReporter
    from billing_desktop.ui.single_instance import SingleInstance

    instance = SingleInstance(config.data_dir(), app)
    if not instance.claim(sys.argv[1:], listen=False):  # listens once the first window is up (below)
        print(f"{APP_NAME} is already running with this data directory: brought it to the front.", file=sys.stderr)
        return 0
    CrashReporter(config.data_dir(), app).install()
    from billing_desktop.ui import theme

    colours = theme.install(ui_settings())  # the sign-in window already in the chosen colour scheme
    from billing_desktop.ui import i18n

    i18n.install(ui_settings())  # and in the chosen language

    def build():
        from billing_desktop.services.bootstrap import build_services

        return build_services(database_url)

    controller = AppController(build)
    instance.activated.connect(controller.bring_to_front)

    def settle() -> None:  # what the first window need not wait for; each step does its work once
        instance.listen()
        colours.confirm_system_scheme()
        set_app_icon()

    # After the paint, not inside it (a zero timer: a queued connection would need `Qt`, see ui/theme.py).
    controller.sign_in.first_painted.connect(lambda: QTimer.singleShot(0, settle))
    QTimer.singleShot(1000, settle)  # a platform that never paints
    if os.environ.get("BILLING_DESKTOP_EXIT_AFTER_FIRST_PAINT"):  # benchmarks/: time to the first window
        controller.sign_in.first_painted.connect(lambda: (print("first-paint", flush=True), app.quit()))
    controller.start()
    if self_test:
        from billing_desktop.ui.self_test import schedule_self_test

        schedule_self_test(app, controller)
    try:
        code = app.exec()
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(5000)  # let background work finish before Qt objects go away
        if controller.services is not None:
            controller.services.close()  # close the database's connections (a checkpoint of SQLite's WAL)
    finally:  # a lock left behind costs the next start a stale-lock check and two disk syncs
        instance.release()
    return code
