"""`stripe sync`: Stripe's paginated account list into the local cache, with rate limits, cancel and removal."""

import threading

import pytest
import stripe

from billing_desktop.errors import PermissionDenied
from tests.conftest import register
from tests.support.connected import bulk_tenants, link, platform
from tests.support.fake_connect import fixture, requirements


@pytest.fixture
def many(services, operator, fake):
    """250 accounts in Stripe (three pages), 240 of them connected to tenants here, 10 belonging to nobody."""
    platform(services, operator, fake)
    accounts = [fake.new_account(name=f"Shop {n}", created=1_700_000_000 + n) for n in range(250)]
    tenants = bulk_tenants(services, [f"Shop {n}" for n in range(240)])
    for t, account in zip(tenants, accounts, strict=False):
        link(services, t.id, account["id"])
    return list(zip(tenants, accounts, strict=False))


def list_requests(fake):
    return [q for m, p, q in fake.requests if m == "GET" and p == "/v1/accounts"]


def test_sync_pages_through_the_list_and_caches_every_account(services, operator, fake, many):
    t0, a0 = many[0]
    a0["requirements"] = requirements(currently_due=["external_account"], current_deadline=1_900_000_000)
    a0["charges_enabled"] = False
    report = services.connect_sync.sync(operator)
    assert report.complete and report.pages == 3 and report.updated == 240 and report.unknown == 10
    pages = list_requests(fake)
    assert len(pages) == 3 and all(q["limit"] == "100" for q in pages)  # paging, not one call per account
    assert "starting_after" not in pages[0] and pages[1]["starting_after"] and pages[2]["starting_after"]
    assert not any(p.startswith("/v1/accounts/acct_") for _, p, _ in fake.requests)
    st = services.stripe.status(operator, t0.id)  # from the cache, with its fetch time
    assert st.currently_due == ["external_account"] and st.fetched_at is not None and not st.stale
    assert services.connect_sync.last_sync() == st.fetched_at


def test_the_fake_answers_parse_with_stripe_python(services, operator, fake, many):
    client = stripe.StripeClient(fake.secret_key, base_addresses={"api": fake.base})
    page = client.v1.accounts.list({"limit": 100})
    assert isinstance(page.data[0], stripe.Account) and page.has_more
    assert page.data[0].requirements.currently_due == []
    assert fixture("account")["id"].startswith("acct_")


def test_rate_limit_is_waited_out(services, operator, fake, many):
    fake.connect.rate_limits = [("1", None), (None, "true")]  # Retry-After, then Stripe-Should-Retry
    report = services.connect_sync.sync(operator)
    assert report.complete and report.updated == 240 and report.rate_limited == 1
    assert "rate limit" in report.summary


def test_an_account_removed_between_pages(services, operator, fake, many):
    removed = []

    def remove_cursor(path, q):
        if not removed:  # after the first page: delete the account the next request starts after
            last = list(fake.accounts)[-100]
            removed.append(last)
            del fake.accounts[last]

    fake.connect.after_list_page = remove_cursor
    report = services.connect_sync.sync(operator)
    assert report.complete and report.updated == 240  # it was fetched on page 1 before it went
    cursors = [q.get("starting_after") for q in list_requests(fake)]
    assert removed[0] in cursors  # the vanished cursor was tried, then the one before it
    report = services.connect_sync.sync(operator)
    assert [s for s in report.not_returned] == [next(t.slug for t, a in many if a["id"] == removed[0])]


def test_cancel_keeps_what_was_fetched(services, operator, fake, many):
    report = services.connect_sync.sync(operator, cancelled=lambda: len(list_requests(fake)) >= 1)
    assert report.cancelled and not report.complete and len(list_requests(fake)) == 1
    assert report.updated == 90  # the first page, newest first: shops 249…150, of which 239…150 are tenants here
    assert report.not_reached == 150 and "Partial sync" in report.summary
    assert services.connect_sync.last_sync() is None  # a partial sync is not a sync


def test_only_operators_sync(services, operator, fake, many):
    t = register(services, operator, "Own Shop", "owner@own.example")
    owner = services.auth.sign_in("owner@own.example", "owner-password-123")
    assert t.id
    with pytest.raises(PermissionDenied):
        services.connect_sync.sync(owner)


@pytest.mark.both_backends
def test_an_account_disconnected_while_its_page_is_on_the_wire(services, operator, fake, many):
    """The first page is made while the account is connected; it is held until another operator's disconnect has
    committed. The page's write, under the tenant's lock, must then leave that account alone: no refresh, no
    attention items brought back, still disconnected."""
    gone, stays = many[239], many[238]  # both on the first page (newest first)
    for _, account in (gone, stays):
        account["requirements"] = requirements(currently_due=["external_account"], current_deadline=1_900_000_000)
    services.connect_sync.sync(operator)  # both cached, each with an attention item
    assert {r.tenant_id for r in services.attention.board(operator).items} >= {gone[0].id, stays[0].id}
    for _, account in (gone, stays):
        account["requirements"] = requirements(past_due=["external_account"], current_deadline=1_900_000_000)

    page_made, disconnected = threading.Event(), threading.Event()

    def hold_first_page(path, q):
        if path == "/v1/accounts" and "starting_after" not in q:
            page_made.set()
            assert disconnected.wait(20)

    fake.connect.before_answer = hold_first_page
    result = {}
    sync = threading.Thread(target=lambda: result.setdefault("report", services.connect_sync.sync(operator)))
    sync.start()
    assert page_made.wait(20)
    services.stripe.disconnect(operator, gone[0].id)
    disconnected.set()
    sync.join(30)
    fake.connect.before_answer = None
    report = result["report"]
    assert report.complete
    assert services.stripe.status(operator, gone[0].id).state == "disconnected"
    board = services.attention.board(operator).items
    assert not [r for r in board if r.tenant_id == gone[0].id]  # its items went with the disconnect, none came back
    assert [r.title for r in board if r.tenant_id == stays[0].id]  # the rest of the page was written
    assert services.stripe.status(operator, stays[0].id).past_due == ["external_account"]


def test_list_pages_come_as_plain_dicts_through_stripe_pythons_requestor(services, operator, fake, many):
    from billing_desktop.connect.pager import Pager

    with services.stripe.client_factory(fake.secret_key, retries=0) as client:
        # pager.py parses 2xx bodies itself after stripe-python's request_raw: a renamed requestor would silently
        # fall back to the slow path, so say so here.
        assert callable(client._requestor.request_raw) and callable(client._requestor._interpret_response)
        page = next(iter(Pager(client, "/v1/accounts")))
    assert len(page) == 100 and type(page[0]) is dict and page[0]["object"] == "account"


def test_stripe_clients_share_one_verifying_tls_context():
    """connect/client.py builds the CA context once per process (stripe-python's own client loads the bundle for
    every client); sharing it must not weaken it."""
    import ssl

    from billing_desktop.connect.client import StripeClientFactory

    first, second = StripeClientFactory()("sk_test_x"), StripeClientFactory()("sk_test_x")
    try:
        contexts = [c.http_client._client._transport._pool._ssl_context for c in (first, second)]
        assert contexts[0] is contexts[1]
        assert contexts[0].verify_mode == ssl.CERT_REQUIRED and contexts[0].check_hostname
        assert first.http_client.opened_async is None  # made only for a streamed call
        assert first.http_client._client_async._transport._pool._ssl_context is contexts[0]
    finally:
        for c in (first, second):
            c.__exit__(None, None, None)


def test_stripe_logs_are_formatted_only_when_someone_logs_them(services, operator, fake, many, monkeypatch, caplog):
    """stripe-python formats each answer's whole body for its debug log even with logging off (a cost on every
    list page): connect/client.py makes it format only when asked. Asked, the body is still logged in full."""
    import logging

    from stripe import _util

    from billing_desktop.connect.pager import Pager

    formatted: list[dict] = []
    real_logfmt = _util.logfmt
    monkeypatch.setattr(_util, "logfmt", lambda props: formatted.append(props) or real_logfmt(props))
    monkeypatch.setattr(stripe, "log", None)
    monkeypatch.delenv("STRIPE_LOG", raising=False)
    caplog.set_level(logging.WARNING, logger="stripe")  # whatever an earlier test left the root logger at
    with services.stripe.client_factory(fake.secret_key, retries=0) as client:
        page = next(iter(Pager(client, "/v1/accounts")))
        assert len(page) == 100
        assert formatted == []  # nobody logs stripe at debug or info: nothing formatted
        with caplog.at_level(logging.DEBUG, logger="stripe"):
            next(iter(Pager(client, "/v1/accounts")))
    bodies = [r.getMessage() for r in caplog.records if "API response body" in r.getMessage()]
    assert len(bodies) == 1 and page[0]["id"] in bodies[0]  # the debug log still has the body
    assert any("Request to Stripe api" in r.getMessage() for r in caplog.records)


def test_progress_counts_connected_accounts_refreshed_page_by_page(services, operator, fake, many):
    seen: list[tuple[int, str]] = []
    services.connect_sync.sync(operator, progress=lambda n, text: seen.append((n, text)))
    # Three pages (100, 100, 50 accounts, 10 of them nobody's here): one report per page, ending at all 240.
    assert len(seen) == 3
    counts = [n for n, _ in seen]
    assert counts == sorted(counts) and counts[-1] == 240
    assert seen[-1][1] == "240 of 240 connected accounts refreshed (3 pages)"


@pytest.mark.both_backends
def test_a_second_sync_replaces_each_accounts_items_and_cached_fields(services, operator, fake, many):
    """The page's statements are built once and reused (connect_cache._statements, connect_sync._refresh): the
    second sync must still replace exactly the items and fields of the accounts on its pages, on both backends."""
    (t_fixed, a_fixed), (t_new, a_new) = many[5], many[200]
    a_fixed["requirements"] = requirements(past_due=["external_account"], current_deadline=1_900_000_000)
    services.connect_sync.sync(operator)
    assert services.stripe.status(operator, t_fixed.id).state == "restricted"
    assert {r.tenant_id for r in services.attention.board(operator).items} == {t_fixed.id}

    a_fixed["requirements"] = requirements()  # fixed by its holder
    a_new["requirements"] = requirements(currently_due=["individual.dob.day"], current_deadline=1_900_000_000)
    a_new["capabilities"] = {"card_payments": "inactive"}
    report = services.connect_sync.sync(operator)
    assert report.complete and report.updated == 240
    board = services.attention.board(operator).items
    assert {r.tenant_id for r in board} == {t_new.id} and len(board) == 2  # due requirement, inactive capability
    assert services.stripe.status(operator, t_fixed.id).state != "restricted"
    assert services.stripe.status(operator, t_new.id).currently_due == ["individual.dob.day"]


@pytest.mark.both_backends
def test_a_resync_of_unchanged_accounts_freshens_them_and_keeps_their_items(services, operator, fake, many, clock):
    """A page's unchanged cached copies are not rewritten, only given the new fetch time (connect_sync._touch): they
    must still read as fresh, come back from "no longer listed", and keep their attention items; a changed one in
    the same page is rewritten."""
    (t_due, a_due), (t_back, a_back), (t_changed, a_changed) = many[10], many[20], many[30]
    a_due["requirements"] = requirements(currently_due=["external_account"], current_deadline=1_900_000_000)
    services.connect_sync.sync(operator)
    first_fetch = services.stripe.status(operator, t_back.id).fetched_at
    del fake.accounts[a_back["id"]]  # Stripe stops listing it: a complete sync marks it missing
    clock.advance(hours=1)
    assert services.connect_sync.sync(operator).not_returned == [t_back.slug]
    assert [r for r in services.attention.board(operator).items if r.tenant_id == t_back.id]
    fake.accounts[a_back["id"]] = a_back  # listed again, unchanged since it was cached
    a_changed["email"] = "new@changed.example"
    clock.advance(hours=1)
    report = services.connect_sync.sync(operator)
    assert report.complete and report.updated == 240 and not report.not_returned
    back = services.stripe.status(operator, t_back.id)
    assert back.fetched_at == clock() and back.fetched_at != first_fetch and not back.stale
    assert services.stripe.status(operator, t_due.id).currently_due == ["external_account"]
    board = services.attention.board(operator).items
    assert not [r for r in board if r.tenant_id == t_back.id]  # no longer "no longer listed"
    assert [r.tenant_id for r in board] == [t_due.id]  # its item is still there, and nothing else
    with services.ctx.db() as s:
        from billing_desktop.store.models import StripeAccount

        cached = s.query(StripeAccount.account_json).filter_by(tenant_id=t_changed.id).scalar()
    assert cached["email"] == "new@changed.example"
