"""Finding and reading, clicked through: empty states, long names, editable slugs, the audit columns, wording."""

import pytest
from PySide6.QtCore import QPoint

from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.platform_dialog import PlatformStripeDialog
from billing_desktop.ui.tenant_dialogs import RegisterTenantDialog
from tests.conftest import OWNER_PASSWORD, register
from tests.gui_helpers import click, open_dialog, settings, type_into

pytestmark = pytest.mark.gui


def open_window(qtbot, services, session, tmp_path) -> MainWindow:
    win = MainWindow(services, session, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def window(qtbot, services, operator, acme, globex, tmp_path):
    win = open_window(qtbot, services, operator, tmp_path)
    qtbot.waitUntil(lambda: win.model.rowCount() == 2 and win.overview.details is not None)
    return win


# -- 7 and 8: empty states -------------------------------------------------------------------------------------------
def test_a_search_without_match_shows_an_empty_state_not_the_last_tenant(qtbot, window):
    qtbot.keyClicks(window.search, "zzz")
    assert window.count_label.text() == "0 of 2 tenants"
    assert window.right.currentWidget() is window.empty
    assert "No tenant matches “zzz”" in window.empty.title.text()
    assert not window.overview.isVisible()
    click(qtbot, window.empty.button)
    assert window.search.text() == "" and window.right.currentIndex() == 0
    assert window.overview.isVisible()


def test_first_launch_says_what_to_do_with_the_register_button(qtbot, services, operator, tmp_path):
    win = open_window(qtbot, services, operator, tmp_path)
    qtbot.waitUntil(lambda: win.loaded)
    assert win.right.currentWidget() is win.empty
    assert "No tenants yet" in win.empty.title.text() and win.empty.button.isVisible()
    click(qtbot, win.empty.button)
    dialog = open_dialog(qtbot, RegisterTenantDialog)
    assert dialog.focusWidget() is dialog.company
    dialog.reject()


def test_webhooks_and_stripe_say_what_is_missing(qtbot, window):
    window.tabs.setCurrentWidget(window.webhooks)
    qtbot.waitUntil(window.webhooks.none_hint.isVisible)
    assert "No webhook endpoint yet" in window.webhooks.none_hint.text.text()
    window.tabs.setCurrentWidget(window.stripe)
    qtbot.waitUntil(lambda: window.stripe.setup_hint.isVisible() and window.stripe.connect_hint.isVisible())
    assert "No Stripe account is connected to Acme Inc" in window.stripe.connect_hint.text.text()
    click(qtbot, window.stripe.setup_hint.button)
    open_dialog(qtbot, PlatformStripeDialog).reject()


# -- 9: long names and slugs -----------------------------------------------------------------------------------------
def test_a_long_name_is_elided_and_the_buttons_stay_in_view(qtbot, services, operator, tmp_path):
    name = "Internationale Handels- und Logistikgesellschaft für Erneuerbare Energien und Nachhaltige Lieferketten"
    register(services, operator, name, "owner@long.example")
    win = open_window(qtbot, services, operator, tmp_path)
    win.resize(1366, 740)
    qtbot.waitUntil(lambda: win.overview.details is not None)
    ov = win.overview
    assert ov.heading.full_text() == name and ov.heading.toolTip() == name
    assert ov.heading.is_elided()
    button = ov.active_button
    right_edge = button.mapTo(win, QPoint(button.width(), 0)).x()
    assert button.isVisible() and right_edge <= win.width()
    win.tabs.setCurrentWidget(win.keys)
    button = win.keys.revoke_button
    assert button.mapTo(win, QPoint(button.width(), 0)).x() <= win.width()


def test_register_proposes_a_transliterated_slug_that_can_be_edited(qtbot, window, services):
    click(qtbot, window.register_button)
    dialog = open_dialog(qtbot, RegisterTenantDialog)
    dialog.company.setText("Газпром")  # pasted: QTest cannot type non-Latin letters
    assert dialog.slug.text() == "gazprom"
    type_into(qtbot, dialog.slug, "gazprom-eu")
    dialog.company.setText("Газпром Европа")
    assert dialog.slug.text() == "gazprom-eu"  # the operator's own slug is not overwritten
    type_into(qtbot, dialog.email, "it@gazprom.example")
    type_into(qtbot, dialog.password, OWNER_PASSWORD)
    type_into(qtbot, dialog.repeat, OWNER_PASSWORD)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: window.overview.details is not None and window.overview.details.slug == "gazprom-eu")


def test_after_register_the_search_is_cleared_and_the_new_tenant_selected(qtbot, window):
    qtbot.keyClicks(window.search, "globex")
    qtbot.waitUntil(lambda: window.count_label.text() == "1 of 2 tenants")
    click(qtbot, window.register_button)
    dialog = open_dialog(qtbot, RegisterTenantDialog)
    type_into(qtbot, dialog.company, "Initech")
    type_into(qtbot, dialog.email, "it@initech.example")
    type_into(qtbot, dialog.password, OWNER_PASSWORD)
    type_into(qtbot, dialog.repeat, OWNER_PASSWORD)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: window.overview.details is not None and window.overview.details.slug == "initech")
    assert window.search.text() == "" and window.count_label.text() == "3 tenants"
    assert window.model.row_at(window.table.currentIndex().row()).slug == "initech"


def test_a_taken_slug_is_refused_next_to_the_field(qtbot, window):
    click(qtbot, window.register_button)
    dialog = open_dialog(qtbot, RegisterTenantDialog)
    type_into(qtbot, dialog.company, "Acme Again")
    type_into(qtbot, dialog.slug, "acme-inc")
    type_into(qtbot, dialog.email, "again@acme.example")
    type_into(qtbot, dialog.password, OWNER_PASSWORD)
    type_into(qtbot, dialog.repeat, OWNER_PASSWORD)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: dialog.form.errors["slug"].isVisible())
    assert "Another tenant has this slug" in dialog.form.errors["slug"].text()
    dialog.reject()


# -- 10: the audit table ---------------------------------------------------------------------------------------------
def test_audit_columns_fit_and_their_layout_is_remembered(qtbot, services, operator, acme, tmp_path):
    win = open_window(qtbot, services, operator, tmp_path)
    audit = win.audit
    header = audit.table.horizontalHeader()
    assert sum(header.sectionSize(c) for c in range(6)) <= 760  # Time to Reason beside the list at 1366 px
    header.resizeSection(5, 300)
    header.moveSection(5, 1)
    win.close()
    again = open_window(qtbot, services, operator, tmp_path)
    h2 = again.audit.table.horizontalHeader()
    assert h2.sectionSize(5) == 300 and h2.visualIndex(5) == 1


# -- 11: wording -----------------------------------------------------------------------------------------------------
def test_one_tenant_and_a_wrong_unlock_password_are_worded_right(qtbot, services, operator, acme, tmp_path):
    win = open_window(qtbot, services, operator, tmp_path)
    qtbot.waitUntil(lambda: win.loaded)
    assert win.count_label.text() == "1 tenant"
    win.act_lock.trigger()
    type_into(qtbot, win.lock_page.password, "not-the-password")
    click(qtbot, win.lock_page.unlock_button)
    qtbot.waitUntil(win.lock_page.message.isVisible)
    assert win.lock_page.message.text() == "Wrong password."
