"""The tenant list a page at a time (team databases): every tenant once, in name order, searchable anywhere in the
name, slug or email; a tenant's staff see their own tenant only. Both backends."""

import pytest

from tests.conftest import register

pytestmark = pytest.mark.both_backends

NAMES = ["delta Labs", "Acme Inc", "charlie & co", "Bravo 100% Ltd", "echo_one", "Acme Inc", "Foxtrot"]


@pytest.fixture
def tenants(services, operator):
    return [register(services, operator, name, f"owner{n}@t{n}.example") for n, name in enumerate(NAMES)]


def walk(services, session, **kw) -> list:
    rows, after, pages = [], None, 0
    while True:
        page = services.tenants.page(session, after=after, limit=3, **kw)
        rows += page.rows
        pages += 1
        assert pages < 10, "paging does not end"
        if page.after is None:
            return rows
        after = page.after


def test_pages_hold_every_tenant_once_in_the_lists_order(services, operator, tenants):
    rows = walk(services, operator)
    expected = sorted(tenants, key=lambda t: (t.company_name.lower(), t.id))
    assert [r.id for r in rows] == [t.id for t in expected]  # the two "Acme Inc" split by id, none lost at a seam
    assert rows == services.tenants.list(operator)  # the same rows as the whole list, with their Stripe state
    backwards = walk(services, operator, descending=True)
    assert [r.id for r in backwards] == [t.id for t in reversed(expected)]
    first = services.tenants.page(operator, limit=len(NAMES))
    assert len(first.rows) == len(NAMES) and first.after is None  # an exact fit asks for no empty page


def test_search_finds_a_substring_of_name_slug_or_email_and_takes_wildcards_literally(services, operator, tenants):
    def names(text):
        return sorted(r.company_name for r in walk(services, operator, search=text))

    assert names("ACME") == ["Acme Inc", "Acme Inc"]
    assert names("lta la") == ["delta Labs"]  # inside the name, across a space
    assert names("t4.exam") == ["echo_one"]  # the email
    assert names("charlie-co") == ["charlie & co"]  # the slug
    assert names("100%") == ["Bravo 100% Ltd"]
    assert names("o_o") == ["echo_one"]  # "_" is no wildcard: "echo one" would not match
    assert names("%") == ["Bravo 100% Ltd"]
    assert names("zzz") == []


def test_a_tenants_staff_page_through_their_own_tenant_only(services, operator, tenants, acme_users):
    owner = acme_users["owner"]
    rows = walk(services, owner)
    assert [r.slug for r in rows] == [services.tenants.get(owner, owner.tenant_id).slug]
    assert walk(services, owner, search="delta") == []


def test_the_server_sorts_filters_and_counts_as_the_window_asks(services, operator, tenants):
    from billing_desktop.services.tenant_pages import ListQuery

    services.tenants.update(operator, tenants[1].id, {"tier": "pro"})
    services.tenants.update(operator, tenants[4].id, {"tier": "enterprise"})
    by_tier = walk(services, operator, query=ListQuery(sort="tier"))
    assert [r.tier for r in by_tier] == sorted(r.tier for r in by_tier)
    assert [r.id for r in by_tier[:2]] == [tenants[4].id, tenants[5].id]  # enterprise, then free by name
    assert len(by_tier) == len(NAMES) and len({r.id for r in by_tier}) == len(NAMES)
    by_slug = walk(services, operator, query=ListQuery(sort="slug", descending=True))
    assert [r.slug for r in by_slug] == sorted((t.slug for t in tenants), reverse=True)
    pro = walk(services, operator, query=ListQuery(tier="pro"))
    assert [r.id for r in pro] == [tenants[1].id]
    assert walk(services, operator, query=ListQuery(stripe="connected")) == []
    assert len(walk(services, operator, query=ListQuery(stripe="none"))) == len(NAMES)
    assert services.tenants.count(operator, ListQuery()) == len(NAMES)
    assert services.tenants.count(operator, ListQuery(search="acme")) == 2
    assert services.tenants.count(operator, ListQuery(), cap=3) == 4  # at most cap + 1: "3+"
    only = [tenants[0].id, tenants[2].id]
    assert {r.id for r in walk(services, operator, query=ListQuery(only_ids=only))} == set(only)


def _accounts(services, states: dict[int, str]) -> None:
    from sqlalchemy import insert

    from billing_desktop.store.models import StripeAccount

    with services.ctx.engine.begin() as c:
        c.execute(insert(StripeAccount.__table__), [{"tenant_id": t, "status": st} for t, st in states.items()])


def test_the_server_sorts_by_stripe_state_which_a_trigger_keeps_on_the_tenant_row(services, operator, tenants):
    """The state lives in stripe_accounts; tenants.stripe_state follows every insert, change and delete of an
    account whoever writes it (migration 0018), so the sort reads one index."""
    from sqlalchemy import delete, update

    from billing_desktop.services.tenant_pages import ListQuery
    from billing_desktop.store.models import StripeAccount

    _accounts(services, {tenants[6].id: "restricted", tenants[0].id: "connected", tenants[3].id: "pending"})
    rows = walk(services, operator, query=ListQuery(sort="stripe"))
    assert [r.stripe for r in rows] == sorted(r.stripe for r in rows)  # connected, none…, pending, restricted
    assert [rows[0].id, rows[-2].id, rows[-1].id] == [tenants[0].id, tenants[3].id, tenants[6].id]
    rest = [r.company_name.lower() for r in rows[1:-2]]
    assert rest == sorted(rest)  # ties in name order
    backwards = walk(services, operator, query=ListQuery(sort="stripe", descending=True))
    assert [r.id for r in backwards] == [r.id for r in reversed(rows)]
    with services.ctx.engine.begin() as c:
        c.execute(update(StripeAccount).where(StripeAccount.tenant_id == tenants[6].id).values(status="connected"))
        c.execute(delete(StripeAccount).where(StripeAccount.tenant_id == tenants[0].id))
    rows = walk(services, operator, query=ListQuery(sort="stripe"))
    assert rows[0].id == tenants[6].id and rows[-1].id == tenants[3].id
    assert [r.stripe for r in rows] == sorted(r.stripe for r in rows)


def test_the_server_sorts_by_the_attention_count_the_window_holds(services, operator, tenants):
    """Counts come from the board (the caller has them): most first, ties by name, then every other tenant by name;
    fewest first the other way round. Pages of 3 cross the seams between counts."""
    from billing_desktop.services.tenant_pages import ListQuery
    from billing_desktop.services.tenant_ranked import ranks_of

    counts = {tenants[6].id: 1, tenants[2].id: 3, tenants[0].id: 1, tenants[4].id: 0}
    by_name = [t.id for t in sorted(tenants, key=lambda t: (t.company_name.lower(), t.id))]
    counted = [tenants[2].id, tenants[0].id, tenants[6].id]  # 3, then the two 1s by name (delta < Foxtrot)
    rest = [i for i in by_name if i not in counted]
    most = walk(
        services, operator, query=ListQuery(sort="attention", descending=True, ranks=ranks_of(counts, descending=True))
    )
    assert [r.id for r in most] == counted + rest
    fewest = walk(services, operator, query=ListQuery(sort="attention", ranks=ranks_of(counts, descending=False)))
    assert [r.id for r in fewest] == [*rest, tenants[0].id, tenants[6].id, tenants[2].id]
    searched = ListQuery(sort="attention", descending=True, search="o", ranks=ranks_of(counts, descending=True))
    assert [r.id for r in walk(services, operator, query=searched)] == [
        i for i in counted + rest if i in {r.id for r in walk(services, operator, search="o")}
    ]
    assert [r.id for r in walk(services, operator, query=ListQuery(sort="attention"))] == by_name  # no board yet
