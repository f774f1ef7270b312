"""Where the app keeps its data, read from the environment once per call (tests change it)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any, NamedTuple

from billing_desktop import APP_ID

ENV_HOME = "BILLING_DESKTOP_HOME"
ENV_DATABASE_URL = "BILLING_DESKTOP_DATABASE_URL"
ENV_PASSWORD = "BILLING_DESKTOP_PASSWORD"


class Paths(NamedTuple):  # not a dataclass: `keys inspect`, a timed process, reads it without `dataclasses`
    """Where the data dir keeps the database, the log and the rest."""

    data_dir: Path

    @property
    def database_file(self) -> Path:
        return self.data_dir / "billing-desktop.sqlite3"

    @property
    def log_file(self) -> Path:
        return self.data_dir / "billing-desktop.log"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def team_profile(self) -> Path:
        return self.data_dir / "team-database.json"


def data_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home).expanduser()
    import platformdirs  # imported late: start-up should not pay for it when the env var is set

    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def paths() -> Paths:
    return Paths(data_dir())


def database_url(override: str | None = None) -> str:
    """--database-url, else BILLING_DESKTOP_DATABASE_URL, else the remembered team database, else local SQLite."""
    url = override or os.environ.get(ENV_DATABASE_URL)
    if url:
        return url
    profile = team_profile()
    if profile is not None:
        return team_database_url(profile)
    return f"sqlite:///{paths().database_file}"


def team_profile() -> dict[str, Any] | None:
    """The team database chosen in File → Connect to team database… (no password in it), or None."""
    import json

    path = paths().team_profile
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except ValueError:
        data = None
    if not isinstance(data, dict) or not {"host", "database", "user"} <= data.keys():
        from billing_desktop.errors import DatabaseError, msg

        raise DatabaseError(
            msg("{path} is not a team database profile; remove it to use the local database.", path=path)
        )
    return data


def team_database_url(profile: dict[str, Any], password: str | None = None) -> str:
    """postgresql+psycopg://user[:password]@host:port/db?sslmode=…; the password only ever in memory."""
    from sqlalchemy.engine import URL

    u = URL.create(
        "postgresql+psycopg",
        username=str(profile["user"]).strip(),
        password=password or None,
        host=str(profile["host"]).strip(),
        port=int(profile.get("port") or 5432),
        database=str(profile["database"]).strip(),
        query={"sslmode": str(profile.get("tls") or "prefer")},
    )
    return u.render_as_string(hide_password=False)


def mask_url_password(url: str) -> str:
    """postgresql://user:secret@host/db -> postgresql://user:***@host/db"""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    userinfo = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{userinfo}:***@{netloc[1]}"))


def ensure_private_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):  # not ours to change (e.g. a shared mount); the files inside stay 0600
        path.chmod(0o700)
    return path
