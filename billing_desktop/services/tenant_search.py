"""Search as you type on a team database (PostgreSQL): a page of the tenants whose name, slug or email contains a
text, in name order, by whichever of two plans is cheap for that text, picked on each keystroke.

No single index answers "contains this text, in name order". Two answer it by halves:
- WALK: the name order's covering index (migration 0016) read in order, index-only, each entry tested until a page
  of matches is found. Costs the entries before the page's last match: cheap for common text ("stark", 10% of the
  tenants), ruinous for rare text (all 1,000,000 entries for no match).
- TRIGRAM: the pg_trgm index gives every match, which are read and the first page sorted. Costs the matches: cheap
  for rare text, ruinous for common text (98,000 rows read and sorted for a page of 200).
The planner's own choice between them went wrong both ways (docs/PERFORMANCE.md), so the app picks: from the
planner's estimate of the matches (its statistics on the three fields, migration 0016), a text estimated to match
more than dense_share() of the tenants is walked, else the trigram index is asked. Each plan's failure is bounded by the
other: a walk that passes WALK_LIMIT entries without filling the page hands the rest of the order (after the last
entry it read) to the trigram index. A text with no three letters or digits in a row has no trigram to look up and
is always walked.

Only the operators' default view takes this path (name order, no Stripe filter, no attention filter): the other
orders and those filters keep the single statement of services/tenant_pages.py and the planner's choice.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, literal, literal_column, or_, select, text, tuple_
from sqlalchemy.orm import Session

from billing_desktop.services.tenant_pages import NAME_KEY, ListQuery, TenantPage, like_pattern, matches, read_page
from billing_desktop.services.tenant_search_sample import FIELDS, Sample, sample
from billing_desktop.services.tenants import _LIST_COLUMNS
from billing_desktop.store.models import StripeAccount, Tenant

# The walk reads about PAGE / share entries for a page when matches are spread evenly, the trigram plan reads share *
# tenants matches at about 1 / WALK_COST_RATIO the cost of an entry (measured at 1,000,000: ~1 µs against ~5 µs), so
# they break even at share = sqrt(PAGE * WALK_COST_RATIO / tenants): 0.63% of 1,000,000, 20% of 1,000.
WALK_COST_RATIO = 0.2
PAGE = 200
# Measured at 1,000,000: a walk's entry (index only, one field tested) ~0.3 us, a row the trigram index gives ~5 us.
ENTRY_VS_ROW = 0.06
WALK_LIMIT = 50_000  # index entries a walk reads before it hands the rest to the trigram index
_TRIGRAM = re.compile(r"[^\W_]{3}")  # pg_trgm extracts trigrams from runs of letters and digits


class Plan(Enum):
    WALK = "walk"
    TRIGRAM = "trigram"


def takes_planned_search(s: Session, lq: ListQuery) -> bool:
    return (
        s.get_bind().dialect.name == "postgresql"
        and bool(lq.search.strip())
        and lq.sort == "company_name"
        and lq.stripe is None
        and lq.only_ids is None
    )


def choose(s: Session, lq: ListQuery) -> Plan:
    """The plan for `lq`'s text: the walk for text estimated in more than dense_share() of the tenants (from the
    statistics' sample kept per engine, else by asking the planner)."""
    return _choose(s, lq, *_statistics(s))


def _statistics(s: Session) -> tuple[float, Sample | None]:
    """The table's estimated size, and the engine's sample of the searched fields (None: no statistics yet)."""
    tenants = float(s.scalar(text("SELECT reltuples FROM pg_class WHERE oid = 'tenants'::regclass")) or 0)
    if tenants <= 0:  # never analyzed: a new, small table
        return tenants, None
    known = sample(s, tenants)
    return tenants, known if known.known() else None


def _choose(s: Session, lq: ListQuery, tenants: float, known: Sample | None) -> Plan:
    needle = _needle(lq)
    if not _TRIGRAM.search(needle) or tenants <= 0:
        return Plan.WALK
    if known is None:
        return Plan.WALK if _estimate(s, lq.search) / tenants > dense_share(tenants) else Plan.TRIGRAM
    if known.share(needle) > dense_share(tenants):
        return Plan.WALK
    # Rare text is walked too where its page comes early in the name order: the walk costs the entries before its
    # page's last match, the trigram index the rows it gives, each about 1 / ENTRY_VS_ROW entries. (Where the sample
    # has no match, the walk's estimate runs to the next one: on its own it flipped "stark 9" from run to run.)
    walked = known.walk_entries(needle, PAGE, descending=lq.descending)
    return Plan.WALK if walked * ENTRY_VS_ROW < known.candidates(needle) else Plan.TRIGRAM


def _needle(lq: ListQuery) -> str:
    return lq.search.strip().lower().replace("\x00", "")


def dense_share(tenants: float) -> float:
    """The share of the tenants a text must be estimated to match for the walk to be the cheaper plan."""
    return min(1.0, math.sqrt(PAGE * WALK_COST_RATIO / max(tenants, 1.0)))


def _estimate(s: Session, needle: str) -> float:
    """The planner's estimate of the tenants matching `needle` (the text bound as a parameter, as any query's)."""
    compiled = select(literal(1)).select_from(Tenant).where(matches(needle)).compile(s.get_bind())
    plan = s.connection().exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar_one()
    return float(plan[0]["Plan"]["Plan Rows"])


def _walked(lq: ListQuery, tenants: float, known: Sample | None) -> tuple[str, ...]:
    """The fields a walk tests on each entry; the others (where the sample does not see the text: "sta" in no slug
    and no email) are asked of the trigram index apart, which finds nothing there at once, and the walk reads no
    more than the name."""
    needle = _needle(lq)
    if known is None or not _TRIGRAM.search(needle):
        return FIELDS
    rare = dense_share(tenants) / 10
    walked = tuple(f for f in FIELDS if known.fields[f].share(needle) >= rare or not known.probes(needle, f))
    return walked or FIELDS


def page(s: Session, lq: ListQuery, after: tuple[Any, ...] | None, limit: int, plan: Plan | None = None) -> TenantPage:
    """One page of `lq` (see takes_planned_search) after the key `after`; `plan` forces one (tests)."""
    # Compiling a walk priced above jit_above_cost to machine code costs more than the walk (50-100 ms).
    s.execute(text("SELECT set_config('jit', 'off', true)"))
    tenants, known = _statistics(s)
    plan = plan or _choose(s, lq, tenants, known)
    if plan is Plan.WALK:
        walked = _walked(lq, tenants, known)
        bound = None if not _TRIGRAM.search(lq.search.lower()) else WALK_LIMIT
        found, last = _walk(s, lq, after, limit + 1, bound, walked)
        if len(found) <= limit and last is not None:  # the walk gave up: the rest of the order by the trigram index
            found += _trigram(s, lq, last, limit + 1 - len(found), known, walked)
        if len(walked) < len(FIELDS):  # the first matches in the other fields: _rows orders the two and cuts
            found += _trigram(s, lq, after, limit + 1, known, tuple(f for f in FIELDS if f not in walked))
    else:
        found = _trigram(s, lq, after, limit + 1, known, FIELDS)
    return _rows(s, list(dict.fromkeys(i for i, _ in found)), lq, limit)


def _order(lq: ListQuery, key: Any = NAME_KEY) -> list[Any]:
    return [key.desc(), Tenant.id.desc()] if lq.descending else [key, Tenant.id]


def _keyset(lq: ListQuery, after: tuple[Any, ...] | None, key: Any = NAME_KEY) -> list[Any]:
    if after is None:
        return []
    pair = tuple_(key, Tenant.id)
    return [pair < tuple_(*after) if lq.descending else pair > tuple_(*after)]


# The trigram plan orders and pages on a copy of the name key that no index holds, so the planner cannot answer it by
# walking the name order (the other plan's job, which reads every entry for rare text) nor by a range of it: no
# setting to switch, no round trip for it. The copy orders as the key does (the same text, the same collation).
_UNINDEXED_KEY = NAME_KEY.op("||")(literal_column("''"))


def _facets(lq: ListQuery, tier: Any, mode: Any) -> list[Any]:
    return ([tier == lq.tier] if lq.tier else []) + ([mode == lq.mode] if lq.mode else [])


def walk_query(
    lq: ListQuery, after: tuple[Any, ...] | None, want: int, bound: int | None, fields: Sequence[str] = FIELDS
) -> Select[Any]:
    """The walk: of the name order's entries after `after` (at most `bound`), the first `want` that match in one of
    `fields`."""
    order = _order(lq)
    # Only columns of the covering index, so the walk reads no table row; only those tested, so it reads no more.
    tested = [c for f, c in (("slug", Tenant.slug), ("email", Tenant.email)) if f in fields]
    facets = [c for c, on in ((Tenant.tier, lq.tier), (Tenant.mode, lq.mode)) if on]
    entries = select(Tenant.id, NAME_KEY.label("k"), *tested, *facets).where(*_keyset(lq, after))
    w = entries.order_by(*order).limit(bound).subquery()
    pattern = like_pattern(lq.search.strip().lower())
    columns: dict[str, Any] = {"name": w.c.k, "slug": w.c.get("slug"), "email": w.c.get("email")}
    hit = or_(*(columns[f].like(pattern, escape="\\") for f in FIELDS if f in fields))
    return (
        select(w.c.id, w.c.k)
        .where(hit, *_facets(lq, w.c.get("tier"), w.c.get("mode")))
        # The entries' own order, which the planner knows they come in: no sort, so the walk stops at `want`.
        .order_by(*([w.c.k.desc(), w.c.id.desc()] if lq.descending else [w.c.k, w.c.id]))
        .limit(want)
    )


def _walk(
    s: Session, lq: ListQuery, after: tuple[Any, ...] | None, want: int, bound: int | None, fields: Sequence[str]
) -> tuple[list[tuple[int, Any]], tuple[Any, ...] | None]:
    """Up to `want` matches (id, key) in `fields`, in order; and, if the walk read `bound` entries without finding
    `want`, the key of the last entry it read (else None)."""
    hits = [(r.id, r.k) for r in s.execute(walk_query(lq, after, want, bound, fields)).all()]
    if len(hits) >= want or bound is None:
        return hits, None
    last = s.execute(
        select(NAME_KEY, Tenant.id).where(*_keyset(lq, after)).order_by(*_order(lq)).offset(bound - 1).limit(1)
    ).first()
    return hits, None if last is None else (last[0], last[1])


_FIELDS = {"name": NAME_KEY, "slug": Tenant.slug, "email": Tenant.email}


def trigram_query(
    lq: ListQuery,
    after: tuple[Any, ...] | None,
    want: int,
    probes: Mapping[str, Sequence[str]] | None = None,
    fields: Sequence[str] = FIELDS,
) -> Select[Any]:
    """Every match after `after` (by the trigram index: see _UNINDEXED_KEY), the first `want` sorted.
    `probes`: for a field, the parts of the text the index is asked for (tenant_search_sample.Sample.probes); the
    whole text is then checked on each candidate row in a form no index answers. A field without probes asks the
    index for the whole text. Only `fields` are searched."""
    hit = matches(lq.search)
    if (probes and any(probes.values())) or tuple(fields) != FIELDS:
        pattern = like_pattern(_needle(lq))
        ors: list[ColumnElement[bool]] = []
        for name, column in _FIELDS.items():
            if name not in fields:
                continue
            asked = (probes or {}).get(name) or ()
            if not asked:
                ors.append(column.like(pattern, escape="\\"))
                continue
            checked = column.op("||")(literal_column("''")).like(pattern, escape="\\")
            ors.append(and_(*(column.like(like_pattern(p), escape="\\") for p in asked), checked))
        hit = or_(*ors)
    return (
        select(Tenant.id, NAME_KEY)
        .where(hit, *_keyset(lq, after, _UNINDEXED_KEY), *_facets(lq, Tenant.tier, Tenant.mode))
        .order_by(*_order(lq, _UNINDEXED_KEY))
        .limit(want)
    )


def _trigram(
    s: Session,
    lq: ListQuery,
    after: tuple[Any, ...] | None,
    want: int,
    known: Sample | None,
    fields: Sequence[str],
) -> list[tuple[int, Any]]:
    needle = _needle(lq)
    probes = {name: known.probes(needle, name) for name in fields} if known else None
    return [(r[0], r[1]) for r in s.execute(trigram_query(lq, after, want, probes, fields)).all()]


def _rows(s: Session, ids: Sequence[int], lq: ListQuery, limit: int) -> TenantPage:
    """The list's rows of `ids` (at most limit + 1, in the page's order), with their Stripe state."""
    order = _order(lq)
    q: Select[Any] = (
        select(*_LIST_COLUMNS, NAME_KEY, Tenant.id)
        .outerjoin(StripeAccount, StripeAccount.tenant_id == Tenant.id)
        .where(Tenant.id.in_(list(ids)))
        .order_by(*order)
    )
    return read_page(s, q, limit)
