"""Connect operations from the command line, against the fake Stripe, with the real keyring."""

import json

import pytest

from tests.support.connected import link
from tests.support.fake_stripe import FakeStripe
from tests.test_cli import OP_PW, OWNER_PW
from tests.test_cli import initialised as initialised  # a fixture, used by name


@pytest.fixture
def cli(initialised, run_cli, cli_vault):
    """An operator, tenant `acme` connected to an Express account, the platform pointed at the fake Stripe."""
    from billing_desktop.services.bootstrap import build_services

    fake = FakeStripe()
    env = {
        "BILLING_DESKTOP_PASSWORD": OP_PW,
        "BILLING_DESKTOP_STRIPE_API_BASE": fake.base,
        "BILLING_DESKTOP_STRIPE_CONNECT_BASE": fake.base,
    }
    run_cli(
        ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example", "--fee", "2.5"],
        stdin=OWNER_PW + "\n",
        env=env,
    )
    code, _, err = run_cli(
        ["platform", "set-stripe", "--client-id", fake.client_id],
        stdin=fake.secret_key + "\n",
        env=env,
    )
    assert code == 0, err
    account = fake.new_account(type="express", name="Acme")
    svc = build_services(None, vault=cli_vault)
    try:
        tenant_id = svc.tenants.resolve(svc.auth.sign_in("op@cli.example", OP_PW), "acme")
        link(svc, tenant_id, account["id"])
    finally:
        svc.close()

    def go(*argv, expect=0):
        code, out, err = run_cli(list(argv), env=env)
        assert code == expect, (code, out, err)
        return out, err

    go.fake, go.account, go.env = fake, account, env
    yield go
    fake.close()


def test_sync(cli):
    cli.fake.new_account(name="Not ours")
    out, _ = cli("stripe", "sync")
    assert "Synced 1 connected accounts from 1 page(s)" in out
    report = json.loads(cli("stripe", "sync", "--json")[0])
    assert report["complete"] and report["updated"] == 1 and report["unknown"] == 1
    cli.fake.connect.rate_limits = [(None, "false")] * 10  # Stripe says: do not retry
    out, _ = cli("stripe", "sync", expect=1)
    assert "Partial sync" in out and "rate-limiting" in out


def test_every_connect_view_online_then_offline(cli, tmp_path):
    import time

    from tests.support.fake_connect import requirements

    fake, account = cli.fake, cli.account
    account["requirements"] = requirements(past_due=["external_account"], disabled_reason="requirements.past_due")
    account["charges_enabled"] = False
    fake.connect.add_payout(account["id"], status="failed", amount=500, failure_code="no_account")
    fake.connect.add_fee(account["id"], charge_amount=10_000, fee_amount=100)  # 1 % where 2.5 % was agreed
    fake.connect.add_dispute(account["id"], due_by=int(time.time()) - 60, status="needs_response")
    fake.connect.set_capability(account["id"], "card_payments", "inactive")

    out, _ = cli("stripe", "requirements", "acme")
    assert "PAST DUE         Bank account or debit card for payouts  [external_account]" in out
    assert "DISABLED: Required information was not provided by the deadline" in out
    assert "inactive" in cli("stripe", "capabilities", "acme")[0]
    assert "0.00 USD" in cli("stripe", "balance", "acme")[0]
    out, _ = cli("stripe", "payouts", "acme", "--status", "failed")
    assert "5.00 USD" in out and "The bank account does not exist [no_account]" in out
    out, err = cli("stripe", "update-link", "acme", "--no-browser")
    assert out.startswith(fake.base + "/setup/") and "Single use" in err
    assert "/express/" in cli("stripe", "dashboard", "acme", "--no-browser")[0]
    csv_file = tmp_path / "fees.csv"
    out, _ = cli("fees", "--csv", str(csv_file))
    assert "FLAGGED acme: fee 1.00 USD on charge 100.00 USD" in out and "2.50% is 2.50 USD" in out
    assert ",USD,100.00,1.00,2.50,0.00,2.50,yes" in csv_file.read_text()
    out, _ = cli("disputes")
    assert out.startswith("OVERDUE acme") and "10.00 USD" in out
    out, _ = cli("attention")
    assert "acme" in out and "Payout of 5.00 USD failed" in out and "Dispute of 10.00 USD needs evidence" in out

    cli.env["BILLING_DESKTOP_STRIPE_API_BASE"] = "http://127.0.0.1:9"  # Stripe out of reach
    out, err = cli("stripe", "requirements", "acme")
    assert "Bank account or debit card" in out and "stale" in out and "Could not reach Stripe" in err
    assert "FLAGGED acme" in cli("fees", "--offline")[0]
    assert "OVERDUE acme" in cli("disputes", "--offline")[0]
    assert "5.00 USD" in cli("stripe", "payouts", "acme", "--offline")[0]
    cli("fees", "--since", "2026-13-01", expect=2)


def test_apply_a_signed_event(cli, cli_vault, tmp_path):
    """An event signed as Stripe signs it (stripe-python's own signer) with the platform's Connect webhook secret,
    set with `platform set-webhook-secret`; one signed with the tenant's own webhook secret is refused."""
    import stripe

    from billing_desktop.services.bootstrap import build_services
    from tests.support.fake_connect import fixture

    svc = build_services(None, vault=cli_vault)
    try:
        operator = svc.auth.sign_in("op@cli.example", OP_PW)
        tenant_id = svc.tenants.resolve(operator, "acme")
        svc.webhooks.save(operator, tenant_id, "http://127.0.0.1:9/hooks", ["*"], allow_private=True)
        tenant_secret = svc.webhooks.reveal_secret(operator, tenant_id)
    finally:
        svc.close()
    secret = "whsec_platformConnectEndpoint0123456789"
    cli.env["BILLING_DESKTOP_STRIPE_WEBHOOK_SECRET"] = "whsec_"  # too short: refused next to the field
    assert "webhook_secret:" in cli("platform", "set-webhook-secret", expect=2)[1]
    cli.env["BILLING_DESKTOP_STRIPE_WEBHOOK_SECRET"] = secret
    assert "Saved. Webhook signing secret" in cli("platform", "set-webhook-secret")[0]
    assert secret not in cli("platform", "show-stripe")[0]
    payout = fixture("payout", id="po_pasted", status="failed", amount=900, failure_code="account_closed")
    event = fixture("event", type="payout.failed", account=cli.account["id"], livemode=False)
    event["data"] = {"object": payout}
    payload = tmp_path / "event.json"
    payload.write_text(json.dumps(event))
    header = stripe.WebhookSignature.generate_signature_header(payload.read_text(), secret)
    forged = stripe.WebhookSignature.generate_signature_header(payload.read_text(), tenant_secret)
    _, err = cli("stripe", "apply-event", "acme", "--signature", forged, "--payload-file", str(payload), expect=1)
    assert err.startswith("Not applied:")

    out, _ = cli("stripe", "apply-event", "acme", "--signature", header, "--payload-file", str(payload))
    assert out.strip() == "Applied payout.failed."
    assert "Payout of 9.00 USD failed" in cli("attention")[0]  # from the cache, without asking Stripe
    assert "po_pasted" in cli("stripe", "payouts", "acme", "--offline")[0]

    payload.write_text(json.dumps(event) + " ")  # not the body that was signed
    _, err = cli("stripe", "apply-event", "acme", "--signature", header, "--payload-file", str(payload), expect=1)
    assert err.startswith("Not applied:")
    _, err = cli("stripe", "apply-event", "acme", "--signature", header, "--payload-file", str(tmp_path), expect=2)
    assert "is a folder" in err


def test_failed_payouts_of_every_tenant(cli):
    """`billing-desktop payouts`: every connected tenant's failed payouts, onto the board; offline, the saved copy
    (exit 1 when Stripe was asked and did not answer, 0 with --offline); a bad status is a usage error."""
    fake, account = cli.fake, cli.account
    fake.connect.add_payout(account["id"], status="paid", amount=100)
    fake.connect.add_payout(account["id"], status="failed", amount=500, failure_code="no_account")
    assert "Payout of 5.00 USD failed" not in cli("attention")[0]  # nobody asked for acme's payouts yet
    out, _ = cli("payouts")
    assert out.startswith("acme") and "5.00 USD" in out and "The bank account does not exist [no_account]" in out
    assert "1.00 USD" not in out and "stale" not in out
    assert "Payout of 5.00 USD failed" in cli("attention")[0]
    view = json.loads(cli("payouts", "--json")[0])
    assert view["complete"] and [p["amount"]["text"] for p in view["items"]] == ["5.00 USD"]
    assert "1.00 USD" in cli("payouts", "--status", "paid")[0]

    cli.env["BILLING_DESKTOP_STRIPE_API_BASE"] = "http://127.0.0.1:9"  # Stripe out of reach
    out, err = cli("payouts", expect=1)
    assert "5.00 USD" in out and "stale" in out and "Could not reach Stripe" in err and "1 of 1 accounts" in err
    assert "5.00 USD" in cli("payouts", "--offline")[0]
    with pytest.raises(SystemExit) as usage:  # argparse's usage error, as typed
        cli("payouts", "--status", "lost")
    assert usage.value.code == 2
