"""The main window, clicked through: register, edit, deactivate, lock, roles, audit, account."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from billing_desktop.services.context import Policy, utcnow
from billing_desktop.ui import workers
from billing_desktop.ui.account_dialogs import ChangePasswordDialog, ProfileDialog
from billing_desktop.ui.auth_windows import PasswordPrompt
from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.tenant_dialogs import AddUserDialog, RegisterTenantDialog
from tests.conftest import OPERATOR_PASSWORD, OWNER_PASSWORD
from tests.gui_helpers import click, closed, open_dialog, settings, type_into

pytestmark = pytest.mark.gui


def open_window(qtbot, services, session, tmp_path) -> MainWindow:
    win = MainWindow(services, session, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    return win


@pytest.fixture
def window(open_main_window, operator, acme, globex):
    return open_main_window(operator, ready=lambda win: win.model.rowCount() == 2 and win.overview.details is not None)


def test_lists_tenants_and_shows_the_first(window, acme):
    assert window.count_label.text() == "2 tenants"
    assert window.overview.details.id == acme.id
    assert window.overview.company.text() == "Acme Inc"
    assert window.keyring_label.text().startswith("Keyring:")


def test_register_tenant_shows_field_errors_then_succeeds(qtbot, window, services):
    click(qtbot, window.register_button)
    dialog = open_dialog(qtbot, RegisterTenantDialog)
    type_into(qtbot, dialog.company, "Initech")
    type_into(qtbot, dialog.email, "not-an-email")
    type_into(qtbot, dialog.password, "short")
    type_into(qtbot, dialog.repeat, "short")
    type_into(qtbot, dialog.fee, "250")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: dialog.form.errors["email"].isVisible())
    assert dialog.form.errors["password"].text() == "Use at least 12 characters."
    assert dialog.form.errors["platform_fee_percent"].isVisible()
    assert dialog.company.text() == "Initech"  # nothing typed is lost
    type_into(qtbot, dialog.email, "bill@initech.example")
    type_into(qtbot, dialog.password, OWNER_PASSWORD)
    type_into(qtbot, dialog.repeat, OWNER_PASSWORD)
    type_into(qtbot, dialog.fee, "2.5")
    dialog.mode.setCurrentIndex(dialog.mode.findData("live"))
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    qtbot.waitUntil(lambda: window.overview.details is not None and window.overview.details.slug == "initech")
    assert window.mode_banner.mode == "live" and window.mode_banner.text().startswith("LIVE MODE")
    assert services.auth.sign_in("bill@initech.example", OWNER_PASSWORD).role == "owner"


def test_filter_as_you_type(qtbot, window):
    qtbot.keyClicks(window.search, "glob")
    assert window.model.rowCount() == 1 and window.model.row_at(0).slug == "globex"
    assert window.count_label.text() == "1 of 2 tenants"
    qtbot.waitUntil(lambda: window.overview.details is not None and window.overview.details.slug == "globex")
    window.search.clear()
    assert window.model.rowCount() == 2


def test_edit_tenant_with_a_bad_field_keeps_the_input(qtbot, window, services, acme):
    ov = window.overview
    type_into(qtbot, ov.fee, "abc")
    ov.branding.setPlainText("{not json")
    click(qtbot, ov.save_button)
    assert ov.form.errors["branding"].isVisible()
    ov.branding.setPlainText('{"color": "#ff0000"}')
    click(qtbot, ov.save_button)
    qtbot.waitUntil(lambda: ov.form.errors["platform_fee_percent"].isVisible())
    assert ov.fee.text() == "abc"
    type_into(qtbot, ov.fee, "3.25")
    click(qtbot, ov.save_button)
    qtbot.waitUntil(lambda: str(ov.details.platform_fee_percent) == "3.25")
    assert services.tenants.get(window.session, acme.id).branding == {"color": "#ff0000"}


def test_deactivate_asks_to_confirm_and_for_the_password(qtbot, window, services, acme, clock):
    clock.advance(minutes=10)  # the password was given at sign-in, longer ago than the window allows
    click(qtbot, window.overview.active_button)
    box = open_dialog(qtbot, QMessageBox)
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    prompt = open_dialog(qtbot, PasswordPrompt)
    type_into(qtbot, prompt.password, "wrong-password-x")
    click(qtbot, prompt.ok_button)
    qtbot.waitUntil(prompt.message.isVisible)
    assert services.tenants.get(window.session, acme.id).active
    type_into(qtbot, prompt.password, OPERATOR_PASSWORD)
    click(qtbot, prompt.ok_button)
    qtbot.waitUntil(lambda: window.overview.details.active is False)
    assert window.overview.status.text() == "Deactivated"
    assert window.overview.active_button.text() == "Reactivate tenant"


def test_cancelling_the_confirmation_changes_nothing(qtbot, window, services, acme):
    click(qtbot, window.overview.active_button)
    box = open_dialog(qtbot, QMessageBox)
    click(qtbot, box.button(QMessageBox.StandardButton.Cancel))
    qtbot.waitUntil(lambda: closed(box))
    qtbot.waitUntil(lambda: workers.pending_count() == 0)  # nothing left in flight that could still change it
    assert services.tenants.get(window.session, acme.id).active


def test_idle_lock_and_unlock(qtbot, services, operator, acme, tmp_path):
    services.ctx.clock = utcnow
    services.ctx.policy = Policy(idle_lock=timedelta(milliseconds=400))
    services.auth.touch(operator)
    win = open_window(qtbot, services, operator, tmp_path)
    qtbot.waitUntil(lambda: win.stack.currentWidget() is win.lock_page, timeout=5000)
    qtbot.waitUntil(lambda: operator.locked)
    assert not win.menuBar().isEnabled()
    with pytest.raises(Exception, match="locked"):
        services.tenants.list(operator)
    type_into(qtbot, win.lock_page.password, "wrong-password-x")
    click(qtbot, win.lock_page.unlock_button)
    qtbot.waitUntil(win.lock_page.message.isVisible)
    assert win.stack.currentWidget() is win.lock_page
    services.ctx.policy = Policy()  # stay unlocked once in
    type_into(qtbot, win.lock_page.password, OPERATOR_PASSWORD)
    qtbot.keyClick(win.lock_page.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.stack.currentIndex() == 0)
    assert not operator.locked and win.menuBar().isEnabled()
    actions = [r.action for r in services.audit.list(operator)]
    assert "auth.lock" in actions and "auth.unlock" in actions


def test_key_presses_and_clicks_count_as_activity_but_repaints_do_not(qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication, QLineEdit

    from billing_desktop.ui.window_parts import ActivityFilter

    seen = []
    activity = ActivityFilter(lambda: seen.append(1), None)
    QApplication.instance().installEventFilter(activity)
    try:
        field = QLineEdit()
        qtbot.addWidget(field)
        field.show()
        qtbot.waitExposed(field)
        field.update()
        qtbot.wait(50)
        assert seen == []  # showing and painting is not the operator at work
        qtbot.keyClick(field, "a")
        assert len(seen) == 1
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
        assert len(seen) == 2
    finally:
        QApplication.instance().removeEventFilter(activity)


def test_lock_shortcut(qtbot, window):
    window.act_lock.trigger()
    assert window.stack.currentWidget() is window.lock_page
    assert window.act_lock.shortcut().toString() == "Ctrl+L"


@pytest.mark.parametrize("role", ["developer", "admin"])
def test_read_only_roles_see_no_edit_controls(qtbot, services, acme_users, acme, role, tmp_path):
    win = open_window(qtbot, services, acme_users[role], tmp_path)
    qtbot.waitUntil(lambda: win.overview.details is not None)
    assert not win.register_button.isVisible() and not win.act_register.isEnabled()
    assert not win.overview.company.isEnabled()
    assert not win.overview.save_button.isVisible()
    assert not win.overview.active_button.isVisible()
    assert not win.overview.add_user_button.isVisible()
    assert win.audit not in [win.tabs.widget(i) for i in range(win.tabs.count())]
    assert win.model.total() == 1


def test_owner_adds_a_user(qtbot, services, acme_users, acme, tmp_path):
    win = open_window(qtbot, services, acme_users["owner"], tmp_path)
    qtbot.waitUntil(lambda: win.overview.users.rowCount() == 3)
    assert not win.register_button.isVisible()
    click(qtbot, win.overview.add_user_button)
    dialog = open_dialog(qtbot, AddUserDialog)
    type_into(qtbot, dialog.email, "dev2@acme.example")
    type_into(qtbot, dialog.password, OWNER_PASSWORD)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: win.overview.users.rowCount() == 4)
    assert services.auth.sign_in("dev2@acme.example", OWNER_PASSWORD).role == "developer"


def test_owner_sees_but_cannot_change_the_agreed_tier_and_fee(qtbot, services, acme_users, acme, tmp_path):
    win = open_window(qtbot, services, acme_users["owner"], tmp_path)
    ov = win.overview
    qtbot.waitUntil(lambda: ov.company.text() == acme.company_name)
    assert ov.fee.text() and not ov.fee.isEnabled() and not ov.tier.isEnabled()
    assert ov.domain.isEnabled() and ov.save_button.isVisible()
    ov.domain.clear()
    type_into(qtbot, ov.domain, "shop.example")
    click(qtbot, ov.save_button)  # the unchanged tier and fee travel with the form and are accepted
    qtbot.waitUntil(lambda: services.tenants.get(acme_users["operator"], acme.id).domain == "shop.example")


def test_audit_tab_lists_and_filters(qtbot, window, services, operator, acme):
    window.tabs.setCurrentWidget(window.audit)
    qtbot.waitUntil(lambda: len(window.audit.model.rows) >= 4)
    actions = {r.action for r in window.audit.model.rows}
    assert {"tenant.register", "auth.sign_in", "operator.create_first"} <= actions
    window.audit.only_tenant.setChecked(True)
    qtbot.waitUntil(lambda: window.audit.action.count() > 1)
    window.audit.action.setCurrentIndex(window.audit.action.findData("tenant.register"))
    click(qtbot, window.audit.apply)
    qtbot.waitUntil(lambda: len(window.audit.model.rows) == 1)
    assert window.audit.model.rows[0].tenant_id == acme.id


def test_profile_and_password_dialogs(qtbot, window, services, operator):
    window.act_profile.trigger()
    dialog = open_dialog(qtbot, ProfileDialog)
    type_into(qtbot, dialog.first_name, "Ophelia")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: closed(dialog))
    assert services.auth.profile(operator).first_name == "Ophelia"
    window.act_password.trigger()
    cp = open_dialog(qtbot, ChangePasswordDialog)
    type_into(qtbot, cp.old, "wrong-old-password")
    type_into(qtbot, cp.new, "new-password-12345")
    type_into(qtbot, cp.repeat, "new-password-12345")
    click(qtbot, cp.ok_button)
    qtbot.waitUntil(lambda: cp.form.errors["old_password"].isVisible())
    type_into(qtbot, cp.old, OPERATOR_PASSWORD)
    click(qtbot, cp.ok_button)
    qtbot.waitUntil(lambda: closed(cp))
    services.auth.sign_in(operator.email, "new-password-12345")


def test_geometry_is_kept(qtbot, services, operator, tmp_path):
    win = open_window(qtbot, services, operator, tmp_path)
    win.resize(1000, 700)
    size = win.size()
    assert size != MainWindow(services, operator, settings(tmp_path / "other")).size()  # differs from a fresh one
    win.close()
    again = open_window(qtbot, services, operator, tmp_path)
    # The offscreen screen is narrower than the window's minimum width, so Qt clamps the restored width.
    assert again.height() == size.height() == 700


def test_preferences_change_the_idle_timeout(qtbot, window, services):
    from billing_desktop.ui.preferences import PreferencesDialog

    assert window.act_preferences.isVisible()
    window.act_preferences.trigger()
    dialog = open_dialog(qtbot, PreferencesDialog)
    assert dialog.idle.value() == 15
    dialog.idle.setValue(3)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: services.settings.idle_lock_minutes() == 3)
    assert window.idle_timer.interval() == 5000


def test_preferences_saved_over_another_operators_change_are_refused_naming_them(qtbot, window, services):
    from billing_desktop.ui.preferences import PreferencesDialog

    services.users.add(window.session, None, "second@platform.example", OPERATOR_PASSWORD, "operator")
    second = services.auth.sign_in("second@platform.example", OPERATOR_PASSWORD)
    window.act_preferences.trigger()
    dialog = open_dialog(qtbot, PreferencesDialog)
    loaded = dialog.loaded_version
    services.settings.save_preferences(second, idle_lock_minutes=30, sync_interval_minutes=0, expected_version=loaded)
    dialog.idle.setValue(3)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: "second@platform.example" in dialog.message.text(), timeout=10000)
    assert dialog.isVisible() and dialog.idle.value() == 3  # the operator's number stays in the field
    assert services.settings.idle_lock_minutes() == 30  # theirs was not overwritten


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("branding", '{"a":' * 5000 + "1" + "}" * 5000, "Nested too deeply"),
        ("metadata", "[" * 100000 + "]" * 100000, "Nested too deeply"),
        ("branding", '{"opacity": NaN}', "NaN is not a number JSON allows"),
        ("metadata", '{"limit": Infinity}', "Infinity is not a number JSON allows"),
    ],
)
def test_json_fields_refuse_deep_nesting_and_non_finite_numbers(qtbot, window, services, acme, field, value, message):
    """The GUI reads branding/metadata as the CLI does: the error next to the field, the text kept, nothing saved."""
    ov = window.overview
    box = getattr(ov, field)
    box.setPlainText(value)
    click(qtbot, ov.save_button)
    qtbot.waitUntil(lambda: ov.form.errors[field].isVisible())
    assert message in ov.form.errors[field].text()
    assert box.toPlainText() == value  # nothing lost
    assert getattr(services.tenants.get(window.session, acme.id), field) == {}
