"""The Needs attention board (shown after sign-in), Refresh all with progress and Cancel, and the Fees view, clicked
through against the fake Stripe."""

import pytest
from PySide6.QtCore import Qt

from billing_desktop.ui import workers
from billing_desktop.ui.attention_view import AttentionView
from billing_desktop.ui.fees_view import FeesView
from billing_desktop.ui.link_dialog import LinkDialog
from billing_desktop.ui.main_window import MainWindow
from billing_desktop.ui.sync_dialog import SyncDialog
from tests.conftest import OPERATOR_PASSWORD
from tests.gui_helpers import click, open_dialog, settings, type_into
from tests.support.connected import bulk_tenants, link, platform
from tests.support.fake_connect import requirements

pytestmark = pytest.mark.gui


@pytest.fixture
def troubled(services, operator, fake, clock):
    """Acme: past-due requirements and a failed payout; Calm: nothing; Livewire: live without an account."""
    platform(services, operator, fake)
    acme, calm = bulk_tenants(services, ["Acme", "Calm"])
    bulk_tenants(services, ["Livewire"], mode="live")
    account = fake.new_account(type="express", name="Acme")
    account["requirements"] = requirements(past_due=["external_account"], current_deadline=int(clock().timestamp()))
    link(services, acme.id, account["id"])
    link(services, calm.id, fake.new_account(type="express", name="Calm")["id"])
    fake.connect.add_payout(account["id"], status="failed", amount=700, failure_code="account_closed")
    services.connect_sync.sync(operator)
    services.connect_account.payouts(operator, acme.id, refresh=True)
    return acme, account


def open_window(qtbot, services, operator, tmp_path):
    services.stripe.open_browser = lambda url: None
    win = MainWindow(services, operator, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    return win


def test_board_after_sign_in_opens_the_tenant_and_sends_a_fix_up_link(qtbot, services, operator, troubled, tmp_path):
    acme, _ = troubled
    win = open_window(qtbot, services, operator, tmp_path)
    view = open_dialog(qtbot, AttentionView)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    titles = [view.model.row(r).title for r in range(3)]
    assert titles == [
        "1 requirement past due",
        "Payout of 7.00 USD failed",
        "Live mode, but no Stripe account is connected",
    ]
    assert not view.stale.isVisible()
    view.table.selectRow(0)
    assert view.fix_button.text() == "Send &fix-up link…"
    click(qtbot, view.fix_button)
    dialog = open_dialog(qtbot, LinkDialog)
    assert "/setup/" in dialog.url.text()
    dialog.reject()
    view.table.selectRow(1)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.tabs.currentWidget() is win.stripe and win.selected_tenant_id() == acme.id)


def test_the_board_hides_behind_the_lock_and_closes_with_the_window(qtbot, services, operator, troubled, tmp_path):
    """The board shows tenants' troubles: the lock page must not leave it on screen, nor a closed window."""
    win = open_window(qtbot, services, operator, tmp_path)
    view = open_dialog(qtbot, AttentionView)
    win.lock()
    assert not view.isVisible()
    type_into(qtbot, win.lock_page.password, OPERATOR_PASSWORD)
    click(qtbot, win.lock_page.unlock_button)
    qtbot.waitUntil(view.isVisible)
    win.close()
    assert not view.isVisible()


def test_nothing_to_show_means_no_board(qtbot, services, operator, fake, tmp_path):
    platform(services, operator, fake)
    win = open_window(qtbot, services, operator, tmp_path)
    qtbot.waitUntil(lambda: win.loaded)
    qtbot.waitUntil(lambda: workers.pending_count() == 0)  # the board query has answered: and opened nothing
    assert win.connect_ops.attention is None
    win.connect_ops.act_attention.trigger()
    view = open_dialog(qtbot, AttentionView)
    qtbot.waitUntil(view.empty.isVisible)
    assert view.stale.isVisible() and "never" in view.stale.text()


def test_refresh_all_with_progress_and_cancel(qtbot, services, operator, troubled, fake, tmp_path):
    import threading

    for n in range(250):  # three pages
        fake.new_account(name=f"Other {n}")
    gate = threading.Event()
    # After the first page, Stripe answers nothing more until the test has pressed Cancel.
    fake.connect.after_list_page = lambda path, q: "starting_after" not in q and gate.wait(20)
    win = open_window(qtbot, services, operator, tmp_path)
    open_dialog(qtbot, AttentionView).close()
    win.connect_ops.act_sync.trigger()
    dialog = open_dialog(qtbot, SyncDialog)
    qtbot.waitUntil(lambda: "refreshed" in dialog.text.text(), timeout=20000)  # a progress line after page 1
    click(qtbot, dialog.cancel_button)
    assert "Cancelling" in dialog.text.text()
    gate.set()
    qtbot.waitUntil(lambda: dialog.cancel_button.text() == "Close", timeout=20000)
    assert "Partial sync" in dialog.text.text() and dialog.message.isVisible()
    click(qtbot, dialog.cancel_button)
    fake.connect.after_list_page = None
    win.connect_ops.act_sync.trigger()
    dialog = open_dialog(qtbot, SyncDialog)
    qtbot.waitUntil(lambda: dialog.cancel_button.text() == "Close", timeout=20000)
    assert dialog.text.text().startswith("Synced 2 connected accounts from 3 page(s)")


def test_fees_view_flags_and_exports(qtbot, services, operator, troubled, fake, tmp_path, monkeypatch, clock):
    _, account = troubled
    now = int(clock().timestamp())  # the view's default period ends today, by the app's clock
    fake.connect.add_fee(account["id"], charge_amount=10_000, fee_amount=250, created=now)
    fake.connect.add_fee(account["id"], charge_amount=10_000, fee_amount=100, created=now)
    win = open_window(qtbot, services, operator, tmp_path)
    open_dialog(qtbot, AttentionView).close()
    win.connect_ops.act_fees.trigger()
    view = open_dialog(qtbot, FeesView)
    click(qtbot, view.fetch_button)
    qtbot.waitUntil(lambda: view.lines_model.rowCount() == 2, timeout=10000)
    assert view.totals_model.row(0).flagged == 1 and "1 flagged" in view.status.text()
    click(qtbot, view.flagged_only)
    assert view.lines_model.rowCount() == 1 and view.lines_model.row(0).fee_amount == 100
    target = tmp_path / "fees.csv"
    view.write_csv(str(target))
    qtbot.waitUntil(lambda: "Exported" in view.status.text())
    assert ",USD,100.00,1.00,2.50,0.00,2.50,yes" in target.read_text()
    monkeypatch.setenv("BILLING_DESKTOP_STRIPE_API_BASE", "http://127.0.0.1:9")
    click(qtbot, view.fetch_button)
    qtbot.waitUntil(lambda: "Could not reach Stripe" in view.message.text(), timeout=10000)
    assert view.lines_model.rowCount() == 1 and "may be stale" in view.status.text()
    type_into(qtbot, view.tenant, "nobody")
    click(qtbot, view.fetch_button)
    qtbot.waitUntil(lambda: view.message.isVisible() and "nobody" in view.message.text(), timeout=10000)


def test_tenant_list_columns_and_filters(qtbot, services, operator, troubled, tmp_path):
    from billing_desktop.ui.tenant_model import COLUMNS

    acme, _ = troubled
    win = open_window(qtbot, services, operator, tmp_path)
    open_dialog(qtbot, AttentionView).close()
    qtbot.waitUntil(lambda: win.loaded and win.model.attention(acme.id) == 2)
    headers = [c[0] for c in COLUMNS]
    col = {name: headers.index(name) for name in ("Company", "Mode", "Tier", "Stripe", "!")}

    def shown():
        return {
            win.model.index(r, col["Company"]).data(): (
                win.model.index(r, col["Mode"]).data(),
                win.model.index(r, col["Stripe"]).data(),
                win.model.index(r, col["!"]).data(),
            )
            for r in range(win.model.rowCount())
        }

    assert shown() == {
        "Acme": ("test", "restricted", "2"),
        "Calm": ("test", "connected", ""),
        "Livewire": ("LIVE", "—", "1"),
    }
    win.resize(1366, 768)  # a common laptop screen
    qtbot.waitUntil(lambda: win.width() == 1366)
    header = win.table.horizontalHeader()
    right = max(header.sectionViewportPosition(col[c]) + header.sectionSize(col[c]) for c in col)
    assert right <= win.table.viewport().width()  # every one of these columns in sight without scrolling
    filters = win.connect_ops.filters
    filters.combos["attention"].setCurrentIndex(1)
    assert set(shown()) == {"Acme", "Livewire"} and win.count_label.text() == "2 of 3 tenants"
    filters.combos["mode"].setCurrentIndex(2)  # Live
    assert set(shown()) == {"Livewire"}
    filters.combos["attention"].setCurrentIndex(0)
    filters.combos["mode"].setCurrentIndex(0)
    filters.combos["stripe"].setCurrentIndex(1)  # Connected
    assert set(shown()) == {"Calm"} and win.count_label.text() == "1 of 3 tenants"
    win.table.sortByColumn(col["!"], Qt.SortOrder.DescendingOrder)
    filters.combos["stripe"].setCurrentIndex(0)
    assert win.model.index(0, col["Company"]).data() == "Acme"


def test_refresh_all_from_the_board_also_finds_failed_payouts(qtbot, services, operator, fake, tmp_path, monkeypatch):
    """Refresh all lists accounts, then asks each connected account for its failed payouts (progress, Cancel): a
    failed payout nobody opened reaches the board."""
    import threading

    from billing_desktop.services import payout_sweep

    monkeypatch.setattr(payout_sweep, "WORKERS", 1)  # one account after the other: Cancel falls between them
    platform(services, operator, fake)
    acme, calm = bulk_tenants(services, ["Acme", "Calm"])
    account = fake.new_account(type="express", name="Acme")
    link(services, acme.id, account["id"])
    link(services, calm.id, fake.new_account(type="express", name="Calm")["id"])
    fake.connect.add_payout(account["id"], status="failed", amount=9900, failure_code="account_closed")
    win = open_window(qtbot, services, operator, tmp_path)
    qtbot.waitUntil(lambda: win.loaded)
    win.connect_ops.act_attention.trigger()
    board = open_dialog(qtbot, AttentionView)
    qtbot.waitUntil(board.empty.isVisible)
    gate = threading.Event()
    fake.connect.before_answer = lambda path, q: path == "/v1/payouts" and gate.wait(20)  # acme's answer waits
    click(qtbot, board.sync_button)
    dialog = open_dialog(qtbot, SyncDialog)
    qtbot.waitUntil(lambda: "payouts of 2 connected accounts" in dialog.text.text(), timeout=20000)
    assert "Synced 2 connected accounts" in win.statusBar().currentMessage()  # shown without waiting for payouts
    click(qtbot, dialog.cancel_button)
    gate.set()
    qtbot.waitUntil(lambda: dialog.cancel_button.text() == "Close", timeout=20000)
    assert "Failed payouts: 1, from 1 of 2 connected accounts asked." in dialog.text.text()
    assert dialog.message.isVisible() and "Cancelled: 1 of 2 accounts not asked." in dialog.message.text()
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=10000)  # what was fetched is kept
    assert board.model.row(0).title == "Payout of 99.00 USD failed"
    click(qtbot, dialog.cancel_button)
    fake.connect.before_answer = None
    click(qtbot, board.sync_button)
    dialog = open_dialog(qtbot, SyncDialog)
    qtbot.waitUntil(lambda: dialog.cancel_button.text() == "Close", timeout=20000)
    assert dialog.text.text().endswith("Failed payouts: 1, from 2 of 2 connected accounts asked.")
    assert not dialog.message.isVisible()
