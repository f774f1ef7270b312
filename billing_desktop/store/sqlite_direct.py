"""The few statements `keys inspect` needs, through the sqlite3 module alone (no SQLAlchemy, no Alembic): a
whole `keys inspect` process is budgeted at 3x an empty interpreter plus the password check, and importing
SQLAlchemy alone costs more than that. Only for a local SQLite file already at the schema head; for anything
else (`open` returns None) the caller takes the full path, which creates, migrates or reports.

Datetimes are stored as SQLAlchemy's SQLite dialect stores them (store/types.py: naive UTC text with
microseconds), so rows written here read back the same through the models."""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import NamedTuple

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"
_REVISION = re.compile(r'^revision = "([^"]+)"$', re.M)
_DOWN = re.compile(r'^down_revision = (?:None|"([^"]+)")$', re.M)


@cache
def head_revision() -> str | None:
    """The head of the migration files, read without importing Alembic (a quarter of a short command's start-up);
    None when the files do not say it plainly (then Alembic decides)."""
    revisions, downs = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev, down = _REVISION.search(text), _DOWN.search(text)
        if not rev or not down:
            return None
        revisions.add(rev.group(1))
        downs.add(down.group(1))
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None


def sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///FILE` URL (no query options), else None."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url or url == prefix or url.endswith(":memory:"):
        return None
    return Path(url[len(prefix) :])


def _text(d: datetime) -> str:
    return d.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _when(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


# NamedTuples built with keywords, not dataclasses: `keys inspect` imports no `dataclasses` (docs/PERFORMANCE.md).
class Account(NamedTuple):
    """The user row a sign-in reads, with its tenant's name and mode."""

    id: int
    email: str
    password_hash: str
    role: str
    active: bool
    tenant_id: int | None
    tenant_name: str | None
    tenant_mode: str | None
    tenant_active: bool
    locked_until: datetime | None


class StoredKey(NamedTuple):
    """A stored API key found by its lookup hash, with its tenant."""

    tenant_id: int
    tenant_slug: str
    tenant_name: str
    tenant_active: bool
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    revoked_by: str | None
    revoke_reason: str | None
    last_rolled: datetime | None


class DirectSqlite:
    """One connection to a database at the schema head, with the same per-connection settings as the engine
    (store/database.py: WAL, foreign keys, 15 s busy timeout). Close it."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    @classmethod
    def open(cls, url: str) -> DirectSqlite | None:
        path = sqlite_file(url)
        head = head_revision()
        if path is None or head is None:
            return None
        try:
            with open(path, "rb") as f:
                if f.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                    return None
            conn = sqlite3.connect(path, timeout=15, isolation_level=None)
        except (OSError, sqlite3.Error):
            return None
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            row = None
        if row is None or row[0] != head or conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.close()
            return None
        return cls(conn)

    def close(self) -> None:
        self.conn.close()

    def only_operator_email(self) -> str | None:
        rows = self.conn.execute("SELECT email FROM users WHERE role = 'operator' AND active LIMIT 2").fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def account(self, email: str) -> Account | None:
        row = self.conn.execute(
            "SELECT u.id, u.email, u.password_hash, u.role, u.active, u.tenant_id, t.company_name, t.mode, t.active,"
            " u.locked_until FROM users u LEFT JOIN tenants t ON t.id = u.tenant_id WHERE u.email = ?",
            (email,),
        ).fetchone()
        if row is None:
            return None
        return Account(
            id=row[0],
            email=row[1],
            password_hash=row[2],
            role=row[3],
            active=bool(row[4]),
            tenant_id=row[5],
            tenant_name=row[6],
            tenant_mode=row[7],
            tenant_active=bool(row[8]),
            locked_until=_when(row[9]),
        )

    def throttle_locked_until(self, email_digest: str) -> datetime | None:
        row = self.conn.execute(
            "SELECT locked_until FROM sign_in_throttle WHERE email_digest = ?", (email_digest,)
        ).fetchone()
        return None if row is None else _when(row[0])

    def record_sign_in(self, user_id: int, now: datetime, actor: str, action: str, tenant_id: int | None) -> bool:
        """What a successful sign-in writes (services/lockout.clear_on_success and its audit entry), in one
        transaction; False (nothing written) when a lock landed while the password was being checked."""
        at = _text(now)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            cleared = self.conn.execute(
                "UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in = ?"
                " WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?)",
                (at, user_id, at),
            ).rowcount
            if cleared != 1:
                self.conn.execute("ROLLBACK")
                return False
            self.conn.execute(
                "INSERT INTO audit_log (at, actor, action, tenant_id, outcome, reason, detail)"
                " VALUES (?, ?, ?, ?, 'ok', '', '')",
                (at, actor, action, tenant_id),
            )
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        return True

    def key(self, digest: str) -> StoredKey | None:
        row = self.conn.execute(
            "SELECT k.tenant_id, t.slug, t.company_name, t.active, k.created_at, k.expires_at, k.revoked_at,"
            " k.revoked_by, k.revoke_reason, k.kind, k.mode"
            " FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.lookup_hash = ?",
            (digest,),
        ).fetchone()
        if row is None:
            return None
        (newest,) = self.conn.execute(
            "SELECT max(created_at) FROM api_keys WHERE tenant_id = ? AND kind = ? AND mode = ?",
            (row[0], row[9], row[10]),
        ).fetchone()
        created = _when(row[4])
        assert created is not None
        return StoredKey(
            tenant_id=row[0],
            tenant_slug=row[1],
            tenant_name=row[2],
            tenant_active=bool(row[3]),
            created_at=created,
            expires_at=_when(row[5]),
            revoked_at=_when(row[6]),
            revoked_by=row[7],
            revoke_reason=row[8],
            last_rolled=_when(newest),
        )
