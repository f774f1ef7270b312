"""What only PostgreSQL (team mode) needs: the driver URL, the migration lock, server facts for `doctor`."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import URL, Engine, make_url

from billing_desktop.store.types import dump_json

# One fixed key for "a Billing Desktop migration is running" (any 64-bit number no other app of ours uses).
MIGRATION_LOCK_KEY = 0x42494C4C494E47  # "BILLING"
DRIVER = "postgresql+psycopg"


def is_postgres(url: str | URL | Engine) -> bool:
    if isinstance(url, Engine):
        return url.dialect.name == "postgresql"
    return make_url(url).get_backend_name() == "postgresql"


def normalize_url(url: str) -> str:
    """postgres:// and postgresql:// (libpq spellings) become psycopg 3 URLs; anything else is left alone."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    u = make_url(url)
    if u.get_backend_name() == "postgresql" and u.drivername != DRIVER:
        u = u.set(drivername=DRIVER)
        return u.render_as_string(hide_password=False)
    return url


def engine_options() -> dict[str, Any]:
    # Short connect timeout: a dead server shows as "down" in seconds, not minutes. The name shows in
    # pg_stat_activity, so a DBA sees which sessions are ours.
    return {
        "pool_pre_ping": True,
        "pool_size": 5,
        "max_overflow": 5,
        "connect_args": {"connect_timeout": 10, "application_name": "billing-desktop"},
        "json_serializer": dump_json,
    }


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Hold a session-level advisory lock: a second app starting a new version at once waits, then finds the
    schema already at head instead of migrating twice."""
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_KEY})
        conn.commit()
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_KEY})
            conn.commit()


def server_info(engine: Engine, samples: int = 5) -> dict[str, str]:
    """Server version, whether this connection uses TLS (and which), and the median round trip of SELECT 1."""
    with engine.connect() as conn:
        version = conn.execute(text("SHOW server_version")).scalar()
        ssl = conn.execute(
            text("SELECT ssl, version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        ).one_or_none()
        times = []
        for _ in range(samples):
            start = time.perf_counter()
            conn.execute(text("SELECT 1")).scalar()
            times.append(time.perf_counter() - start)
    tls = f"yes ({ssl.version}, {ssl.cipher})" if ssl is not None and ssl.ssl else "no (plain TCP or local socket)"
    return {
        "database_server": f"PostgreSQL {version}",
        "database_tls": tls,
        "database_latency": f"{statistics.median(times) * 1000:.1f} ms (median of {samples} round trips)",
    }


def display_name(url: str) -> str:
    """host/db for the status bar and messages (no user, no password)."""
    u = make_url(url)
    host = u.host or "localhost"
    port = f":{u.port}" if u.port and u.port != 5432 else ""
    return f"{host}{port}/{u.database}"


def describe_error(exc: BaseException) -> str:
    """The server's reason without the URL (which could hold the password): first line of the driver message."""
    orig = getattr(exc, "orig", exc)
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return text.replace("connection failed: ", "")[:300]
