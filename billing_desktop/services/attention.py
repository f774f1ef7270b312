"""The needs-attention board, computed from the local cache only (so it works offline, marked stale).

Stripe-derived items were worked out when their objects were cached (attention_items); what depends on local
data or on the time (failing webhook endpoints, keys leaving their grace period, live tenants without an
account, accounts a sync no longer found) is asked here, each from an index.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from itertools import accumulate, chain
from typing import Any

from sqlalchemy import and_, exists, select
from sqlalchemy.orm import Session

from billing_desktop.domain.attention import FIX, TAB, AttentionKind, Fix, countdown, urgency
from billing_desktop.domain.roles import Perm
from billing_desktop.domain.states import ConnectionState, DeliveryOutcome
from billing_desktop.domain.validation import Mode
from billing_desktop.errors import load_text, msg
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.services.stripe_connect import STALE_AFTER
from billing_desktop.services.tenant_columns import TextColumn
from billing_desktop.store.models import (
    ApiKey,
    AttentionItem,
    Setting,
    StripeAccount,
    Tenant,
    WebhookDelivery,
    WebhookEndpoint,
)

KEY_WARNING = timedelta(days=1)


@dataclass(frozen=True, kw_only=True, slots=True)  # slots: a board can hold one row per live tenant
class AttentionRow:
    kind: AttentionKind
    tenant_id: int
    slug: str
    company: str
    title: str
    detail: str
    due_at: datetime | None
    countdown: str
    tab: str  # the tenant tab that shows it: stripe | keys | webhooks
    fix: Fix
    ref: int | None = None  # e.g. the failed delivery to resend


class SameItems(Sequence[AttentionRow]):
    """Items of one kind whose words are the same for every tenant (a live tenant without an account: one per such
    tenant, 50,000 at 100,000 tenants). The tenants' ids, slugs and names are held as columns and the title and
    detail once; an AttentionRow is made only when one is read (the board's rows on screen, the CLI's lines)."""

    __slots__ = ("companies", "detail", "ids", "kind", "slugs", "title")

    def __init__(self, kind: AttentionKind, title: str, detail: str) -> None:
        self.kind, self.title, self.detail = kind, title, detail
        self.ids = array("q")
        self.slugs = TextColumn()
        self.companies = TextColumn()

    def append(self, tenant_id: int, slug: str, company: str) -> None:
        self.ids.append(tenant_id)
        self.slugs.append(slug)
        self.companies.append(company)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        if isinstance(i, slice):
            return [self[n] for n in range(*i.indices(len(self)))]
        kind = self.kind
        return AttentionRow(
            kind=kind,
            tenant_id=self.ids[i],
            slug=self.slugs[i],
            company=self.companies[i],
            title=self.title,
            detail=self.detail,
            due_at=None,
            countdown="",
            tab=TAB.get(kind, "stripe"),
            fix=FIX.get(kind, Fix.NONE),
        )


class BoardItems(Sequence[AttentionRow]):
    """The board's items in urgency order: runs of rows one after the other, read as one sequence."""

    __slots__ = ("_parts", "_starts")

    def __init__(self, parts: Sequence[Sequence[AttentionRow]]) -> None:
        self._parts = [p for p in parts if len(p)]
        self._starts = list(accumulate((len(p) for p in self._parts), initial=0))

    def __len__(self) -> int:
        return self._starts[-1]

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        if isinstance(i, slice):
            return [self[n] for n in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError("board index out of range")
        part = bisect_right(self._starts, i) - 1
        return self._parts[part][i - self._starts[part]]

    def __iter__(self) -> Iterator[AttentionRow]:
        return chain.from_iterable(self._parts)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Sequence)
            and len(self) == len(other)
            and all(a == b for a, b in zip(self, other, strict=True))
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"BoardItems({len(self)} items)"


class TenantCounts(Mapping[int, int]):
    """Items per tenant id, for the list's "!" column and filter: a dict for the tenants with rows, and the sorted ids
    of a SameItems run (one item each) looked up by bisection. A dict entry per live tenant without an account was
    about 85 bytes (the int key, its slot); here 8."""

    __slots__ = ("_rows", "_run")

    def __init__(self, rows: Mapping[int, int], run_ids: Iterable[int]) -> None:
        self._rows = dict(rows)
        self._run = array("q", sorted(run_ids))

    def _in_run(self, tenant_id: int) -> int:
        run = self._run
        i = bisect_left(run, tenant_id)
        return int(i < len(run) and run[i] == tenant_id)

    def _count(self, tenant_id: int) -> int:
        return self._rows.get(tenant_id, 0) + self._in_run(tenant_id)

    def get(self, tenant_id: int, default: Any = None) -> Any:
        return self._count(tenant_id) or default

    def __getitem__(self, tenant_id: int) -> int:
        n = self._count(tenant_id)
        if not n:
            raise KeyError(tenant_id)
        return n

    def __contains__(self, tenant_id: object) -> bool:
        return isinstance(tenant_id, int) and self._count(tenant_id) > 0

    def __iter__(self) -> Iterator[int]:
        yield from self._run
        yield from (i for i in self._rows if not self._in_run(i))

    def __len__(self) -> int:
        return len(self._run) + sum(1 for i in self._rows if not self._in_run(i))

    def __repr__(self) -> str:
        return f"TenantCounts({dict(self)!r})"


@dataclass(frozen=True, kw_only=True)
class AttentionBoard:
    items: Sequence[AttentionRow]  # a BoardItems from the service: index it or iterate, it is not a list
    last_sync: datetime | None
    stale: bool
    per_tenant: Mapping[int, int] = field(default_factory=dict)


class AttentionService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    def board(self, session: UserSession) -> AttentionBoard:
        now = self.ctx.clock()
        with self.ctx.db() as s:
            scope = None if session.is_operator else session.tenant_id
            authorize(s, self.ctx, session, Perm.STRIPE_VIEW, scope)
            # Each query joins the tenant for its slug and name (no second query with one parameter per tenant:
            # 50,000 live tenants without an account made a 50,000-parameter IN list).
            raw: list[tuple[AttentionKind, int, str, str, str, str, datetime | None, int | None]] = []

            def scoped(q: Any) -> Any:  # any Select over Tenant
                q = q.where(Tenant.active.is_(True))
                return q if scope is None else q.where(Tenant.id == scope)

            for kind, tenant_id, slug, company, title, detail, due in s.execute(
                scoped(
                    select(
                        AttentionItem.kind,
                        AttentionItem.tenant_id,
                        Tenant.slug,
                        Tenant.company_name,
                        AttentionItem.title,
                        AttentionItem.detail,
                        AttentionItem.due_at,
                    ).join(Tenant, Tenant.id == AttentionItem.tenant_id)
                )
            ):
                raw.append(
                    (AttentionKind(kind), tenant_id, slug, company, load_text(title), load_text(detail), due, None)
                )
            for tenant_id, slug, company, account_id, since in s.execute(
                scoped(
                    select(
                        StripeAccount.tenant_id,
                        Tenant.slug,
                        Tenant.company_name,
                        StripeAccount.stripe_user_id,
                        StripeAccount.missing_since,
                    )
                    .join(Tenant, Tenant.id == StripeAccount.tenant_id)
                    .where(
                        StripeAccount.missing_since.is_not(None), StripeAccount.status != ConnectionState.DISCONNECTED
                    )
                )
            ):
                raw.append(
                    (
                        AttentionKind.ACCOUNT_MISSING,
                        tenant_id,
                        slug,
                        company,
                        msg("Stripe no longer lists account {account}", account=account_id),
                        msg(
                            "Not returned by a full sync since {since} UTC: removed, or access revoked.",
                            since=f"{since:%Y-%m-%d %H:%M}",
                        ),
                        None,
                        None,
                    )
                )
            connected = exists().where(
                and_(StripeAccount.tenant_id == Tenant.id, StripeAccount.status != ConnectionState.DISCONNECTED)
            )
            # Code point order, as Python sorts the other rows (PostgreSQL's default collation is the locale's).
            by_slug = Tenant.slug.collate("C") if s.get_bind().dialect.name == "postgresql" else Tenant.slug
            # One per live tenant without an account: held as columns, in slug order (the board's order within a
            # kind without a due date), the words once for all of them.
            unconnected = SameItems(
                AttentionKind.LIVE_WITHOUT_ACCOUNT,
                msg("Live mode, but no Stripe account is connected"),
                msg("Charges cannot be made until an account is connected."),
            )
            for tenant_id, slug, company in s.execute(
                scoped(
                    select(Tenant.id, Tenant.slug, Tenant.company_name)
                    .where(Tenant.mode == Mode.LIVE, ~connected)
                    .order_by(by_slug)
                ).execution_options(yield_per=2000)
            ):
                unconnected.append(tenant_id, slug, company)
            for tenant_id, slug, company, prefix, last4, expires in s.execute(
                scoped(
                    select(
                        ApiKey.tenant_id,
                        Tenant.slug,
                        Tenant.company_name,
                        ApiKey.prefix,
                        ApiKey.last4,
                        ApiKey.expires_at,
                    )
                    .join(Tenant, Tenant.id == ApiKey.tenant_id)
                    .where(
                        ApiKey.revoked_at.is_(None),
                        ApiKey.expires_at.is_not(None),
                        ApiKey.expires_at > now,
                        ApiKey.expires_at <= now + KEY_WARNING,
                    )
                )
            ):
                raw.append(
                    (
                        AttentionKind.KEY_GRACE_ENDING,
                        tenant_id,
                        slug,
                        company,
                        msg("Old key {key} stops working", key=f"{prefix}…{last4}"),
                        msg("Its grace period after a roll ends: make sure every client uses the new key."),
                        expires,
                        None,
                    )
                )
            raw.extend(self._failing_webhooks(s, scoped))
            last = s.get(Setting, "connect_last_sync")
        last_sync = datetime.fromisoformat(last.value) if last else None
        rows = [
            AttentionRow(
                kind=kind,
                tenant_id=tenant_id,
                slug=slug,
                company=company,
                title=title,
                detail=detail,
                due_at=due,
                countdown=countdown(due, now),
                tab=TAB.get(kind, "stripe"),
                fix=FIX.get(kind, Fix.NONE),
                ref=ref,
            )
            for kind, tenant_id, slug, company, title, detail, due, ref in raw
        ]
        rows.sort(key=lambda r: (*urgency(r.kind, r.due_at, now), r.slug))
        # Every item of the run has the same urgency and no other kind shares it: it goes in whole, before the
        # first row that sorts after it.
        run_key = urgency(unconnected.kind, None, now)
        at = bisect_right([urgency(r.kind, r.due_at, now) for r in rows], run_key)
        per_tenant = TenantCounts(Counter(r.tenant_id for r in rows), unconnected.ids)
        return AttentionBoard(
            items=BoardItems([rows[:at], unconnected, rows[at:]]),
            last_sync=last_sync,
            stale=last_sync is None or now - last_sync > STALE_AFTER,
            per_tenant=per_tenant,
        )

    @staticmethod
    def _failing_webhooks(s: Session, scoped: Callable[[Any], Any]) -> list[Any]:
        """An enabled endpoint whose latest delivery failed: one indexed look-up per endpoint (there are few)."""
        latest = (
            select(WebhookDelivery.id)
            .where(WebhookDelivery.tenant_id == WebhookEndpoint.tenant_id)
            .order_by(WebhookDelivery.at.desc(), WebhookDelivery.id.desc())
            .limit(1)
            .correlate(WebhookEndpoint)
            .scalar_subquery()
        )
        out = []
        for tenant_id, slug, company, url, delivery_id, outcome, status, error, at in s.execute(
            scoped(
                select(
                    WebhookEndpoint.tenant_id,
                    Tenant.slug,
                    Tenant.company_name,
                    WebhookEndpoint.url,
                    WebhookDelivery.id,
                    WebhookDelivery.outcome,
                    WebhookDelivery.status_code,
                    WebhookDelivery.error,
                    WebhookDelivery.at,
                )
                .join(Tenant, Tenant.id == WebhookEndpoint.tenant_id)
                .join(WebhookDelivery, WebhookDelivery.id == latest)
                .where(WebhookEndpoint.enabled.is_(True), WebhookDelivery.outcome != DeliveryOutcome.OK)
            )
        ):
            why = f"HTTP {status}" if status else (error or outcome)
            out.append(
                (
                    AttentionKind.WEBHOOK_FAILING,
                    tenant_id,
                    slug,
                    company,
                    msg("Webhook endpoint is failing"),
                    msg("{url}: last delivery {at} UTC failed ({why}).", url=url, at=f"{at:%Y-%m-%d %H:%M}", why=why),
                    None,
                    delivery_id,
                )
            )
        return out
