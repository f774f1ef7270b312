"""Refresh every connected account from Stripe's paginated account list into the local cache.

One `GET /v1/accounts` per 100 accounts, never one call per account. A list is a chain of requests (the next
page's cursor is the last id of this one), so a single walk costs pages x latency however little is done per page.
After a first sync the list is walked as up to `MAX_RANGES` `created` ranges at once, balanced by the cached
accounts' creation times (`_created_ranges`); together the ranges cover all time, so nothing depends on the cache
being right but the balance. Each page is written in its own transaction by one writer thread while other pages are
on the wire, so a cancelled or failed sync keeps every page it fetched and says what it did not reach; a problem in
one range stops them all. The pages waiting for the writer are bounded (`WRITE_BACKLOG` plus one per range), so a
slow database holds the fetch back instead of piling up parsed pages in memory.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import itertools
import logging
import queue
import threading
from collections.abc import Callable, Iterator
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
from billing_desktop.services.connect_cache import account_source, lock_cached_accounts, replace_items
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.services.stripe_connect import StripeConnectService, compact_account, state_of
from billing_desktop.store.models import Setting, StripeAccount, Tenant
from billing_desktop.store.types import dump_json

log = logging.getLogger(__name__)
LAST_SYNC = "connect_last_sync"
Progress = Callable[[int, str], None]
WRITE_BACKLOG = 2  # pages parsed and waiting for the writer, at most
MAX_RANGES = 4  # created ranges of the account list walked at the same time
RANGE_ACCOUNTS = 500  # the fewest cached accounts a range needs to be worth a chain of requests of its own


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
            accounts, tenants = StripeAccount.__table__, Tenant.__table__
            linked = {  # on the tables: the ORM's row loading cost ~15 % of a re-sync's GIL time at 3,000 accounts
                account: (row_id, tenant_id, slug)
                for row_id, tenant_id, account, slug in s.connection().execute(
                    select(accounts.c.id, accounts.c.tenant_id, accounts.c.stripe_user_id, tenants.c.slug)
                    .join(tenants, tenants.c.id == accounts.c.tenant_id)
                    .where(accounts.c.status != ConnectionState.DISCONNECTED, accounts.c.stripe_user_id.is_not(None))
                )
            }
            ranges = _created_ranges(s)
        report = progress or (lambda n, text: None)
        seen: set[str] = set()
        listed, unknown, problem, done, pages = 0, 0, "", 0, 0
        writes: list[Future[None]] = []
        stop, user_cancelled = threading.Event(), threading.Event()

        def stopping() -> bool:
            if cancelled():
                user_cancelled.set()
                return True
            return stop.is_set()

        arrived: queue.Queue[list[dict[str, Any]] | BaseException | None] = queue.Queue(WRITE_BACKLOG + len(ranges))
        with (
            _older_objects_left_alone(),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-writer") as writer,
            ThreadPoolExecutor(max_workers=len(ranges), thread_name_prefix="sync-list") as walkers,
            self.stripe.client_factory(self.stripe.platform.secret_key(), retries=2) as client,
        ):
            pagers = [Pager(client, "/v1/accounts", params, cancelled=stopping) for params in ranges]
            for pager in pagers:
                walkers.submit(_walk, pager, arrived)
            try:
                running = len(pagers)
                while running:
                    page = arrived.get()
                    if page is None:  # one range walked to its end, or stopped
                        running -= 1
                        continue
                    if isinstance(page, BaseException):
                        if not isinstance(page, AppError):
                            raise page
                        problem = problem or msg("Stopped: {exc}", exc=page)
                        stop.set()  # the other ranges stop too: one problem, one partial sync
                        continue
                    pages += 1
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
                    report(done, f"{done} of {len(linked)} connected accounts refreshed ({pages} pages)")
            finally:
                stop.set()
                while running:  # a failed write: let every walker see the stop and finish
                    running -= arrived.get() is None
            for w in writes:
                w.result()  # a failed write is a failed sync, not a silent gap
        complete = all(p.complete for p in pagers)
        refreshed = seen & linked.keys()
        missing = sorted(linked.keys() - seen) if complete else []
        now = self.ctx.clock()
        with self.ctx.db() as s, s.begin():
            if complete:
                self._mark_missing(s, [linked[a][0] for a in missing], now)
                row = s.get(Setting, LAST_SYNC)
                if row is None:
                    s.add(Setting(key=LAST_SYNC, value=now.isoformat()))
                else:
                    row.value = now.isoformat()
            was_cancelled = user_cancelled.is_set() and not complete
            outcome = "complete" if complete else ("cancelled" if was_cancelled else "partial")
            audit.record(
                s, now, session.email, "stripe.sync", None, detail=f"{outcome}: {len(refreshed)} accounts refreshed"
            )
        return SyncReport(
            complete=complete,
            cancelled=was_cancelled,
            pages=sum(p.pages for p in pagers),
            accounts_listed=listed,
            updated=len(refreshed),
            unknown=unknown,
            not_returned=[linked[a][2] for a in missing],
            not_reached=0 if complete else len(linked.keys() - seen),
            rate_limited=sum(p.rate_limited for p in pagers),
            problem=problem,
            finished_at=now,
        )

    def _write_page(self, mine: list[tuple[tuple[int, int, str], dict[str, Any]]]) -> None:
        now = self.ctx.clock()
        with self.ctx.db() as s, s.begin():
            # Under the tenants' lock, only accounts still connected: one disconnected while this page was on the
            # wire keeps its disconnect, and gets no attention items back.
            cached = lock_cached_accounts(s, [tenant_id for (_, tenant_id, _), _ in mine])
            kept: list[tuple[int, int, dict[str, Any]]] = []
            changed: list[dict[str, Any]] = []
            same: list[int] = []
            for (row_id, tenant_id, _), raw in mine:
                held = cached.get(tenant_id)
                if held is None or held[0] != raw["id"]:
                    continue
                a = compact_account(raw)
                state = state_of(a)
                kept.append((row_id, tenant_id, a))
                if held[1] == dump_json(a) and held[2] == state:
                    same.append(row_id)
                else:
                    changed.append({"row_id": row_id, "account": a, "now": now, "state": state})
            # An unchanged copy only gets its fetch time: one statement for the page, no JSON written, and its
            # state left alone (setting it, even to the same value, runs the trigger that copies it to the tenant).
            if same:
                s.execute(_touch(), {"ids": same, "now": now})
            if changed:
                s.execute(_refresh(), changed)
            # The attention items are derived again for every account: they follow the rules of this version.
            replace_items(s, [(tenant_id, account_source(a["id"]), from_account(a)) for _, tenant_id, a in kept])

    @staticmethod
    def _mark_missing(s: Any, row_ids: list[int], now: datetime) -> None:
        if row_ids:
            s.execute(
                update(StripeAccount)
                .where(StripeAccount.id.in_(row_ids), StripeAccount.missing_since.is_(None))
                .values(missing_since=now)
            )


@contextlib.contextmanager
def _older_objects_left_alone() -> Iterator[None]:
    """The garbage collector skips what existed before the sync while it runs (`gc.freeze`). Every page parses into
    thousands of dicts and lists; each time enough of them have lived a while, a full collection walks every object
    in the process (the app's modules, SQLAlchemy's caches, the GUI's): 3-6 ms of each page's 17-20 ms of CPU,
    measured, holding the GIL the other walkers and the writer wait for; 0.7-1.3 ms with the older objects left
    out. Nothing is kept alive by it: objects are still freed by their reference counts, and cycles among the
    older objects are collected after the sync. Process-wide, so an overlapping sync's end merely ends it early."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _walk(pager: Pager, arrived: queue.Queue[Any]) -> None:
    """On a walker thread: one created range's pages to the sync's loop, then None (also after a failure, which
    goes first: the loop must never wait for a walker that is gone)."""
    try:
        for page in pager:
            arrived.put(page)  # bounded: a slow writer holds the walk back
    except BaseException as exc:  # handed to the sync's loop, which raises what is not an AppError
        arrived.put(exc)
    finally:
        arrived.put(None)


def _created_ranges(s: Any) -> list[dict[str, Any]]:
    """List parameters that split the account list into `created` ranges of about equal size, from the creation
    times of the accounts cached by the last sync; each range is walked as its own chain of pages at the same time
    as the others. A list is a chain of requests (each cursor is the page before's last id), so one chain costs
    pages x latency however little the app does per page; four chains cost a quarter of it. The ranges cover every
    time together (the first has no upper bound, the last no lower one), so an account the cache does not know,
    or one created since, is listed all the same: the cached times only balance the ranges. With nothing cached
    (a first sync) or too few accounts for it to pay, one range: the whole list."""
    accounts: Table = StripeAccount.__table__  # type: ignore[assignment]
    created = []
    for value in s.scalars(
        select(accounts.c.account_json["created"].as_string()).where(
            accounts.c.status != ConnectionState.DISCONNECTED, accounts.c.account_json.is_not(None)
        )
    ):
        try:
            created.append(int(value))
        except (TypeError, ValueError):  # not cached yet, or not a time: it does not weigh in
            continue
    created.sort(reverse=True)
    count = min(MAX_RANGES, len(created) // RANGE_ACCOUNTS)
    bounds = sorted({created[i * len(created) // count] for i in range(1, count)}, reverse=True) if count > 1 else []
    if not bounds:
        return [{}]
    ranges: list[dict[str, Any]] = [{"created": {"gte": bounds[0]}}]
    ranges += [{"created": {"gte": low, "lt": high}} for high, low in itertools.pairwise(bounds)]
    return [*ranges, {"created": {"lt": bounds[-1]}}]


@functools.cache
def _touch() -> Any:
    """A page's unchanged cached copies: fetched now, listed again (built once, on the table)."""
    table: Table = StripeAccount.__table__  # type: ignore[assignment]
    return (
        update(table)
        .where(table.c.id.in_(bindparam("ids", expanding=True)))
        .values(fetched_at=bindparam("now"), missing_since=None)
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
