"""Backups and the recovery key in the GUI, clicked through real widgets: the recovery-key prompt and dialog, File
→ Back up… with progress, Verify with a mistyped key, scheduled backups in Preferences, and Restore from a backup…
on a first start with an empty keyring. Set BILLING_DESKTOP_SHOTS=DIR to keep a PNG of each dialog."""

import os
import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from billing_desktop.domain import recovery_key
from billing_desktop.services import Services
from billing_desktop.services import backup as backup_mod
from billing_desktop.services.context import AppContext
from billing_desktop.store.database import open_database
from billing_desktop.ui.app import AppController
from billing_desktop.ui.auth_windows import FirstRunWizard
from billing_desktop.ui.backup_dialogs import BackupDialog, OpenBackupDialog
from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.preferences import PreferencesDialog
from billing_desktop.ui.recovery_dialog import RecoveryKeyDialog
from billing_desktop.vault import Vault
from tests.conftest import OPERATOR_EMAIL, OPERATOR_PASSWORD, fast_hasher, register
from tests.gui_helpers import click, closed, open_dialog, settings, type_into
from tests.support.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.gui


def shot(widget, name: str) -> None:
    folder = os.environ.get("BILLING_DESKTOP_SHOTS")
    if folder:
        QApplication.processEvents()
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture
def window(qtbot, services, operator, tmp_path):
    win = MainWindow(services, operator, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def test_recovery_prompt_create_show_once_save_and_confirm(qtbot, window, services, operator, tmp_path):
    prompt = window.backups.prompt
    qtbot.waitUntil(prompt.isVisible)
    assert "No recovery key" in prompt.text()
    click(qtbot, prompt)
    dialog = open_dialog(qtbot, RecoveryKeyDialog)
    qtbot.waitUntil(dialog.create_button.isVisible)
    assert not dialog.rotate_button.isVisible()
    shot(dialog, "recovery-key-none")
    click(qtbot, dialog.create_button)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1)
    text = dialog.key_label.text()
    assert len(text.split("-")) == 9
    assert recovery_key.decode(text)  # the key on screen passes its own checksum
    shot(dialog, "recovery-key-shown")
    page = tmp_path / "recovery.txt"
    dialog.save_to(str(page))
    assert text in page.read_text() and (page.stat().st_mode & 0o777) == 0o600
    pdf = tmp_path / "recovery.pdf"
    dialog.save_pdf_to(str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF") and (pdf.stat().st_mode & 0o777) == 0o600
    assert not dialog.done_button.isEnabled()  # not before the operator says it is stored
    click(qtbot, dialog.stored)
    assert dialog.done_button.isEnabled()
    click(qtbot, dialog.done_button)
    qtbot.waitUntil(lambda: closed(dialog))
    qtbot.waitUntil(lambda: not prompt.isVisible())
    st = services.recovery.status(operator)
    assert st.confirmed_at is not None
    services.recovery.check(operator, text)  # the key shown is the one the database holds


def test_another_operators_unconfirmed_key_is_a_note_not_a_prompt(qtbot, window, services, operator, tmp_path):
    """Seen in the team walk: B's status bar asked him to confirm a recovery key only A had been shown."""
    services.users.add(operator, None, "bob@platform.example", OPERATOR_PASSWORD, "operator")
    qtbot.waitUntil(window.backups.prompt.isVisible)  # A's window: no key yet
    services.recovery.create(operator)  # A was shown it and has not said it is stored
    bob = MainWindow(
        services, services.auth.sign_in("bob@platform.example", OPERATOR_PASSWORD), settings(tmp_path / "b")
    )
    qtbot.addWidget(bob)
    bob.show()
    window.backups.check_recovery()
    note = bob.backups.recovery_note
    qtbot.waitUntil(note.isVisible)
    assert note.text() == f"Recovery key not confirmed stored by {operator.email}"
    assert "only they can say it is stored" in note.toolTip()
    assert not bob.backups.prompt.isVisible()  # nothing to click that he could settle
    qtbot.waitUntil(lambda: "not confirmed stored" in window.backups.prompt.text())  # A is asked: he can
    assert window.backups.prompt.isVisible() and not window.backups.recovery_note.isVisible()
    bob.backups.act_recovery.trigger()  # Tools → Recovery key… tells him whom to ask before rotating
    dialog = open_dialog(qtbot, RecoveryKeyDialog)
    qtbot.waitUntil(lambda: "ask them before rotating" in dialog.state.text())
    dialog.reject()
    bob.close()


def test_rotate_asks_first_with_cancel_as_default(qtbot, window, services, operator):
    old = services.recovery.create(operator).text
    window.backups.act_recovery.trigger()
    dialog = open_dialog(qtbot, RecoveryKeyDialog)
    qtbot.waitUntil(dialog.rotate_button.isVisible)
    click(qtbot, dialog.rotate_button)
    from PySide6.QtWidgets import QMessageBox

    box = open_dialog(qtbot, QMessageBox)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1)
    new = dialog.key_label.text()
    assert new != old
    from billing_desktop.errors import ValidationError

    with pytest.raises(ValidationError):
        services.recovery.check(operator, old)
    dialog.reject()


def test_back_up_from_the_file_menu_with_progress(qtbot, window, services, operator, tmp_path):
    key = services.recovery.create(operator).text
    for i in range(3):
        register(services, operator, f"Tenant {i}", f"o{i}@t.example")
    window.backups.act_backup.trigger()
    dialog = open_dialog(qtbot, BackupDialog)
    assert dialog.dest.text().endswith(".bdbackup")
    dest = tmp_path / "Sync" / "here.bdbackup"
    type_into(qtbot, dialog.dest, str(dest))
    shot(dialog, "backup-dialog")
    click(qtbot, dialog.start_button)
    qtbot.waitUntil(dialog.summary.isVisible, timeout=20000)
    assert "Backup written" in dialog.summary.text() and "3 tenants" in dialog.summary.text()
    shot(dialog, "backup-done")
    assert backup_mod.verify(dest, None, key).counts["tenants"] == 3
    click(qtbot, dialog.start_button)  # now "Close"
    qtbot.waitUntil(lambda: closed(dialog))


def test_verify_shows_a_mistyped_key_next_to_the_field(qtbot, window, services, operator, tmp_path):
    key = services.recovery.create(operator).text
    path = services.backups.create(operator, tmp_path / "b.bdbackup").path
    window.backups.act_verify.trigger()
    dialog = open_dialog(qtbot, OpenBackupDialog)
    click(qtbot, dialog.start_button)
    assert "Choose the backup file" in dialog.form.errors["file"].text()
    type_into(qtbot, dialog.file, str(path))
    type_into(qtbot, dialog.key, ("X" if key[0] != "X" else "Y") + key[1:])
    click(qtbot, dialog.start_button)
    error = dialog.form.errors["recovery_key"]
    qtbot.waitUntil(error.isVisible)
    assert "mistyped" in error.text()
    shot(dialog, "verify-typo")
    type_into(qtbot, dialog.key, key.lower())
    click(qtbot, dialog.start_button)
    qtbot.waitUntil(dialog.summary.isVisible, timeout=20000)
    assert "The backup is whole" in dialog.summary.text()
    dialog.reject()


def test_preferences_schedule_backups(qtbot, window, services, operator, tmp_path):
    window.act_preferences.trigger()
    dialog = open_dialog(qtbot, PreferencesDialog)
    qtbot.waitUntil(dialog.folder.isEnabled)  # the stored schedule has arrived
    type_into(qtbot, dialog.folder, str(tmp_path / "nowhere"))
    dialog.every.setValue(24)
    dialog.keep.setValue(7)
    shot(dialog, "preferences-backups")
    click(qtbot, dialog.ok_button)
    error = dialog.form.errors["folder"]
    qtbot.waitUntil(error.isVisible)
    assert "does not exist" in error.text()
    (tmp_path / "nowhere").mkdir()
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: closed(dialog))
    schedule = services.backup_schedule.get(operator)
    assert (schedule.folder, schedule.every_hours, schedule.keep) == (str(tmp_path / "nowhere"), 24, 7)


def _backup_from_another_machine(tmp_path) -> tuple[Path, str]:
    engine = open_database(f"sqlite:///{tmp_path / 'old-laptop' / 'billing-desktop.sqlite3'}")
    try:
        old = Services(AppContext(engine=engine, vault=Vault(MemoryKeyring()), hasher=fast_hasher()))
        old.auth.create_operator(OPERATOR_EMAIL, OPERATOR_PASSWORD)
        op = old.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)
        register(old, op, "Acme Inc", "owner@acme.example")
        key = old.recovery.create(op).text
        return old.backups.create(op, tmp_path / "laptop.bdbackup").path, key
    finally:
        engine.dispose()


def test_first_start_restore_from_a_backup_with_an_empty_keyring(qtbot, services, tmp_path):
    path, key = _backup_from_another_machine(tmp_path)
    c = AppController(lambda: services, settings(tmp_path))
    qtbot.addWidget(c.sign_in)
    c.start()
    wizard = open_dialog(qtbot, FirstRunWizard)
    shot(wizard, "first-run-restore-button")
    click(qtbot, wizard.restore_button)
    dialog = open_dialog(qtbot, OpenBackupDialog)
    assert dialog.restore and dialog.start_button.text() == "&Restore"
    type_into(qtbot, dialog.file, str(path))
    type_into(qtbot, dialog.key, key)
    shot(dialog, "restore-dialog")
    click(qtbot, dialog.start_button)
    qtbot.waitUntil(dialog.summary.isVisible, timeout=30000)
    assert "Restored" in dialog.summary.text() and "1 tenant," in dialog.summary.text()
    shot(dialog, "restore-done")
    click(qtbot, dialog.start_button)
    qtbot.waitUntil(lambda: c.sign_in.email.text() == OPERATOR_EMAIL, timeout=10000)
    assert "Restored from the backup" in c.sign_in.status.text()
    session = services.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)
    assert [t.company_name for t in services.tenants.list(session)] == ["Acme Inc"]
    from tests.support.vault_helpers import sealed

    assert len(sealed(services)) == 2  # both API secret keys open on this machine


def test_file_restore_over_existing_data_asks_first_and_keeps_the_current_data(qtbot, services, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from billing_desktop import config

    path, key = _backup_from_another_machine(tmp_path)
    services.auth.create_operator(OPERATOR_EMAIL, OPERATOR_PASSWORD)
    op = services.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)
    register(services, op, "Globex Here", "owner@globex.example")
    c = AppController(lambda: services, settings(tmp_path))
    qtbot.addWidget(c.sign_in)
    c.start()
    qtbot.waitUntil(c.sign_in.button.isEnabled, timeout=10000)
    type_into(qtbot, c.sign_in.email, OPERATOR_EMAIL)
    type_into(qtbot, c.sign_in.password, OPERATOR_PASSWORD)
    click(qtbot, c.sign_in.button)
    qtbot.waitUntil(lambda: c.main_window is not None and c.main_window.isVisible(), timeout=10000)
    win = c.main_window
    assert win.backups.act_restore.isVisible()

    # The confirmation names the consequence; Cancel is the default and changes nothing.
    win.backups.act_restore.trigger()
    box = open_dialog(qtbot, QMessageBox)
    assert "Replace ALL data" in box.text() and "kept in the backups folder" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    click(qtbot, box.button(QMessageBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: closed(box))
    assert c.main_window is win and win.isVisible()

    win.backups.act_restore.trigger()
    box = open_dialog(qtbot, QMessageBox)
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    dialog = open_dialog(qtbot, OpenBackupDialog)
    assert dialog.restore and dialog.replace and c.main_window is None
    type_into(qtbot, dialog.file, str(path))
    type_into(qtbot, dialog.key, key)
    click(qtbot, dialog.start_button)
    qtbot.waitUntil(dialog.summary.isVisible, timeout=30000)
    assert "Restored" in dialog.summary.text() and "previous data is kept" in dialog.summary.text()
    shot(dialog, "restore-over-done")
    click(qtbot, dialog.start_button)
    qtbot.waitUntil(lambda: "Restored from the backup" in c.sign_in.status.text(), timeout=10000)
    session = services.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)
    assert [t.company_name for t in services.tenants.list(session)] == ["Acme Inc"]
    # The data from before is kept, whole, in the backups folder.
    (kept,) = config.paths().backup_dir.glob("*before-restore*")
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(kept)) as conn:
        names = [r[0] for r in conn.execute("SELECT company_name FROM tenants")]
    assert names == ["Globex Here"]


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_restore_asked_for_on_a_team_database_signs_nothing_out_and_opens_nothing(
    qtbot, backend, services, operator, open_main_window, tmp_path
):
    """The menu item shows on a local database only; if the request comes anyway, nothing is closed: the database
    name of a PostgreSQL URL is no file to restore over (it was taken for one, relative to the working dir)."""
    c = AppController(lambda: services, settings(tmp_path))
    qtbot.addWidget(c.sign_in)
    win = open_main_window(operator)
    assert not win.backups.act_restore.isVisible()
    c.services = services
    c._adopt(win)
    win.restore_requested.emit()
    assert c.main_window is win and win.isVisible() and c.services is services
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, OpenBackupDialog)]
    assert services.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)  # the database is still open


# English words that a German sentence never holds (German "an", "in", "so" are left out on purpose).
ENGLISH = re.compile(
    r"\b(the|a|is|it|you|your|this|and|or|not|no|key|recovery|created|by|stored|save|rotate|done|print|printed"
    r"|create|reading|fingerprint|backups?|confirmed|could)\b",
    re.IGNORECASE,
)


def english_in(dialog, *known: str) -> list[str]:
    """Every text of the dialog (labels, buttons, its title) with an English word in it; the key itself, its
    fingerprint and the operator's address are not words of any language."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [dialog.windowTitle()]
    texts += [w.text() for w in dialog.findChildren(QLabel) if w is not dialog.key_label]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton)]
    found = []
    for t in texts:
        plain = re.sub(r"<[^>]+>", " ", t).replace("&", "")
        for k in known:
            plain = plain.replace(k, " ")
        if ENGLISH.search(plain):
            found.append(t)
    return found


def test_recovery_dialog_in_german_has_no_english_sentence(qtbot, window, services, operator):
    from PySide6.QtWidgets import QMessageBox

    from billing_desktop.ui import i18n

    i18n.apply("de")
    try:
        window.backups.act_recovery.trigger()
        dialog = open_dialog(qtbot, RecoveryKeyDialog)
        qtbot.waitUntil(dialog.create_button.isVisible)
        assert dialog.windowTitle() == "Wiederherstellungsschlüssel"
        assert "Es gibt keinen Wiederherstellungsschlüssel" in dialog.state.text()
        assert english_in(dialog) == []
        shot(dialog, "recovery-key-none-de")
        click(qtbot, dialog.create_button)
        qtbot.waitUntil(lambda: dialog.stack.currentIndex() == 1)
        fingerprint = services.recovery.status(operator).fingerprint
        assert dialog.fingerprint.text().startswith(f"Fingerabdruck {fingerprint} · erstellt am ")
        assert english_in(dialog, fingerprint) == []
        assert dialog.stored.width() >= dialog.stored.sizeHint().width()  # the longer German is not cut off
        shot(dialog, "recovery-key-shown-de")
        dialog.reject()  # closed without saying it is stored: the status says so, in German

        window.backups.act_recovery.trigger()
        dialog = open_dialog(qtbot, RecoveryKeyDialog)
        qtbot.waitUntil(dialog.rotate_button.isVisible)
        assert "Aufbewahrung nicht bestätigt</b>: erneuern Sie ihn" in dialog.state.text()
        assert english_in(dialog, fingerprint, operator.email) == []
        shot(dialog, "recovery-key-unconfirmed-de")
        click(qtbot, dialog.rotate_button)
        box = open_dialog(qtbot, QMessageBox)
        assert box.windowTitle() == "Wiederherstellungsschlüssel erneuern?"
        assert not ENGLISH.search(box.text()) and box.button(QMessageBox.StandardButton.Yes).text() == "Erneuern"
        click(qtbot, box.button(QMessageBox.StandardButton.Cancel))
        dialog.reject()

        services.recovery.confirm_stored(operator)
        window.backups.act_recovery.trigger()
        dialog = open_dialog(qtbot, RecoveryKeyDialog)
        qtbot.waitUntil(lambda: "Aufbewahrung bestätigt am" in dialog.state.text())
        assert english_in(dialog, fingerprint, operator.email) == []
        dialog.reject()
    finally:
        i18n.apply("en")
