"""A team database set up as docs/TEAM.md says, for a role that may not create extensions (a server where pg_trgm
is missing or untrusted, or CREATE on the database not granted): the migrations still reach head, without the
trigram index, and search still answers, by reading the table. Real PostgreSQL only."""

import secrets

import psycopg
import pytest
from sqlalchemy import text

from billing_desktop.store.database import open_database


@pytest.fixture
def limited_url(pg_server):
    server = pg_server
    url = server.create_database(migrated=False)
    dbname = url.rsplit("/", 1)[1]
    role, password = f"limited_{secrets.token_hex(4)}", secrets.token_hex(12)
    with server._admin() as c:
        c.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        c.execute(f"REVOKE CREATE ON DATABASE {dbname} FROM PUBLIC")
    u = server.url.set(database=dbname)
    with psycopg.connect(
        host=u.host, port=u.port, user=u.username, password=u.password, dbname=dbname, autocommit=True
    ) as c:
        c.execute(f"GRANT USAGE, CREATE ON SCHEMA public TO {role}")  # tables yes, extensions no
    yield server.url.set(database=dbname, username=role, password=password).render_as_string(hide_password=False)
    server.drop_database(url)
    with server._admin() as c:
        c.execute(f"DROP ROLE IF EXISTS {role}")


def test_migrations_reach_head_without_pg_trgm_and_search_still_answers(limited_url, keyring_backend):
    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext
    from billing_desktop.vault import Vault
    from tests.conftest import OPERATOR_EMAIL, OPERATOR_PASSWORD, fast_hasher, register

    engine = open_database(limited_url)
    try:
        with engine.connect() as c:
            indexes = set(c.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'tenants'")).scalars())
            extensions = set(c.execute(text("SELECT extname FROM pg_extension")).scalars())
        assert "ix_tenants_name_order" in indexes
        assert "pg_trgm" not in extensions and "ix_tenants_search_trgm" not in indexes
        svc = Services(AppContext(engine=engine, vault=Vault(keyring_backend), hasher=fast_hasher()))
        svc.auth.create_operator(OPERATOR_EMAIL, OPERATOR_PASSWORD)
        me = svc.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)
        register(svc, me, "Globex Tyrell", "owner@globex.example")
        assert [r.company_name for r in svc.tenants.page(me, search="x tyr").rows] == ["Globex Tyrell"]
    finally:
        engine.dispose()
