"""Screenshots of the Connect-operations views (attention board, Stripe requirements, fees), against the fake Stripe.

Run: xvfb-run -a -s "-screen 0 1600x1000x24" dbus-run-session -- scripts/with-keyring.sh \
         .venv/bin/python scripts/screenshots_connect.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ.setdefault("BILLING_DESKTOP_HOME", tempfile.mkdtemp(prefix="bd-shots-"))

from screenshots import main_window, seeded, settle, shot  # noqa: E402


def main() -> int:
    from tests.support.connected import link
    from tests.support.fake_connect import requirements
    from tests.support.fake_stripe import FakeStripe

    fake = FakeStripe()
    os.environ["BILLING_DESKTOP_STRIPE_API_BASE"] = fake.base
    os.environ["BILLING_DESKTOP_STRIPE_CONNECT_BASE"] = fake.base
    app, svc, session, tenants = seeded()
    svc.stripe_platform.update(session, fake.client_id, fake.secret_key, 8765)
    svc.stripe.open_browser = lambda url: None
    now = int(time.time())
    accounts = {}
    for company in ("Acme Corporation", "Globex Ltd", "Initech", "Umbrella Health", "Hooli"):
        account = fake.new_account(type="express", name=company)
        link(svc, tenants[company].id, account["id"])
        accounts[company] = account
    acme = accounts["Acme Corporation"]
    acme["requirements"] = requirements(
        current_deadline=now + 4 * 86400 + 3600,
        currently_due=["external_account", "individual.verification.document", "business_profile.url"],
        eventually_due=["company.tax_id"],
        past_due=["tos_acceptance.date", "tos_acceptance.ip"],
        pending_verification=["individual.id_number"],
        errors=[
            {
                "code": "verification_document_expired",
                "reason": "The identity document has expired.",
                "requirement": "individual.verification.document",
            }
        ],
        disabled_reason="requirements.past_due",
    )
    acme["charges_enabled"] = False
    acme["future_requirements"] = requirements(currently_due=["company.owners_provided"])
    globex = accounts["Globex Ltd"]
    globex["requirements"] = requirements(current_deadline=now + 9 * 86400, currently_due=["individual.dob.day"])
    fake.connect.set_capability(globex["id"], "card_payments", "inactive")
    fake.connect.add_payout(accounts["Initech"]["id"], status="failed", amount=48200, failure_code="account_closed")
    fake.connect.add_dispute(
        accounts["Umbrella Health"]["id"],
        due_by=now + 2 * 86400,
        status="needs_response",
        reason="product_not_received",
        amount=12900,
    )
    fake.connect.add_dispute(
        accounts["Hooli"]["id"], due_by=now - 3600, status="warning_needs_response", reason="fraudulent", amount=4500
    )
    for n in range(40):
        company = ("Acme Corporation", "Globex Ltd", "Hooli")[n % 3]
        pct = {"Acme Corporation": 0.025, "Globex Ltd": 0.0175, "Hooli": 0.02}[company]
        amount = 5000 + 731 * n
        fee = round(amount * pct) + (60 if n in (7, 22) else 0)
        fake.connect.add_fee(
            accounts[company]["id"],
            charge_amount=amount,
            fee_amount=fee,
            created=now - n * 3600,
            amount_refunded=fee if n == 11 else 0,
        )
    svc.connect_sync.sync(session)
    svc.disputes.disputes(session)
    for company in ("Initech",):
        svc.connect_account.payouts(session, tenants[company].id, refresh=True)

    from billing_desktop.ui.attention_view import AttentionView

    win = main_window(svc, session, size=(1366, 800))
    boards: list = []
    for _ in range(30):  # the board opens once the list and the attention items are in: longer on a busy machine
        settle(app, 500)
        boards = [w for w in app.topLevelWidgets() if isinstance(w, AttentionView) and w.isVisible()]
        if boards:
            break
    board = boards[0]
    board.resize(1200, 420)
    shot(app, board, "attention-board")
    board.open_tenant.emit(tenants["Acme Corporation"].id, "stripe")
    board.close()
    settle(app, 800)
    shot(app, win, "stripe-requirements")
    win.stripe.ops.setCurrentWidget(win.stripe.ops.capabilities)
    win.table.selectRow(win.model.row_of(tenants["Globex Ltd"].id))
    settle(app, 800)
    shot(app, win, "stripe-capabilities")
    win.connect_ops.show_fees()
    fees = win.connect_ops.fees
    fees.resize(1200, 640)
    fees.fetch_button.click()
    settle(app, 1500)
    shot(app, fees, "fees")
    fees.close()
    win.connect_ops.show_disputes()
    disputes = win.connect_ops.disputes
    disputes.resize(1100, 300)
    settle(app, 1000)
    shot(app, disputes, "disputes")
    disputes.close()
    from billing_desktop.ui.preferences import PreferencesDialog

    prefs = PreferencesDialog(svc, session, win.settings, win)
    prefs.sync.setValue(30)
    prefs.show()
    shot(app, prefs, "preferences")
    prefs.reject()
    _apply_event_shot(app, svc, session, win, tenants["Initech"], accounts["Initech"])
    win.close()
    fake.close()
    return 0


def _apply_event_shot(app, svc, session, win, tenant, account) -> None:
    """Connect → Apply a signed Stripe event, with an event signed as Stripe signs it, once applied."""
    import json

    import stripe

    from billing_desktop.ui.apply_event_dialog import ApplyEventDialog
    from tests.support.fake_connect import fixture

    secret = "whsec_platformConnectEndpoint0123456789"  # the platform's Connect endpoint, as Stripe signs events
    svc.stripe_platform.set_webhook_secret(session, secret)
    payout = fixture("payout", id="po_1QxEvent", status="failed", amount=7300, failure_code="no_account")
    event = fixture("event", type="payout.failed", account=account["id"], livemode=False)
    event["data"] = {"object": payout}
    body = json.dumps(event, indent=2)
    win.table.selectRow(win.model.row_of(tenant.id))
    dialog = ApplyEventDialog(svc, session, win.model.row_at(win.table.currentIndex().row()), win)
    dialog.signature.setText(stripe.WebhookSignature.generate_signature_header(body, secret))
    dialog.payload.setPlainText(body)
    dialog.show()
    dialog.apply_button.click()
    settle(app, 800)
    shot(app, dialog, "apply-event")
    dialog.reject()


if __name__ == "__main__":
    sys.exit(main())
