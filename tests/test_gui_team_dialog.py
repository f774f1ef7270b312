"""File → Connect to team database…, clicked through against the real PostgreSQL server."""

import pytest
from sqlalchemy.engine import make_url

from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.team_dialog import TeamDatabaseDialog
from tests.gui_helpers import click, closed, open_dialog, settings, type_into

pytestmark = pytest.mark.gui


def test_connect_tests_remembers_and_keeps_the_password_in_the_keyring(
    qtbot, services, operator, pg_server, home, tmp_path
):
    url = make_url(pg_server.create_database())
    try:
        win = MainWindow(services, operator, settings(tmp_path))
        qtbot.addWidget(win)
        win.show()
        assert "Database: local file" in win.findChild(type(win.count_label), "status_database").text()
        win.act_team_db.trigger()
        dialog = open_dialog(qtbot, TeamDatabaseDialog)

        click(qtbot, dialog.ok_button)  # nothing filled in: errors next to the fields
        qtbot.waitUntil(lambda: dialog.form.errors["host"].isVisible())
        assert dialog.form.errors["user"].isVisible()

        type_into(qtbot, dialog.host, url.host)
        dialog.port.setValue(url.port)
        type_into(qtbot, dialog.database, url.database)
        type_into(qtbot, dialog.user, url.username)
        dialog.tls.setCurrentIndex(dialog.tls.findData("disable"))
        type_into(qtbot, dialog.password, "wrong-password")
        click(qtbot, dialog.test_button)
        qtbot.waitUntil(lambda: "✘" in dialog.test_result.text(), timeout=15000)
        assert "password authentication failed" in dialog.test_result.text()

        type_into(qtbot, dialog.password, url.password)
        click(qtbot, dialog.test_button)
        qtbot.waitUntil(lambda: "✔" in dialog.test_result.text(), timeout=15000)
        assert "PostgreSQL" in dialog.test_result.text() and "TLS: no" in dialog.test_result.text()

        click(qtbot, dialog.ok_button)
        qtbot.waitUntil(lambda: closed(dialog), timeout=15000)
        profile = home / "team-database.json"
        assert profile.exists() and url.password not in profile.read_text()
        name = f"database/{url.username}@{url.host}:{url.port}/{url.database}"
        assert services.ctx.vault.keyring.get(name) == url.password
        qtbot.waitUntil(lambda: "next start" in win.statusBar().currentMessage())
    finally:
        pg_server.drop_database(url.render_as_string(hide_password=False))
