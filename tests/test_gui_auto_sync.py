"""The periodic Refresh all from Preferences: off by default, in a worker, never two at once, stopped by the lock and
by signing out; it sweeps failed payouts onto the board too, at most hourly. Ticks are fired by hand (the real
interval is minutes); the sync runs against the fake Stripe."""

import threading

import pytest

from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.preferences import PreferencesDialog
from tests.conftest import OPERATOR_PASSWORD
from tests.gui_helpers import click, open_dialog, settings, type_into
from tests.support.connected import bulk_tenants, link, platform

pytestmark = pytest.mark.gui


@pytest.fixture
def acme(services, operator, fake):
    """Acme and its connected account's id, among 150 accounts of nobody's (two pages of Stripe's list)."""
    platform(services, operator, fake)
    for n in range(150):
        fake.new_account(name=f"Other {n}")
    (acme,) = bulk_tenants(services, ["Acme"])
    account = fake.new_account(type="express", name="Acme")["id"]
    link(services, acme.id, account)
    return acme, account


@pytest.fixture
def window(qtbot, services, operator, acme, tmp_path):
    win = MainWindow(services, operator, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded)
    qtbot.wait(300)  # the board after sign-in, if it has anything to show
    if win.connect_ops.attention is not None:
        win.connect_ops.attention.close()
    return win


def first_pages(fake) -> int:
    return sum(1 for m, p, q in fake.requests if p == "/v1/accounts" and "starting_after" not in q)


def set_interval(qtbot, window, minutes: int) -> PreferencesDialog:
    window.act_preferences.trigger()
    dialog = open_dialog(qtbot, PreferencesDialog)
    dialog.sync.setValue(minutes)
    click(qtbot, dialog.ok_button)
    return dialog


def test_off_by_default_and_set_in_preferences(qtbot, window, services):
    auto = window.connect_ops.auto_sync
    assert services.settings.sync_interval_minutes() == 0 and not auto.timer.isActive()
    window.act_preferences.trigger()
    dialog = open_dialog(qtbot, PreferencesDialog)
    assert dialog.sync.text() == "Off"
    dialog.sync.setValue(3)  # below the minimum: refused next to the field, nothing saved
    click(qtbot, dialog.ok_button)
    error = dialog.findChild(type(dialog.message), "error_sync_interval_minutes")
    qtbot.waitUntil(lambda: error.isVisible())
    assert "between 5 and 1440" in error.text() and services.settings.sync_interval_minutes() == 0
    dialog.sync.setValue(30)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: auto.timer.isActive())
    assert auto.timer.interval() == 30 * 60_000 and services.settings.sync_interval_minutes() == 30
    set_interval(qtbot, window, 0)
    qtbot.waitUntil(lambda: not auto.timer.isActive())


def test_ticks_sync_in_a_worker_never_overlapping_and_the_lock_stops_it(qtbot, window, services, fake):
    auto = window.connect_ops.auto_sync
    set_interval(qtbot, window, 15)
    qtbot.waitUntil(lambda: auto.timer.isActive())
    gate = threading.Event()
    # Both first pages are held before they are answered (held after, the automatic walk could already have asked
    # for its second page when Refresh all stops it).
    fake.connect.before_answer = lambda path, q: path == "/v1/accounts" and "starting_after" not in q and gate.wait(20)
    auto.timer.timeout.emit()  # the interval has passed
    qtbot.waitUntil(lambda: first_pages(fake) == 1, timeout=10000)  # the GUI thread is free meanwhile
    auto.timer.timeout.emit()  # and again, while the first is still on page 1: skipped
    auto.timer.timeout.emit()
    assert auto.runs == 1 and auto.running
    gate.set()
    qtbot.waitUntil(lambda: not auto.running, timeout=20000)
    assert first_pages(fake) == 1
    assert window.statusBar().currentMessage().startswith("Automatic refresh: Failed payouts: 0")
    assert services.connect_sync.last_sync() is not None

    # Locked mid-sync: the timer stops and the sync in flight stops before its next page.
    gate.clear()
    auto.timer.timeout.emit()
    qtbot.waitUntil(lambda: first_pages(fake) == 2, timeout=10000)
    window.lock()
    assert not auto.timer.isActive()
    gate.set()
    qtbot.waitUntil(lambda: not auto.running, timeout=20000)
    fake.connect.after_list_page = None
    pages_after_lock = len([r for r in fake.requests if r[1] == "/v1/accounts"])
    auto.timer.timeout.emit()  # a tick that was already queued: nothing behind the lock page
    qtbot.wait(200)
    assert len([r for r in fake.requests if r[1] == "/v1/accounts"]) == pages_after_lock
    type_into(qtbot, window.lock_page.password, OPERATOR_PASSWORD)
    click(qtbot, window.lock_page.unlock_button)
    qtbot.waitUntil(lambda: auto.timer.isActive(), timeout=10000)


def test_signing_out_stops_it(qtbot, window, services):
    auto = window.connect_ops.auto_sync
    set_interval(qtbot, window, 15)
    qtbot.waitUntil(lambda: auto.timer.isActive())
    window.sign_out()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert not auto.timer.isActive() and auto.paused


def payout_requests(fake) -> int:
    return sum(1 for m, p, q in fake.requests if p == "/v1/payouts")


def test_a_tick_sweeps_failed_payouts_onto_the_board_at_most_hourly(qtbot, window, fake, acme, clock):
    tenant, account = acme
    auto = window.connect_ops.auto_sync
    fake.connect.add_payout(account, status="failed", amount=9900, failure_code="account_closed")
    qtbot.waitUntil(lambda: window.model.attention(tenant.id) is not None)
    before = window.model.attention(tenant.id)
    shown: list[str] = []
    window.statusBar().messageChanged.connect(shown.append)
    auto.timer.timeout.emit()  # the interval has passed: the accounts, then every account's failed payouts
    qtbot.waitUntil(lambda: auto.sweeps == 1 and not auto.running, timeout=20000)
    assert payout_requests(fake) == 1  # Acme's account: the others are nobody's
    said = [m for m in shown if m.startswith("Automatic refresh")]
    assert said[0].startswith("Automatic refresh: Synced 1 connected accounts")  # while the sweep runs
    assert said[-1] == "Automatic refresh: Failed payouts: 1, from 1 of 1 connected accounts asked."
    qtbot.waitUntil(lambda: window.model.attention(tenant.id) == before + 1, timeout=10000)  # the list's "!" count

    clock.advance(minutes=50)  # the next tick within the hour syncs but does not ask every account again
    auto.timer.timeout.emit()
    qtbot.waitUntil(lambda: auto.runs == 2 and not auto.running, timeout=20000)
    assert auto.sweeps == 1 and payout_requests(fake) == 1
    assert window.statusBar().currentMessage().startswith("Automatic refresh: Synced 1 connected accounts")

    clock.advance(minutes=11)  # an hour since that sweep
    auto.timer.timeout.emit()
    qtbot.waitUntil(lambda: auto.sweeps == 2 and not auto.running, timeout=20000)
    assert payout_requests(fake) == 2


def test_the_lock_stops_a_sweep_in_flight(qtbot, window, fake):
    auto = window.connect_ops.auto_sync
    gate = threading.Event()
    fake.connect.before_answer = lambda path, q: path == "/v1/payouts" and gate.wait(20)
    auto.timer.timeout.emit()
    qtbot.waitUntil(lambda: payout_requests(fake) == 1, timeout=20000)  # the sweep waits for its first page
    assert auto.running
    window.lock()
    message = window.statusBar().currentMessage()
    gate.set()
    qtbot.waitUntil(lambda: not auto.running, timeout=20000)
    fake.connect.before_answer = None
    qtbot.wait(200)
    assert auto.sweeps == 0 and window.statusBar().currentMessage() == message  # nothing shown behind the lock


def test_refresh_all_by_hand_stops_an_automatic_one_in_flight(qtbot, window, fake):
    """Never two syncs at once: Refresh all (Ctrl+Shift+R) while the automatic refresh is on its first page stops the
    automatic one at its next page, which then sweeps nothing; the one asked for runs to its end."""
    auto = window.connect_ops.auto_sync
    gate = threading.Event()
    # Both first pages are held before they are answered (held after, the automatic walk could already have asked
    # for its second page when Refresh all stops it).
    fake.connect.before_answer = lambda path, q: path == "/v1/accounts" and "starting_after" not in q and gate.wait(20)
    auto.timer.timeout.emit()
    qtbot.waitUntil(lambda: first_pages(fake) == 1, timeout=10000)
    window.connect_ops.sync()  # Connect → Refresh all
    dialog = window.connect_ops.sync_dialog
    qtbot.waitUntil(lambda: first_pages(fake) == 2, timeout=10000)
    gate.set()
    qtbot.waitUntil(lambda: not auto.running and dialog.task is None, timeout=30000)
    fake.connect.before_answer = None
    # The automatic walk stopped after its first page: 150 accounts are two pages of 100, so one walk to its end
    # and one stopped ask three pages, two walks to their end four.
    assert len([r for r in fake.requests if r[1] == "/v1/accounts"]) == 3
    assert auto.sweeps == 0 and payout_requests(fake) == 1  # only the dialog's sweep asked Acme's account
