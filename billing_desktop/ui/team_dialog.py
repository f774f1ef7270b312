"""File → Connect to team database…: host, port, database, user, TLS mode and password; Test connection; the
choice is remembered (no password on disk: it goes to the OS keyring) and used from the next start."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QSpinBox

from billing_desktop.ui.forms import note, password_edit
from billing_desktop.ui.i18n import tr
from billing_desktop.ui.task_dialog import TaskDialog
from billing_desktop.ui.workers import describe, submit

TLS_HELP = {
    "disable": QT_TRANSLATE_NOOP("", "no TLS (only on a trusted network or loopback)"),
    "prefer": QT_TRANSLATE_NOOP("", "TLS when the server offers it (the default)"),
    "require": QT_TRANSLATE_NOOP("", "always TLS, certificate not checked"),
    "verify-ca": QT_TRANSLATE_NOOP("", "TLS, certificate signed by a trusted CA"),
    "verify-full": QT_TRANSLATE_NOOP("", "TLS, certificate and host name checked (recommended)"),
}


class TeamDatabaseDialog(TaskDialog):
    ok_text = QT_TRANSLATE_NOOP("", "Connect")

    def __init__(self, services, current=None, parent=None):
        super().__init__(
            tr("Connect to team database"),
            parent,
            intro=tr(
                "Work on one PostgreSQL database with the rest of your team (docs/TEAM.md). The password goes "
                "to the OS keyring, never to a file."
            ),
        )
        self.services = services
        f = self.form
        self.host = f.add("host", self.tr("&Host:"), QLineEdit(current.host if current else ""))
        self.host.setPlaceholderText(self.tr("db.example.com"))
        self.port = f.add("port", self.tr("&Port:"), QSpinBox())
        self.port.setRange(1, 65535)
        self.port.setValue(current.port if current else 5432)
        self.database = f.add("database", self.tr("&Database:"), QLineEdit(current.database if current else "billing"))
        self.user = f.add("user", self.tr("&User:"), QLineEdit(current.user if current else ""))
        self.tls = f.add("tls", self.tr("&TLS mode:"), QComboBox())
        for mode, text in TLS_HELP.items():
            self.tls.addItem(f"{mode} — {tr(str(text))}", mode)
        self.tls.setCurrentIndex(self.tls.findData(current.tls if current else "prefer"))
        self.password = f.add(
            "password",
            self.tr("Pass&word:"),
            password_edit(self.tr("stored in the keyring — leave empty to keep") if current else ""),
        )
        self.test_button = QPushButton(self.tr("T&est connection"))
        self.test_button.setObjectName("test_connection")
        self.test_button.clicked.connect(self.test)
        self.form_layout.addRow("", self.test_button)
        self.test_result = note("")
        self.test_result.setObjectName("test_result")
        self.form_layout.addRow("", self.test_result)
        self.local_button = None
        if current is not None:
            self.local_button = self.buttons.addButton(
                self.tr("Use &local database"), self.buttons.ButtonRole.ResetRole
            )
            self.local_button.setObjectName("use_local")
            self.local_button.clicked.connect(self.use_local)
        self.setMinimumWidth(560)

    def profile(self):
        from billing_desktop.services.team_database import TeamDatabase

        return TeamDatabase(
            host=self.host.text().strip(),
            port=self.port.value(),
            database=self.database.text().strip(),
            user=self.user.text().strip(),
            tls=self.tls.currentData(),
        )

    def _password(self) -> str:
        from billing_desktop.services.team_database import stored_password

        return self.password.text() or stored_password(self.profile(), self.services.ctx.vault)

    def test(self) -> None:
        from billing_desktop.errors import ValidationError
        from billing_desktop.services.team_database import test_connection

        self.form.clear_errors()
        self.test_result.setText(self.tr("Connecting…"))
        self.test_button.setEnabled(False)

        def done(info) -> None:
            self.test_button.setEnabled(True)
            self.test_result.setText(
                self.tr("✔ {0} · TLS: {1} · round trip {2}").format(
                    info["database_server"], info["database_tls"], info["database_latency"]
                )
            )

        def failed(exc) -> None:
            self.test_button.setEnabled(True)
            self.test_result.setText("")
            if isinstance(exc, ValidationError):
                self.form.show_errors(exc.fields, self.message)
            else:
                self.test_result.setText(f"✘ {describe(exc)}")

        profile = self.profile()
        submit(lambda: test_connection(profile, self._password()), on_done=done, on_error=failed, owner=self)

    def work(self):
        from billing_desktop.services.team_database import connect

        profile, vault = self.profile(), self.services.ctx.vault
        return (lambda: connect(profile, self._password(), vault)), ()

    def use_local(self) -> None:
        from billing_desktop.services.team_database import forget_profile

        forget_profile()
        self.result_value = None
        self.accept()
