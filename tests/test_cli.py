"""The command line, run as a user types it (in-process: the same argv, environment and stdin)."""

import io
import json

import pytest

from billing_desktop.cli.main import main
from billing_desktop.vault import Vault
from tests.support.memory_keyring import MemoryKeyring

OP = "op@cli.example"
OP_PW = "operator-password-1"
OWNER_PW = "owner-password-123"


@pytest.fixture
def initialised(run_cli):
    code, out, _ = run_cli(["init", "--email", OP], stdin=OP_PW + "\n")
    assert code == 0 and "created" in out


def test_commands_keep_secrets_in_the_vault_main_is_given(monkeypatch, capsys):
    memory = MemoryKeyring()
    monkeypatch.setattr("sys.stdin", io.StringIO(OP_PW + "\n"))
    assert main(["init", "--email", OP], vault=Vault(memory)) == 0
    monkeypatch.setenv("BILLING_DESKTOP_PASSWORD", OP_PW)
    monkeypatch.setattr("sys.stdin", io.StringIO(OWNER_PW + "\n"))
    assert main(["tenants", "register", "--company", "Acme", "--email", "owner@acme.example"], vault=Vault(memory)) == 0
    assert "Registered Acme" in capsys.readouterr().out
    # The keyring main() was given holds one item, the operator key; it opens the two sealed secret keys.
    assert [user.rsplit("/", 1)[-1] for _, user in memory.store] == ["operator-key"]
    from billing_desktop.services.bootstrap import build_services
    from tests.support.vault_helpers import sealed

    svc = build_services(vault=Vault(memory))
    try:
        assert sum("/api-key/" in name for name in sealed(svc)) == 2  # the test and live secret keys
    finally:
        svc.close()


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.strip() == "billing-desktop 0.1.0"


def test_register_list_show_update_deactivate(run_cli, initialised):
    auth = {"BILLING_DESKTOP_PASSWORD": OP_PW}
    code, out, err = run_cli(
        [
            "tenants",
            "register",
            "--company",
            "Acme Inc",
            "--email",
            "owner@acme.example",
            "--mode",
            "live",
            "--fee",
            "2.5",
            "--json",
        ],
        stdin=OWNER_PW + "\n",
        env=auth,
    )
    assert code == 0, err
    created = json.loads(out)
    assert (created["slug"], created["mode"], created["platform_fee_percent"]) == ("acme-inc", "live", "2.50")
    code, out, _ = run_cli(["tenants", "list", "--json"], env=auth)
    assert [t["slug"] for t in json.loads(out)] == ["acme-inc"]
    code, out, _ = run_cli(
        ["tenants", "update", "acme-inc", "--tier", "pro", "--branding", '{"c": 1}', "--json"],
        env=auth,
    )
    assert code == 0 and json.loads(out)["tier"] == "pro"
    code, out, _ = run_cli(["tenants", "show", "acme-inc"], env=auth)
    assert "tier" in out and "pro" in out
    code, _, err = run_cli(["tenants", "deactivate", "acme-inc"], env=auth)
    assert code == 1 and "--yes" in err
    code, out, _ = run_cli(["tenants", "deactivate", "acme-inc", "--yes", "--reason", "test"], env=auth)
    assert code == 0 and "Deactivated" in out


def test_wrong_password_exits_nonzero_with_one_line(run_cli, initialised):
    code, out, err = run_cli(["tenants", "list"], env={"BILLING_DESKTOP_PASSWORD": "nope-nope-nope"})
    assert code == 3 and out == ""
    assert err == "error: Wrong email or password.\n"


def test_validation_errors_name_fields(run_cli, initialised):
    code, _, err = run_cli(
        ["tenants", "register", "--company", "X", "--email", "bad", "--fee", "200"],
        stdin="short\n",
        env={"BILLING_DESKTOP_PASSWORD": OP_PW},
    )
    assert code == 2
    assert "error: email:" in err and "error: password:" in err and "error: platform_fee_percent:" in err


def test_users_add_and_list_and_act_as(run_cli, initialised):
    auth = {"BILLING_DESKTOP_PASSWORD": OP_PW}
    run_cli(
        ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example"],
        stdin=OWNER_PW + "\n",
        env=auth,
    )
    code, out, err = run_cli(
        ["users", "add", "--tenant", "acme", "--email", "dev@acme.example", "--role", "developer"],
        stdin=OWNER_PW + "\n",
        env=auth,
    )
    assert code == 0, err
    code, out, _ = run_cli(
        ["users", "list", "--tenant", "acme", "--json", "--as", "dev@acme.example"],
        env={"BILLING_DESKTOP_PASSWORD": OWNER_PW},
    )
    assert sorted(u["email"] for u in json.loads(out)) == ["dev@acme.example", "owner@acme.example"]
    code, _, err = run_cli(
        ["tenants", "update", "acme", "--tier", "pro", "--as", "dev@acme.example"],
        env={"BILLING_DESKTOP_PASSWORD": OWNER_PW},
    )
    assert code == 1 and "developer" in err


def test_no_password_anywhere_is_a_clear_error(run_cli, initialised):
    code, _, err = run_cli(["tenants", "list"], stdin="")
    assert code == 1 and "BILLING_DESKTOP_PASSWORD" in err


def test_passwords_are_not_accepted_as_arguments(capsys):
    with pytest.raises(SystemExit):
        main(["init", "--email", OP, "--password", "hunter2-hunter2"])
    assert "unrecognized arguments" in capsys.readouterr().err


def test_doctor_reports_without_signing_in(run_cli, monkeypatch, home):
    from billing_desktop.services import doctor

    monkeypatch.setattr(doctor, "qt_platform", lambda: "offscreen (probed)")
    monkeypatch.setenv("BILLING_DESKTOP_DATABASE_URL", "postgresql://admin:s3cret@db.example/billing")
    code, out, _ = run_cli(["doctor", "--json"])
    report = json.loads(out)
    assert code == 1 and report["status"] == "broken: database unreadable"  # db.example cannot be reached
    assert report["database_url"] == "postgresql://admin:***@db.example/billing"
    assert "s3cret" not in out
    assert report["data_dir"] == str(home)
    assert "schema_version" in report and "keyring_backend" in report


def test_doctor_on_sqlite_shows_schema(run_cli, monkeypatch, home, initialised):
    from billing_desktop.services import doctor

    monkeypatch.setattr(doctor, "qt_platform", lambda: "offscreen (probed)")
    code, out, _ = run_cli(["doctor"])
    assert code == 0 and "up to date" in out and str(home) in out


def test_qt_probe_runs_in_a_child_process():
    from billing_desktop.services.doctor import qt_platform

    assert qt_platform().startswith("offscreen (Qt 6.")


def test_keys_lifecycle_from_the_cli(run_cli, initialised):
    """Register, list masked, roll live with 24 h grace, revoke test, inspect old and new (real keyring)."""
    auth = {"BILLING_DESKTOP_PASSWORD": OP_PW}
    run_cli(
        ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example"],
        stdin=OWNER_PW + "\n",
        env=auth,
    )
    code, out, _ = run_cli(["keys", "list", "acme", "--json"], env=auth)
    before = json.loads(out)
    assert len(before) == 4
    assert all(k["masked"].startswith("sk_") and "****…" in k["masked"] for k in before if k["kind"] == "secret")
    code, _, err = run_cli(["keys", "regenerate", "acme", "--env", "live", "--grace", "24h"], env=auth)
    assert code == 1 and "--yes" in err
    code, out, _ = run_cli(
        ["keys", "regenerate", "acme", "--env", "live", "--grace", "24h", "--yes", "--json"],
        env=auth,
    )
    new_live = next(k["key"] for k in json.loads(out) if k["kind"] == "secret")
    code, out, _ = run_cli(["keys", "revoke", "acme", "--env", "test", "--reason", "Leaked", "--yes"], env=auth)
    assert code == 0 and "Revoked 2 keys" in out
    code, out, _ = run_cli(["keys", "inspect", "-", "--json"], stdin=new_live + "\n", env=auth)
    assert code == 0 and json.loads(out)["status"] == "active" and json.loads(out)["tenant"] == "acme"
    code, out, _ = run_cli(["keys", "list", "acme", "--json"], env=auth)
    statuses = sorted((k["mode"], k["kind"], k["status"]) for k in json.loads(out))
    assert statuses == [
        ("live", "publishable", "active"),
        ("live", "publishable", "expiring"),
        ("live", "secret", "active"),
        ("live", "secret", "expiring"),
        ("test", "publishable", "revoked"),
        ("test", "secret", "revoked"),
    ]
    assert new_live not in out  # secrets never printed by list
    code, out, err = run_cli(["keys", "inspect", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"], env=auth)
    assert code == 1 and "Stripe secret API key" in out
    assert "visible to other users" in err and "keys inspect -" in err  # argv is world-readable: say so
    code, _, err = run_cli(["keys", "inspect", "-"], stdin=new_live + "\n", env=auth)
    assert code == 0 and "visible to other users" not in err


def test_keys_scan_from_the_cli(run_cli, initialised, tmp_path):
    auth = {"BILLING_DESKTOP_PASSWORD": OP_PW}
    (tmp_path / "leak.env").write_text("STRIPE=sk_live_51HabcdefghijklmnopqrstuvWXyz\n")
    code, out, _ = run_cli(["keys", "scan", str(tmp_path), "--json"], env=auth)
    report = json.loads(out)
    assert code == 1 and report["findings"][0]["what"] == "Stripe secret API key"
    assert report["findings"][0]["value"] == "sk_live_****…WXyz"


def test_stripe_connect_status_disconnect_from_the_cli(run_cli, initialised, tmp_path):
    """The CLI flow against the fake Stripe; $BROWSER is a stand-in browser script that follows the redirects."""
    import socket
    import sys

    from tests.support.fake_stripe import FakeStripe

    fake = FakeStripe()
    try:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        browser = tmp_path / "browser.py"
        browser.write_text("import sys, httpx\nhttpx.get(sys.argv[1], follow_redirects=True, timeout=10)\n")
        env = {
            "BILLING_DESKTOP_PASSWORD": OP_PW,
            "BILLING_DESKTOP_STRIPE_API_BASE": fake.base,
            "BILLING_DESKTOP_STRIPE_CONNECT_BASE": fake.base,
            "BROWSER": f"{sys.executable} {browser} %s",
        }
        run_cli(
            ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example"],
            stdin=OWNER_PW + "\n",
            env=env,
        )
        code, out, err = run_cli(
            ["platform", "set-stripe", "--client-id", fake.client_id, "--port", str(port)],
            stdin=fake.secret_key + "\n",
            env=env,
        )
        assert code == 0 and fake.secret_key not in out, err
        code, out, err = run_cli(["stripe", "connect", "acme", "--timeout", "20", "--json"], env=env)
        assert code == 0, err
        url, body = out.split("\n", 1)
        assert url.startswith(fake.base + "/oauth/authorize?")
        status = json.loads(body)
        assert status["state"] == "connected" and status["account_id"].startswith("acct_")
        code, out, _ = run_cli(["stripe", "status", "acme", "--refresh"], env=env)
        assert "state: connected" in out and status["account_id"] in out
        code, out, _ = run_cli(["stripe", "disconnect", "acme", "--yes"], env=env)
        assert code == 0 and "Disconnected" in out
    finally:
        fake.close()


def test_webhooks_from_the_cli(run_cli, initialised, tmp_path):
    from tests.support.receiver import Receiver

    auth = {"BILLING_DESKTOP_PASSWORD": OP_PW}
    receiver = Receiver()
    try:
        run_cli(
            ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example"],
            stdin=OWNER_PW + "\n",
            env=auth,
        )
        code, out, err = run_cli(["webhooks", "set", "acme", "--url", receiver.url], env=auth)
        assert code == 2 and "loopback" in err
        code, out, err = run_cli(["webhooks", "set", "acme", "--url", receiver.url, "--allow-private"], env=auth)
        assert code == 0 and "whsec_****…" in out, err
        code, out, _ = run_cli(["webhooks", "test", "acme", "--event-type", "invoice.paid", "--json"], env=auth)
        assert code == 0 and json.loads(out)["status_code"] == 200
        _, headers, body = receiver.requests[-1]
        (tmp_path / "payload.json").write_bytes(body)
        code, out, _ = run_cli(
            [
                "webhooks",
                "verify",
                "--header",
                headers["X-Webhook-Signature"],
                "--payload-file",
                str(tmp_path / "payload.json"),
                "--tenant",
                "acme",
            ],
            env=auth,
        )
        assert code == 0 and out.strip() == "Valid signature."
        code, out, _ = run_cli(
            [
                "webhooks",
                "verify",
                "--header",
                headers["X-Webhook-Signature"],
                "--payload-file",
                str(tmp_path / "payload.json"),
            ],
            stdin="whsec_" + "A" * 44 + "\n",
        )
        assert code == 1 and "No signature matches" in out
        code, out, _ = run_cli(["webhooks", "log", "acme", "--json"], env=auth)
        assert [d["event_type"] for d in json.loads(out)] == ["invoice.paid"]
    finally:
        receiver.close()
