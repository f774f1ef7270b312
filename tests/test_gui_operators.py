"""The Operators dialog, clicked through: add an operator, a wrong fingerprint refused next to the field, grant,
revoke with a confirmation whose default is Cancel, progress while every secret is re-keyed."""

import pytest
from PySide6.QtWidgets import QMessageBox

from billing_desktop.services import Services
from billing_desktop.services.context import AppContext
from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.operators_dialog import AddOperatorDialog, GrantDialog, OperatorsDialog
from billing_desktop.vault import Vault, VaultLocked
from tests.conftest import fast_hasher
from tests.gui_helpers import click, closed, open_dialog, settings, type_into
from tests.support.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.gui
B, B_PW = "bea@platform.example", "operator-b-password-1"


@pytest.fixture
def window(open_main_window, operator, acme):
    return open_main_window(operator)


def rows(dialog):
    return {dialog.table.item(r, 0).text(): dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())}


def select(dialog, email):
    dialog.table.selectRow(next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == email))


def message_box(qtbot):
    return open_dialog(qtbot, QMessageBox)


def test_add_grant_revoke(qtbot, window, services, clock, tmp_path):
    assert window.act_operators.isVisible()
    window.act_operators.trigger()
    dialog = open_dialog(qtbot, OperatorsDialog)
    qtbot.waitUntil(lambda: rows(dialog) == {"op@platform.example": "Granted (this account)"})

    # Add operator B.
    click(qtbot, dialog.add_button)
    add = open_dialog(qtbot, AddOperatorDialog)
    type_into(qtbot, add.form.widgets["email"], B)
    type_into(qtbot, add.form.widgets["password"], B_PW)
    type_into(qtbot, add.form.widgets["repeat"], B_PW)
    click(qtbot, add.ok_button)
    qtbot.waitUntil(lambda: closed(add))
    qtbot.waitUntil(lambda: rows(dialog).get(B) == "Not joined")

    # B joins from their own OS account (another keyring): pending, and waiting for access.
    b = Services(
        AppContext(engine=services.ctx.engine, vault=Vault(MemoryKeyring()), clock=clock, hasher=fast_hasher())
    )
    b_session = b.auth.sign_in(B, B_PW)
    fingerprint = b.team.join(b_session).fingerprint
    click(qtbot, dialog.refresh_button)
    qtbot.waitUntil(lambda: rows(dialog).get(B) == "Waiting for a grant")
    select(dialog, B)
    assert dialog.grant_button.isEnabled() and dialog.revoke_button.isEnabled()

    # A wrong fingerprint: refused, the error next to the field, nothing granted.
    click(qtbot, dialog.grant_button)
    grant = open_dialog(qtbot, GrantDialog)
    type_into(qtbot, grant.form.widgets["fingerprint"], "AAAA-BBBB-CCCC-DDDD")
    click(qtbot, grant.ok_button)
    qtbot.waitUntil(lambda: "Refused" in grant.form.errors["fingerprint"].text())
    assert not closed(grant)
    type_into(qtbot, grant.form.widgets["fingerprint"], fingerprint)
    click(qtbot, grant.ok_button)
    qtbot.waitUntil(lambda: closed(grant))
    qtbot.waitUntil(lambda: rows(dialog).get(B) == "Granted")
    assert "Granted" in dialog.status.text()
    assert b.team.access().access == "unlocked"

    # Revoke: the confirmation names the consequence and Enter means Cancel.
    select(dialog, B)
    click(qtbot, dialog.revoke_button)
    box = message_box(qtbot)
    assert "re-encrypted" in box.text() and "cannot open any secret" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    click(qtbot, box.button(QMessageBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: closed(box))
    assert rows(dialog).get(B) == "Granted"
    click(qtbot, dialog.revoke_button)
    box = message_box(qtbot)
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: "Revoked" in dialog.status.text(), timeout=10000)
    qtbot.waitUntil(lambda: rows(dialog).get(B) == "Revoked")
    key_id = next(r.id for r in b.keys.list(b_session, 1) if (r.kind, r.mode) == ("secret", "test"))
    with pytest.raises(VaultLocked, match="revoked"):
        b.keys.reveal(b_session, key_id)
    dialog.grab().save(str(tmp_path / "operators.png"))


def test_hidden_from_tenant_users(qtbot, services, acme_users, tmp_path):
    win = MainWindow(services, acme_users["owner"], settings(tmp_path))
    qtbot.addWidget(win)
    assert not win.act_operators.isVisible()


def test_revoke_one_key_of_a_lost_laptop(qtbot, services, operator, acme, clock, tmp_path):
    """The lone operator, now on a new machine, revokes the old laptop's key only: confirmation with Cancel as the
    default, then the old machine can open nothing and this one everything."""
    from tests.conftest import OPERATOR_PASSWORD

    new = Services(
        AppContext(engine=services.ctx.engine, vault=Vault(MemoryKeyring()), clock=clock, hasher=fast_hasher())
    )
    new_session = new.auth.sign_in(operator.email, OPERATOR_PASSWORD)
    new_fp = new.team.join(new_session).fingerprint
    services.team.grant(operator, operator.email, new_fp)
    old_fp = next(r.fingerprint for r in services.team.status(operator) if r.this_account)
    win = MainWindow(new, new_session, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    win.act_operators.trigger()
    qtbot.waitUntil(lambda: win.findChild(OperatorsDialog) is not None)
    dialog = win.findChild(OperatorsDialog)  # this window's, not one an earlier test left behind

    def by_fingerprint():
        return {dialog.table.item(r, 3).text(): dialog.table.item(r, 4).text() for r in range(dialog.table.rowCount())}

    qtbot.waitUntil(lambda: by_fingerprint() == {old_fp: "Granted", new_fp: "Granted (this account)"})

    def pick(fp):
        dialog.table.selectRow(next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 3).text() == fp))

    pick(new_fp)
    assert not dialog.revoke_key_button.isEnabled()  # never the key this machine is using
    assert not dialog.revoke_button.isEnabled()  # and revoking the whole operator is not for yourself
    pick(old_fp)
    assert dialog.revoke_key_button.isEnabled()
    click(qtbot, dialog.revoke_key_button)
    box = message_box(qtbot)
    assert old_fp in box.text() and "can no longer open any secret" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    click(qtbot, box.button(QMessageBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: closed(box))
    assert by_fingerprint()[old_fp] == "Granted"
    click(qtbot, dialog.revoke_key_button)
    box = message_box(qtbot)
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: "Revoked" in dialog.status.text(), timeout=10000)
    qtbot.waitUntil(lambda: by_fingerprint().get(old_fp) == "Revoked")
    assert old_fp in dialog.status.text()
    key_id = next(r.id for r in new.keys.list(new_session, acme.id) if (r.kind, r.mode) == ("secret", "test"))
    assert new.keys.reveal(new_session, key_id)
    with pytest.raises(VaultLocked, match="revoked"):
        services.keys.reveal(operator, key_id)
    dialog.grab().save(str(tmp_path / "operators_revoke_key.png"))
