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
