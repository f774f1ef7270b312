"""Team mode: which PostgreSQL database this machine works on, and its password in the OS keyring.

The remembered choice (host, port, database, user, TLS mode) is a small JSON file in the data dir, read by
`config.database_url()`, so the GUI and the CLI open the same database. The password is never in that file nor in
a URL on disk: it lives in the vault and is put into the URL in memory only, when the engine is made.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import URL, make_url

from billing_desktop import config
from billing_desktop.errors import DatabaseError, ValidationError, msg
from billing_desktop.vault import Vault

if TYPE_CHECKING:
    from billing_desktop.store.copy import TableCopy


class TlsMode(StrEnum):
    """libpq's sslmode values, weakest first."""

    DISABLE = "disable"
    PREFER = "prefer"
    REQUIRE = "require"
    VERIFY_CA = "verify-ca"
    VERIFY_FULL = "verify-full"


@dataclass(frozen=True, kw_only=True)
class TeamDatabase:
    host: str
    port: int = 5432
    database: str
    user: str
    tls: str = TlsMode.PREFER.value

    def validate(self) -> None:
        errors = {}
        if not self.host.strip() or any(c.isspace() or c in "/@?#" for c in self.host.strip()):
            errors["host"] = msg("Enter a host name or address, like db.example.com.")
        if not 1 <= int(self.port) <= 65535:
            errors["port"] = msg("Enter a port between 1 and 65535.")
        if not self.database.strip() or "/" in self.database:
            errors["database"] = msg("Enter the database name.")
        if not self.user.strip() or any(c in "@:/" for c in self.user):
            errors["user"] = msg("Enter the database user (role).")
        if self.tls not in {m.value for m in TlsMode}:
            errors["tls"] = msg("Choose a TLS mode: {modes}.", modes=", ".join(m.value for m in TlsMode))
        if errors:
            raise ValidationError(errors)

    def url(self, password: str | None = None) -> str:
        """The SQLAlchemy URL; with the password only when one is given (kept in memory, never written)."""
        return config.team_database_url(asdict(self), password)

    @property
    def vault_name(self) -> str:
        return vault_name_for(self.url())

    @property
    def display(self) -> str:
        port = "" if int(self.port) == 5432 else f":{self.port}"
        return f"{self.host.strip()}{port}/{self.database.strip()}"


def database_label(url: str | URL) -> str:
    u = url if isinstance(url, URL) else make_url(url)
    if u.get_backend_name() == "postgresql":
        port = "" if not u.port or u.port == 5432 else f":{u.port}"
        return f"{u.host or 'localhost'}{port}/{u.database}"
    from pathlib import Path

    return msg("local file {name}", name=Path(u.database).name) if u.database else msg("local database")


def vault_name_for(url: str) -> str:
    u = make_url(url)
    return f"database/{u.username}@{u.host}:{u.port or 5432}/{u.database}"


def with_password(url: str, vault: Vault) -> str:
    """A PostgreSQL URL without a password gets the one in the keyring (if any) for the engine, in memory.
    A URL that carries its own password, PGPASSWORD or ~/.pgpass work as libpq makes them work."""
    u = make_url(url)
    if u.get_backend_name() != "postgresql" or u.password or os.environ.get("PGPASSWORD"):
        return url
    password = vault.keyring.get(vault_name_for(url))  # what opens the database cannot be sealed inside it
    return u.set(password=password).render_as_string(hide_password=False) if password else url


def _profile_path() -> Path:
    return config.paths().team_profile


def load_profile() -> TeamDatabase | None:
    data = config.team_profile()
    if data is None:
        return None
    return TeamDatabase(
        host=str(data["host"]),
        port=int(data.get("port") or 5432),
        database=str(data["database"]),
        user=str(data["user"]),
        tls=str(data.get("tls") or TlsMode.PREFER.value),
    )


def save_profile(profile: TeamDatabase, password: str, vault: Vault) -> None:
    """Remember the choice: the password in the keyring first, then the file that points at it."""
    profile.validate()
    if password:
        vault.keyring.set(profile.vault_name, password)
    path = _profile_path()
    config.ensure_private_dir(path.parent)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(asdict(profile), f, indent=2)
    os.replace(tmp, path)  # a crash leaves the old choice or the new one, never half a file


def forget_profile() -> None:
    """Back to the local SQLite file. The keyring entry stays, for switching back."""
    _profile_path().unlink(missing_ok=True)


def test_connection(profile: TeamDatabase, password: str) -> dict[str, str]:
    """Connect once and report server version, TLS and latency; a clear DatabaseError otherwise."""
    profile.validate()
    from sqlalchemy import create_engine

    from billing_desktop.store.postgres import describe_error, engine_options, server_info

    options = engine_options()
    options["connect_args"] = {**options["connect_args"], "connect_timeout": 5}
    engine = create_engine(profile.url(password), **options)
    try:
        return server_info(engine)
    except Exception as exc:
        raise DatabaseError(
            msg(
                "Could not connect to {display}: {describe_error_exc}",
                display=profile.display,
                describe_error_exc=describe_error(exc),
            )
        ) from None
    finally:
        engine.dispose()


def copy_to_team(
    source_url: str, target_url: str, vault: Vault, progress: Callable[[str, int], None] | None = None
) -> tuple[list[TableCopy], dict[str, int]]:
    """Copy the local database into an empty team database; returns (per-table report, secrets left behind).
    Both are brought to this app's schema first (the source gets its usual file copy before migrating)."""
    from billing_desktop.store import copy, postgres
    from billing_desktop.store.database import open_database

    if not postgres.is_postgres(target_url):
        raise ValidationError({"to": msg("Give a PostgreSQL URL: postgresql+psycopg://USER@HOST:PORT/DB?sslmode=…")})
    source = open_database(source_url, backup_dir=config.paths().backup_dir)
    try:
        target = open_database(with_password(target_url, vault))
        try:
            return copy.copy_all(source, target, progress), copy.secrets_left_behind(source)
        finally:
            target.dispose()
    finally:
        source.dispose()


def stored_password(profile: TeamDatabase, vault: Vault) -> str:
    return vault.keyring.get(profile.vault_name) or ""


def connect(profile: TeamDatabase, password: str, vault: Vault) -> TeamDatabase:
    """Test, then remember (password to the keyring first). Nothing is remembered if the server says no."""
    test_connection(profile, password)
    save_profile(profile, password, vault)
    return profile


def unanswered_reason(exc: BaseException) -> str | None:
    """The driver's first line when the database did not answer in the middle of some work (server stopped, a
    failover, the connection cut; SQLite busy or unwritable), else None. No URL and no password: only the reason."""
    from sqlalchemy.exc import InterfaceError, OperationalError

    from billing_desktop.store.postgres import describe_error

    return describe_error(exc) if isinstance(exc, (OperationalError, InterfaceError)) else None
