"""Open the database: create the SQLite file 0600, WAL and foreign keys, migrate with a backup first (SQLite) or
under an advisory lock (PostgreSQL, store/postgres.py)."""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url

from billing_desktop.errors import DatabaseError, SchemaTooNew
from billing_desktop.store import postgres

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def make_engine(url: str) -> Engine:
    path = _sqlite_path(url)
    if path is not None:
        _create_private_file(path)
        # Workers on other threads use the same engine; each checkout is still one thread at a time.
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    if postgres.is_postgres(url):
        return create_engine(postgres.normalize_url(url), **postgres.engine_options())
    return create_engine(url, pool_pre_ping=True)


def _alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def schema_state(engine: Engine) -> tuple[str | None, str]:
    """(current revision or None, head revision)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(_alembic_config(engine))
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    return current, script.get_current_head()


def _backup(path: Path, backup_dir: Path, current: str) -> Path:
    backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{path.stem}-{current}-{stamp}{path.suffix}"
    # sqlite3's backup API copies a consistent snapshot even with a WAL beside the file.
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    with sqlite3.connect(path) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    log.info("database copied to %s before migrating from %s", target, current)
    return target


def migrate(engine: Engine, backup_dir: Path | None = None) -> Path | None:
    """Bring the schema to head. Returns the backup file made, if any."""
    if postgres.is_postgres(engine):
        with postgres.migration_lock(engine):  # whoever waited finds the schema at head and does nothing
            return _migrate(engine, backup_dir)
    return _migrate(engine, backup_dir)


def _migrate(engine: Engine, backup_dir: Path | None) -> Path | None:
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(engine)
    script = ScriptDirectory.from_config(cfg)
    current, head = schema_state(engine)
    if current == head:
        return None
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise SchemaTooNew(
                f"This database was written by a newer Billing Desktop (schema {current}). "
                "Install the newer version, or point BILLING_DESKTOP_DATABASE_URL at another database."
            ) from None
    elif inspect(engine).get_table_names():
        raise DatabaseError("This database holds tables that Billing Desktop did not create; refusing to touch it.")
    backup = None
    path = _sqlite_path(str(engine.url))
    if current is not None and path is not None and path.exists():
        backup = _backup(path, backup_dir or path.parent / "backups", current)
    elif current is not None:
        # No file to copy on a server: the operator's own pg_dump is the backup (docs/TEAM.md).
        log.warning("migrating %s from %s to %s: take a pg_dump first", engine.url.database, current, head)
    command.upgrade(cfg, "head")
    return backup


def open_database(url: str, backup_dir: Path | None = None) -> Engine:
    engine = make_engine(url)
    try:
        migrate(engine, backup_dir)
    except (SchemaTooNew, DatabaseError):
        engine.dispose()
        raise
    except Exception as exc:  # driver errors: say which database, never its password
        engine.dispose()
        from billing_desktop.config import mask_url_password

        why = postgres.describe_error(exc) if postgres.is_postgres(url) else type(exc).__name__
        raise DatabaseError(f"Could not open the database {mask_url_password(url)}: {why}") from exc
    return engine
