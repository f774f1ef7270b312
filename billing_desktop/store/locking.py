"""Serialize read-decide-write on one tenant across threads and processes.

Call `lock_tenant(s, tenant_id)` as the FIRST statement of a transaction, then read, decide and write: a second
caller for the same tenant waits at its own `lock_tenant` until the first commits or rolls back, and then reads
what the first wrote.

- SQLite has one writer at a time: the lock is the database write lock, taken up front with `BEGIN IMMEDIATE`
  (waits up to the connection's busy timeout). Every tenant is serialized with every other; writes are short.
- Other backends (PostgreSQL): `SELECT ... FOR UPDATE` on the tenant row, so only the same tenant waits.

Never hold the lock across network or keyring calls: prepare those before, clean up after (intent and repair).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from billing_desktop.store.models import Tenant, User


def _dbapi(s: Session) -> Any:  # the driver's own connection (sqlite3 or psycopg)
    return s.connection().connection.dbapi_connection


def lock_tenant(s: Session, tenant_id: int) -> None:
    """Block until this transaction alone may change `tenant_id` (a missing tenant still serializes)."""
    if s.get_bind().dialect.name == "sqlite":
        _sqlite_write_lock(s)
    else:
        s.execute(select(Tenant.id).where(Tenant.id == tenant_id).with_for_update())


def lock_tenants(s: Session, tenant_ids: list[int]) -> None:
    """`lock_tenant` for several tenants at once (a sync page): rows taken in id order, so that two callers
    locking overlapping sets cannot deadlock."""
    if s.get_bind().dialect.name == "sqlite":
        _sqlite_write_lock(s)
    elif tenant_ids:
        s.execute(select(Tenant.id).where(Tenant.id.in_(sorted(set(tenant_ids)))).order_by(Tenant.id).with_for_update())


def lock_user(s: Session, user_id: int) -> None:
    """Block until this transaction alone may change the user row (profile edits); on SQLite the write lock."""
    if s.get_bind().dialect.name == "sqlite":
        _sqlite_write_lock(s)
    else:
        s.execute(select(User.id).where(User.id == user_id).with_for_update())


def lock_platform(s: Session) -> None:
    """Block until this transaction alone may change installation-wide state (first operator, settings).
    On SQLite the same write lock as `lock_tenant`; elsewhere a row lock on the settings table's guard row."""
    if s.get_bind().dialect.name == "sqlite":
        _sqlite_write_lock(s)
    else:
        # The first tenant row would be arbitrary; a transaction-level advisory lock names the platform itself.
        s.execute(text("SELECT pg_advisory_xact_lock(7418880)"))


def _sqlite_write_lock(s: Session) -> None:
    conn = _dbapi(s)
    if not conn.in_transaction:
        # pysqlite only opens a transaction before its first write; opening it here makes every read after this
        # line part of the locked transaction.
        s.connection().exec_driver_sql("BEGIN IMMEDIATE")
    else:
        # Already writing (this transaction holds or can take the write lock): a no-op write upgrades it now.
        s.connection().exec_driver_sql("UPDATE tenants SET id = id WHERE 0")
