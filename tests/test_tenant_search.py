"""Search as you type on a team database (services/tenant_search.py): both plans give every match once, in the
list's order, across page boundaries and across the hand-over from a bounded walk to the trigram index; each plan
is an index plan; the plan follows how common the text is; and no text typed makes the search fail."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import register
from tests.test_query_plans import plan

pytestmark = pytest.mark.both_backends

# Matches of "stark" cluster in the name order (after every "Acme …" and "Bravo …" tenant, as at 1,000,000).
NAMES = [
    "Acme One", "Acme Two", "Acme Stark", "Bravo Stark", "Bravo Three", "Charlie 100% Stark", "Charlie_Stark",
    "Delta \\ Back'slash \"Stark\"", "Échelle Stärk", "Foxtrot", "Golf Stark", "Hotel", "Ïndia Stark", "Juliet",
]  # fmt: skip


@pytest.fixture
def tenants(services, operator):
    return [register(services, operator, name, f"owner{n}@t{n}.example") for n, name in enumerate(NAMES)]


def _postgres_only(services):
    if services.ctx.engine.dialect.name != "postgresql":
        pytest.skip("SQLite searches its list in memory; the planned search is for team databases")


def expected(tenants, needle: str, *, descending: bool = False, tier: str | None = None) -> list[int]:
    n = needle.strip().lower()
    hits = [
        t
        for t in tenants
        if (n in t.company_name.lower() or n in t.slug or n in t.email) and (tier is None or t.tier == tier)
    ]
    return [t.id for t in sorted(hits, key=lambda t: (t.company_name.lower(), t.id), reverse=descending)]


def walk_pages(services, lq, plan_, limit: int) -> list[int]:
    from billing_desktop.services import tenant_search

    ids, after = [], None
    for _ in range(50):
        with services.ctx.db() as s:
            page = tenant_search.page(s, lq, after, limit, plan_)
        ids += [r.id for r in page.rows]
        assert len(page.rows) <= limit
        if page.after is None:
            return ids
        after = page.after
    raise AssertionError("paging does not end")


@pytest.mark.parametrize("plan_name", ["walk", "trigram"])
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("bound", [None, 1, 3])
def test_both_plans_give_every_match_once_in_order_across_pages(
    services, operator, tenants, monkeypatch, plan_name, descending, bound
):
    from billing_desktop.services import tenant_search
    from billing_desktop.services.tenant_pages import ListQuery

    _postgres_only(services)
    if bound is not None:  # a walk that gives up after `bound` entries hands the rest to the trigram index
        monkeypatch.setattr(tenant_search, "WALK_LIMIT", bound)
    for needle in ("stark", "STARK ", "a", "100%", "_", "\\", "'", '"', "ärk", "ïndia", "t1", "@t1", "zzz"):
        lq = ListQuery(search=needle, descending=descending)
        for limit in (1, 2, 5):
            got = walk_pages(services, lq, tenant_search.Plan(plan_name), limit)
            assert got == expected(tenants, needle, descending=descending), (needle, limit)


def test_the_planned_search_respects_the_tier_filter(services, operator, tenants):
    from billing_desktop.services import tenant_search
    from billing_desktop.services.tenant_pages import ListQuery

    _postgres_only(services)
    for t in tenants[::3]:
        services.tenants.update(operator, t.id, {"tier": "pro"})
    fresh = [services.tenants.get(operator, t.id) for t in tenants]
    for p in tenant_search.Plan:
        got = walk_pages(services, ListQuery(search="stark", tier="pro"), p, 2)
        assert got == expected(fresh, "stark", tier="pro") and got


def test_the_service_pages_searches_as_the_planned_search_does(services, operator, tenants):
    """TenantService.page takes the planned search for the operators' name order (and the single statement on
    SQLite); a tenant's staff still see their own tenant only."""
    rows, after = [], None
    while True:
        page = services.tenants.page(operator, search="Stark", after=after, limit=2)
        rows += page.rows
        if page.after is None:
            break
        after = page.after
    assert [r.id for r in rows] == expected(tenants, "stark")
    assert rows[0].stripe == "none"  # the list's row, with its Stripe state


@pytest.mark.parametrize("plan_name", ["walk", "trigram"])
def test_each_plan_is_an_index_plan(services, operator, tenants, plan_name):
    from billing_desktop.services import tenant_search
    from billing_desktop.services.tenant_pages import ListQuery

    _postgres_only(services)
    engine = services.ctx.engine
    for after in (None, ("globex", 7)):
        lq = ListQuery(search="stark", tier="pro" if plan_name == "walk" else None)
        if plan_name == "walk":
            p = plan(engine, tenant_search.walk_query(lq, after, 201, tenant_search.WALK_LIMIT))
            # In name order from the covering index: no table row read, nothing sorted.
            assert "Index Only Scan" in p and "ix_tenants_name_order" in p, p
            assert "Sort" not in p.replace("Incremental Sort", ""), p
        else:
            with engine.connect() as c:
                from sqlalchemy import text

                c.execute(text("SET LOCAL enable_indexscan = off"))
                c.execute(text("SET LOCAL enable_indexonlyscan = off"))
                c.execute(text("SET LOCAL enable_seqscan = off"))  # a test table is tiny: price the scan out
                q = tenant_search.trigram_query(lq, after, 201)
                compiled = q.compile(engine, compile_kwargs={"literal_binds": True})
                p = "\n".join(r[0] for r in c.execute(text(f"EXPLAIN {compiled}")))
            assert "Seq Scan" not in p, p
            if after is None:  # past a key, the name order's range is an index too, and on a tiny table the cheaper
                assert "ix_tenants_search_trgm" in p, p


def test_common_text_is_walked_and_rare_text_asks_the_trigram_index(services, operator):
    """Statistics need rows: 2,000 tenants written straight into the table (as benchmarks/seed_team.py does)."""
    from sqlalchemy import text

    from billing_desktop.services import tenant_search
    from billing_desktop.services.tenant_pages import ListQuery

    _postgres_only(services)
    assert tenant_search.dense_share(1_000_000) == pytest.approx(0.0063, abs=1e-4)
    assert tenant_search.dense_share(2_000) == pytest.approx(0.14, abs=0.01)
    with services.ctx.engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO tenants (company_name, slug, email, domain, tier, platform_fee_percent, mode, active,"
                " branding, metadata, created_at, updated_at, version)"
                " SELECT CASE WHEN i % 100 = 0 THEN 'Rare ' ELSE 'Common ' END || i, 't-' || i,"
                " 'owner' || i || '@t' || i || '.example', '', 'free', 0, 'test', true, '{}', '{}', now(), now(), 1"
                " FROM generate_series(1, 2000) AS i"
            )
        )
    with services.ctx.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("ANALYZE tenants"))
    with services.ctx.db() as s:
        assert tenant_search.choose(s, ListQuery(search="common")) is tenant_search.Plan.WALK  # 99%
        assert tenant_search.choose(s, ListQuery(search="co")) is tenant_search.Plan.WALK  # no trigram in it
        assert tenant_search.choose(s, ListQuery(search="rare")) is tenant_search.Plan.TRIGRAM  # 1%
    # Whichever plan, the service's pages are the matches in name order.
    rare = [r.company_name for r in services.tenants.page(operator, search="rare", limit=50).rows]
    assert rare == sorted((f"Rare {i}" for i in range(100, 2001, 100)), key=str.lower)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(needle=st.text(max_size=12))
@example(needle="\x00")  # SQLite ends a string at NUL: it once matched every tenant
def test_no_typed_text_makes_the_search_fail(services, operator, tenants, needle):
    from billing_desktop.services.tenant_pages import ListQuery

    page = services.tenants.page(operator, query=ListQuery(search=needle), limit=5)
    if needle.isascii():  # beyond ASCII, Python's and the database's lower() may differ (SQLite's is ASCII-only)
        # No tenant's text holds NUL: the service drops it (SQLite ended the pattern there; PostgreSQL refused it)
        assert [r.id for r in page.rows] == expected(tenants, needle.replace("\x00", ""))[:5]
