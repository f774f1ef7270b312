"""Two operators, two real keyrings (two D-Bus sessions with their own GNOME Keyring, two homes), one real
PostgreSQL server, through the command line as each operator types it.

Operator A works in this test's D-Bus session; operator B's every command runs in a `dbus-run-session` of its
own, with a keyring kept in B's home between commands."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import stripe
from sqlalchemy.engine import make_url

from billing_desktop.cli.main import main
from billing_desktop.domain.webhooks import STRIPE_HEADER
from billing_desktop.services.key_inspection import candidates
from tests.support.receiver import Receiver

ROOT = Path(__file__).resolve().parents[1]
A, A_PW = "ana@platform.example", "operator-a-password-1"
B, B_PW = "ben@platform.example", "operator-b-password-1"
OWNER_PW = "owner-password-123"


def _argv_url(url) -> tuple[str, str]:
    """The URL for the command line (no password: it would be refused there) and the password, for PGPASSWORD."""
    u = make_url(url)
    return u._replace(password=None).render_as_string(hide_password=False), u.password or ""


def as_a(url, argv, monkeypatch, capsys, stdin=""):
    url, password = _argv_url(url)
    monkeypatch.setenv("BILLING_DESKTOP_PASSWORD", A_PW)
    monkeypatch.setenv("PGPASSWORD", password)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    # The first argument is the command group; --as follows the action (A acts as A, there are two operators).
    code = main(["--database-url", url, *argv, *(["--as", A] if argv[0] in ("team", "webhooks") else [])])
    out, err = capsys.readouterr()
    return code, out, err


def as_b(url, home: Path, argv):
    url, password = _argv_url(url)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "GNOME_KEYRING", "XDG_DATA_HOME"))} | {
        "BILLING_DESKTOP_HOME": str(home / "app"),
        "KEYRING_TEST_HOME": str(home / "keyring"),
        "BILLING_DESKTOP_PASSWORD": B_PW,
        "PGPASSWORD": password,
    }
    (home / "keyring").mkdir(parents=True, exist_ok=True)
    cmd = ["dbus-run-session", "--", str(ROOT / "scripts/with-keyring.sh"), sys.executable, "-m", "billing_desktop"]
    p = subprocess.run(
        [*cmd, "--database-url", url, *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    return p.returncode, p.stdout, p.stderr


def pg_dump(url) -> bytes:
    u = make_url(url)
    bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    exe = str(bindir[-1] / "pg_dump") if bindir else "pg_dump"
    env = dict(os.environ, PGPASSWORD=u.password or "")
    return subprocess.run(
        [exe, "-h", u.host, "-p", str(u.port), "-U", u.username, "-d", u.database],
        env=env,
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout


@pytest.fixture
def team_db(pg_server):
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.mark.secret_service
def test_two_operators_two_keyrings_one_postgresql(secret_service, team_db, tmp_path, monkeypatch, capsys):
    url = team_db
    receiver = Receiver()
    try:
        code, out, err = as_a(url, ["init", "--email", A], monkeypatch, capsys, stdin=A_PW + "\n")
        assert code == 0, err
        reg = ["tenants", "register", "--company", "Acme Inc", "--email", "owner@acme.example", "--json"]
        code, out, err = as_a(url, reg, monkeypatch, capsys, stdin=OWNER_PW + "\n")
        assert code == 0, err
        code, _, err = as_a(
            url, ["webhooks", "set", "acme-inc", "--url", receiver.url, "--allow-private"], monkeypatch, capsys
        )
        assert code == 0, err
        code, _, err = as_a(
            url, ["users", "add", "--role", "operator", "--email", B], monkeypatch, capsys, stdin=B_PW + "\n"
        )
        assert code == 0, err

        # B has not joined: a secret-needing action says so, nothing else breaks.
        code, out, err = as_b(url, tmp_path / "b", ["webhooks", "test", "acme-inc", "--as", B])
        assert code == 1 and "team join" in err, (out, err)
        code, out, err = as_b(url, tmp_path / "b", ["tenants", "list", "--as", B])
        assert code == 0 and "acme-inc" in out, err
        code, out, err = as_b(url, tmp_path / "b", ["tenants", "list"])  # two operators, none joined from here
        assert code == 1 and "--as EMAIL" in err, (out, err)
        code, out, err = as_b(url, tmp_path / "b", ["team", "join", "--as", B, "--json"])
        assert code == 0, err
        fingerprint = json.loads(out)["fingerprint"]
        # Joined: B's commands act as B without --as (his key is in this keyring), as A's do as A on hers.
        code, out, err = as_b(url, tmp_path / "b", ["tenants", "list"])
        assert code == 0 and "acme-inc" in out, err
        code, out, err = as_a(url, ["users", "list"], monkeypatch, capsys)
        assert code == 0 and B in out, err
        code, out, err = as_b(url, tmp_path / "b", ["webhooks", "test", "acme-inc", "--as", B])
        assert code == 1 and "Waiting for access" in err and fingerprint in err
        assert not receiver.requests

        # A wrong fingerprint is refused (exit 2, the field named); the right one grants.
        wrong = ("ZZZZ" if not fingerprint.startswith("ZZZZ") else "YYYY") + fingerprint[4:]
        code, _, err = as_a(url, ["team", "grant", B, "--fingerprint", wrong], monkeypatch, capsys)
        assert code == 2 and "error: fingerprint: Refused" in err, err
        code, out, err = as_a(url, ["team", "grant", B, "--fingerprint", fingerprint], monkeypatch, capsys)
        assert code == 0 and "Granted" in out, err

        # B sends a signed test delivery; stripe-python verifies it with the secret A sees.
        code, out, err = as_b(url, tmp_path / "b", ["webhooks", "test", "acme-inc", "--as", B, "--json"])
        assert code == 0, err
        _, headers, body = receiver.requests[-1]
        secret = _a_services_reveal_webhook_secret(url)
        assert stripe.WebhookSignature.verify_header(body.decode(), headers[STRIPE_HEADER], secret, 300)

        code, out, err = as_a(url, ["team", "status", "--json"], monkeypatch, capsys)
        status = {r["email"]: r for r in json.loads(out)}
        assert status[B]["state"] == "granted" and status[B]["granted_by"] == A
        assert status[B]["fingerprint"] == fingerprint and status[A]["this_account"]

        # Revoke: B cannot any more, A still can.
        code, out, err = as_a(url, ["team", "revoke", B, "--yes"], monkeypatch, capsys)
        assert code == 0 and "re-encrypted" in out, err
        sent = len(receiver.requests)
        code, out, err = as_b(url, tmp_path / "b", ["webhooks", "test", "acme-inc", "--as", B])
        assert code == 1 and "revoked" in err and len(receiver.requests) == sent
        code, _, err = as_a(url, ["webhooks", "test", "acme-inc"], monkeypatch, capsys)
        assert code == 0 and len(receiver.requests) == sent + 1, err

        # A dump of the database holds none of the secrets, by value or by the app's own leak scan.
        dump = pg_dump(url)
        assert b"sealed_secrets" in dump and b"acme-inc" in dump  # the dump does hold the data
        known = [secret, *_a_services_api_secrets(url)]
        for value in known:
            assert value.encode() not in dump
        assert [t for _, t in candidates(dump) if not t.startswith(b"pk_")] == []
    finally:
        receiver.close()


def _a_services(url):
    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext
    from billing_desktop.store.database import open_database
    from billing_desktop.vault import Vault

    return Services(AppContext(engine=open_database(url), vault=Vault()))


def _a_services_reveal_webhook_secret(url) -> str:
    svc = _a_services(url)
    try:
        return svc.webhooks.reveal_secret(svc.auth.sign_in(A, A_PW), 1)
    finally:
        svc.close()


def _a_services_api_secrets(url) -> list[str]:
    from tests.support.vault_helpers import sealed

    svc = _a_services(url)
    try:
        values = [v for n, v in sealed(svc).items() if "/api-key/" in n]
        assert len(values) == 2
        return values
    finally:
        svc.close()
