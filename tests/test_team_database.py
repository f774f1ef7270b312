"""Team mode on the real PostgreSQL server: migrations under an advisory lock, doctor, `db connect` with the
password in the real OS keyring (never on disk)."""

import io
import multiprocessing
import stat

import psycopg
import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import make_url

from billing_desktop.cli.main import main
from billing_desktop.services.doctor import diagnose
from billing_desktop.store.database import _alembic_config, make_engine, open_database, schema_state
from billing_desktop.vault import Vault

OP = "op@team.example"
OP_PW = "operator-password-1"


def _open_at_barrier(url, barrier, results):
    barrier.wait()
    try:
        open_database(url).dispose()
        results.put("ok")
    except Exception as exc:  # reported to the parent, which fails the test with it
        results.put(f"{type(exc).__name__}: {exc}")


def test_starting_at_once_migrates_once(pg_server):
    url = pg_server.create_database(migrated=False)
    try:
        ctx = multiprocessing.get_context("spawn")
        n = 4
        barrier, results = ctx.Barrier(n), ctx.Queue()
        procs = [ctx.Process(target=_open_at_barrier, args=(url, barrier, results)) for _ in range(n)]
        for p in procs:
            p.start()
        outcomes = [results.get(timeout=120) for _ in procs]
        for p in procs:
            p.join(30)
        assert outcomes == ["ok"] * n
        engine = open_database(url)
        try:
            current, head = schema_state(engine)
            assert current == head
            with engine.connect() as c:
                assert c.execute(text("select count(*) from alembic_version")).scalar() == 1
        finally:
            engine.dispose()
    finally:
        pg_server.drop_database(url)


def test_no_file_copy_before_migrating_a_server(pg_server, tmp_path):
    url = pg_server.create_database(migrated=False)
    try:
        engine = make_engine(url)
        command.upgrade(_alembic_config(engine), "0003")  # as if made by an earlier release
        engine.dispose()
        engine = open_database(url, backup_dir=tmp_path / "backups")
        try:
            assert schema_state(engine)[0] == schema_state(engine)[1]
            assert not (tmp_path / "backups").exists()
        finally:
            engine.dispose()
    finally:
        pg_server.drop_database(url)


def test_doctor_reports_server_version_tls_and_latency(pg_server):
    url = pg_server.create_database()
    try:
        report = diagnose(url, probe_qt=False)
    finally:
        pg_server.drop_database(url)
    assert report["database_server"].startswith("PostgreSQL 1")
    assert report["database_tls"].startswith("no")  # the test server listens on loopback without TLS
    assert report["database_latency"].endswith("round trips)")
    assert "up to date" in report["schema_version"]
    assert make_url(url).password not in str(report)


def test_wrong_password_is_a_clear_error(pg_server):
    url = make_url(pg_server.create_database()).set(password="wrong")
    try:
        from billing_desktop.errors import DatabaseError

        with pytest.raises(DatabaseError, match="password authentication failed") as e:
            open_database(url.render_as_string(hide_password=False))
        assert "wrong" not in str(e.value)
    finally:
        pg_server.drop_database(url.render_as_string(hide_password=False))


def _cli(argv, monkeypatch, capsys, stdin="", env=None):
    for k, v in (env or {}).items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    for k in env or {}:
        monkeypatch.delenv(k)
    return code, out, err


def test_cli_connects_remembers_and_keeps_the_password_in_the_keyring(
    pg_server, secret_service, home, monkeypatch, capsys
):
    url = make_url(pg_server.create_database())
    args = ["--host", url.host, "--port", str(url.port), "--database", url.database, "--user", url.username]
    vault_name = f"database/{url.username}@{url.host}:{url.port}/{url.database}"
    try:
        code, _, err = _cli(
            ["db", "connect", *args, "--tls", "disable"], monkeypatch, capsys, stdin="not-the-password\n"
        )
        assert code == 1 and "password authentication failed" in err and "Traceback" not in err
        assert not (home / "team-database.json").exists()

        code, out, err = _cli(["db", "connect", *args, "--tls", "disable"], monkeypatch, capsys, stdin=url.password)
        assert code == 0, err
        assert f"Connected to {url.host}:{url.port}/{url.database}" in out
        profile = home / "team-database.json"
        assert stat.S_IMODE(profile.stat().st_mode) == 0o600
        assert url.password not in profile.read_text()
        assert Vault().keyring.get(vault_name) == url.password

        # Every later command opens the team database, the password coming from the keyring.
        code, out, err = _cli(["init", "--email", OP], monkeypatch, capsys, stdin=OP_PW + "\n")
        assert code == 0, err
        with psycopg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)) as c:
            assert c.execute("select email from users").fetchall() == [(OP,)]
        code, out, err = _cli(["db", "status"], monkeypatch, capsys)
        assert code == 0 and "PostgreSQL" in out and "up to date" in out and url.password not in out

        code, out, _ = _cli(["db", "disconnect"], monkeypatch, capsys)
        assert code == 0 and not profile.exists()
        code, out, _ = _cli(["db", "status"], monkeypatch, capsys)
        assert "sqlite" in out
    finally:
        Vault().keyring.delete(vault_name)
        pg_server.drop_database(url.render_as_string(hide_password=False))
