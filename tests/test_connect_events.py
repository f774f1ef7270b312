"""Stripe events keep the Connect cache fresh between syncs: verified with the platform's Connect webhook secret
(never the tenant's own secret), this tenant's account, this tenant's mode, never over a newer saved copy; through
the service and through the real local inbox."""

import json
import time

import httpx
import pytest

from billing_desktop.domain.attention import AttentionKind
from billing_desktop.domain.states import EventOutcome
from billing_desktop.domain.webhooks import STRIPE_HEADER, sign
from tests.conftest import OWNER_PASSWORD
from tests.support.connected import link, platform, stripe_signed
from tests.support.fake_connect import fixture, requirements


@pytest.fixture
def acct(services, operator, acme, fake):
    platform(services, operator, fake)
    services.webhooks.save(
        operator, acme.id, "http://127.0.0.1:9/hooks", ["*"], "", enabled=True, scheme="stripe", allow_private=True
    )
    account = fake.new_account(type="express", name="Acme Inc")
    link(services, acme.id, account["id"])
    services.stripe.status(operator, acme.id, refresh=True)
    return account


def event(kind, obj, *, account, livemode=False, created=None):
    body = fixture("event", type=kind, account=account, livemode=livemode, created=created or int(time.time()) + 5)
    body["data"] = {"object": obj}
    return json.dumps(body).encode()


def signed(services, operator, tenant_id, body):
    """As Stripe signs an event for the platform's Connect endpoint (the tenant is not involved)."""
    return stripe_signed(body)


def test_an_event_signed_with_the_tenants_own_secret_is_refused(services, operator, acme, acct):
    """The tenant's webhook secret is the tenant's to reveal (for its receiver): an event signed with it proves nothing
    about Stripe. A tenant user must not clear its own requirements from the board or disconnect its account."""
    owner = services.auth.sign_in("owner@acme.example", OWNER_PASSWORD)
    acct["requirements"] = requirements(past_due=["external_account"], disabled_reason="requirements.past_due")
    acct["charges_enabled"] = False
    services.stripe.status(operator, acme.id, refresh=True)
    assert AttentionKind.REQUIREMENTS_PAST_DUE in [r.kind for r in services.attention.board(operator).items]
    tenant_secret = services.webhooks.reveal_secret(owner, acme.id)
    cleared = dict(acct, charges_enabled=True, requirements=requirements())
    for body in (
        event("account.updated", cleared, account=acct["id"], created=int(time.time()) + 10**6),
        event("account.application.deauthorized", fixture("application"), account=acct["id"]),
    ):
        for headers in (
            stripe_signed(body, tenant_secret),  # Stripe's header, the tenant's secret
            sign("stripe", [tenant_secret], "msg", int(time.time()), body),  # the app's own delivery header
        ):
            result = services.connect_events.apply_signed(owner, acme.id, headers, body)
            assert result.outcome == EventOutcome.REFUSED and result.message.startswith("Not applied:")
    assert AttentionKind.REQUIREMENTS_PAST_DUE in [r.kind for r in services.attention.board(operator).items]
    assert services.stripe.status(operator, acme.id).state != "disconnected"


def test_without_the_platform_webhook_secret_no_event_is_applied(services, operator, acme, fake):
    services.stripe_platform.update(operator, fake.client_id, fake.secret_key, 8765)  # no webhook secret
    account = fake.new_account(type="express", name="Acme Inc")
    link(services, acme.id, account["id"])
    body = event("payout.failed", fixture("payout", status="failed"), account=account["id"])
    result = services.connect_events.apply_signed(operator, acme.id, stripe_signed(body), body)
    assert result.outcome == EventOutcome.REFUSED and "webhook signing secret is not set" in result.message
    assert services.stripe_platform.get(operator).webhook_secret_masked is None


def test_account_updated_refreshes_requirements_and_the_board(services, operator, acme, acct):
    acct["requirements"] = requirements(past_due=["external_account"], disabled_reason="requirements.past_due")
    acct["charges_enabled"] = False
    body = event("account.updated", acct, account=acct["id"])
    result = services.connect_events.apply_signed(operator, acme.id, signed(services, operator, acme.id, body), body)
    assert result.outcome == EventOutcome.APPLIED
    assert services.stripe.status(operator, acme.id).past_due == ["external_account"]
    kinds = [r.kind for r in services.attention.board(operator).items]
    assert AttentionKind.ACCOUNT_DISABLED in kinds and AttentionKind.REQUIREMENTS_PAST_DUE in kinds


def test_refused_events(services, operator, acme, acct, fake):
    other = fake.new_account()
    cases = [
        (event("account.updated", acct, account=acct["id"], livemode=True), "live-mode event for a test-mode"),
        (event("account.updated", other, account=other["id"]), "not this tenant's account"),
    ]
    for body, why in cases:
        result = services.connect_events.apply_signed(
            operator, acme.id, signed(services, operator, acme.id, body), body
        )
        assert result.outcome == EventOutcome.REFUSED and why in result.message
    body = event("payout.failed", fixture("payout", status="failed"), account=acct["id"])
    forged = {STRIPE_HEADER: f"t={int(time.time())},v1={'0' * 64}"}
    assert services.connect_events.apply_signed(operator, acme.id, forged, body).outcome == EventOutcome.REFUSED
    old = event("account.updated", dict(acct, charges_enabled=False), account=acct["id"], created=1_000_000)
    result = services.connect_events.apply_signed(operator, acme.id, signed(services, operator, acme.id, old), old)
    assert result.outcome == EventOutcome.IGNORED and services.stripe.status(operator, acme.id).charges_enabled


def test_inbox_events_update_payouts_disputes_capabilities_and_deauthorization(services, operator, acme, acct):
    received = []
    inbox = services.webhooks.open_inbox(
        operator,
        acme.id,
        on_receive=lambda item: received.append(services.connect_events.received(operator, acme.id, item)),
    )
    try:
        due = int(time.time()) + 86400
        dispute = fixture("dispute", status="needs_response")
        dispute["evidence_details"]["due_by"] = due
        for kind, obj in (
            ("payout.failed", fixture("payout", status="failed", failure_code="no_account")),
            ("charge.dispute.created", dispute),
            ("capability.updated", fixture("capability", id="card_payments", account=acct["id"], status="inactive")),
        ):
            body = event(kind, obj, account=acct["id"])
            httpx.post(inbox.url, content=body, headers=signed(services, operator, acme.id, body))
        assert [r.outcome for r in received] == [EventOutcome.APPLIED] * 3
        kinds = {r.kind for r in services.attention.board(operator).items}
        assert {AttentionKind.PAYOUT_FAILED, AttentionKind.DISPUTE_EVIDENCE, AttentionKind.CAPABILITY_INACTIVE} <= kinds
        assert services.disputes.disputes(operator, refresh=False).items[0].due_by.timestamp() == due
        body = event("account.application.deauthorized", fixture("application"), account=acct["id"])
        httpx.post(inbox.url, content=body, headers=signed(services, operator, acme.id, body))
        assert received[-1].outcome == EventOutcome.APPLIED
        assert services.stripe.status(operator, acme.id).state == "disconnected"
    finally:
        inbox.stop()
