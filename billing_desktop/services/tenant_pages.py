"""The tenant list one page at a time, for a team database too large to load whole (issue 12, item 5).

A page is a keyset range in the list's order: (lower(company_name), id) by default, or the sort column first for the
columns the list can sort on the server (SORT_KEYS; each has an index whose order it is: migrations 0009 and 0013).
So the first screen and every next page are index ranges whatever the table's size. Search is a substring anywhere
in the name, the slug or the email (matches(); on PostgreSQL the pg_trgm index over the three fields, or a walk of the
name order's covering index for common text: services/tenant_search.py picks one per keystroke).
"""

from __future__ import annotations

import sys
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select, tuple_
from sqlalchemy.orm import Session

from billing_desktop.services.tenants import _LIST_COLUMNS, TenantRow
from billing_desktop.store.models import StripeAccount, Tenant

NAME_KEY = func.lower(Tenant.company_name)
# The server-side sort orders: the keyset of each (slug and email are unique; the rest end in the name order).
SORT_KEYS: dict[str, tuple[Any, ...]] = {
    "company_name": (NAME_KEY, Tenant.id),
    "slug": (Tenant.slug, Tenant.id),
    "email": (Tenant.email, Tenant.id),
    "tier": (Tenant.tier, NAME_KEY, Tenant.id),
    "mode": (Tenant.mode, NAME_KEY, Tenant.id),
    "active": (Tenant.active, NAME_KEY, Tenant.id),
    "stripe": (Tenant.stripe_state, NAME_KEY, Tenant.id),  # kept from stripe_accounts by a trigger (0018)
}


@dataclass(frozen=True)
class TenantPage:
    rows: list[TenantRow]
    after: tuple[Any, ...] | None  # pass back for the next page; None: this was the last one


@dataclass(frozen=True, kw_only=True)
class ListQuery:
    """What the operator asked the list for: search text, the drop-down filters, and the order."""

    search: str = ""
    sort: str = "company_name"
    descending: bool = False
    tier: str | None = None
    mode: str | None = None
    stripe: str | None = None  # a connection state, or "none": no Stripe account
    only_ids: Collection[int] | None = None  # "needs attention": the tenants on the board
    # sort="attention": the board's tenants grouped by count, in the list's order (services.tenant_ranked)
    ranks: tuple[tuple[int, ...], ...] = ()


def like_pattern(needle: str) -> str:
    # No tenant's text holds a NUL, and SQLite ends a string at one: '%\x00%' would match every tenant.
    needle = needle.replace("\x00", "")
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matches(needle: str) -> ColumnElement[bool]:
    """A substring of the name, the slug or the email (each field on its own, as the SQLite list searches).
    The expressions are those of the trigram index and the name order's index (migration 0016); slugs and emails
    are stored lower-case (slugify, normalize_email), names are not."""
    pattern = like_pattern(needle.strip().lower())
    return or_(
        NAME_KEY.like(pattern, escape="\\"),
        Tenant.slug.like(pattern, escape="\\"),
        Tenant.email.like(pattern, escape="\\"),
    )


def _filtered(q: Select[Any], lq: ListQuery) -> Select[Any]:
    needle = lq.search.strip().lower()
    if needle:
        q = q.where(matches(needle))
    if lq.tier:
        q = q.where(Tenant.tier == lq.tier)
    if lq.mode:
        q = q.where(Tenant.mode == lq.mode)
    if lq.stripe:
        q = q.where(StripeAccount.status.is_(None) if lq.stripe == "none" else StripeAccount.status == lq.stripe)
    if lq.only_ids is not None:
        q = q.where(Tenant.id.in_(list(lq.only_ids)))
    return q


def page_query(
    search: str = "",
    after: tuple[Any, ...] | None = None,
    limit: int = 200,
    *,
    descending: bool = False,
    query: ListQuery | None = None,
) -> Select[*tuple[Any, ...]]:
    """The statement for one page (operators' view: every tenant). Fetch limit + 1 rows to learn if more follow.
    The row is the list's columns followed by its sort key."""
    lq = query or ListQuery(search=search, descending=descending)
    keys = SORT_KEYS[lq.sort]
    q = select(*_LIST_COLUMNS, *keys).outerjoin(StripeAccount, StripeAccount.tenant_id == Tenant.id)
    q = _filtered(q, lq)
    key = tuple_(*keys)
    if after is not None:
        q = q.where(key < tuple_(*after) if lq.descending else key > tuple_(*after))
    order = [k.desc() for k in keys] if lq.descending else list(keys)
    return q.order_by(*order).limit(limit + 1)


def matching_query(query: ListQuery) -> Select[Any]:
    """The ids of the tenants `query` matches (search and filters), in no order: what count_of counts."""
    return _filtered(select(Tenant.id).outerjoin(StripeAccount, StripeAccount.tenant_id == Tenant.id), query)


def count_of(matching: Select[Any], cap: int | None) -> Select[Any]:
    """Count at most cap + 1 of the matching rows: a one-letter search must not count 1,000,000 on each keystroke."""
    if cap is not None:
        matching = matching.limit(cap + 1)
    return select(func.count()).select_from(matching.subquery())


def read_page(s: Session, q: Select[*tuple[Any, ...]], limit: int) -> TenantPage:
    return page_of(s.execute(q).all(), limit)


def page_of(got: Sequence[Any], limit: int) -> TenantPage:
    """Rows of the list's columns, each followed by its sort key (limit + 1 of them if more follow), as a page."""
    intern = sys.intern
    width = len(_LIST_COLUMNS)
    rows = [
        TenantRow(r[0], r[1], r[2], r[3], intern(r[4]), intern(r[5]), r[6], intern(r[7] or "none")) for r in got[:limit]
    ]
    more = len(got) > limit
    return TenantPage(rows, tuple(got[limit - 1][width:]) if more and limit else None)
