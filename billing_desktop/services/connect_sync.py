"""Refresh every connected account from Stripe's paginated account list into the local cache.

One `GET /v1/accounts` per 100 accounts, never one call per account. Each page is written in its own transaction
by a writer thread while the next page is on the wire, so a cancelled or failed sync keeps every page it fetched
and says what it did not reach. The fetch cannot run further ahead than that: the next page's cursor is the last id
of this one, so the request and its parse are the critical path, and the writer's backlog is bounded
(`WRITE_BACKLOG` pages) so a slow database holds the fetch back instead of piling up parsed pages in memory.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, select, update

from billing_desktop.connect.pager import Pager
from billing_desktop.domain.attention import from_account
from billing_desktop.domain.roles import Perm
from billing_desktop.domain.states import ConnectionState
from billing_desktop.errors import AppError, Msg, msg
from billing_desktop.services import audit
from billing_desktop.services.connect_cache import account_source, lock_connected, replace_items
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.services.stripe_connect import StripeConnectService, compact_account, state_of
from billing_desktop.store.models import Setting, StripeAccount, Tenant

log = logging.getLogger(__name__)
LAST_SYNC = "connect_last_sync"
Progress = Callable[[int, str], None]
WRITE_BACKLOG = 2  # pages parsed and waiting for the writer, at most


@dataclass(frozen=True, kw_only=True)
class SyncReport:
    complete: bool
    cancelled: bool
    pages: int
    accounts_listed: int
    updated: int  # connected tenants whose cached account was refreshed
    unknown: int  # accounts Stripe listed that no tenant here is connected to
    not_returned: list[str] = field(default_factory=list)  # slugs: connected here, absent from a complete list
    not_reached: int = 0  # connected tenants not refreshed because the sync stopped early
    rate_limited: int = 0
    problem: str = ""
    finished_at: datetime | None = None

    @property
    def summary(self) -> str:
        parts: list[str] = [
            msg(
                "Synced {updated} connected accounts from {pages} page(s) of Stripe's account list.",
                updated=self.updated,
                pages=self.pages,
            )
            if self.complete
            else msg(
                "Partial sync: {updated} accounts refreshed, {not_reached} not reached.",
                updated=self.updated,
                not_reached=self.not_reached,
            )
        ]
        if self.cancelled:
            parts.append(msg("Cancelled; what was fetched is kept."))
        if self.problem:
            parts.append(self.problem)
        if self.not_returned:
            parts.append(msg("Stripe no longer lists the account of: {slugs}.", slugs=", ".join(self.not_returned)))
        if self.rate_limited:
            parts.append(msg("Waited out {count} rate limit(s).", count=self.rate_limited))
        # Sentences side by side: the GUI translates each one (the joining template itself needs none).
        return Msg(" ".join(f"{{p{i}}}" for i in range(len(parts))), **{f"p{i}": p for i, p in enumerate(parts)})


class ConnectSyncService:
    def __init__(self, ctx: AppContext, stripe: StripeConnectService):
        self.ctx, self.stripe = ctx, stripe

    def last_sync(self) -> datetime | None:
        with self.ctx.db() as s:
            value = s.get(Setting, LAST_SYNC)
        return datetime.fromisoformat(value.value) if value else None

    def sync(
        self,
        session: UserSession,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> SyncReport:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.STRIPE_VIEW, None)  # every tenant: operators only
            linked = {
                row.stripe_user_id: (row.id, row.tenant_id, row.slug)
                for row in s.execute(
                    select(StripeAccount.id, StripeAccount.tenant_id, StripeAccount.stripe_user_id, Tenant.slug)
                    .join(Tenant, Tenant.id == StripeAccount.tenant_id)
                    .where(
                        StripeAccount.status != ConnectionState.DISCONNECTED, StripeAccount.stripe_user_id.is_not(None)
                    )
                )
            }
        report = progress or (lambda n, text: None)
        seen: set[str] = set()
        listed, unknown, problem, done = 0, 0, "", 0
        writes: list[Future[None]] = []
        with (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-writer") as writer,
            self.stripe.client_factory(self.stripe.platform.secret_key(), retries=2) as client,
        ):
            pager = Pager(client, "/v1/accounts", cancelled=cancelled)
            try:
                for page in pager:
                    fresh = [a for a in page if a["id"] not in seen]
                    seen.update(a["id"] for a in fresh)
                    listed += len(fresh)
                    mine = [(linked[a["id"]], a) for a in fresh if a["id"] in linked]
                    unknown += len(fresh) - len(mine)
                    done += len(mine)  # counted, not intersected: the fetch waits on this loop between pages
                    if mine:
                        if len(writes) >= WRITE_BACKLOG:
                            writes.pop(0).result()  # a failed write stops the sync: no silent gap
                        writes.append(writer.submit(self._write_page, mine))
                    report(done, f"{done} of {len(linked)} connected accounts refreshed ({pager.pages} pages)")
            except AppError as exc:
                problem = msg("Stopped: {exc}", exc=exc)
            for w in writes:
                w.result()  # a failed write is a failed sync, not a silent gap
        refreshed = seen & linked.keys()
        missing = sorted(linked.keys() - seen) if pager.complete else []
        now = self.ctx.clock()
        with self.ctx.db() as s, s.begin():
            if pager.complete:
                self._mark_missing(s, [linked[a][0] for a in missing], now)
                row = s.get(Setting, LAST_SYNC)
                if row is None:
                    s.add(Setting(key=LAST_SYNC, value=now.isoformat()))
                else:
                    row.value = now.isoformat()
            outcome = "complete" if pager.complete else ("cancelled" if pager.was_cancelled else "partial")
            audit.record(
                s, now, session.email, "stripe.sync", None, detail=f"{outcome}: {len(refreshed)} accounts refreshed"
            )
        return SyncReport(
            complete=pager.complete,
            cancelled=pager.was_cancelled,
            pages=pager.pages,
            accounts_listed=listed,
            updated=len(refreshed),
            unknown=unknown,
            not_returned=[linked[a][2] for a in missing],
            not_reached=0 if pager.complete else len(linked.keys() - seen),
            rate_limited=pager.rate_limited,
            problem=problem,
            finished_at=now,
        )

    def _write_page(self, mine: list[tuple[tuple[int, int, str], dict[str, Any]]]) -> None:
        now = self.ctx.clock()
        with self.ctx.db() as s, s.begin():
            # Under the tenants' lock, only accounts still connected: one disconnected while this page was on the
            # wire keeps its disconnect, and gets no attention items back.
            still = lock_connected(s, [tenant_id for (_, tenant_id, _), _ in mine])
            mine = [(row, compact_account(a)) for row, a in mine if still.get(row[1]) == a["id"]]
            if not mine:
                return
            s.execute(
                _refresh(),
                [{"row_id": row_id, "account": a, "now": now, "state": state_of(a)} for (row_id, _, _), a in mine],
            )
            replace_items(s, [(tenant_id, account_source(a["id"]), from_account(a)) for (_, tenant_id, _), a in mine])

    @staticmethod
    def _mark_missing(s: Any, row_ids: list[int], now: datetime) -> None:
        if row_ids:
            s.execute(
                update(StripeAccount)
                .where(StripeAccount.id.in_(row_ids), StripeAccount.missing_since.is_(None))
                .values(missing_since=now)
            )


@functools.cache
def _refresh() -> Any:
    """A page's refresh of its accounts' cached copies, built once (on the table: no ORM bookkeeping per row)."""
    table: Table = StripeAccount.__table__  # type: ignore[assignment]
    return (
        update(table)
        .where(table.c.id == bindparam("row_id"))
        .values(
            account_json=bindparam("account"),
            fetched_at=bindparam("now"),
            status=bindparam("state"),
            missing_since=None,
        )
    )
