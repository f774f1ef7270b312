"""Operator safety, clicked through: the mode in sight, no lost edits, going live, rolling a webhook secret,
Cancel as the default of destructive dialogs, and revealed secrets that do not stay on screen."""

from datetime import timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox

from billing_desktop.ui import workers
from billing_desktop.ui.auth_windows import PasswordPrompt
from billing_desktop.ui.inspect_dialogs import InspectKeyDialog
from billing_desktop.ui.key_dialogs import RegenerateDialog, RevokeDialog
from billing_desktop.ui.roll_dialog import RollSecretDialog
from tests.conftest import OPERATOR_PASSWORD
from tests.gui_helpers import click, closed, open_dialog, type_into

pytestmark = pytest.mark.gui


@pytest.fixture
def window(open_main_window, operator, acme, globex):
    win = open_main_window(operator, ready=lambda win: win.model.rowCount() == 2 and win.overview.details is not None)
    yield win
    for editor in win.editors():  # leave nothing unsaved, so closing at teardown asks nothing
        if editor.has_unsaved_changes():
            editor.discard_changes()


def prompt_box(qtbot) -> QMessageBox:
    return open_dialog(qtbot, QMessageBox)


def press(box: QMessageBox, button: QMessageBox.StandardButton) -> None:
    box.button(button).click()


# -- 1. the mode always in sight -------------------------------------------------------------------------------------
def test_mode_banner_follows_the_tenant_and_no_status_message_covers_it(qtbot, window, globex):
    assert window.mode_banner.mode == "test" and window.mode_banner.text().startswith("Test mode — Acme Inc")
    window.show_tenant(globex.id)
    qtbot.waitUntil(lambda: window.mode_banner.mode == "live")
    assert window.mode_banner.text().startswith("LIVE MODE — Globex")
    window.statusBar().showMessage("Secret key copied; the clipboard is cleared in 30 seconds.", 8000)
    assert window.mode_banner.isVisible()
    assert window.mode_banner.parent() is not window.statusBar()
    # The Mode column is the second one: in sight without scrolling the list sideways.
    header = window.table.horizontalHeader()
    assert window.model.headerData(1, Qt.Orientation.Horizontal) == "Mode"
    assert header.sectionViewportPosition(1) + header.sectionSize(1) <= window.table.viewport().width()


def test_a_very_long_tenant_name_stays_inside_the_banner(qtbot, window):
    name = "Ü" + "x" * 119  # no space: word wrap cannot break it
    window.mode_banner.show_mode("live", name)
    label = window.mode_banner.label
    assert "…" in window.mode_banner.text() and label.toolTip() == name
    assert label.sizeHint().width() <= window.mode_banner.width()


# -- 2. no lost edits ------------------------------------------------------------------------------------------------
def test_switching_tenant_with_unsaved_edits_asks_cancel_then_discard(qtbot, window, services, acme, globex):
    ov = window.overview
    type_into(qtbot, ov.company, "Acme Renamed")
    window.table.selectRow(window.model.row_of(globex.id))
    box = prompt_box(qtbot)
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    assert "Acme Inc" in box.text()
    assert window.selected_tenant_id() == acme.id  # the selection stays until the user answers
    press(box, QMessageBox.StandardButton.Cancel)
    qtbot.waitUntil(lambda: closed(box))
    assert ov.company.text() == "Acme Renamed" and ov.details.id == acme.id
    window.table.selectRow(window.model.row_of(globex.id))
    box = prompt_box(qtbot)
    press(box, QMessageBox.StandardButton.Discard)
    qtbot.waitUntil(lambda: ov.details is not None and ov.details.id == globex.id)
    assert services.tenants.get(window.session, acme.id).company_name == "Acme Inc"


def test_switching_tenant_can_save_first(qtbot, window, services, acme, globex):
    type_into(qtbot, window.overview.company, "Acme Saved")
    window.table.selectRow(window.model.row_of(globex.id))
    press(prompt_box(qtbot), QMessageBox.StandardButton.Save)
    qtbot.waitUntil(lambda: window.overview.details is not None and window.overview.details.id == globex.id)
    assert services.tenants.get(window.session, acme.id).company_name == "Acme Saved"


def test_a_list_refresh_keeps_the_edits(qtbot, window):
    type_into(qtbot, window.overview.company, "Still typing")
    window.act_refresh.trigger()
    qtbot.waitUntil(lambda: window.runner._in_flight == 0)
    assert window.overview.company.text() == "Still typing"


def test_unsaved_webhook_endpoint_is_asked_about_too(qtbot, window, globex):
    window.tabs.setCurrentWidget(window.webhooks)
    qtbot.waitUntil(window.webhooks.url.isEnabled)
    type_into(qtbot, window.webhooks.url, "https://hooks.acme.example/in")
    window.tabs.setCurrentWidget(window.overview)
    window.tabs.setCurrentWidget(window.webhooks)  # coming back does not reload over the edit
    qtbot.waitUntil(lambda: workers.pending_count() == 0)  # whatever ran has answered
    assert window.webhooks.url.text() == "https://hooks.acme.example/in"
    window.table.selectRow(window.model.row_of(globex.id))
    box = prompt_box(qtbot)
    assert "webhook endpoint of Acme Inc" in box.text()
    press(box, QMessageBox.StandardButton.Discard)
    qtbot.waitUntil(lambda: window.webhooks.tenant.id == globex.id)


def test_sign_out_and_quit_ask_about_unsaved_edits(qtbot, window, services, acme):
    signed_out = []
    window.signed_out.connect(lambda: signed_out.append(True))
    type_into(qtbot, window.overview.fee, "4.5")
    window.act_sign_out.trigger()
    press(prompt_box(qtbot), QMessageBox.StandardButton.Cancel)
    assert not signed_out and window.isVisible()
    window.close()
    box = prompt_box(qtbot)
    assert window.isVisible()  # the close waits for the answer
    press(box, QMessageBox.StandardButton.Save)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert services.tenants.get(window.session, acme.id).platform_fee_percent == Decimal("4.5")


def test_locking_keeps_the_edits_and_says_so(qtbot, window):
    type_into(qtbot, window.overview.company, "Typed before lunch")
    window.act_lock.trigger()
    assert window.lock_page.unsaved.isVisible()
    assert "Overview of Acme Inc" in window.lock_page.unsaved.text()
    type_into(qtbot, window.lock_page.password, OPERATOR_PASSWORD)
    click(qtbot, window.lock_page.unlock_button)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 0)
    assert window.overview.company.text() == "Typed before lunch"


def test_sign_out_from_the_lock_page_offers_no_save(qtbot, window):
    type_into(qtbot, window.overview.company, "Unsaveable")
    window.act_lock.trigger()
    window.lock_page.findChild(type(window.lock_page.unlock_button), "lock_sign_out").click()
    box = prompt_box(qtbot)
    assert box.button(QMessageBox.StandardButton.Save) is None
    press(box, QMessageBox.StandardButton.Discard)
    qtbot.waitUntil(lambda: not window.isVisible())


# -- 3. test to live -------------------------------------------------------------------------------------------------
def test_switching_to_live_confirms_and_asks_for_the_password(qtbot, window, services, acme, clock):
    ov = window.overview
    ov.mode.setCurrentIndex(ov.mode.findData("live"))
    click(qtbot, ov.save_button)
    box = prompt_box(qtbot)
    assert "LIVE" in box.text() and "real money" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    press(box, QMessageBox.StandardButton.Cancel)
    qtbot.waitUntil(lambda: closed(box))
    assert services.tenants.get(window.session, acme.id).mode == "test"
    clock.advance(minutes=10)
    click(qtbot, ov.save_button)
    press(prompt_box(qtbot), QMessageBox.StandardButton.Yes)
    prompt = open_dialog(qtbot, PasswordPrompt)
    type_into(qtbot, prompt.password, OPERATOR_PASSWORD)
    click(qtbot, prompt.ok_button)
    qtbot.waitUntil(lambda: services.tenants.get(window.session, acme.id).mode == "live")
    qtbot.waitUntil(lambda: window.mode_banner.mode == "live")


# -- 4. rolling a webhook secret -------------------------------------------------------------------------------------
def test_roll_webhook_secret_asks_with_a_24_hour_default(qtbot, window, services, operator, acme, clock):
    from tests.support.receiver import Receiver

    receiver = Receiver()
    try:
        services.webhooks.save(operator, acme.id, receiver.url, ["*"], allow_private=True)
    finally:
        receiver.close()
    tab = window.webhooks
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.secrets.count() == 1)
    click(qtbot, tab.roll_button)
    dialog = open_dialog(qtbot, RollSecretDialog)
    assert dialog.overlap.currentData() == "24h"
    assert "24 hours" in dialog.warning.text() and "rejecting" in dialog.warning.text()
    assert dialog.focusWidget() is dialog.overlap
    qtbot.keyClick(dialog.overlap, Qt.Key.Key_Return)  # Enter is Cancel
    qtbot.waitUntil(lambda: closed(dialog))
    assert len(services.webhooks.get(operator, acme.id).secrets) == 1
    clock.advance(minutes=10)
    click(qtbot, tab.roll_button)
    dialog = open_dialog(qtbot, RollSecretDialog)
    click(qtbot, dialog.ok_button)
    prompt = open_dialog(qtbot, PasswordPrompt)
    type_into(qtbot, prompt.password, OPERATOR_PASSWORD)
    click(qtbot, prompt.ok_button)
    qtbot.waitUntil(lambda: tab.secrets.count() == 2)
    secrets = services.webhooks.get(operator, acme.id).secrets
    assert sum(s.expires_at is not None for s in secrets) == 1  # the old one overlaps, it is not gone
    until = f"{clock() + timedelta(hours=24):%Y-%m-%d %H:%M} UTC"
    assert tab.secrets_summary.text().startswith(f"2 valid secrets until {until}")
    assert tab.secrets.item(1).text().endswith(f"valid until {until}")
    # Rolling again during the overlap says the older secret stops at once, and it does: never three valid.
    clock.advance(minutes=10)
    click(qtbot, tab.roll_button)
    dialog = open_dialog(qtbot, RollSecretDialog)
    dialog.overlap.setCurrentIndex(dialog.overlap.findData("1h"))
    assert f"{secrets[1].masked}, still valid from the previous roll until {until}" in dialog.warning.text()
    click(qtbot, dialog.ok_button)
    prompt = open_dialog(qtbot, PasswordPrompt)
    type_into(qtbot, prompt.password, OPERATOR_PASSWORD)
    click(qtbot, prompt.ok_button)
    qtbot.waitUntil(
        lambda: (
            tab.secrets_summary.text().startswith("2 valid secrets until ") and until not in tab.secrets_summary.text()
        )
    )
    assert tab.secrets.count() == 2
    assert f"{clock() + timedelta(hours=1):%Y-%m-%d %H:%M} UTC" in tab.secrets_summary.text()
    assert secrets[1].masked not in [tab.secrets.item(i).text().split()[0] for i in range(2)]


# -- 5. Cancel is the default of destructive dialogs -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("button", "dialog_class"), [("regenerate_button", RegenerateDialog), ("revoke_button", RevokeDialog)]
)
def test_enter_in_regenerate_and_revoke_cancels(qtbot, window, services, operator, acme, button, dialog_class):
    window.tabs.setCurrentWidget(window.keys)
    qtbot.waitUntil(lambda: window.keys.table.rowCount() == 4)
    before = services.keys.list(operator, acme.id)
    click(qtbot, getattr(window.keys, button))
    dialog = open_dialog(qtbot, dialog_class)
    assert dialog.cancel_button.isDefault() and not dialog.ok_button.isDefault()
    assert not dialog.ok_button.autoDefault()
    if dialog_class is RevokeDialog:
        type_into(qtbot, dialog.reason, "typed a reason, then pressed Enter")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    else:
        qtbot.keyClick(dialog.environment, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: closed(dialog))
    assert services.keys.list(operator, acme.id) == before


# -- 6. revealed secrets go away -------------------------------------------------------------------------------------
def reveal_test_secret(qtbot, window):
    keys = window.keys
    window.tabs.setCurrentWidget(keys)
    # Showing the tab reloads its table in a worker: select only after that reload has landed, or the reload can
    # clear the selection between the click on the row and the click on Reveal.
    qtbot.waitUntil(lambda: workers.pending_count() == 0 and keys.table.rowCount() == 4)
    rows = keys.visible_rows()
    keys.table.selectRow(next(n for n, r in enumerate(rows) if (r.kind, r.mode) == ("secret", "test")))
    click(qtbot, keys.reveal_button)
    qtbot.waitUntil(lambda: keys.revealed.shown)
    assert "sk_test_" in keys.revealed.text()
    return keys


def test_revealed_key_hides_after_a_while(qtbot, window):
    window.keys.revealed.visible_ms = 300
    keys = reveal_test_secret(qtbot, window)
    assert keys.revealed.isVisible() and "hides in" in keys.revealed.countdown.text()
    qtbot.waitUntil(lambda: not keys.revealed.isVisible(), timeout=3000)
    assert keys.revealed.text() == ""


def test_revealed_key_hides_on_tab_change_and_on_hide(qtbot, window):
    keys = reveal_test_secret(qtbot, window)
    window.tabs.setCurrentWidget(window.overview)
    qtbot.waitUntil(lambda: keys.revealed.text() == "")
    window.tabs.setCurrentWidget(keys)
    assert not keys.revealed.isVisible()
    keys = reveal_test_secret(qtbot, window)
    click(qtbot, keys.revealed.hide_button)
    assert not keys.revealed.isVisible() and keys.revealed.text() == ""


def test_inspect_input_has_a_show_hide_toggle(qtbot, window):
    window.act_inspect.trigger()
    dialog = open_dialog(qtbot, InspectKeyDialog)
    assert dialog.key.echoMode() == QLineEdit.EchoMode.Password
    click(qtbot, dialog.show_key)
    assert dialog.key.echoMode() == QLineEdit.EchoMode.Normal
    click(qtbot, dialog.show_key)
    assert dialog.key.echoMode() == QLineEdit.EchoMode.Password
    dialog.reject()
