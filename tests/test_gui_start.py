"""Start-up: first-run wizard, sign in, lockout message, sign out."""

import pytest

from billing_desktop.ui.app import AppController
from billing_desktop.ui.auth_windows import FirstRunWizard
from tests.conftest import OPERATOR_EMAIL, OPERATOR_PASSWORD
from tests.gui_helpers import click, open_dialog, settings, type_into

pytestmark = pytest.mark.gui


@pytest.fixture
def controller(qtbot, services, tmp_path):
    c = AppController(lambda: services, settings(tmp_path))
    qtbot.addWidget(c.sign_in)
    yield c
    if c.main_window is not None:
        c.main_window.close()


def sign_in(qtbot, c, email, password):
    type_into(qtbot, c.sign_in.email, email)
    type_into(qtbot, c.sign_in.password, password)
    click(qtbot, c.sign_in.button)


def test_first_run_wizard_then_sign_in(qtbot, controller, services):
    controller.start()
    wizard = open_dialog(qtbot, FirstRunWizard)
    type_into(qtbot, wizard.email, "Boss@Platform.Example")
    type_into(qtbot, wizard.password, "a-long-password-1")
    type_into(qtbot, wizard.repeat, "a-different-one-2")
    click(qtbot, wizard.ok_button)
    assert wizard.form.errors["repeat"].text() == "The two passwords differ."
    assert wizard.isVisible() and services.auth.needs_first_run()
    type_into(qtbot, wizard.repeat, "a-long-password-1")
    click(qtbot, wizard.ok_button)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert not services.auth.needs_first_run()
    assert controller.sign_in.email.text() == "boss@platform.example"
    assert controller.sign_in.button.isEnabled()
    type_into(qtbot, controller.sign_in.password, "a-long-password-1")
    click(qtbot, controller.sign_in.button)
    qtbot.waitUntil(lambda: controller.main_window is not None and controller.main_window.isVisible())
    assert not controller.sign_in.isVisible()
    assert controller.main_window.user_label.text() == "boss@platform.example · operator"
    # The vault was made with the account: its recovery key is offered at once, to be shown once and stored.
    from billing_desktop.ui.recovery_dialog import RecoveryKeyDialog

    dialog = open_dialog(qtbot, RecoveryKeyDialog)
    qtbot.waitUntil(dialog.create_button.isVisible)
    dialog.reject()


def test_wrong_password_then_lockout_shown_in_the_window(qtbot, controller, services, operator):
    controller.start()
    qtbot.waitUntil(controller.sign_in.button.isEnabled)
    for attempt in range(5):
        sign_in(qtbot, controller, OPERATOR_EMAIL, "not-my-password")
        qtbot.waitUntil(lambda: controller.sign_in.message.isVisible() and controller.sign_in.button.isEnabled())
        if attempt < 4:
            assert controller.sign_in.message.text() == "Wrong email or password."
        assert controller.sign_in.password.text() == ""  # a wrong password is not left in the field
    assert "locked for 15 minutes" in controller.sign_in.message.text()
    controller.sign_in.message.hide()
    sign_in(qtbot, controller, OPERATOR_EMAIL, OPERATOR_PASSWORD)
    qtbot.waitUntil(controller.sign_in.message.isVisible)
    assert "locked" in controller.sign_in.message.text()
    assert controller.main_window is None


def test_sign_out_returns_to_the_sign_in_window(qtbot, controller, operator):
    controller.start()
    qtbot.waitUntil(controller.sign_in.button.isEnabled)
    sign_in(qtbot, controller, OPERATOR_EMAIL, OPERATOR_PASSWORD)
    qtbot.waitUntil(lambda: controller.main_window is not None)
    win = controller.main_window
    win.act_sign_out.trigger()
    assert controller.sign_in.isVisible() and not win.isVisible()
    assert win.session.locked  # the old session can do nothing more


def test_startup_error_is_shown_not_raised(qtbot, tmp_path):
    from billing_desktop.errors import SchemaTooNew

    def build():
        raise SchemaTooNew("This database was written by a newer Billing Desktop (schema 9999).")

    c = AppController(build, settings(tmp_path))
    qtbot.addWidget(c.sign_in)
    c.start()
    qtbot.waitUntil(c.sign_in.message.isVisible)
    assert "newer Billing Desktop" in c.sign_in.message.text()
    assert not c.sign_in.button.isEnabled()
