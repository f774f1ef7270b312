"""Whose payouts failed? Every connected tenant's payouts of one status (failed by default), for all tenants at once.

Payouts live on the connected account: one paginated `GET /v1/payouts?status=…` per account, with `Stripe-Account`.
Each page lands in the cache (with its attention items, so a failed payout reaches the Needs-attention board)
before the next is asked for, so an account that errors, Stripe going away or a Cancel midway keeps what was
fetched; the view is always built from the cache. A few accounts are asked at once (`WORKERS`). Stripe unreachable
(or the platform key refused) stops the sweep at once: every further account would fail the same way, each after its
retries.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from billing_desktop.connect.errors import StripeProblem
from billing_desktop.connect.pager import Pager
from billing_desktop.domain.attention import from_payout
from billing_desktop.domain.roles import Perm
from billing_desktop.domain.states import ConnectionState, PayoutStatus
from billing_desktop.errors import ValidationError, msg
from billing_desktop.services import audit
from billing_desktop.services.connect_account import Payout, payout_fields
from billing_desktop.services.connect_cache import ObjectKind, store_connected
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.services.stripe_connect import STALE_AFTER, StripeConnectService
from billing_desktop.store.locking import lock_platform
from billing_desktop.store.models import Setting, StripeAccount, StripeObject, Tenant

LAST_SWEEP = "connect_payouts_swept"  # + ":" + status: when every connected account was last asked
LAST_RUN = "connect_payouts_run"  # + ":" + status: when a sweep last ran to its end, complete or not (not cancelled)
CLAIM = "connect_payouts_auto"  # + ":" + status: when an automatic sweep started (a claim; gone when it ends)
CLAIM_EXPIRES = timedelta(minutes=30)  # a claim older than this was left by a crash: the next tick may sweep
GLOBAL_PROBLEMS = ("connection", "timeout", "authentication")  # no other account would fare better
# Accounts asked at once. One list per account is a request per account (not paged like the account list), so a
# platform of thousands waits on round trips: a few at a time, under Stripe's rate limit (25 requests/s in test
# mode; a 429 is waited out by the Pager).
WORKERS = 4


@dataclass(frozen=True, kw_only=True)
class PayoutRow(Payout):
    """A payout of the sweep's: the Stripe tab's `Payout`, and whose it is."""

    slug: str
    tenant_id: int


@dataclass(frozen=True, kw_only=True)
class PayoutSweepView:
    items: list[PayoutRow]
    status: str
    accounts: int  # connected tenants
    asked: int  # of them, answered by Stripe in this run
    fetched_at: datetime | None  # the last sweep that reached every account (None: never)
    stale: bool
    complete: bool  # this run asked every account and each answered
    cancelled: bool = False
    message: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        if self.status == PayoutStatus.FAILED:
            return msg(
                "Failed payouts: {count}, from {asked} of {accounts} connected accounts asked.",
                count=len(self.items),
                asked=self.asked,
                accounts=self.accounts,
            )
        return msg(
            "Payouts ({status}): {count}, from {asked} of {accounts} connected accounts asked.",
            status=self.status,
            count=len(self.items),
            asked=self.asked,
            accounts=self.accounts,
        )


class PayoutSweepService:
    def __init__(self, ctx: AppContext, stripe: StripeConnectService):
        self.ctx, self.stripe = ctx, stripe
        self._write_lock = threading.Lock()

    def payouts(
        self,
        session: UserSession,
        *,
        status: str = PayoutStatus.FAILED,
        refresh: bool = True,
        progress: Callable[[int, str], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> PayoutSweepView:
        if status not in {s.value for s in PayoutStatus}:
            raise ValidationError(
                {"status": msg("Give a payout status: {choices}.", choices=", ".join(s.value for s in PayoutStatus))}
            )
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.STRIPE_VIEW, None)  # every tenant's: the platform's operators
            accounts = s.execute(
                select(StripeAccount.tenant_id, StripeAccount.stripe_user_id, Tenant.slug)
                .join(Tenant, Tenant.id == StripeAccount.tenant_id)
                .where(StripeAccount.status != ConnectionState.DISCONNECTED, StripeAccount.stripe_user_id.is_not(None))
                .order_by(Tenant.slug)
            ).all()
        problems: list[str] = []
        asked, was_cancelled, message = 0, False, ""
        if refresh:
            stop = threading.Event()  # Stripe unreachable: the accounts not yet asked are not asked

            def halted() -> bool:
                return stop.is_set() or cancelled()

            if progress is not None:
                progress(0, msg("Asking Stripe for the payouts of {total} connected accounts…", total=len(accounts)))
            try:
                with (
                    self.stripe.client_factory(self.stripe.platform.secret_key(), retries=2) as client,
                    ThreadPoolExecutor(WORKERS, thread_name_prefix="payout-sweep") as pool,
                ):
                    futures = {
                        pool.submit(self._fetch, client, t_id, str(account_id), status, halted): slug
                        for t_id, account_id, slug in accounts
                    }
                    try:
                        for n, future in enumerate(as_completed(futures), 1):
                            try:
                                asked += future.result()
                            except StripeProblem as exc:
                                if exc.code in GLOBAL_PROBLEMS:
                                    stop.set()
                                    message = message or msg("Showing saved data: {problem}", problem=exc.args[0])
                                else:
                                    problems.append(msg("{slug}: {problem}", slug=futures[future], problem=exc.args[0]))
                            if progress is not None:
                                progress(
                                    n,
                                    msg(
                                        "Payouts: {n} of {total} connected accounts done…",
                                        n=n,
                                        total=len(accounts),
                                    ),
                                )
                    except BaseException:
                        stop.set()  # the other accounts stop at their next page
                        raise
            except StripeProblem as exc:  # no client at all (no platform key)
                message = msg("Showing saved data: {problem}", problem=exc.args[0])
            left = len(accounts) - asked - len(problems)
            was_cancelled = bool(left) and cancelled()
            if was_cancelled:
                problems.append(msg("Cancelled: {left} of {total} accounts not asked.", left=left, total=len(accounts)))
            elif left:
                problems.append(msg("{left} of {total} accounts not asked.", left=left, total=len(accounts)))
        complete = refresh and asked == len(accounts)
        now = self.ctx.clock()
        with self.ctx.db() as s, s.begin():
            if complete:
                _put(s, f"{LAST_SWEEP}:{status}", now)
            if refresh and not was_cancelled:
                _put(s, f"{LAST_RUN}:{status}", now)
            if refresh:
                outcome = "complete" if complete else ("cancelled" if was_cancelled else "partial")
                audit.record(
                    s,
                    now,
                    session.email,
                    "stripe.payouts_sweep",
                    None,
                    detail=f"{outcome}: {status}, {asked} of {len(accounts)} accounts",
                )
        return self._view(
            [a[0] for a in accounts],
            status,
            asked=asked,
            complete=complete,
            cancelled=was_cancelled,
            message=message or ("" if refresh else msg("Showing saved data.")),
            problems=problems,
        )

    def sweep_if_due(
        self,
        session: UserSession,
        *,
        every: timedelta = STALE_AFTER,
        progress: Callable[[int, str], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> PayoutSweepView | None:
        """The automatic refresh's sweep of failed payouts, or None when one ran to its end (by any operator of this
        database) within `every`: each sweep is a request per connected account, so it runs at most that often,
        whatever the refresh interval. `every` defaults to the age at which the sweep's answer is shown stale."""
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.STRIPE_VIEW, None)
        claim = self._claim(every)
        if claim is None:  # swept within `every`, or another operator's automatic sweep is running now
            return None
        try:
            return self.payouts(session, progress=progress, cancelled=cancelled)
        finally:
            with self.ctx.db() as s, s.begin():
                s.execute(delete(Setting).where(Setting.key == claim[0], Setting.value == claim[1]))

    def _claim(self, every: timedelta) -> tuple[str, str] | None:
        """The automatic sweep's turn, or None when it is not due. One settings row names the sweep running, so that
        two operators' ticks due at once start one sweep, not two: the last run is written only when a sweep ends."""
        key, now = f"{CLAIM}:{PayoutStatus.FAILED.value}", self.ctx.clock()
        mine = now.isoformat()
        with self.ctx.db() as s, s.begin():
            lock_platform(s)  # the reads, the decision and the write below are one step for every process
            last = s.scalar(select(Setting.value).where(Setting.key == f"{LAST_RUN}:{PayoutStatus.FAILED.value}"))
            if last is not None and now - datetime.fromisoformat(last) < every:
                return None
            held = s.scalar(select(Setting.value).where(Setting.key == key))
            if held is not None and now - datetime.fromisoformat(held) < CLAIM_EXPIRES:
                return None
            if held is None:
                s.add(Setting(key=key, value=mine))
            else:  # an expired claim, left by a crash
                s.execute(update(Setting).where(Setting.key == key).values(value=mine))
        return key, mine

    def _fetch(self, client: Any, tenant_id: int, account_id: str, status: str, cancelled: Callable[[], bool]) -> bool:
        """On a pool thread: every page of one account's payouts of `status` into the cache; False when stopped
        before its list was whole (not asked)."""
        pager = Pager(client, "/v1/payouts", {"status": status}, stripe_account=account_id, cancelled=cancelled)
        for page in pager:
            with self._write_lock, self.ctx.db() as s, s.begin():  # one writer: SQLite takes one at a time anyway
                written = store_connected(
                    s,
                    kind=ObjectKind.PAYOUT,
                    tenant_id=tenant_id,
                    account=account_id,
                    objects=page,
                    now=self.ctx.clock(),
                    derive=from_payout,
                )
            if not written:  # disconnected meanwhile: nothing of it is wanted any more
                return True
        return not pager.was_cancelled

    def _view(
        self,
        tenant_ids: list[int],
        status: str,
        *,
        asked: int,
        complete: bool,
        cancelled: bool,
        message: str,
        problems: list[str],
    ) -> PayoutSweepView:
        now = self.ctx.clock()
        items: list[PayoutRow] = []
        with self.ctx.db() as s:
            swept = s.get(Setting, f"{LAST_SWEEP}:{status}")
            for start in range(0, len(tenant_ids), 500):  # stay under SQLite's bound-parameter limit
                rows = s.execute(
                    select(StripeObject.data, StripeObject.tenant_id, Tenant.slug)
                    .join(Tenant, Tenant.id == StripeObject.tenant_id)
                    .where(
                        StripeObject.kind == ObjectKind.PAYOUT.value,
                        StripeObject.tenant_id.in_(tenant_ids[start : start + 500]),
                        StripeObject.status == status,
                    )
                ).all()
                items += [PayoutRow(slug=slug, tenant_id=t_id, **payout_fields(o)) for o, t_id, slug in rows]
        far = datetime.min.replace(tzinfo=now.tzinfo)
        items.sort(key=lambda p: (p.created or far, p.id), reverse=True)  # newest first
        fetched_at = datetime.fromisoformat(swept.value) if swept is not None else None
        stale = not complete or fetched_at is None or now - fetched_at > STALE_AFTER
        return PayoutSweepView(
            items=items,
            status=status,
            accounts=len(tenant_ids),
            asked=asked,
            fetched_at=fetched_at,
            stale=stale,
            complete=complete,
            cancelled=cancelled,
            message=message,
            problems=problems,
        )


def _put(s: Session, key: str, at: datetime) -> None:
    row = s.get(Setting, key)
    if row is None:
        s.add(Setting(key=key, value=at.isoformat()))
    else:
        row.value = at.isoformat()
