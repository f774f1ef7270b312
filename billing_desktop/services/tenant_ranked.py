"""The tenant list in order of its attention count, a page at a time (a team database's list, the CLI's `--sort
attention`).

The count is not a column: it is the Needs-attention board's items per tenant, which the window (or the CLI) holds
already, and part of it depends on the time (a key's grace period ending). So the caller passes the board's tenants
grouped by count (`ListQuery.ranks`, `ranks_of`), and the list is read as segments: each group in name order (a
primary-key look-up of at most the board's tenants), and every other tenant (count 0) in name order from the name
index, skipping the ranked ones. Most first: the groups, then the rest; fewest first: the rest, then the groups. Ties
stay in name order either way, as in the in-memory list. A page's key is (segment, lower(name), id).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Integer, Select, all_, any_, bindparam, func, literal_column, select, tuple_
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from billing_desktop.services.tenant_pages import NAME_KEY, ListQuery, TenantPage, _filtered, page_of
from billing_desktop.services.tenants import _LIST_COLUMNS
from billing_desktop.store.models import StripeAccount, Tenant

RANKED = "attention"


def ranks_of(counts: Mapping[int, int], *, descending: bool) -> tuple[tuple[int, ...], ...]:
    """The tenants with items, grouped by count in the list's order (most first when descending)."""
    by: dict[int, list[int]] = defaultdict(list)
    for tenant_id, n in counts.items():
        if n > 0:
            by[n].append(tenant_id)
    return tuple(tuple(sorted(by[n])) for n in sorted(by, reverse=descending))


def _ids(dialect: str, ids: tuple[int, ...], *, inside: bool) -> Any:
    """`tenants.id` in (or not in) a list of any length as ONE parameter: an array on PostgreSQL, JSON on SQLite
    (a board can name 50,000 tenants; one placeholder each would pass SQLite's limit)."""
    if dialect == "postgresql":
        array = bindparam(None, list(ids), type_=ARRAY(Integer))
        return Tenant.id == any_(array) if inside else Tenant.id != all_(array)
    listed: Select[Any] = select(literal_column("value")).select_from(
        func.json_each(bindparam(None, json.dumps(list(ids))))
    )
    return Tenant.id.in_(listed) if inside else Tenant.id.not_in(listed)


def _segments(dialect: str, lq: ListQuery) -> list[Any]:
    groups = [_ids(dialect, ids, inside=True) for ids in lq.ranks]
    ranked = tuple(i for ids in lq.ranks for i in ids)
    rest = _ids(dialect, ranked, inside=False) if ranked else None
    return [*groups, rest] if lq.descending else [rest, *groups]


def segment_query(dialect: str, lq: ListQuery, n: int, key: tuple[Any, ...] | None, limit: int) -> Select[Any]:
    """Segment n's rows (list columns, then lower(name) and id) in name order, after `key` if given."""
    where = _segments(dialect, lq)[n]
    q = select(*_LIST_COLUMNS, NAME_KEY, Tenant.id).outerjoin(StripeAccount, StripeAccount.tenant_id == Tenant.id)
    q = _filtered(q, lq)
    if where is not None:
        q = q.where(where)
    if key is not None:
        q = q.where(tuple_(NAME_KEY, Tenant.id) > tuple_(*key))
    return q.order_by(NAME_KEY, Tenant.id).limit(limit)


def read_ranked(
    s: Session,
    own: Callable[[Select[Any]], Select[Any]],
    lq: ListQuery,
    after: tuple[Any, ...] | None,
    limit: int,
) -> TenantPage:
    """One page in attention order: the segments from `after`'s on, until limit + 1 rows (more follow) are in."""
    dialect = s.get_bind().dialect.name
    start, key = (int(after[0]), tuple(after[1:])) if after else (0, None)
    got: list[tuple[Any, ...]] = []
    for n in range(start, len(lq.ranks) + 1):
        q = own(segment_query(dialect, lq, n, key if n == start else None, limit + 1 - len(got)))
        got += [(*row[:-2], n, *row[-2:]) for row in s.execute(q)]
        if len(got) > limit:
            break
    return page_of(got, limit)
