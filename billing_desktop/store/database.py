"""Open the database: create the SQLite file 0600, WAL and foreign keys, migrate with a backup first (SQLite) or
under an advisory lock (PostgreSQL, store/postgres.py)."""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url

from billing_desktop.errors import DatabaseError, SchemaTooNew, load_failure, msg
from billing_desktop.store import postgres
from billing_desktop.store.sqlite_direct import SQLITE_MAGIC, head_revision
from billing_desktop.store.types import dump_json

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _prepare_sqlite_file(path: Path) -> None:
    """Create a new database file 0600 (header written at once), or check that the existing one is a database.
    A 0-byte file is refused, not silently re-created empty: it is what a failed copy or restore leaves."""
    where = path.parent
    try:
        if path.is_dir():
            raise DatabaseError(
                msg(
                    "{path} is a directory, not a database file. Move it away, or point "
                    "BILLING_DESKTOP_DATABASE_URL at a database file.",
                    path=path,
                )
            )
        if path.exists():
            with open(path, "rb") as f:
                head = f.read(len(SQLITE_MAGIC))
            if not head:
                raise DatabaseError(
                    msg(
                        "The database file {path} is empty (0 bytes): a failed copy or restore? Restore the newest "
                        "copy from {value} if there is one, or delete the empty file to start a new, empty "
                        "database.",
                        path=path,
                        value=where / "backups",
                    )
                )
            if head != SQLITE_MAGIC:
                raise DatabaseError(msg("{path} is not a Billing Desktop database (not an SQLite file).", path=path))
            return
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
        os.close(fd)
        with closing(sqlite3.connect(path)) as conn:  # writes the header: the file is never left 0 bytes
            conn.execute("PRAGMA journal_mode=WAL")
    except FileExistsError:
        return  # another process created it just now
    except OSError as exc:
        raise DatabaseError(
            msg(
                "Cannot create or read the database in {where}: {value}. Check that the folder exists and "
                "is writable, or set BILLING_DESKTOP_HOME to another folder.",
                where=where,
                value=exc.strerror or type(exc).__name__,
            )
        ) from None
    except sqlite3.Error as exc:
        raise DatabaseError(msg("Cannot create the database {path}: {exc}.", path=path, exc=exc)) from None


def make_engine(url: str) -> Engine:
    path = _sqlite_path(url)
    if path is not None:
        _prepare_sqlite_file(path)
        # Workers on other threads use the same engine; each checkout is still one thread at a time.
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15}, json_serializer=dump_json)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: object) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    if postgres.is_postgres(url):
        return create_engine(postgres.normalize_url(url), **postgres.engine_options())
    return create_engine(url, pool_pre_ping=True, json_serializer=dump_json)


def _alembic_config(engine: Engine) -> Config:
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
    head = script.get_current_head()
    if head is None:  # the package always ships its migrations; without them nothing here can work
        raise RuntimeError(f"no Alembic revisions in {MIGRATIONS}")
    return current, head


def is_known_revision(engine: Engine, revision: str) -> bool:
    from alembic.script import ScriptDirectory

    try:
        ScriptDirectory.from_config(_alembic_config(engine)).get_revision(revision)
    except Exception:
        return False
    return True


def integrity(engine: Engine) -> str | None:
    """SQLite's quick_check: None when the file is sound, else its first complaint."""
    with engine.connect() as conn:
        first = conn.exec_driver_sql("PRAGMA quick_check(1)").scalar()
    return None if first == "ok" else str(first)


def _backup(path: Path, backup_dir: Path, current: str) -> Path:
    backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{path.stem}-{current}-{stamp}{path.suffix}"
    # sqlite3's backup API copies a consistent snapshot even with a WAL beside the file. `with connect()` alone
    # only commits: closing() closes, or Python 3.13 warns (ResourceWarning) when the connection is collected.
    fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    os.close(fd)
    with closing(sqlite3.connect(path)) as src, closing(sqlite3.connect(target)) as dst:
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
                msg(
                    "This database was written by a newer Billing Desktop (schema {current}). Install the "
                    "newer version, or point BILLING_DESKTOP_DATABASE_URL at another database.",
                    current=current,
                )
            ) from None
    elif inspect(engine).get_table_names():
        raise DatabaseError(
            msg("This database holds tables that Billing Desktop did not create; refusing to touch it.")
        )
    backup = None
    path = _sqlite_path(str(engine.url))
    if current is not None and path is not None and path.exists():
        backup = _backup(path, backup_dir or path.parent / "backups", current)
    elif current is not None:
        # No file to copy on a server: the operator's own pg_dump is the backup (docs/TEAM.md).
        log.warning("migrating %s from %s to %s: take a pg_dump first", engine.url.database, current, head)
    command.upgrade(cfg, "head")
    return backup


def _at_head(engine: Engine) -> bool:
    head = head_revision()
    if head is None:
        return False
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == head
    except Exception:  # no such table yet, or anything else: the full path below says what is wrong
        return False


def open_database(url: str, backup_dir: Path | None = None) -> Engine:
    engine = make_engine(url)
    try:
        if not _at_head(engine):  # a schema at head never moves back: no lock needed to see it
            migrate(engine, backup_dir)
    except (SchemaTooNew, DatabaseError):
        engine.dispose()
        raise
    except Exception as exc:  # driver errors: say which database, never its password
        engine.dispose()
        damaged = load_failure(exc)  # a module of the migration that would not load: not the database's fault
        if damaged is not None:
            raise damaged from exc
        from billing_desktop.config import mask_url_password

        if not postgres.is_postgres(url):
            raise DatabaseError(
                msg(
                    "{mask_url_password_url}: {storage_advice_exc}",
                    mask_url_password_url=mask_url_password(url),
                    storage_advice_exc=storage_advice(exc),
                )
            ) from exc
        why = postgres.describe_error(exc)
        raise DatabaseError(
            msg(
                "Could not open the database {mask_url_password_url}: {why}",
                mask_url_password_url=mask_url_password(url),
                why=why,
            )
        ) from exc
    return engine


def sqlite_reason(exc: BaseException) -> str:
    """The SQLite driver's own words ("database disk image is malformed", "database or disk is full"): they name
    the problem and never carry data or a password."""
    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, sqlite3.Error) and str(orig):
        return str(orig)
    return type(exc).__name__


def storage_advice(exc: BaseException) -> str:
    """One sentence for a database failure in the middle of a command."""
    why = sqlite_reason(exc)
    if "malformed" in why or "not a database" in why:
        return (
            f"The database is damaged ({why}). Nothing more was written. Restore the newest copy from the "
            "backups folder in the data dir, or run `billing-desktop doctor` for details."
        )
    if "full" in why:
        return f"The disk is full ({why}). Nothing was saved by this command; free some space and try again."
    if "readonly" in why or "read-only" in why:
        return f"The database cannot be written ({why}). Check the permissions of the data dir."
    return f"The database could not be read or written ({why}). Nothing was saved by this command."
