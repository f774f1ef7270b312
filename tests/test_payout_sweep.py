"""Whose payouts failed, for every tenant at once: the sweep asks each connected account for its failed payouts
(real stripe-python client, `Stripe-Account` header, paginated) against the fake Stripe, caches them and puts them
on the Needs-attention board; partial, cancelled, offline and refused runs say what they did not do."""

import pytest

from billing_desktop.domain.attention import AttentionKind
from billing_desktop.errors import PermissionDenied, ValidationError
from billing_desktop.services.audit import AuditFilter
from tests.support.connected import bulk_tenants, link, platform

pytestmark = pytest.mark.both_backends  # the cache's upserts and the view's query, on SQLite and PostgreSQL


@pytest.fixture
def tenants(services, operator, fake):
    """acme (a failed and a paid payout), calm (a paid one only), tokyo (a failed JPY payout), loose (no account)."""
    platform(services, operator, fake)
    acme, calm, tokyo, _loose = bulk_tenants(services, ["Acme", "Calm", "Tokyo", "Loose"])
    accounts = {}
    for t in (acme, calm, tokyo):
        accounts[t.slug] = fake.new_account(type="express", name=t.company_name)["id"]
        link(services, t.id, accounts[t.slug])
    fake.connect.add_payout(accounts[acme.slug], status="paid", amount=2000)
    failed = fake.connect.add_payout(
        accounts[acme.slug], status="failed", amount=9900, failure_code="account_closed", failure_message="closed"
    )
    fake.connect.add_payout(accounts[calm.slug], status="paid", amount=100)
    yen = fake.connect.add_payout(accounts[tokyo.slug], status="failed", amount=5000, currency="jpy")
    return {"acme": acme, "calm": calm, "tokyo": tokyo, "accounts": accounts, "failed": failed, "yen": yen}


def payout_requests(fake):
    return [q for m, p, q in fake.requests if p == "/v1/payouts"]


def offline(monkeypatch):
    monkeypatch.setenv("BILLING_DESKTOP_STRIPE_API_BASE", "http://127.0.0.1:9")  # nothing listens there


def test_failed_payouts_of_every_tenant_reach_the_board(services, operator, fake, tenants):
    board = services.attention.board(operator)
    assert not [r for r in board.items if r.kind == AttentionKind.PAYOUT_FAILED]  # nobody opened a payouts view
    view = services.payouts.payouts(operator)
    assert view.complete and not view.stale and not view.problems and view.asked == view.accounts == 3
    assert {(p.slug, p.id) for p in view.items} == {
        (tenants["acme"].slug, tenants["failed"]["id"]),
        (tenants["tokyo"].slug, tenants["yen"]["id"]),
    }
    acme_row = next(p for p in view.items if p.slug == tenants["acme"].slug)
    assert acme_row.amount.text == "99.00 USD" and acme_row.failure_words == "The bank account has been closed"
    asked = payout_requests(fake)
    assert len(asked) == 3 and all(q["status"] == "failed" for q in asked)  # one list per connected account
    failed_items = [r for r in services.attention.board(operator).items if r.kind == AttentionKind.PAYOUT_FAILED]
    assert sorted((r.slug, r.title) for r in failed_items) == [
        (tenants["acme"].slug, "Payout of 99.00 USD failed"),
        (tenants["tokyo"].slug, "Payout of 5,000 JPY failed"),
    ]
    assert "The bank account has been closed" in [r.detail for r in failed_items]
    audit = services.audit.list(operator, AuditFilter(action="stripe.payouts_sweep"))
    assert [a.detail for a in audit] == ["complete: failed, 3 of 3 accounts"]
    assert view.summary == "Failed payouts: 2, from 3 of 3 connected accounts asked."


def test_every_page_of_an_accounts_failed_payouts(services, operator, fake, tenants):
    acme_account = tenants["accounts"][tenants["acme"].slug]
    for n in range(229):
        fake.connect.add_payout(acme_account, status="failed", amount=100 + n)
    view = services.payouts.payouts(operator)
    assert view.complete
    assert len([r for r in view.items if r.slug == tenants["acme"].slug]) == 230
    assert sum(1 for q in payout_requests(fake) if q.get("starting_after")) == 2  # 230 at 100 a page: three pages
    board = services.attention.board(operator)
    assert sum(1 for r in board.items if r.kind == AttentionKind.PAYOUT_FAILED) == 231  # and tokyo's


def test_an_account_that_errors_mid_sweep_leaves_a_partial_answer(services, operator, fake, tenants, monkeypatch):
    from billing_desktop.services import payout_sweep

    monkeypatch.setattr(payout_sweep, "WORKERS", 1)  # one account after the other: "mid-sweep" is then certain
    tokyo_account = tenants["accounts"][tenants["tokyo"].slug]

    def lose_tokyo(path, q):  # while acme's answer is on the wire, the platform loses access to tokyo's account
        if path == "/v1/payouts":
            fake.accounts.pop(tokyo_account, None)

    fake.connect.before_answer = lose_tokyo
    view = services.payouts.payouts(operator)
    assert not view.complete and view.stale and view.asked == 2
    assert [p.slug for p in view.items] == [tenants["acme"].slug]
    assert len(view.problems) == 1
    assert view.problems[0].startswith(f"{tenants['tokyo'].slug}: Stripe says the platform no longer has access")
    audit = services.audit.list(operator, AuditFilter(action="stripe.payouts_sweep"))
    assert [a.detail for a in audit] == ["partial: failed, 2 of 3 accounts"]


def test_an_erroring_account_among_those_asked_at_once(services, operator, fake, tenants):
    fake.accounts.pop(tenants["accounts"][tenants["acme"].slug])  # the platform lost access before the sweep
    view = services.payouts.payouts(operator)
    assert not view.complete and view.asked == 2 and [p.slug for p in view.items] == [tenants["tokyo"].slug]
    assert [p.split(":")[0] for p in view.problems] == [tenants["acme"].slug]


def test_offline_shows_the_saved_copy_marked_stale(services, operator, fake, tenants, monkeypatch, clock):
    online = services.payouts.payouts(operator)
    clock.advance(hours=1)
    offline(monkeypatch)
    view = services.payouts.payouts(operator)
    assert {p.id for p in view.items} == {p.id for p in online.items}
    assert view.stale and not view.complete and view.fetched_at == online.fetched_at
    assert "Could not reach Stripe" in view.message
    assert view.problems == ["3 of 3 accounts not asked."]  # stopped at the first: the others would fail alike
    saved = services.payouts.payouts(operator, refresh=False)
    assert saved.stale and saved.message == "Showing saved data." and len(saved.items) == 2


def test_cancel_keeps_what_was_fetched(services, operator, fake, tenants, monkeypatch):
    from billing_desktop.services import payout_sweep

    monkeypatch.setattr(payout_sweep, "WORKERS", 1)  # one account after the other: cancelled after the first
    import threading

    pressed = threading.Event()
    fake.connect.before_answer = lambda path, q: pressed.set()  # Cancel while acme's answer is on the wire
    lines = []
    view = services.payouts.payouts(operator, progress=lambda n, text: lines.append(text), cancelled=pressed.is_set)
    assert view.cancelled and not view.complete and view.asked == 1
    assert view.problems == ["Cancelled: 2 of 3 accounts not asked."]
    assert [p.slug for p in view.items] == [tenants["acme"].slug]  # the first in slug order
    assert lines == [
        "Asking Stripe for the payouts of 3 connected accounts…",
        "Payouts: 1 of 3 connected accounts done…",
        "Payouts: 2 of 3 connected accounts done…",
        "Payouts: 3 of 3 connected accounts done…",
    ]
    assert len(payout_requests(fake)) == 1  # the others were not asked


def test_other_statuses_and_a_bad_one(services, operator, fake, tenants):
    paid = services.payouts.payouts(operator, status="paid")
    assert sorted(p.amount.text for p in paid.items) == ["1.00 USD", "20.00 USD"]
    with pytest.raises(ValidationError):
        services.payouts.payouts(operator, status="lost")


def test_a_tenant_user_is_refused_the_platform_wide_sweep(services, operator, fake, tenants):
    from tests.conftest import OWNER_PASSWORD

    services.users.add(operator, tenants["acme"].id, "admin@acme.example", OWNER_PASSWORD, "admin")
    admin = services.auth.sign_in("admin@acme.example", OWNER_PASSWORD)
    with pytest.raises(PermissionDenied, match="Only the platform's operators"):
        services.payouts.payouts(admin)
    assert payout_requests(fake) == []


def test_the_automatic_sweep_runs_at_most_hourly_for_every_operator(services, operator, fake, tenants, clock):
    from tests.conftest import OPERATOR_PASSWORD, OWNER_PASSWORD

    services.users.add(operator, None, "bob@platform.example", OPERATOR_PASSWORD, "operator")
    bob = services.auth.sign_in("bob@platform.example", OPERATOR_PASSWORD)
    stopped = services.payouts.sweep_if_due(operator, cancelled=lambda: True)  # a cancelled sweep did not run
    assert stopped is not None and stopped.cancelled
    first = services.payouts.sweep_if_due(operator)
    assert first is not None and first.complete and len(payout_requests(fake)) == 3
    clock.advance(minutes=59)
    assert services.payouts.sweep_if_due(bob) is None  # Alice swept this database within the hour
    assert len(payout_requests(fake)) == 3
    clock.advance(minutes=1)
    again = services.payouts.sweep_if_due(bob)
    assert again is not None and again.complete and len(payout_requests(fake)) == 6
    services.users.add(operator, tenants["acme"].id, "admin@acme.example", OWNER_PASSWORD, "admin")
    with pytest.raises(PermissionDenied):  # due or not, not a tenant user's
        services.payouts.sweep_if_due(services.auth.sign_in("admin@acme.example", OWNER_PASSWORD))


def test_two_operators_due_at_once_start_one_automatic_sweep(services, operator, fake, tenants, clock):
    import threading

    from tests.conftest import OPERATOR_PASSWORD

    services.users.add(operator, None, "bob@platform.example", OPERATOR_PASSWORD, "operator")
    bob = services.auth.sign_in("bob@platform.example", OPERATOR_PASSWORD)
    during = []  # Bob's tick while Alice's sweep is under way: her sweep answers for both
    alice = services.payouts.sweep_if_due(
        operator, progress=lambda *_: during.append(services.payouts.sweep_if_due(bob))
    )
    assert alice is not None and alice.complete and during and set(during) == {None}
    assert len(payout_requests(fake)) == 3
    clock.advance(hours=1)
    barrier, answers = threading.Barrier(2), []

    def tick(who):
        barrier.wait()
        answers.append(services.payouts.sweep_if_due(who))

    threads = [threading.Thread(target=tick, args=(who,)) for who in (operator, bob)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(a is None for a in answers) == [False, True]  # released together: one swept, one stood down
    assert len(payout_requests(fake)) == 6


def test_a_claim_left_by_a_crash_expires(services, operator, fake, tenants, clock):
    from billing_desktop.services.payout_sweep import CLAIM, CLAIM_EXPIRES
    from billing_desktop.store.models import Setting

    with services.ctx.db() as s, s.begin():  # an automatic sweep that never ended: its process was killed
        s.add(Setting(key=f"{CLAIM}:failed", value=clock().isoformat()))
    assert services.payouts.sweep_if_due(operator) is None
    clock.advance(seconds=CLAIM_EXPIRES.total_seconds() - 1)
    assert services.payouts.sweep_if_due(operator) is None and payout_requests(fake) == []
    clock.advance(seconds=1)
    view = services.payouts.sweep_if_due(operator)
    assert view is not None and view.complete and len(payout_requests(fake)) == 3
    with services.ctx.db() as s:  # and its own claim is gone once it ended
        assert s.get(Setting, f"{CLAIM}:failed") is None
