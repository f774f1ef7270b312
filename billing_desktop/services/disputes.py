"""Open disputes per tenant with reason, amount and evidence due date, most urgent first.

Disputes live on the connected account: one paginated `GET /v1/disputes` per account, with `Stripe-Account`.
Each answer lands in the cache (with its attention items) before the next account is asked, so a failure or a
Cancel midway keeps what was fetched; the view is always built from the cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select

from billing_desktop.connect.errors import StripeProblem
from billing_desktop.connect.pager import Pager
from billing_desktop.domain.attention import countdown, from_dispute
from billing_desktop.domain.money import format_amount
from billing_desktop.domain.requirements import dispute_reason_words
from billing_desktop.domain.roles import Perm
from billing_desktop.domain.states import ConnectionState
from billing_desktop.errors import msg
from billing_desktop.services.connect_cache import ObjectKind, forget, store_connected
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.services.stripe_connect import STALE_AFTER, StripeConnectService
from billing_desktop.store.models import StripeAccount, StripeObject, Tenant

OPEN = ("warning_needs_response", "needs_response", "warning_under_review", "under_review")
NEEDS_EVIDENCE = ("warning_needs_response", "needs_response")


@dataclass(frozen=True, kw_only=True)
class DisputeRow:
    id: str
    slug: str
    tenant_id: int
    amount: int
    currency: str
    amount_text: str
    reason: str
    reason_words: str
    status: str
    due_by: datetime | None
    countdown: str
    overdue: bool  # evidence was due and none was submitted
    charge: str


@dataclass(frozen=True, kw_only=True)
class DisputesView:
    items: list[DisputeRow]
    fetched_at: datetime | None
    stale: bool
    message: str = ""
    problems: list[str] = field(default_factory=list)


class DisputeService:
    def __init__(self, ctx: AppContext, stripe: StripeConnectService):
        self.ctx, self.stripe = ctx, stripe

    def disputes(
        self,
        session: UserSession,
        *,
        tenant_id: int | None = None,
        refresh: bool = True,
        progress: Callable[[int, str], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> DisputesView:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.STRIPE_VIEW, tenant_id)
            q = (
                select(StripeAccount.tenant_id, StripeAccount.stripe_user_id, Tenant.slug)
                .join(Tenant, Tenant.id == StripeAccount.tenant_id)
                .where(StripeAccount.status != ConnectionState.DISCONNECTED, StripeAccount.stripe_user_id.is_not(None))
            )
            if tenant_id is not None:
                q = q.where(StripeAccount.tenant_id == tenant_id)
            accounts = s.execute(q).all()
        problems: list[str] = []
        if refresh:
            try:
                with self.stripe.client_factory(self.stripe.platform.secret_key(), retries=2) as client:
                    for n, (t_id, account_id, slug) in enumerate(accounts):
                        if cancelled():
                            problems.append(
                                msg(
                                    "Cancelled: {left} of {total} accounts not asked.",
                                    left=len(accounts) - n,
                                    total=len(accounts),
                                )
                            )
                            break
                        if progress is not None:
                            progress(
                                n,
                                msg(
                                    "Asking Stripe for the disputes of {slug} ({n} of {total})…",
                                    slug=slug,
                                    n=n + 1,
                                    total=len(accounts),
                                ),
                            )
                        try:
                            self._fetch(client, t_id, str(account_id), cancelled)
                        except StripeProblem as exc:
                            problems.append(msg("{slug}: {problem}", slug=slug, problem=exc.args[0]))
            except StripeProblem as exc:
                problems.append(exc.args[0])  # a Msg: its words in the operator's language
        return self._view([a[0] for a in accounts], problems, refreshed=refresh)

    def _fetch(self, client, tenant_id: int, account_id: str, cancelled) -> None:  # type: ignore[no-untyped-def]
        pager = Pager(client, "/v1/disputes", stripe_account=account_id, cancelled=cancelled)
        fetched = [d for page in pager for d in page]
        with self.ctx.db() as s, s.begin():
            written = store_connected(
                s,
                kind=ObjectKind.DISPUTE,
                tenant_id=tenant_id,
                account=account_id,
                objects=fetched,
                now=self.ctx.clock(),
                derive=from_dispute,
            )
            if written and pager.complete:  # a whole list: what it no longer holds is gone from Stripe too
                forget(s, kind=ObjectKind.DISPUTE, tenant_id=tenant_id, keep={d["id"] for d in fetched})

    def _view(self, tenant_ids: list[int], problems: list[str], *, refreshed: bool) -> DisputesView:
        now = self.ctx.clock()
        with self.ctx.db() as s:
            rows = s.execute(
                select(StripeObject.data, StripeObject.fetched_at, StripeObject.tenant_id, Tenant.slug)
                .join(Tenant, Tenant.id == StripeObject.tenant_id)
                .where(
                    StripeObject.kind == ObjectKind.DISPUTE.value,
                    StripeObject.tenant_id.in_(tenant_ids),
                    StripeObject.status.in_(OPEN),
                )
            ).all()
        items = []
        for data, _, t_id, slug in rows:
            ev = data.get("evidence_details") or {}
            due = datetime.fromtimestamp(ev["due_by"], UTC) if ev.get("due_by") else None
            items.append(
                DisputeRow(
                    id=data["id"],
                    slug=slug,
                    tenant_id=t_id,
                    amount=data["amount"],
                    currency=data["currency"],
                    amount_text=format_amount(data["amount"], data["currency"]),
                    reason=data.get("reason") or "",
                    reason_words=dispute_reason_words(data.get("reason")),
                    status=data["status"],
                    due_by=due,
                    countdown=countdown(due, now),
                    overdue=bool(due and due < now and data["status"] in NEEDS_EVIDENCE),
                    charge=str(data.get("charge") or ""),
                )
            )
        far = datetime.max.replace(tzinfo=UTC)
        items.sort(key=lambda d: (d.status not in NEEDS_EVIDENCE, d.due_by or far, d.slug))
        fetched_at = min((r[1] for r in rows), default=None)
        stale = bool(problems) or not refreshed or (fetched_at is not None and now - fetched_at > STALE_AFTER)
        message = "" if refreshed and not problems else (msg("Showing saved data.") if not refreshed else "")
        return DisputesView(items=items, fetched_at=fetched_at, stale=stale, message=message, problems=problems)
