"""A lost laptop, end to end through the command line: operator data with every kind of secret on this machine's
real keyring, a backup, then a new machine (its own `dbus-run-session`, a fresh GNOME Keyring and an empty data
dir) that restores with the recovery key and has every row and every secret back."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import stripe

from billing_desktop.cli.main import main
from billing_desktop.domain.webhooks import STRIPE_HEADER
from tests.support.receiver import Receiver

ROOT = Path(__file__).resolve().parents[1]
OP, OP_PW, OWNER_PW = "op@platform.example", "operator-password-1", "owner-password-123"

DUMP_SECRETS = """
import json
from sqlalchemy import select
from billing_desktop.services.bootstrap import build_services
from billing_desktop.store.models import SealedSecret, Tenant, User, AuditEntry
svc = build_services()
with svc.ctx.db() as s:
    names = list(s.scalars(select(SealedSecret.name)))
    out = {"secrets": svc.ctx.vault.open_many(s, names),
           "tenants": sorted(s.scalars(select(Tenant.slug))),
           "users": sorted(s.scalars(select(User.email))),
           "audit": len(list(s.scalars(select(AuditEntry.id))))}
svc.close()
print(json.dumps(out))
"""


def here(argv, monkeypatch, capsys, stdin="", env=None):
    for k, v in (env or {}).items():
        monkeypatch.setenv(k, v)
    monkeypatch.setenv("BILLING_DESKTOP_PASSWORD", OP_PW)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def new_machine(home: Path, argv, env=None, stdin=""):
    """One command on the new machine: its own D-Bus session and keyring (kept in `home` between commands)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "GNOME_KEYRING", "XDG_DATA_HOME"))}
    base |= {"BILLING_DESKTOP_HOME": str(home / "app"), "KEYRING_TEST_HOME": str(home / "keyring")}
    (home / "keyring").mkdir(parents=True, exist_ok=True)
    cmd = ["dbus-run-session", "--", str(ROOT / "scripts/with-keyring.sh"), sys.executable, *argv]
    p = subprocess.run(cmd, env=base | (env or {}), input=stdin, capture_output=True, text=True, timeout=180, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr


def _state_here() -> dict:
    p = subprocess.run([sys.executable, "-c", DUMP_SECRETS], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)


@pytest.mark.secret_service
def test_lost_laptop_restore_with_recovery_key_on_a_new_machine(secret_service, fake, tmp_path, monkeypatch, capsys):
    receiver = Receiver()
    try:
        code, out, err = here(["init", "--email", OP], monkeypatch, capsys, stdin=OP_PW + "\n")
        assert code == 0, err
        key_line = next(line.strip() for line in out.splitlines() if line.count("-") == 8 and len(line.strip()) == 44)
        code, _, err = here(
            ["tenants", "register", "--company", "Acme Inc", "--email", "owner@acme.example"],
            monkeypatch,
            capsys,
            stdin=OWNER_PW + "\n",
        )
        assert code == 0, err
        code, _, err = here(
            ["webhooks", "set", "acme-inc", "--url", receiver.url, "--allow-private"], monkeypatch, capsys
        )
        assert code == 0, err
        code, _, err = here(
            ["platform", "set-stripe", "--client-id", fake.client_id], monkeypatch, capsys, stdin=fake.secret_key + "\n"
        )
        assert code == 0, err
        _seal_connect_tokens()
        before = _state_here()
        kinds = {n.split("/")[2] if n.startswith("tenant/") else n for n in before["secrets"]}
        assert {"api-key", "webhook-secret", "stripe-access-token", "platform/stripe-secret-key"} <= kinds

        backup = tmp_path / "synced-folder" / "laptop.bdbackup"
        backup.parent.mkdir()
        code, out, err = here(["backup", "create", "--to", str(backup)], monkeypatch, capsys)
        assert code == 0 and "Backup written" in out, err
        raw = backup.read_bytes()
        for value in before["secrets"].values():
            assert value.encode() not in raw

        # The laptop is gone. A new machine: empty data dir, empty keyring.
        home = tmp_path / "new"
        code, out, err = new_machine(home, ["-m", "billing_desktop", "backup", "verify", str(backup)])
        assert code == 1 and "recovery key" in err, (out, err)
        typo = ("X" if key_line[0] != "X" else "Y") + key_line[1:]
        code, out, err = new_machine(
            home, ["-m", "billing_desktop", "backup", "restore", str(backup), "--recovery-key"], stdin=typo + "\n"
        )
        assert code == 2 and "mistyped" in err and not (home / "app" / "billing-desktop.sqlite3").exists(), err
        code, out, err = new_machine(
            home,
            ["-m", "billing_desktop", "backup", "restore", str(backup)],
            env={"BILLING_DESKTOP_RECOVERY_KEY": key_line.lower()},
        )
        assert code == 0, (out, err)
        assert "tenants: 1" in out and "doctor: ok" in out and f"operator key for {OP}" in out

        code, out, err = new_machine(home, ["-c", DUMP_SECRETS])
        assert code == 0, err
        after = json.loads(out)
        assert after["secrets"] == before["secrets"]
        assert after["tenants"] == before["tenants"] and after["users"] == before["users"]
        assert after["audit"] > before["audit"]  # the backup's and the restore's own entries on top

        # The restored machine signs a test delivery that stripe-python verifies with the original secret.
        code, out, err = new_machine(
            home,
            ["-m", "billing_desktop", "webhooks", "test", "acme-inc"],
            env={"BILLING_DESKTOP_PASSWORD": OP_PW},
        )
        assert code == 0, (out, err)
        _, headers, body = receiver.requests[-1]
        secret = next(v for n, v in before["secrets"].items() if "/webhook-secret/" in n)
        assert stripe.WebhookSignature.verify_header(body.decode(), headers[STRIPE_HEADER], secret, 300)
        # API keys inspect as before (the same verdict for the same secret).
        api_secret = next(v for n, v in before["secrets"].items() if "/api-key/" in n)
        _, here_out, _ = here(["keys", "inspect", "-"], monkeypatch, capsys, stdin=api_secret + "\n")
        code, there_out, err = new_machine(
            home, ["-m", "billing_desktop", "keys", "inspect", "-"], stdin=api_secret + "\n"
        )
        assert code == 0 and there_out == here_out, err

        # Cut off the lost laptop's key from the new machine: a backup made there before opens with the old laptop's
        # keyring; one made after `team revoke-key` does not (and the new machine's own key is refused).
        pw = {"BILLING_DESKTOP_PASSWORD": OP_PW}
        code, out, err = new_machine(home, ["-m", "billing_desktop", "team", "status", "--json"], env=pw)
        assert code == 0, err
        keys = json.loads(out)
        (old_fp,) = [k["fingerprint"] for k in keys if not k["this_account"] and k["state"] == "granted"]
        (new_fp,) = [k["fingerprint"] for k in keys if k["this_account"]]
        assert all(k["joined_at"] for k in keys)
        early = tmp_path / "synced-folder" / "new-before.bdbackup"
        code, _, err = new_machine(home, ["-m", "billing_desktop", "backup", "create", "--to", str(early)], env=pw)
        assert code == 0, err
        code, out, err = here(["backup", "verify", str(early)], monkeypatch, capsys)
        assert code == 0, (out, err)
        code, out, err = new_machine(home, ["-m", "billing_desktop", "team", "revoke-key", new_fp, "--yes"], env=pw)
        assert code != 0 and "this machine is using" in err, (out, err)
        code, out, err = new_machine(home, ["-m", "billing_desktop", "team", "revoke-key", old_fp, "--yes"], env=pw)
        assert code == 0 and f"key {old_fp}" in out, (out, err)
        late = tmp_path / "synced-folder" / "new-after.bdbackup"
        code, _, err = new_machine(home, ["-m", "billing_desktop", "backup", "create", "--to", str(late)], env=pw)
        assert code == 0, err
        code, out, err = here(["backup", "verify", str(late)], monkeypatch, capsys)
        assert code != 0 and "recovery key" in err, (out, err)
        code, out, err = new_machine(home, ["-c", DUMP_SECRETS])
        assert code == 0 and json.loads(out)["secrets"] == before["secrets"], err
    finally:
        receiver.close()


def _seal_connect_tokens() -> None:
    """A linked Connect account's OAuth tokens, sealed as the OAuth flow seals them."""
    from billing_desktop.services.bootstrap import build_services
    from billing_desktop.store.models import StripeAccount

    svc = build_services()
    try:
        with svc.ctx.db() as s, s.begin():
            now = svc.ctx.clock()
            s.add(
                StripeAccount(
                    tenant_id=1,
                    stripe_user_id="acct_1Backup",
                    status="active",
                    livemode=False,
                    scope="read_write",
                    connected_at=now,
                )
            )
            svc.ctx.vault.seal(s, "tenant/1/stripe-access-token", "sk_test_connectAccessTokenForBackup1", now)
            svc.ctx.vault.seal(s, "tenant/1/stripe-refresh-token", "rt_connectRefreshTokenForBackup12", now)
    finally:
        svc.close()
