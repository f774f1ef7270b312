"""The tenant list one page at a time, for a team database too large to load whole (issue 12, item 5).

A page is a keyset range in the list's order, (lower(company_name), id), so the first screen and every next page
are index ranges whatever the table's size (ix_tenants_name_order, migration 0009). Search is a substring anywhere in
the name, slug or email, answered on PostgreSQL by the pg_trgm index over SEARCH_TEXT; the planner walks the name
index instead when most rows match (a one-letter search), so both kinds of keystroke stay cheap.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnClause, Select, func, literal_column, select, tuple_
from sqlalchemy.orm import Session

from billing_desktop.services.tenants import _LIST_COLUMNS, TenantRow
from billing_desktop.store.models import StripeAccount, Tenant

# The exact expression of the trigram index (migration 0011), spelled out so no bound parameter changes it.
SEARCH_TEXT: ColumnClause[Any] = literal_column(
    "lower(tenants.company_name || ' ' || tenants.slug || ' ' || tenants.email)"
)
NAME_KEY = func.lower(Tenant.company_name)


@dataclass(frozen=True)
class TenantPage:
    rows: list[TenantRow]
    after: tuple[str, int] | None  # pass back for the next page; None: this was the last one


def like_pattern(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def page_query(
    search: str = "", after: tuple[str, int] | None = None, limit: int = 200, *, descending: bool = False
) -> Select[*tuple[Any, ...]]:
    """The statement for one page (operators' view: every tenant). Fetch limit + 1 rows to learn if more follow."""
    q = select(*_LIST_COLUMNS, NAME_KEY).outerjoin(StripeAccount, StripeAccount.tenant_id == Tenant.id)
    needle = search.strip().lower()
    if needle:
        q = q.where(SEARCH_TEXT.like(like_pattern(needle), escape="\\"))
    key = tuple_(NAME_KEY, Tenant.id)
    if after is not None:
        q = q.where(key < tuple_(*after) if descending else key > tuple_(*after))
    order = (NAME_KEY.desc(), Tenant.id.desc()) if descending else (NAME_KEY, Tenant.id)
    return q.order_by(*order).limit(limit + 1)


def read_page(s: Session, q: Select[*tuple[Any, ...]], limit: int) -> TenantPage:
    intern = sys.intern
    got = s.execute(q).all()
    rows = [
        TenantRow(i, name, slug, email, intern(tier), intern(mode), active, intern(stripe or "none"))
        for i, name, slug, email, tier, mode, active, stripe, _key in got[:limit]
    ]
    more = len(got) > limit
    return TenantPage(rows, (got[limit - 1][-1], got[limit - 1][0]) if more and limit else None)
