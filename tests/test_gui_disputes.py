"""Connect → Open disputes: every tenant's disputes awaiting evidence, nearest deadline first, from the saved copy
at once and from Stripe on Refresh (progress, Cancel), offline with the reason; a row opens its tenant."""

import pytest
from PySide6.QtCore import Qt

from billing_desktop.ui.attention_view import AttentionView
from billing_desktop.ui.disputes_view import DisputesView
from billing_desktop.ui.main_window import MainWindow
from tests.gui_helpers import click, open_dialog, settings
from tests.support.connected import bulk_tenants, link, platform

pytestmark = pytest.mark.gui


@pytest.fixture
def disputed(services, operator, fake, clock):
    """Acme: one dispute past its evidence deadline, one under review; Bolt: one due in three days."""
    platform(services, operator, fake)
    acme, bolt = bulk_tenants(services, ["Acme", "Bolt"])
    now = int(clock().timestamp())
    accounts = {}
    for tenant in (acme, bolt):
        accounts[tenant.slug] = fake.new_account(type="express", name=tenant.company_name)["id"]
        link(services, tenant.id, accounts[tenant.slug])
    fake.connect.add_dispute(accounts[acme.slug], due_by=now - 3600, status="needs_response", reason="fraudulent")
    fake.connect.add_dispute(accounts[acme.slug], due_by=now - 7200, status="under_review", reason="duplicate")
    fake.connect.add_dispute(
        accounts[bolt.slug], due_by=now + 3 * 86400, status="warning_needs_response", reason="product_not_received"
    )
    return acme, bolt


def cell(view, row: int, column: int) -> str:
    return view.model.index(row, column).data()


def open_disputes(qtbot, services, operator, tmp_path):
    win = MainWindow(services, operator, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded)
    board = win.connect_ops.attention
    if board is not None:
        open_dialog(qtbot, AttentionView).close()
    win.connect_ops.act_disputes.trigger()
    return win, open_dialog(qtbot, DisputesView)


def test_disputes_awaiting_evidence_across_tenants(qtbot, services, operator, disputed, tmp_path):
    acme, bolt = disputed
    win, view = open_disputes(qtbot, services, operator, tmp_path)
    qtbot.waitUntil(lambda: view.view is not None)
    assert view.model.rowCount() == 0 and view.empty.isVisible()  # nothing saved yet
    assert "never fetched" in view.status.text()
    click(qtbot, view.refresh_button)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=10000)
    # Awaiting evidence only, the most urgent (already past its deadline) first.
    assert [cell(view, r, 1) for r in range(2)] == [acme.slug, bolt.slug]
    assert cell(view, 0, 0).endswith("(1 hour ago)") and cell(view, 1, 0).endswith("(in 3 days)")
    assert cell(view, 1, 3) == "The customer says the product never arrived"
    assert "3 open, 2 awaiting evidence, 1 past the deadline" in view.status.text()
    assert view.model.data(view.model.index(0, 0), Qt.ItemDataRole.ForegroundRole) is not None  # overdue: red
    assert view.model.data(view.model.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None
    click(qtbot, view.evidence_only)
    assert view.model.rowCount() == 3 and cell(view, 2, 4) == "under review"
    view.table.selectRow(1)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.tabs.currentWidget() is win.stripe and win.selected_tenant_id() == bolt.id)


def test_disputes_offline_show_the_saved_copy_and_why(qtbot, services, operator, disputed, tmp_path, monkeypatch):
    services.disputes.disputes(operator)  # saved while online
    monkeypatch.setenv("BILLING_DESKTOP_STRIPE_API_BASE", "http://127.0.0.1:9")
    _, view = open_disputes(qtbot, services, operator, tmp_path)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)  # the saved copy, without asking
    click(qtbot, view.refresh_button)
    qtbot.waitUntil(lambda: "Could not reach Stripe" in view.message.text(), timeout=10000)
    assert view.model.rowCount() == 2 and "may be stale" in view.status.text()
    assert view.refresh_button.isEnabled() and not view.cancel_button.isVisible()


def test_disputes_refresh_can_be_cancelled(qtbot, services, operator, disputed, fake, tmp_path):
    import threading

    gate = threading.Event()
    fake.connect.before_answer = lambda path, q: path == "/v1/disputes" and gate.wait(20)
    _, view = open_disputes(qtbot, services, operator, tmp_path)
    qtbot.waitUntil(lambda: view.view is not None)
    click(qtbot, view.refresh_button)
    qtbot.waitUntil(lambda: "(1 of 2)" in view.status.text(), timeout=10000)
    assert view.cancel_button.isVisible() and not view.refresh_button.isEnabled()
    click(qtbot, view.cancel_button)
    assert "Cancelling" in view.status.text()
    gate.set()
    qtbot.waitUntil(lambda: view.refresh_button.isEnabled(), timeout=20000)
    fake.connect.before_answer = None
    assert "1 of 2 accounts not asked" in view.message.text()
    assert view.model.rowCount() == 1  # the first account's answer is kept


def test_disputes_progress_and_problems_in_german(qtbot, services, operator, disputed, fake, tmp_path, monkeypatch):
    """The service's lines (progress, what was not asked, why) are in the operator's language; the CLI keeps English."""
    import threading

    from billing_desktop.ui import i18n

    gate = threading.Event()
    fake.connect.before_answer = lambda path, q: path == "/v1/disputes" and gate.wait(20)
    i18n.apply("de")
    try:
        _, view = open_disputes(qtbot, services, operator, tmp_path)
        qtbot.waitUntil(lambda: view.view is not None)
        click(qtbot, view.refresh_button)
        qtbot.waitUntil(lambda: "(1 von 2)" in view.status.text(), timeout=10000)
        assert view.status.text().startswith("Stripe wird nach den Rückbuchungen von ")
        click(qtbot, view.cancel_button)
        gate.set()
        qtbot.waitUntil(lambda: view.refresh_button.isEnabled(), timeout=20000)
        fake.connect.before_answer = None
        assert view.message.text() == "Abgebrochen: 1 von 2 Konten nicht abgefragt."
        monkeypatch.setenv("BILLING_DESKTOP_STRIPE_API_BASE", "http://127.0.0.1:9")  # offline: every account fails
        click(qtbot, view.refresh_button)
        qtbot.waitUntil(lambda: view.message.text() not in ("", "Abgebrochen: 1 von 2 Konten nicht abgefragt."))
        assert "Stripe ist nicht erreichbar" in view.message.text() and "Could not" not in view.message.text()
    finally:
        i18n.apply("en")
    english = services.disputes.disputes(operator)
    assert english.problems and all("Could not reach Stripe" in p for p in english.problems)


def test_one_dispute_awaiting_evidence_reads_singular_in_german(qtbot, services, operator, fake, clock, tmp_path):
    """'1 warten auf Nachweise' was plural German for one dispute; two keep the plural (test above, in English)."""
    from billing_desktop.ui import i18n

    platform(services, operator, fake)
    (acme,) = bulk_tenants(services, ["Acme"])
    account = fake.new_account(type="express", name=acme.company_name)["id"]
    link(services, acme.id, account)
    now = int(clock().timestamp())
    fake.connect.add_dispute(account, due_by=now + 86400, status="needs_response", reason="fraudulent")
    fake.connect.add_dispute(account, due_by=now - 7200, status="under_review", reason="duplicate")
    i18n.apply("de")
    try:
        win, view = open_disputes(qtbot, services, operator, tmp_path)
        qtbot.waitUntil(lambda: view.view is not None)
        click(qtbot, view.refresh_button)
        qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10000)
        assert view.status.text().startswith("2 offen, 1 wartet auf Nachweise. ")
        view.close()
        win.close()
    finally:
        i18n.apply("en")
    _, english = open_disputes(qtbot, services, operator, tmp_path)
    qtbot.waitUntil(lambda: english.view is not None and english.model.rowCount() == 1)
    assert english.status.text().startswith("2 open, 1 awaiting evidence. ")
