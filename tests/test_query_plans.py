"""Every filter the GUI offers on the audit and delivery logs is answered from an index, on both backends (SQLite's
EXPLAIN QUERY PLAN; PostgreSQL's EXPLAIN with sequential scans and sorts priced out, so a plan that still shows
one has no index to use); on PostgreSQL the tenant list's pages and search too."""

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from billing_desktop.services.audit import AuditFilter

T = datetime(2026, 1, 1, tzinfo=UTC)
AUDIT_FILTERS = {
    "none": AuditFilter(),
    "tenant": AuditFilter(tenant_id=1),
    "actor": AuditFilter(actor="op@platform.example"),
    "action": AuditFilter(action="tenant.update"),
    "dates": AuditFilter(since=T, until=T),
    "tenant+action+dates": AuditFilter(tenant_id=1, action="tenant.update", since=T, until=T),
    "actor+dates": AuditFilter(actor="x@y.z", since=T, until=T),
}


pytestmark = pytest.mark.both_backends


def plan(engine, statement, *, sort_allowed: bool = False) -> str:
    compiled = statement.compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as c:
        if engine.dialect.name == "sqlite":
            return "\n".join(row[-1] for row in c.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
        # A test table is tiny and the planner would rightly read it whole: price that (and sorting) out, so what
        # remains is what an index can answer at any size.
        c.execute(text("SET LOCAL enable_seqscan = off"))
        if not sort_allowed:
            c.execute(text("SET LOCAL enable_sort = off"))
        return "\n".join(row[0] for row in c.execute(text(f"EXPLAIN {compiled}")))


def assert_indexed(p: str, table: str) -> None:
    if "QUERY PLAN" in p or "SCAN " in p or "SEARCH " in p:  # SQLite
        scans = [line for line in p.splitlines() if line.startswith(f"SCAN {table}") and "USING" not in line]
        assert not scans, p
        assert "USE TEMP B-TREE FOR ORDER BY" not in p, p
    else:  # PostgreSQL
        assert f"Seq Scan on {table}" not in p, p
        # A full Sort reads every matching row first. An Incremental Sort over an index's order (the log's
        # indexes are on time; SQLite's carry the id implicitly, PostgreSQL's do not) only orders rows of the same
        # instant by id as they stream, and stops at the LIMIT like the index scan under it.
        full_sorts = [ln for ln in p.splitlines() if re.match(r"\s*(->\s+)?Sort\s+\(", ln)]
        assert not full_sorts, p


@pytest.mark.parametrize("name", AUDIT_FILTERS)
def test_audit_filters_use_an_index(services, operator, name):
    q = services.audit.query(AUDIT_FILTERS[name]).limit(500)
    assert_indexed(plan(services.ctx.engine, q), "audit_log")


@pytest.mark.parametrize(
    "outcome,event_type",
    [(None, None), ("failed", None), ("ok", None), (None, "invoice.paid"), ("failed", "invoice.paid")],
)
def test_delivery_log_filters_use_an_index(services, outcome, event_type):
    from billing_desktop.services.webhook_delivery import delivery_query

    q = delivery_query(1, outcome, event_type).limit(200)
    p = plan(services.ctx.engine, q)
    assert_indexed(p, "webhook_deliveries")
    if outcome == "failed" and event_type is None:
        # Failures have an index of their own (0014): the page never walks past the tenant's successes, however
        # many there are, to find 200 failures.
        assert "ix_deliveries_tenant_failed_time" in p, p


def test_failed_deliveries_page_lists_every_failure_newest_first(services, acme):
    """What the partial index must not change: "failed" means every outcome but ok, in time order, ties by id."""
    from sqlalchemy import insert

    from billing_desktop.domain.states import DeliveryOutcome
    from billing_desktop.services.webhook_delivery import delivery_query
    from billing_desktop.store.models import WebhookDelivery

    outcomes = [o.value for o in DeliveryOutcome] * 3
    rows = [
        {
            "tenant_id": acme.id,
            "url": "https://hooks.example/x",
            "event_id": f"evt_{i}",
            "event_type": "invoice.paid",
            "request_headers": {},
            "body": "{}",
            "body_sha256": "0" * 64,
            "body_size": 2,
            "outcome": outcome,
            "status_code": None,
            "latency_ms": 1,
            "at": datetime(2026, 1, 1 + i // 2, tzinfo=UTC),  # pairs share an instant: ties go by id
        }
        for i, outcome in enumerate(outcomes)
    ]
    with services.ctx.engine.begin() as c:
        c.execute(insert(WebhookDelivery.__table__), rows)
    with services.ctx.db() as s:
        page = s.scalars(delivery_query(acme.id, "failed").limit(200)).all()
        every = s.scalars(delivery_query(acme.id).limit(200)).all()
    assert [d.id for d in page] == [d.id for d in every if d.outcome != DeliveryOutcome.OK]
    assert len(page) == len(outcomes) - 3
    assert [(d.at, d.id) for d in page] == sorted(((d.at, d.id) for d in page), reverse=True)


def test_key_lookup_and_tenant_list_use_indexes(services):
    from sqlalchemy import select

    from billing_desktop.store.models import ApiKey

    p = plan(services.ctx.engine, select(ApiKey).where(ApiKey.lookup_hash == "0" * 64))
    if services.ctx.engine.dialect.name == "sqlite":
        assert "USING INDEX" in p and "SCAN" not in p
    else:
        assert "Index" in p and "Seq Scan" not in p, p


def _postgres_only(services):
    if services.ctx.engine.dialect.name != "postgresql":
        pytest.skip("SQLite loads the tenant list whole; pages are for team databases")


@pytest.mark.parametrize("after", [None, ("globex", 7)])
@pytest.mark.parametrize("descending", [False, True])
def test_tenant_list_pages_are_index_ranges(services, after, descending):
    from billing_desktop.services.tenant_pages import page_query

    _postgres_only(services)
    p = plan(services.ctx.engine, page_query(after=after, descending=descending))
    assert_indexed(p, "tenants")
    assert "ix_tenants_name_order" in p, p


@pytest.mark.parametrize("needle", ["acme", "owner@t1", "ac"])
def test_tenant_search_is_answered_by_the_trigram_index(services, needle):
    from sqlalchemy import select

    from billing_desktop.services.tenant_pages import matches, page_query
    from billing_desktop.store.models import Tenant

    _postgres_only(services)
    found = select(Tenant.id).where(matches(needle))
    if len(needle) >= 3:  # a trigram needs three letters; shorter needles match most rows and walk the name index
        # With the name order's walk out of the way (the covering index answers any search, index-only, by reading
        # it all: services/tenant_search.py walks it only for common text), the trigram index answers it.
        with services.ctx.engine.connect() as c:
            c.execute(text("SET LOCAL enable_indexonlyscan = off"))
            c.execute(text("SET LOCAL enable_seqscan = off"))
            compiled = found.compile(services.ctx.engine, compile_kwargs={"literal_binds": True})
            p = "\n".join(row[0] for row in c.execute(text(f"EXPLAIN {compiled}")))
        assert "ix_tenants_search_trgm" in p, p
    # A page of matches: never the whole table, whichever index the planner picks.
    assert "Seq Scan on tenants" not in plan(services.ctx.engine, page_query(search=needle), sort_allowed=True)


@pytest.mark.parametrize("sort", ["slug", "email", "tier", "mode", "active", "stripe"])
@pytest.mark.parametrize("descending", [False, True])
def test_each_server_sort_of_the_tenant_list_is_an_index_range(services, sort, descending):
    from billing_desktop.services.tenant_pages import ListQuery, page_query

    _postgres_only(services)
    q = ListQuery(sort=sort, descending=descending)
    for after in (
        None,
        ("x", "y", 7) if sort in ("tier", "mode", "stripe") else (True, "y", 7) if sort == "active" else ("x", 7),
    ):
        assert_indexed(plan(services.ctx.engine, page_query(after=after, query=q)), "tenants")


def test_the_searched_fields_have_statistics_so_the_app_can_tell_rare_text_from_common(services):
    """Without them every `LIKE '%…%'` is guessed from the text alone (migrations 0015 and 0016 say what that cost);
    services/tenant_search.py picks its plan from the planner's estimate."""
    _postgres_only(services)
    with services.ctx.engine.connect() as c:
        got = dict(
            c.execute(
                text(
                    "SELECT c.relname || '.' || a.attname, a.attstattarget FROM pg_attribute a"
                    " JOIN pg_class c ON c.oid = a.attrelid WHERE a.attstattarget > 0"
                    " AND c.relname LIKE '%tenants%'"
                )
            ).all()
        )
    # The name's histogram in every index that holds lower(company_name): the planner reads whichever it meets
    # first (migration 0017).
    names = ("name_order", "tier_order", "mode_order", "active_order", "stripe_order", "search_trgm")
    assert got == {"tenants.slug": 1000, "tenants.email": 1000} | {f"ix_tenants_{n}.lower": 1000 for n in names}, got


@pytest.mark.parametrize("descending", [False, True])
def test_the_stripe_state_sort_is_an_index_range(services, descending):
    from billing_desktop.services.tenant_pages import ListQuery, page_query

    _postgres_only(services)
    q = ListQuery(sort="stripe", descending=descending)
    for after in (None, ("none", "y", 7)):
        p = plan(services.ctx.engine, page_query(after=after, query=q))
        assert_indexed(p, "tenants")
        assert "ix_tenants_stripe_order" in p, p


@pytest.mark.parametrize("descending", [False, True])
def test_the_attention_sort_reads_the_name_index_and_looks_the_counted_tenants_up(services, descending):
    """The tenants without items come from the name index (skipping the board's); each group of the board's tenants
    is a primary-key look-up, sorted by name within the group (at most the board's tenants, never the table)."""
    from billing_desktop.services.tenant_pages import ListQuery
    from billing_desktop.services.tenant_ranked import ranks_of, segment_query

    _postgres_only(services)
    counts = {n: 1 + n % 3 for n in range(1, 400)}
    lq = ListQuery(sort="attention", descending=descending, ranks=ranks_of(counts, descending=descending))
    rest = len(lq.ranks) if descending else 0
    for key in (None, ("globex", 7)):
        p = plan(services.ctx.engine, segment_query("postgresql", lq, rest, key, 201))
        assert_indexed(p, "tenants")
        assert "ix_tenants_name_order" in p, p
    # With a table of some size (statistics), a group is looked up by id rather than found by walking the names.
    from sqlalchemy import insert

    from billing_desktop.store.models import Tenant

    with services.ctx.engine.begin() as c:
        c.execute(
            insert(Tenant.__table__),
            [
                {
                    "company_name": f"T{n}",
                    "slug": f"t-{n}",
                    "email": f"o{n}@t.example",
                    "created_at": T,
                    "updated_at": T,
                }
                for n in range(5000)
            ],
        )
        c.execute(text("ANALYZE tenants"))
    group = 0 if descending else 1
    p = plan(services.ctx.engine, segment_query("postgresql", lq, group, None, 201), sort_allowed=True)
    assert "Seq Scan on tenants" not in p and "tenants_pkey" in p, p
