"""Every filter the GUI offers on the audit and delivery logs is answered from an index (SQLite's query plan)."""

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


def plan(engine, statement) -> str:
    compiled = statement.compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as c:
        return "\n".join(row[-1] for row in c.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))


def assert_indexed(p: str, table: str) -> None:
    scans = [line for line in p.splitlines() if line.startswith(f"SCAN {table}") and "USING" not in line]
    assert not scans, p
    assert "USE TEMP B-TREE FOR ORDER BY" not in p, p


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
    assert_indexed(plan(services.ctx.engine, q), "webhook_deliveries")


def test_key_lookup_and_tenant_list_use_indexes(services):
    from sqlalchemy import select

    from billing_desktop.store.models import ApiKey

    p = plan(services.ctx.engine, select(ApiKey).where(ApiKey.lookup_hash == "0" * 64))
    assert "USING INDEX" in p and "SCAN" not in p
