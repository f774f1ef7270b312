"""The Stripe tab, clicked through against the fake Stripe and the real listener."""

import threading

import httpx
import pytest
from PySide6.QtWidgets import QMessageBox

from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.platform_dialog import PlatformStripeDialog
from billing_desktop.ui.tenant_model import COLUMNS
from tests.conftest import free_port
from tests.gui_helpers import click, open_dialog, settings, type_into
from tests.support.fake_stripe import follow

pytestmark = pytest.mark.gui


@pytest.fixture
def window(open_main_window, services, operator, acme, fake):
    services.stripe_platform.update(operator, fake.client_id, fake.secret_key, free_port())
    opened = []
    services.stripe.open_browser = opened.append  # a browser that does nothing until the test says so
    win = open_main_window(operator, tab="stripe", ready=lambda win: win.stripe.status is not None)
    win.opened = opened
    return win


def test_connect_turns_the_badge_connected(qtbot, window, services):
    tab = window.stripe
    assert tab.badge.text().strip() == "DISCONNECTED"
    click(qtbot, tab.connect_button)
    qtbot.waitUntil(lambda: tab.waiting.isVisible() and bool(window.opened))
    assert tab.url.text() == window.opened[0] and "/oauth/authorize?" in tab.url.text()
    threading.Thread(target=follow, args=(window.opened[0],), daemon=True).start()  # the user approves
    qtbot.waitUntil(lambda: tab.badge.text().strip() == "CONNECTED", timeout=10000)
    assert not tab.waiting.isVisible()
    assert tab.values["account_id"].text().startswith("acct_")
    assert tab.values["business_name"].text() == "Acme Inc"
    assert tab.disconnect_button.isEnabled() and not tab.connect_button.isEnabled()


def test_cancel_while_waiting(qtbot, window):
    tab = window.stripe
    click(qtbot, tab.connect_button)
    qtbot.waitUntil(tab.waiting.isVisible)
    port = int(tab.url.text().split("redirect_uri=http%3A%2F%2F127.0.0.1%3A")[1].split("%2F")[0])
    click(qtbot, tab.cancel_button)
    qtbot.waitUntil(lambda: not tab.waiting.isVisible())
    assert tab.message.text() == "Cancelled."
    qtbot.waitUntil(lambda: _refused(port))
    assert tab.connect_button.isEnabled()


def _refused(port: int) -> bool:
    try:
        httpx.get(f"http://127.0.0.1:{port}/stripe/callback", timeout=1)
    except httpx.ConnectError:
        return True
    return False


def test_pasted_address(qtbot, window):
    tab = window.stripe
    click(qtbot, tab.connect_button)
    qtbot.waitUntil(tab.waiting.isVisible)
    with httpx.Client(follow_redirects=False) as browser:
        callback = browser.get(tab.url.text()).headers["location"]
    type_into(qtbot, tab.pasted, "https://example.com/?code=x&state=forged")
    click(qtbot, tab.submit_pasted)
    qtbot.waitUntil(tab.paste_error.isVisible)
    assert "does not belong" in tab.paste_error.text()
    tab.pasted.setText(callback)
    click(qtbot, tab.submit_pasted)
    qtbot.waitUntil(lambda: tab.badge.text().strip() == "CONNECTED", timeout=10000)


def test_disconnect_confirms_then_disconnects(qtbot, window, services, operator, acme):
    attempt = services.stripe.start_connect(operator, acme.id)
    follow(attempt.url)
    attempt.wait(5)
    tab = window.stripe

    def shows(state):
        return lambda st: (st.state if st else "disconnected") == state

    with qtbot.waitSignal(tab.status_shown, timeout=60_000, check_params_cb=shows("connected")):
        click(qtbot, tab.refresh_button)
    assert tab.badge.text().strip() == "CONNECTED"
    click(qtbot, tab.disconnect_button)
    box = open_dialog(qtbot, QMessageBox)
    with qtbot.waitSignal(tab.status_shown, timeout=60_000, check_params_cb=shows("disconnected")):
        click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    assert tab.badge.text().strip() == "DISCONNECTED"


def test_admin_sees_status_but_no_connect(qtbot, services, acme_users, acme, fake, tmp_path):
    win = MainWindow(services, acme_users["admin"], settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    win.tabs.setCurrentWidget(win.stripe)
    qtbot.waitUntil(lambda: win.stripe.status is not None)
    assert not win.stripe.connect_button.isVisible() and not win.stripe.disconnect_button.isVisible()
    assert win.stripe.refresh_button.isVisible()


def test_platform_settings_dialog(qtbot, window, services, operator, fake):
    window.act_platform.trigger()
    dialog = open_dialog(qtbot, PlatformStripeDialog)
    assert dialog.client_id.text() == fake.client_id
    assert "stored: sk_test_" in dialog.secret_key.placeholderText()
    type_into(qtbot, dialog.client_id, "bad")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: dialog.form.errors["client_id"].isVisible())
    type_into(qtbot, dialog.client_id, "ca_NewClient12345678")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: services.stripe_platform.get(operator).client_id == "ca_NewClient12345678")
    assert services.stripe_platform.secret_key() == fake.secret_key  # empty field kept the stored key


def test_onboard_with_account_links(qtbot, window, fake):
    tab = window.stripe
    tab.onboard_type.setCurrentIndex(tab.onboard_type.findData("standard"))
    click(qtbot, tab.onboard_button)
    qtbot.waitUntil(lambda: tab.waiting.isVisible() and bool(window.opened))
    assert "/setup/" in tab.url.text()
    threading.Thread(target=follow, args=(window.opened[0],), daemon=True).start()  # onboarding, then return
    qtbot.waitUntil(lambda: tab.badge.text().strip() == "CONNECTED", timeout=10000)
    created = next(q for m, p, q in fake.requests if (m, p) == ("POST", "/v1/accounts"))
    assert created["type"] == "standard"


@pytest.mark.parametrize("browser", ["refuses", "starts"])
def test_a_browser_that_cannot_start_is_noticed(qtbot, window, services, browser):
    """webbrowser.open answers False (or raises) when no browser runs: the panel says to open the address by hand."""

    def refuses(url):
        raise OSError("no display")

    services.stripe.open_browser = refuses if browser == "refuses" else (lambda url: True)
    tab = window.stripe
    click(qtbot, tab.connect_button)
    qtbot.waitUntil(tab.waiting.isVisible)
    if browser == "refuses":
        qtbot.waitUntil(lambda: "No web browser could be started" in tab.waiting_note.text())
        assert "/oauth/authorize?" in tab.url.text()  # the address to open by hand is there to copy
    else:
        qtbot.wait(300)
        assert tab.waiting_note.text() == tab.browser_opened_text()
    click(qtbot, tab.cancel_button)
    qtbot.waitUntil(lambda: not tab.waiting.isVisible())


def test_an_account_type_that_does_not_apply_is_said_while_waiting(qtbot, window, services, acme, fake):
    from tests.support.connected import link

    account = fake.new_account(type="standard", name="Acme")
    link(services, acme.id, account["id"])  # connected with OAuth, still pending: Onboard stays offered
    tab = window.stripe
    tab.load()
    qtbot.waitUntil(lambda: tab.onboard_button.isEnabled())
    click(qtbot, tab.onboard_button)
    qtbot.waitUntil(tab.waiting.isVisible)
    assert f"is ignored: the tenant already has account {account['id']} (connected with OAuth)" in (
        tab.waiting_note.text()
    )
    click(qtbot, tab.cancel_button)
    qtbot.waitUntil(lambda: not tab.waiting.isVisible())


@pytest.fixture
def german():
    from billing_desktop.ui import i18n

    i18n.apply("de")
    yield
    i18n.apply("en")  # the translators are the application's: leave none behind for the next test


def test_the_stripe_tab_says_ja_and_nein_in_german(qtbot, german, window, services, fake):
    """Booleans on the Stripe tab (charges, payouts, details, live mode) are words of the operator's language."""
    tab = window.stripe
    click(qtbot, tab.connect_button)
    qtbot.waitUntil(lambda: tab.waiting.isVisible() and bool(window.opened))
    threading.Thread(target=follow, args=(window.opened[0],), daemon=True).start()
    qtbot.waitUntil(lambda: tab.values["account_id"].text().startswith("acct_"), timeout=10000)
    assert tab.values["charges_enabled"].text() == "ja"
    assert tab.values["livemode"].text() == "nein"
    qtbot.waitUntil(lambda: stripe_cell(window, tab.tenant.id) == "verbunden", timeout=5000)  # the list's state too
    fake.accounts[tab.values["account_id"].text()]["payouts_enabled"] = False
    click(qtbot, tab.refresh_button)
    qtbot.waitUntil(lambda: tab.values["payouts_enabled"].text() == "nein", timeout=10000)
    qtbot.waitUntil(lambda: stripe_cell(window, tab.tenant.id) == "ausstehend", timeout=5000)  # payouts off: pending
    active = next(n for n, (_, attr) in enumerate(COLUMNS) if attr == "active")
    assert window.model.index(0, active).data() == "ja"  # the list's Active column too


def stripe_cell(window, tenant_id) -> str:
    column = next(n for n, (_, attr) in enumerate(COLUMNS) if attr == "stripe")
    row = next(i for i in range(window.model.rowCount()) if window.model.row_at(i).id == tenant_id)
    return window.model.index(row, column).data()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])  # the whole list in memory; a team database's pages
def test_the_list_shows_the_stripe_state_once_connected_and_disconnected(qtbot, backend, window, acme):
    """The list's Stripe column follows a connect made on the Stripe tab, and a disconnect (the change feed)."""
    qtbot.waitUntil(lambda: stripe_cell(window, acme.id) == "—")
    click(qtbot, window.stripe.connect_button)
    qtbot.waitUntil(lambda: window.stripe.waiting.isVisible() and bool(window.opened))
    threading.Thread(target=follow, args=(window.opened[0],), daemon=True).start()
    qtbot.waitUntil(lambda: window.stripe.badge.text().strip() == "CONNECTED", timeout=10000)
    qtbot.waitUntil(lambda: stripe_cell(window, acme.id) == "connected", timeout=5000)
    click(qtbot, window.stripe.disconnect_button)
    click(qtbot, open_dialog(qtbot, QMessageBox).button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: window.stripe.badge.text().strip() == "DISCONNECTED", timeout=10000)
    qtbot.waitUntil(lambda: stripe_cell(window, acme.id) == "disconnected", timeout=5000)  # an account that was


def test_a_refresh_that_finds_the_account_restricted_shows_in_the_list(qtbot, window, services, operator, acme, fake):
    """A refresh from Stripe stores the new state without an audit row: the list learns it from the tab."""
    attempt = services.stripe.start_connect(operator, acme.id)
    follow(attempt.url)
    attempt.wait(5)
    click(qtbot, window.stripe.refresh_button)
    qtbot.waitUntil(lambda: stripe_cell(window, acme.id) == "connected", timeout=10000)
    account = next(iter(fake.accounts.values()))
    account["requirements"] = {"currently_due": ["external_account"], "past_due": ["external_account"]}
    account["requirements"]["disabled_reason"] = "requirements.past_due"
    account["payouts_enabled"] = False
    click(qtbot, window.stripe.refresh_button)
    qtbot.waitUntil(lambda: window.stripe.badge.text().strip() == "RESTRICTED", timeout=10000)
    qtbot.waitUntil(lambda: stripe_cell(window, acme.id) == "restricted", timeout=5000)
