"""Live refresh: learn within a second that another operator (or another process) committed a change.

PostgreSQL: every audit row is written with a `NOTIFY` in the same transaction (services.audit.record), so a
notification arrives only after the commit, and never for a rolled-back change. One listener connection per app
(psycopg 3 `notifies()`) waits for them; after a dropped connection it reconnects with backoff and asks for a full
refresh, since notifications sent while it was away are lost.

SQLite: no server to notify; a cheap poll of the newest audit id (an index lookup) finds commits made by other
processes on the same file.

`ChangeFeed.run` blocks: the GUI runs it on its own thread and stops it with `stop()`.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from billing_desktop.domain.states import FeedState
from billing_desktop.store.models import AuditEntry

log = logging.getLogger(__name__)
CHANNEL = "billing_desktop_changes"


# Audit actions after which the saved Stripe data changed: the Stripe column, the Needs-attention board and the
# Stripe tab are built from it. A sync and a payouts sweep have no tenant: they change every connected tenant's.
CONNECT_CACHE_ACTIONS = frozenset(
    {"stripe.connect", "stripe.disconnect", "stripe.account_create", "stripe.sync", "stripe.payouts_sweep"}
)


@dataclass(frozen=True)
class Change:
    """One committed change; `tenant_id` None with `full=True` means "refresh everything" (after a reconnect)."""

    tenant_id: int | None
    action: str = ""
    actor: str = ""
    full: bool = False

    @property
    def connect_cache(self) -> bool:
        """The saved Stripe data changed (for `tenant_id`, or for every tenant when it is None)."""
        return self.action in CONNECT_CACHE_ACTIONS


def notify(session: Session, tenant_id: int | None, action: str, actor: str) -> None:
    """Queue a notification in the caller's transaction (PostgreSQL delivers it at commit, drops it on rollback)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    payload = json.dumps({"tenant_id": tenant_id, "action": action, "actor": actor})
    session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload})


class ChangeFeed:
    def __init__(
        self,
        engine: Engine,
        poll_interval: float = 0.5,
        backoff: tuple[float, ...] = (0.5, 1, 2, 4, 8, 15, 30),
    ):
        self.engine = engine
        self.poll_interval = poll_interval
        self.backoff = backoff
        self._stop = threading.Event()
        self._running = threading.Lock()  # held while run() runs: join() waits for its connection to be given back

    def stop(self) -> None:
        """The loop notices within a second (notifies() and the poll wake up at least that often)."""
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def join(self, timeout: float) -> bool:
        """Wait until run() has returned (at once if it never started); False if it is still running."""
        if not self._running.acquire(timeout=timeout):
            return False
        self._running.release()
        return True

    def run(self, on_change: Callable[[Change], None], on_state: Callable[[FeedState], None]) -> None:
        with self._running:
            if self.engine.dialect.name == "postgresql":
                self._listen(on_change, on_state)
            else:
                self._poll(on_change, on_state)

    # -- PostgreSQL ----------------------------------------------------------------------------------------------
    def _conninfo(self) -> str:
        url = self.engine.url.set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    def _listen(self, on_change: Callable[[Change], None], on_state: Callable[[FeedState], None]) -> None:
        import psycopg

        failures = 0
        first = True
        while not self._stop.is_set():
            on_state(FeedState.CONNECTING)
            try:
                # TCP keepalives: a server that vanished without closing the socket is noticed in ~20 s.
                with psycopg.connect(
                    self._conninfo(),
                    autocommit=True,
                    connect_timeout=10,
                    application_name="billing-desktop listener",
                    keepalives=1,
                    keepalives_idle=10,
                    keepalives_interval=5,
                    keepalives_count=2,
                ) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    on_state(FeedState.UP)
                    if not first:
                        on_change(Change(None, full=True))  # what was sent while we were away is lost
                    first, failures = False, 0
                    while not self._stop.is_set():
                        for n in conn.notifies(timeout=1.0):
                            on_change(_parse(n.payload))
            except Exception as exc:
                if self._stop.is_set():
                    break
                log.warning("change listener lost its connection: %s", type(exc).__name__)
            if self._stop.is_set():
                break
            on_state(FeedState.DOWN)
            delay = self.backoff[min(failures, len(self.backoff) - 1)]
            failures += 1
            self._stop.wait(delay)

    # -- SQLite --------------------------------------------------------------------------------------------------
    def _poll(self, on_change: Callable[[Change], None], on_state: Callable[[FeedState], None]) -> None:
        last: int | None = None
        up = False
        while not self._stop.is_set():
            try:
                with self.engine.connect() as c:
                    newest = c.scalar(select(func.max(AuditEntry.id))) or 0
                    if last is not None and newest > last:
                        rows = c.execute(
                            select(AuditEntry.tenant_id, AuditEntry.action, AuditEntry.actor)
                            .where(AuditEntry.id > last)
                            .order_by(AuditEntry.id)
                            .limit(200)
                        ).all()
                        for tenant_id, action, actor in rows:
                            on_change(Change(tenant_id, action, actor))
                    last = newest
                if not up:
                    on_state(FeedState.UP)
                    up = True
            except Exception as exc:
                log.warning("change poll failed: %s", type(exc).__name__)
                if up:
                    on_state(FeedState.DOWN)
                    up = False
            self._stop.wait(self.poll_interval)


def _parse(payload: str) -> Change:
    try:
        data = json.loads(payload)
        return Change(data.get("tenant_id"), str(data.get("action", "")), str(data.get("actor", "")))
    except (ValueError, AttributeError):
        return Change(None, full=True)
