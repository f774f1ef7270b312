"""Requirements, capabilities, links, balance, payouts, fees, disputes and the attention board, through the real
stripe-python client against the fake Stripe (objects built from Stripe's fixtures), online and offline."""

import time
from datetime import date, timedelta

import pytest
import stripe

from billing_desktop.domain.attention import AttentionKind, Fix
from billing_desktop.errors import AppError, NotFound
from billing_desktop.services.platform_fees import to_csv
from tests.support.connected import bulk_tenants, link, platform
from tests.support.fake_connect import fixture, requirements

pytestmark = pytest.mark.both_backends  # the cache's upserts and the board's queries, on SQLite and PostgreSQL


@pytest.fixture
def shop(services, operator, fake, clock):
    """Tenant `acme` connected to an Express account in Stripe."""
    platform(services, operator, fake)
    acme = bulk_tenants(services, ["Acme"])[0]
    account = fake.new_account(type="express", name="Acme")
    link(services, acme.id, account["id"])
    return acme, account


def offline(monkeypatch):
    monkeypatch.setenv("BILLING_DESKTOP_STRIPE_API_BASE", "http://127.0.0.1:9")  # nothing listens there


def test_requirements_in_plain_words_with_deadline(services, operator, fake, shop, clock, monkeypatch):
    acme, account = shop
    deadline = int((clock() + timedelta(days=3, hours=2)).timestamp())
    account["requirements"] = requirements(
        current_deadline=deadline,
        currently_due=["external_account", "individual.verification.document", "person_1AbCdEf.dob.day"],
        past_due=["tos_acceptance.date"],
        eventually_due=["business_profile.url"],
        pending_verification=["individual.id_number"],
        errors=[
            {
                "code": "verification_document_expired",
                "reason": "The document on file has expired.",
                "requirement": "individual.verification.document",
            }
        ],
        disabled_reason="requirements.past_due",
    )
    account["future_requirements"] = requirements(currently_due=["company.tax_id"], current_deadline=deadline + 9999)
    account["charges_enabled"] = False
    view = services.connect_account.requirements(operator, acme.id, refresh=True)
    words = {(r.group, r.future): r.words for r in view.items}
    assert words[("past_due", False)] == "Acceptance of Stripe's terms of service (date)"
    assert words[("eventually_due", False)] == "Business website"
    assert words[("pending_verification", False)] == "Account holder: government ID number"
    assert words[("currently_due", True)] == "Company: tax ID (EIN or equivalent)"
    due = [r for r in view.items if r.group == "currently_due" and not r.future]
    assert [r.words for r in due] == [
        "Bank account or debit card for payouts",
        "Account holder: identity document (photo ID)",
        "Person AbCdEf: date of birth (day)",
    ]
    error = next(r for r in view.items if r.group == "error")
    assert error.error == "The document has expired — The document on file has expired."
    assert view.disabled_words == "Required information was not provided by the deadline"
    assert view.current_deadline.timestamp() == deadline and view.countdown == "in 3 days"
    assert view.future_deadline is not None and not view.stale
    offline(monkeypatch)
    cached = services.connect_account.requirements(operator, acme.id, refresh=True)
    assert cached.stale and "Could not reach Stripe" in cached.message and cached.items == view.items


def test_update_link_asks_for_everything_due(services, operator, fake, shop):
    acme, account = shop
    services.stripe.status(operator, acme.id, refresh=True)
    made = services.connect_account.update_link(operator, acme.id)
    form = next(f for m, p, f in fake.requests if p == "/v1/account_links")
    assert form["type"] == "account_onboarding" and form["collection_options[fields]"] == "eventually_due"
    assert made.kind == "account_onboarding" and made.url.startswith(fake.base + "/setup/")
    account["type"] = "custom"
    services.stripe.status(operator, acme.id, refresh=True)
    assert services.connect_account.update_link(operator, acme.id).kind == "account_update"


@pytest.mark.parametrize(
    "link_base",
    [
        "http://evil.example",
        "https://stripe.com.evil.example",
        "javascript:alert(1)//",
        "https://user@connect.stripe.com",
    ],
)
def test_a_link_that_is_not_stripes_is_never_opened(services, operator, fake, shop, link_base):
    """A tampered or misdirected answer must not send the operator's browser, or the account holder the operator
    sends the link to, anywhere but Stripe (or the overridden base address the app talks to)."""
    acme, _ = shop
    services.stripe.status(operator, acme.id, refresh=True)
    opened = []
    services.stripe.open_browser = opened.append
    fake.link_base = link_base
    for make in (services.connect_account.update_link, services.connect_account.dashboard):
        with pytest.raises(AppError, match=r"not a stripe\.com https address"):
            make(operator, acme.id)
    with pytest.raises(AppError, match=r"not a stripe\.com https address"):
        services.stripe.start_onboarding(operator, acme.id)
    assert opened == []
    fake.link_base = None
    assert services.connect_account.update_link(operator, acme.id).url.startswith(fake.base + "/setup/")


def test_dashboard_only_for_express(services, operator, fake, shop):
    acme, account = shop
    services.stripe.status(operator, acme.id, refresh=True)
    assert "/express/" in services.connect_account.dashboard(operator, acme.id).url
    account["type"] = "standard"
    services.stripe.status(operator, acme.id, refresh=True)
    with pytest.raises(AppError, match="only for Express accounts; this one is standard"):
        services.connect_account.dashboard(operator, acme.id)
    assert fake.connect.login_links == 1


def test_capabilities_listed_and_requested(services, operator, fake, shop, monkeypatch):
    acme, account = shop
    fake.connect.set_capability(
        account["id"], "card_payments", "inactive", requirements=requirements(currently_due=["external_account"])
    )
    fake.connect.set_capability(account["id"], "transfers", "active")
    view = services.connect_account.capabilities(operator, acme.id, refresh=True)
    card = view.items[0]
    assert (card.name, card.status, card.due[0].words) == (
        "card_payments",
        "inactive",
        "Bank account or debit card for payouts",
    )
    view = services.connect_account.capabilities(operator, acme.id, request="us_bank_account_ach_payments")
    assert ("us_bank_account_ach_payments", "pending") in [(c.name, c.status) for c in view.items]
    offline(monkeypatch)
    view = services.connect_account.capabilities(operator, acme.id, refresh=True)
    assert view.stale and len(view.items) == 3


def test_balance_and_failed_payouts(services, operator, fake, shop, monkeypatch):
    acme, account = shop
    fake.connect.balances[account["id"]] = fixture(
        "balance",
        available=[{"amount": 123456, "currency": "usd", "source_types": {"card": 123456}}],
        pending=[{"amount": 5000, "currency": "jpy", "source_types": {"card": 5000}}],
    )
    fake.connect.add_payout(account["id"], status="paid", amount=2000)
    fake.connect.add_payout(
        account["id"], status="failed", amount=9900, failure_code="account_closed", failure_message="closed"
    )
    bal = services.connect_account.balance(operator, acme.id, refresh=True)
    assert [m.text for m in bal.available] == ["1,234.56 USD"] and [m.text for m in bal.pending] == ["5,000 JPY"]
    assert next(h for m, p, h in fake.requests if p == "/v1/balance") == {}
    failed = services.connect_account.payouts(operator, acme.id, status="failed", refresh=True)
    assert [(p.amount.text, p.failure_words) for p in failed.items] == [
        ("99.00 USD", "The bank account has been closed")
    ]
    board = services.attention.board(operator)
    assert [r.kind for r in board.items if r.kind == AttentionKind.PAYOUT_FAILED]
    offline(monkeypatch)
    assert services.connect_account.balance(operator, acme.id, refresh=True).available == bal.available


def test_a_tenant_without_account(services, operator, fake, shop):
    other = bulk_tenants(services, ["Loose"])[0]
    with pytest.raises(NotFound):
        services.connect_account.balance(operator, other.id)


def test_fees_checked_against_the_agreed_percentage(services, operator, fake, shop, monkeypatch):
    _, account = shop  # 2.5 % agreed
    jp = bulk_tenants(services, ["Tokyo"])[0]
    jp_account = fake.new_account(type="express", name="Tokyo", country="JP", default_currency="jpy")
    link(services, jp.id, jp_account["id"])
    now = int(time.time())
    for n in range(230):  # three pages of USD fees, all right
        fake.connect.add_fee(
            account["id"], charge_amount=10_000 + n, fee_amount=round((10_000 + n) * 0.025), created=now - n
        )
    fake.connect.add_fee(account["id"], charge_amount=10_000, fee_amount=200, created=now)  # 2 %: flagged
    fake.connect.add_fee(jp_account["id"], charge_amount=1000, fee_amount=25, currency="jpy", created=now)  # ¥25 right
    fake.connect.add_fee(jp_account["id"], charge_amount=1000, fee_amount=27, currency="jpy", created=now)  # ¥2 off
    fake.connect.add_fee(jp_account["id"], charge_amount=999, fee_amount=24, currency="jpy", created=now)  # ¥24.975
    refunded = fake.connect.add_fee(account["id"], charge_amount=4000, fee_amount=100, created=now, amount_refunded=100)
    report = services.fees.fees(operator)
    assert sum(1 for _, p, _ in fake.requests if p == "/v1/application_fees") == 3
    assert next(q for _, p, q in fake.requests if p == "/v1/application_fees")["expand[0]"] == "data.charge"
    flagged = [(ln.slug, ln.fee_amount, ln.expected, ln.currency) for ln in report.lines if ln.flagged]
    assert sorted(flagged) == [("t0-acme", 200, 250, "usd"), ("t0-tokyo", 27, 25, "jpy")]
    totals = {(t.slug, t.currency): t for t in report.totals}
    assert totals[("", "jpy")].fees == 76 and totals[("", "jpy")].count == 3
    assert totals[("t0-acme", "usd")].refunded == 100 and totals[("t0-acme", "usd")].count == 232
    assert refunded["id"] in to_csv(report)
    assert "t0-tokyo,fee_" in to_csv(report) and ",JPY,1000,27,25,0,2.50,yes" in to_csv(report)
    only = services.fees.fees(operator, tenant_id=jp.id, since=date.today() - timedelta(days=1))
    assert {ln.slug for ln in only.lines} == {"t0-tokyo"} and only.flagged == 1
    offline(monkeypatch)
    cached = services.fees.fees(operator)
    assert cached.stale and "Could not reach Stripe" in cached.message
    assert len(cached.lines) == len(report.lines) and cached.flagged == 2


def test_fee_period_checked(services, operator, fake, shop):
    with pytest.raises(AppError, match="start date is after the end date"):
        services.fees.fees(operator, since=date(2026, 5, 2), until=date(2026, 5, 1))


def test_fees_of_a_tenant_that_is_gone(services, operator, fake, shop):
    """A Fees view left open on a tenant another operator has since removed: a clear error, not a traceback."""
    with pytest.raises(NotFound, match="No such tenant"):
        services.fees.fees(operator, tenant_id=shop[0].id + 1000, refresh=False)


def test_disputes_most_urgent_first(services, operator, fake, shop, clock, monkeypatch):
    _, account = shop
    now = int(clock().timestamp())
    later = fake.connect.add_dispute(
        account["id"], due_by=now + 5 * 86400, status="needs_response", reason="fraudulent"
    )
    overdue = fake.connect.add_dispute(account["id"], due_by=now - 3600, status="warning_needs_response")
    fake.connect.add_dispute(account["id"], due_by=now + 86400, status="won")
    view = services.disputes.disputes(operator)
    assert [d.id for d in view.items] == [overdue["id"], later["id"]]
    assert view.items[0].overdue and view.items[0].countdown == "1 hour ago"
    assert view.items[1].reason_words == "The cardholder says they did not make the payment"
    assert view.items[1].amount_text == "10.00 USD"
    offline(monkeypatch)
    again = services.disputes.disputes(operator)
    assert [d.id for d in again.items] == [overdue["id"], later["id"]] and again.stale and again.problems


def test_attention_board(services, operator, fake, shop, clock, monkeypatch):
    acme, account = shop
    account["requirements"] = requirements(
        past_due=["external_account"], currently_due=["external_account"], disabled_reason="requirements.past_due"
    )
    account["charges_enabled"] = False
    account["capabilities"] = {"card_payments": "inactive", "transfers": "active"}
    calm = bulk_tenants(services, ["Calm"])[0]
    link(services, calm.id, fake.new_account(type="express", name="Calm")["id"])
    bulk_tenants(services, ["Livewire"], mode="live")
    fake.connect.add_dispute(account["id"], due_by=int(clock().timestamp()) + 86400, status="needs_response")
    services.connect_sync.sync(operator)
    services.disputes.disputes(operator)
    board = services.attention.board(operator)
    kinds = [r.kind for r in board.items]
    assert kinds == [
        AttentionKind.ACCOUNT_DISABLED,
        AttentionKind.REQUIREMENTS_PAST_DUE,
        AttentionKind.DISPUTE_EVIDENCE,
        AttentionKind.LIVE_WITHOUT_ACCOUNT,
        AttentionKind.CAPABILITY_INACTIVE,
    ]
    assert board.items[0].fix == Fix.UPDATE_LINK and board.items[3].fix == Fix.CONNECT
    assert board.per_tenant == {acme.id: 4, board.items[3].tenant_id: 1} and not board.stale
    clock.advance(hours=2)
    offline(monkeypatch)
    stale = services.attention.board(operator)
    assert stale.stale and [r.kind for r in stale.items] == kinds


def test_fixtures_parse_with_stripe_python(fake):
    client = stripe.StripeClient("sk_test_x")
    for kind, cls in (
        ("account", stripe.Account),
        ("capability", stripe.Capability),
        ("balance", stripe.Balance),
        ("payout", stripe.Payout),
        ("application_fee", stripe.ApplicationFee),
        ("dispute", stripe.Dispute),
        ("login_link", stripe.LoginLink),
    ):
        assert isinstance(client.deserialize(fixture(kind), api_mode="V1"), cls)
