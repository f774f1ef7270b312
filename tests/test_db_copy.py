"""`db copy --to URL`: a local SQLite database into an empty team database on the real PostgreSQL server."""

import io

import psycopg
import pytest
from sqlalchemy.engine import make_url

from billing_desktop.cli.main import main
from billing_desktop.services import Services
from billing_desktop.services.context import AppContext
from billing_desktop.store.database import open_database
from billing_desktop.vault import Vault
from tests.conftest import OPERATOR_EMAIL, OPERATOR_PASSWORD, fast_hasher, register


def _cli(argv, monkeypatch, capsys, vault):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(argv, vault=vault)
    out, err = capsys.readouterr()
    return code, out, err


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def test_copies_every_table_with_ids_and_audit_then_refuses_a_second_time(
    pg_server, services, operator, keyring_backend, monkeypatch, capsys
):
    acme = register(services, operator, "Acme Inc", "owner@acme.example")
    register(services, operator, "Globex", "owner@globex.example", mode="live")
    services.tenants.update(operator, acme.id, {"tier": "pro", "metadata": {"region": "eu"}})
    target = pg_server.create_database(migrated=False)
    vault = Vault(keyring_backend)
    # The password from the environment, as documented: a URL on the command line may not carry one.
    monkeypatch.setenv("BILLING_DESKTOP_DB_PASSWORD", make_url(target).password)
    target_argv = make_url(target)._replace(password=None).render_as_string(hide_password=False)
    try:
        code, out, err = _cli(["db", "copy", "--to", target_argv], monkeypatch, capsys, vault)
        assert code == 0, err
        assert "tenants" in out and "verified" in out
        assert "sealed_secrets" in out and "travelled sealed" in out  # secrets move sealed, never readable
        assert make_url(target).password not in out + err

        # The team database is a working copy: same ids, same audit history, and new rows get new ids.
        engine = open_database(target)
        # The same operator key (this keyring) opens the copied vault: its sealed copy travelled with the rows.
        team = Services(AppContext(engine=engine, vault=Vault(keyring_backend), hasher=fast_hasher()))
        try:
            me = team.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)
            copied = team.tenants.get(me, acme.id)
            assert (copied.slug, copied.tier, copied.metadata) == ("acme-inc", "pro", {"region": "eu"})
            assert [e.id for e in team.audit.list(me)][1:] == [e.id for e in services.audit.list(operator)]
            newest = register(team, me, "Initech", "owner@initech.example")
            assert newest.id > max(t.id for t in services.tenants.list(operator))
        finally:
            engine.dispose()

        code, _, err = _cli(["db", "copy", "--to", target_argv], monkeypatch, capsys, vault)
        assert code == 1 and "not empty" in err
    finally:
        pg_server.drop_database(target)


def test_a_failed_verification_is_reported(pg_server, services, operator, monkeypatch):
    """The checksum compares what was read back: a target that changes a value is caught."""
    register(services, operator, "Acme Inc", "owner@acme.example")
    target = pg_server.create_database()
    from billing_desktop.errors import DatabaseError
    from billing_desktop.store import copy as copier

    real_digest = copier._digest

    def tampered(engine, table):
        if engine.dialect.name == "postgresql" and table.name == "tenants":
            with psycopg.connect(_libpq(target), autocommit=True) as c:
                c.execute("update tenants set company_name = 'Tampered'")
        return real_digest(engine, table)

    monkeypatch.setattr(copier, "_digest", tampered)
    engine = open_database(target)
    try:
        with pytest.raises(DatabaseError, match="Verification failed for tenants"):
            copier.copy_all(services.ctx.engine, engine)
    finally:
        engine.dispose()
        pg_server.drop_database(target)
