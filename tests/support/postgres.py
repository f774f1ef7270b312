"""The real PostgreSQL server that scripts/with-postgres.sh starts: one fresh database per test, made from a
migrated template so a test does not pay for the migrations."""

from __future__ import annotations

import itertools
import os

import psycopg
from sqlalchemy.engine import make_url

URL_ENV = "BILLING_DESKTOP_TEST_POSTGRES_URL"
REQUIRE_ENV = "BILLING_DESKTOP_REQUIRE_POSTGRES"
TEMPLATE = "billing_template"


class PostgresServer:
    def __init__(self, url: str):
        self.url = make_url(url)
        self._names = itertools.count(1)
        self._template_ready = False

    def _admin(self) -> psycopg.Connection:
        u = self.url
        return psycopg.connect(
            host=u.host, port=u.port, user=u.username, password=u.password, dbname="postgres", autocommit=True
        )

    def url_for(self, dbname: str) -> str:
        return self.url.set(database=dbname).render_as_string(hide_password=False)

    def _ensure_template(self) -> None:
        if self._template_ready:
            return
        from billing_desktop.store.database import open_database

        with self._admin() as c:
            c.execute(f"DROP DATABASE IF EXISTS {TEMPLATE}")
            c.execute(f"CREATE DATABASE {TEMPLATE} TEMPLATE template0")
        open_database(self.url_for(TEMPLATE)).dispose()
        self._template_ready = True

    def create_database(self, *, migrated: bool = True) -> str:
        """A new database: at the app's schema head, or empty. Returns its URL."""
        if migrated:
            self._ensure_template()
        name = f"billing_test_{os.getpid()}_{next(self._names)}"
        with self._admin() as c:
            c.execute(f"DROP DATABASE IF EXISTS {name}")
            c.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE if migrated else 'template0'}")
        return self.url_for(name)

    def drop_database(self, url: str) -> None:
        name = make_url(url).database
        with self._admin() as c:
            c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def server_from_env() -> PostgresServer | None:
    url = os.environ.get(URL_ENV)
    return PostgresServer(url) if url else None
