"""The Stripe tab's requirements, capabilities, balance/payouts and disputes pages, clicked through against the
fake Stripe; then the same pages offline, from the saved copy."""

import time

import pytest
from PySide6.QtCore import Qt

from billing_desktop.ui import i18n
from billing_desktop.ui.attention_view import AttentionView
from billing_desktop.ui.link_dialog import LinkDialog
from billing_desktop.ui.main_window import MainWindow
from tests.gui_helpers import click, open_dialog, settings, type_into
from tests.support.connected import bulk_tenants, link, platform
from tests.support.fake_connect import requirements

pytestmark = pytest.mark.gui


@pytest.fixture
def connected(services, operator, acme, fake, clock):
    platform(services, operator, fake)
    account = fake.new_account(type="express", name="Acme Inc")
    account["requirements"] = requirements(
        currently_due=["external_account", "individual.verification.document"],
        past_due=["tos_acceptance.date"],
        current_deadline=int(clock().timestamp()) + 2 * 86400 + 60,
        disabled_reason="requirements.past_due",
        errors=[
            {
                "code": "verification_document_expired",
                "reason": "Expired ID.",
                "requirement": "individual.verification.document",
            }
        ],
    )
    account["charges_enabled"] = False
    link(services, acme.id, account["id"])
    services.stripe.status(operator, acme.id, refresh=True)
    return account


@pytest.fixture
def window(open_main_window, services, operator, connected):
    opened = []
    services.stripe.open_browser = opened.append
    win = open_main_window(operator, tab="stripe")
    win.opened = opened
    return win


def cell(view, row, column):
    return view.model().index(row, column).data()


def test_requirements_page_and_fix_up_link(qtbot, window, fake):
    page = window.stripe.ops.requirements
    qtbot.waitUntil(lambda: page.model.rowCount() == 4 and "Saved" in page.status.text(), timeout=10000)
    assert [[cell(page.table, r, c) for c in range(3)] for r in range(4)] == [
        ["Past due", "Acceptance of Stripe's terms of service (date)", ""],
        ["Due now", "Bank account or debit card for payouts", ""],
        ["Due now", "Account holder: identity document (photo ID)", ""],
        ["Rejected", "Account holder: identity document (photo ID)", "The document has expired — Expired ID."],
    ]
    tooltip = page.model.index(0, 1).data(3)  # ToolTipRole
    assert tooltip == "tos_acceptance.date"
    assert "(in 2 days)" in page.deadline.text() and page.disabled.isVisible()
    assert "Required information was not provided by the deadline" in page.disabled.text()
    click(qtbot, page.link_button)
    dialog = open_dialog(qtbot, LinkDialog)
    assert dialog.url.text().startswith(fake.base + "/setup/")
    click(qtbot, dialog.open_button)
    qtbot.waitUntil(lambda: window.opened == [dialog.url.text()])
    dialog.reject()


def test_refresh_rereads_the_requirements_shown_below(qtbot, window, connected):
    """The fields above and the Requirements page below must agree after Refresh: the page once kept "Nothing is
    due." beside fields listing what had become due."""
    page = window.stripe.ops.requirements
    qtbot.waitUntil(lambda: page.model.rowCount() == 4 and "Saved" in page.status.text(), timeout=10000)
    connected["requirements"] = requirements(currently_due=["business_profile.url"])
    click(qtbot, window.stripe.refresh_button)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    assert cell(page.table, 0, 0) == "Due now"
    assert page.model.index(0, 1).data(3) == "business_profile.url"  # ToolTipRole: Stripe's code
    assert "business_profile.url" in window.stripe.values["currently_due"].toolTip()


def test_requirements_and_board_items_in_german(qtbot, open_main_window, services, operator, acme, connected):
    """Stripe's requirement codes and the board's items are in the operator's language (the CLI keeps English)."""
    bulk_tenants(services, ["Livewire"], mode="live")
    i18n.apply("de")
    try:
        win = open_main_window(operator, tab="stripe")
        board = open_dialog(qtbot, AttentionView)
        qtbot.waitUntil(lambda: board.model.rowCount() > 0)
        whats = [board.model.index(r, 2).data() for r in range(board.model.rowCount())]
        assert [board.model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
            "Fällig",
            "Mandant",
            "Was",
            "Details",
        ]
        assert "Live-Modus, aber kein Stripe-Konto verbunden" in whats
        assert "1 Anforderung überfällig" in whats  # derived when the account was cached, stored with its template
        assert "Erforderliche Angaben wurden nicht fristgerecht gemacht" in whats
        details = [board.model.index(r, 3).data() for r in range(board.model.rowCount())]
        assert "Zustimmung zu den Nutzungsbedingungen von Stripe (Datum)" in details
        assert "Handlungsbedarf — " in board.heading.text() and "Einträge" in board.heading.text()
        tips = [board.model.index(r, 2).data(Qt.ItemDataRole.ToolTipRole) for r in range(board.model.rowCount())]
        assert any("live ohne Konto" in t for t in tips)
        board.close()
        page = win.stripe.ops.requirements
        qtbot.waitUntil(lambda: page.model.rowCount() == 4, timeout=10000)
        assert [cell(page.table, r, 1) for r in range(3)] == [
            "Zustimmung zu den Nutzungsbedingungen von Stripe (Datum)",
            "Bankkonto oder Debitkarte für Auszahlungen",
            "Kontoinhaber: Ausweisdokument (Lichtbildausweis)",
        ]
        assert "Erforderliche Angaben wurden nicht fristgerecht gemacht" in page.disabled.text()
        assert "(in 2 Tagen)" in page.deadline.text()  # the countdown too
        assert cell(page.table, 3, 2) == "Das Dokument ist abgelaufen — Expired ID."  # Stripe's own reason as it came
        assert win.stripe.values["past_due"].text() == "Zustimmung zu den Nutzungsbedingungen von Stripe (Datum)"
        ops = win.stripe.ops
        ops.setCurrentWidget(ops.capabilities)
        caps = ops.capabilities
        qtbot.waitUntil(lambda: caps.model.rowCount() >= 1, timeout=10000)
        statuses = {cell(caps.table, r, 1) for r in range(caps.model.rowCount())}
        assert statuses and statuses <= {
            "aktiv",
            "inaktiv",
            "ausstehend",
            "nicht beantragt",
        }  # Stripe's words, in German
        database = win.findChild(type(win.count_label), "status_database").text()
        assert database.startswith("Datenbank: lokale Datei ")  # the status bar's database, in German too
    finally:
        i18n.apply("en")  # the translators are the application's: leave none behind for the next test
    assert services.connect_account.requirements(operator, acme.id).items[1].words == (
        "Bank account or debit card for payouts"
    )


def test_capabilities_payouts_disputes(qtbot, window, fake, connected, clock):
    fake.connect.set_capability(
        connected["id"], "card_payments", "inactive", requirements=requirements(currently_due=["external_account"])
    )
    fake.connect.add_payout(connected["id"], status="failed", amount=1234, failure_code="account_frozen")
    fake.connect.add_payout(connected["id"], status="paid", amount=500)
    fake.connect.add_dispute(
        connected["id"], due_by=int(time.time()) + 86400, status="needs_response", reason="duplicate"
    )
    ops = window.stripe.ops
    ops.setCurrentWidget(ops.capabilities)
    page = ops.capabilities
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1 and cell(page.table, 0, 1) == "inactive", timeout=10000)
    assert cell(page.table, 0, 2) == "Bank account or debit card for payouts"
    type_into(qtbot, page.request_name, "transfers")
    click(qtbot, page.request_button)
    qtbot.waitUntil(lambda: any(cell(page.table, r, 0) == "transfers" for r in range(page.model.rowCount())))

    ops.setCurrentWidget(ops.money)
    money = ops.money
    qtbot.waitUntil(lambda: money.model.rowCount() == 2 and "0.00 USD" in money.balance.text(), timeout=10000)
    money.filter.setCurrentIndex(1)  # Failed
    qtbot.waitUntil(lambda: money.model.rowCount() == 1)
    assert cell(money.table, 0, 0) == "12.34 USD" and cell(money.table, 0, 3) == "The bank account has been frozen"

    ops.setCurrentWidget(ops.disputes)
    qtbot.waitUntil(lambda: ops.disputes.model.rowCount() == 1, timeout=10000)
    assert cell(ops.disputes.table, 0, 2) == "The customer says they were charged twice"


def test_pages_work_offline(qtbot, services, operator, connected, tmp_path, monkeypatch):
    services.connect_account.balance(operator, 1, refresh=True)
    monkeypatch.setenv("BILLING_DESKTOP_STRIPE_API_BASE", "http://127.0.0.1:9")
    win = MainWindow(services, operator, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.stripe.tenant is not None)
    win.tabs.setCurrentWidget(win.stripe)
    page = win.stripe.ops.requirements
    qtbot.waitUntil(lambda: "Could not reach Stripe" in page.message.text(), timeout=10000)
    assert page.model.rowCount() == 4 and "stale" in page.status.text()
    win.stripe.ops.setCurrentWidget(win.stripe.ops.money)
    qtbot.waitUntil(lambda: "Could not reach Stripe" in win.stripe.ops.money.message.text(), timeout=10000)
    assert "0.00 USD" in win.stripe.ops.money.balance.text()


def test_stripes_words_are_shown_as_text_never_as_markup(qtbot, window, connected, services, operator, acme):
    """Stripe's answer (business name, requirement codes, reasons, currencies) goes into labels and tooltips, which Qt
    renders as HTML when it looks like HTML: a tampered answer must not restyle the tab, show a link to click or load
    an image."""
    connected["business_profile"]["name"] = "<h1>Acme</h1>"
    connected["requirements"] = requirements(
        currently_due=["<img src='file:///etc/hostname'>"],
        past_due=["<a href='https://evil.example'>verify</a>"],
        disabled_reason="<b>requirements</b>.past_due",
        errors=[{"code": "x", "reason": "<span style='font-size:40px'>Call us</span>", "requirement": "<i>y</i>"}],
    )
    page = window.stripe.ops.requirements
    qtbot.waitUntil(window.stripe.refresh_button.isEnabled, timeout=10000)  # the first load is in
    click(qtbot, window.stripe.refresh_button)
    qtbot.waitUntil(lambda: window.stripe.values["business_name"].text() == "<h1>Acme</h1>", timeout=10000)
    window.stripe.ops.setCurrentWidget(page)
    page.load()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10000)
    labels = [window.stripe.values[n] for n in ("business_name", "currently_due", "past_due", "disabled_reason")]
    page.message.setText("<b>Stripe said</b>")  # a message label turns plain at its first text (not at start-up)
    for label in [*labels, page.disabled, page.message]:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    tips = [label.toolTip() for label in labels] + [page.disabled.toolTip()]
    tips += [page.model.index(r, c).data(Qt.ItemDataRole.ToolTipRole) for r in range(3) for c in range(3)]
    for tip in filter(None, tips):  # escaped inside a paragraph: shown as the text it is
        assert "<img" not in tip and "<a " not in tip and "<span" not in tip and "<b>" not in tip, tip
    assert any("&lt;img src=" in t for t in tips if t)
