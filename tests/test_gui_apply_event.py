"""Connect → Apply a signed Stripe event: paste the body and its Stripe-Signature; verified, applied to the cache,
and the board and the tenant list follow. The event is signed by stripe-python's own signer."""

import json
import time

import pytest
import stripe

from billing_desktop.ui.apply_event_dialog import ApplyEventDialog
from billing_desktop.ui.main_window import MainWindow
from tests.gui_helpers import click, open_dialog, settings, type_into
from tests.support.connected import PLATFORM_WEBHOOK_SECRET, bulk_tenants, link, platform
from tests.support.fake_connect import fixture

pytestmark = pytest.mark.gui


def test_paste_a_signed_dispute_event(qtbot, services, operator, fake, tmp_path):
    platform(services, operator, fake)
    acme, _ = bulk_tenants(services, ["Acme", "Calm"])
    account = fake.new_account(type="express", name="Acme")
    link(services, acme.id, account["id"])
    services.webhooks.save(operator, acme.id, "http://127.0.0.1:9/hooks", ["*"], allow_private=True)
    tenant_secret = services.webhooks.reveal_secret(operator, acme.id)
    dispute = fixture("dispute", id="dp_pasted", status="needs_response", amount=4200)
    dispute["evidence_details"]["due_by"] = int(time.time()) + 2 * 86400
    event = fixture("event", type="charge.dispute.created", account=account["id"], livemode=False)
    event["data"] = {"object": dispute}
    body = json.dumps(event, indent=2)
    header = stripe.WebhookSignature.generate_signature_header(body, PLATFORM_WEBHOOK_SECRET)
    # The account named in the event is shown as text in the verdict, never as markup.
    hostile = json.dumps(dict(event, account="<img src=x><b>acct_evil</b>"))
    hostile_header = stripe.WebhookSignature.generate_signature_header(hostile, PLATFORM_WEBHOOK_SECRET)

    win = MainWindow(services, operator, settings(tmp_path))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded)
    qtbot.wait(300)
    if win.connect_ops.attention is not None:
        win.connect_ops.attention.close()
    win.table.selectRow(win.model.row_of(acme.id))
    assert win.model.attention(acme.id) == 0
    win.connect_ops.act_event.trigger()
    dialog = open_dialog(qtbot, ApplyEventDialog)
    assert "Acme" in dialog.windowTitle()

    click(qtbot, dialog.apply_button)  # nothing pasted yet
    assert dialog.message.isVisible() and "Paste both" in dialog.message.text()
    type_into(qtbot, dialog.signature, header)
    dialog.payload.setPlainText(body.replace("4200", "4300"))  # not what was signed
    click(qtbot, dialog.apply_button)
    qtbot.waitUntil(lambda: "Not applied" in dialog.verdict.text(), timeout=10000)
    assert win.model.attention(acme.id) == 0
    dialog.signature.setText(stripe.WebhookSignature.generate_signature_header(body, tenant_secret))
    dialog.payload.setPlainText(body)  # the tenant's own secret: it cannot vouch for Stripe
    dialog.verdict.clear()
    click(qtbot, dialog.apply_button)
    qtbot.waitUntil(lambda: "Not applied" in dialog.verdict.text(), timeout=10000)
    assert win.model.attention(acme.id) == 0
    dialog.signature.setText(hostile_header)
    dialog.payload.setPlainText(hostile)
    dialog.verdict.clear()
    click(qtbot, dialog.apply_button)
    qtbot.waitUntil(lambda: "not this tenant" in dialog.verdict.text(), timeout=10000)
    assert "&lt;img src=x&gt;&lt;b&gt;acct_evil" in dialog.verdict.text()
    dialog.signature.setText(header)

    dialog.payload.setPlainText(body)
    click(qtbot, dialog.apply_button)
    qtbot.waitUntil(lambda: "Applied charge.dispute.created" in dialog.verdict.text(), timeout=10000)
    qtbot.waitUntil(lambda: win.model.attention(acme.id) == 1, timeout=10000)  # the list's count follows
    board = services.attention.board(operator)
    assert [r.title for r in board.items if r.tenant_id == acme.id] == ["Dispute of 42.00 USD needs evidence"]
