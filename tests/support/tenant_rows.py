"""Numbered tenants written straight into the tenants table, for list and paging tests on both backends."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert

from billing_desktop.store.models import Tenant


def numbered_tenants(services, count: int, *, digits: int) -> None:
    """ "Tenant 00" (slug tenant-00, owner0@t0.example) and on, `digits` wide so that name order is number order; the
    tier cycles free, pro, enterprise. One multi-row INSERT (no owner, no keys): hundreds in a moment."""
    now = datetime(2026, 11, 27, tzinfo=UTC)
    rows = [
        {
            "company_name": f"Tenant {n:0{digits}d}",
            "slug": f"tenant-{n:0{digits}d}",
            "email": f"owner{n}@t{n}.example",
            "domain": "",
            "tier": ("free", "pro", "enterprise")[n % 3],
            "platform_fee_percent": 0,
            "mode": "test",
            "active": True,
            "branding": {},
            "metadata": {},
            "created_at": now,
            "updated_at": now,
        }
        for n in range(count)
    ]
    with services.ctx.engine.begin() as c:
        c.execute(insert(Tenant.__table__), rows)
