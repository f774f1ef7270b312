"""SQLite files for backup and restore: a consistent snapshot of a live database (the backup API, in one step, so
writers in other processes never make it restart or tear; a team database copied in one REPEATABLE READ
transaction), what a snapshot holds, and the swap that puts a restored
file in place of the current one (kept first) in one rename."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from billing_desktop.errors import DatabaseError, msg

COUNTED = ("tenants", "users", "audit_log", "api_keys", "webhook_endpoints", "stripe_accounts", "sealed_secrets")


def private_file(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)


def snapshot(source: Path, target: Path) -> None:
    """Copy `source` (which other processes may be writing) into a new file `target`, mode 0600, as one
    transaction-consistent image without a WAL beside it."""
    private_file(target)
    with closing(sqlite3.connect(source, timeout=30)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)  # pages=-1: one step under one read transaction
        dst.execute("PRAGMA journal_mode=DELETE")


def settle(path: Path) -> None:
    """Fold a file's write-ahead log into it and leave it without one, ready to be renamed."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")


def check(path: Path) -> str | None:
    """None when the file is a sound SQLite database, else what is wrong."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            first = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    except sqlite3.Error as exc:
        return str(exc)
    return None if first == "ok" else str(first)


def describe(path: Path) -> dict[str, object]:
    """Schema revision, vault id and generation, and row counts of the tables a user cares about."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        out: dict[str, object] = {
            "schema_revision": conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            if "alembic_version" in tables
            else None
        }
        if "vault_state" in tables:
            vault_id, generation = conn.execute("SELECT vault_id, generation FROM vault_state WHERE id = 1").fetchone()
            out["vault_id"], out["generation"] = vault_id, generation
        out["counts"] = {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in COUNTED if t in tables}
    return out


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def has_accounts(path: Path) -> bool:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            return bool(conn.execute("SELECT COUNT(*) FROM users").fetchone()[0] > 0)
    except sqlite3.Error:  # not ours, damaged, or no schema: treat as data, so it is kept
        return True


def replace_database(new_file: Path, target: Path, keep_dir: Path | None) -> Path | None:
    """Put `new_file` (a whole database, no WAL) at `target` in one rename. A current database is first copied to
    `keep_dir` (returned; None: not kept) and taken out of WAL mode, so no write-ahead log of the old file is left
    to be replayed into the new one; that fails while another process has it open, and then nothing changes."""
    kept = None
    if target.exists() and target.stat().st_size:
        if keep_dir is not None:
            keep_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            kept = keep_dir / f"{target.stem}-before-restore-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}{target.suffix}"
            snapshot(target, kept)
        try:
            with closing(sqlite3.connect(target, timeout=1)) as conn:
                mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        except sqlite3.Error:
            mode = "busy"
        if mode != "delete":
            if kept is not None:
                kept.unlink(missing_ok=True)
            raise DatabaseError(
                msg(
                    "The current database is in use by another Billing Desktop (window or command): quit it, then "
                    "restore again. Nothing was changed."
                )
            )
    with open(new_file, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(new_file, target)
    _fsync_dir(target.parent)
    for stale in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        stale.unlink(missing_ok=True)
    return kept


def snapshot_server(source: Engine, target: Path, batch: int = 1000) -> None:
    """A team (PostgreSQL) database into a new SQLite file at this app's schema: every table read inside one
    REPEATABLE READ transaction, so the file is one consistent view however many operators write meanwhile. Rows
    go through the app's own column types (UTC datetimes, JSON, bytes), both sides at the schema head."""
    from sqlalchemy import insert, select

    from billing_desktop.store.database import open_database
    from billing_desktop.store.models import Base

    engine = open_database(f"sqlite:///{target}")  # created 0600 and migrated to head
    try:
        tables = Base.metadata.sorted_tables  # parents before children
        reading = source.connect().execution_options(isolation_level="REPEATABLE READ")
        with reading as src, src.begin(), engine.begin() as dst:
            for table in reversed(tables):  # rows the migrations seeded (the vault row) give way to the source's
                dst.execute(table.delete())
            for table in tables:
                order = list(table.primary_key.columns) or list(table.columns)
                result = src.execution_options(yield_per=batch).execute(select(table).order_by(*order))
                for rows in result.mappings().partitions(batch):
                    dst.execute(insert(table), [dict(r) for r in rows])
    finally:
        engine.dispose()
    settle(target)
