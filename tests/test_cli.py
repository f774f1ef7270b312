"""The command line, run as a user types it (in-process: the same argv, environment and stdin)."""

import io
import json

import pytest

from billing_desktop.cli.main import main

OP = "op@cli.example"
OP_PW = "operator-password-1"
OWNER_PW = "owner-password-123"


def run(argv, monkeypatch, capsys, stdin="", env=None):
    for k, v in (env or {}).items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    for k in env or {}:
        monkeypatch.delenv(k)
    return code, out, err


@pytest.fixture
def initialised(monkeypatch, capsys, secret_service):
    code, out, _ = run(["init", "--email", OP], monkeypatch, capsys, stdin=OP_PW + "\n")
    assert code == 0 and "created" in out


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.strip() == "billing-desktop 0.1.0"


def test_register_list_show_update_deactivate(initialised, monkeypatch, capsys):
    auth = {"BILLING_DESKTOP_PASSWORD": OP_PW}
    code, out, err = run(
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
        monkeypatch,
        capsys,
        stdin=OWNER_PW + "\n",
        env=auth,
    )
    assert code == 0, err
    created = json.loads(out)
    assert (created["slug"], created["mode"], created["platform_fee_percent"]) == ("acme-inc", "live", "2.50")
    code, out, _ = run(["tenants", "list", "--json"], monkeypatch, capsys, env=auth)
    assert [t["slug"] for t in json.loads(out)] == ["acme-inc"]
    code, out, _ = run(
        ["tenants", "update", "acme-inc", "--tier", "pro", "--branding", '{"c": 1}', "--json"],
        monkeypatch,
        capsys,
        env=auth,
    )
    assert code == 0 and json.loads(out)["tier"] == "pro"
    code, out, _ = run(["tenants", "show", "acme-inc"], monkeypatch, capsys, env=auth)
    assert "tier" in out and "pro" in out
    code, _, err = run(["tenants", "deactivate", "acme-inc"], monkeypatch, capsys, env=auth)
    assert code == 1 and "--yes" in err
    code, out, _ = run(
        ["tenants", "deactivate", "acme-inc", "--yes", "--reason", "test"], monkeypatch, capsys, env=auth
    )
    assert code == 0 and "Deactivated" in out


def test_wrong_password_exits_nonzero_with_one_line(initialised, monkeypatch, capsys):
    code, out, err = run(["tenants", "list"], monkeypatch, capsys, env={"BILLING_DESKTOP_PASSWORD": "nope-nope-nope"})
    assert code == 3 and out == ""
    assert err == "error: Wrong email or password.\n"


def test_validation_errors_name_fields(initialised, monkeypatch, capsys):
    code, _, err = run(
        ["tenants", "register", "--company", "X", "--email", "bad", "--fee", "200"],
        monkeypatch,
        capsys,
        stdin="short\n",
        env={"BILLING_DESKTOP_PASSWORD": OP_PW},
    )
    assert code == 2
    assert "error: email:" in err and "error: password:" in err and "error: platform_fee_percent:" in err


def test_users_add_and_list_and_act_as(initialised, monkeypatch, capsys):
    auth = {"BILLING_DESKTOP_PASSWORD": OP_PW}
    run(
        ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example"],
        monkeypatch,
        capsys,
        stdin=OWNER_PW + "\n",
        env=auth,
    )
    code, out, err = run(
        ["users", "add", "--tenant", "acme", "--email", "dev@acme.example", "--role", "developer"],
        monkeypatch,
        capsys,
        stdin=OWNER_PW + "\n",
        env=auth,
    )
    assert code == 0, err
    code, out, _ = run(
        ["users", "list", "--tenant", "acme", "--json", "--as", "dev@acme.example"],
        monkeypatch,
        capsys,
        env={"BILLING_DESKTOP_PASSWORD": OWNER_PW},
    )
    assert sorted(u["email"] for u in json.loads(out)) == ["dev@acme.example", "owner@acme.example"]
    code, _, err = run(
        ["tenants", "update", "acme", "--tier", "pro", "--as", "dev@acme.example"],
        monkeypatch,
        capsys,
        env={"BILLING_DESKTOP_PASSWORD": OWNER_PW},
    )
    assert code == 1 and "developer" in err


def test_no_password_anywhere_is_a_clear_error(initialised, monkeypatch, capsys):
    code, _, err = run(["tenants", "list"], monkeypatch, capsys, stdin="")
    assert code == 1 and "BILLING_DESKTOP_PASSWORD" in err


def test_passwords_are_not_accepted_as_arguments(capsys):
    with pytest.raises(SystemExit):
        main(["init", "--email", OP, "--password", "hunter2-hunter2"])
    assert "unrecognized arguments" in capsys.readouterr().err


def test_doctor_reports_without_signing_in(monkeypatch, capsys, home):
    from billing_desktop.services import doctor

    monkeypatch.setattr(doctor, "qt_platform", lambda: "offscreen (probed)")
    monkeypatch.setenv("BILLING_DESKTOP_DATABASE_URL", "postgresql://admin:s3cret@db.example/billing")
    code, out, _ = run(["doctor", "--json"], monkeypatch, capsys)
    report = json.loads(out)
    assert code == 0
    assert report["database_url"] == "postgresql://admin:***@db.example/billing"
    assert "s3cret" not in out
    assert report["data_dir"] == str(home)
    assert "schema_version" in report and "keyring_backend" in report


def test_doctor_on_sqlite_shows_schema(monkeypatch, capsys, home, initialised):
    from billing_desktop.services import doctor

    monkeypatch.setattr(doctor, "qt_platform", lambda: "offscreen (probed)")
    code, out, _ = run(["doctor"], monkeypatch, capsys)
    assert code == 0 and "up to date" in out and str(home) in out


def test_qt_probe_runs_in_a_child_process():
    from billing_desktop.services.doctor import qt_platform

    assert qt_platform().startswith("offscreen (Qt 6.")


def test_keys_lifecycle_from_the_cli(initialised, monkeypatch, capsys):
    """Register, list masked, roll live with 24 h grace, revoke test, inspect old and new (real keyring)."""
    auth = {"BILLING_DESKTOP_PASSWORD": OP_PW}
    run(
        ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example"],
        monkeypatch,
        capsys,
        stdin=OWNER_PW + "\n",
        env=auth,
    )
    code, out, _ = run(["keys", "list", "acme", "--json"], monkeypatch, capsys, env=auth)
    before = json.loads(out)
    assert len(before) == 4
    assert all(k["masked"].startswith("sk_") and "****…" in k["masked"] for k in before if k["kind"] == "secret")
    code, _, err = run(["keys", "regenerate", "acme", "--env", "live", "--grace", "24h"], monkeypatch, capsys, env=auth)
    assert code == 1 and "--yes" in err
    code, out, _ = run(
        ["keys", "regenerate", "acme", "--env", "live", "--grace", "24h", "--yes", "--json"],
        monkeypatch,
        capsys,
        env=auth,
    )
    new_live = next(k["key"] for k in json.loads(out) if k["kind"] == "secret")
    code, out, _ = run(
        ["keys", "revoke", "acme", "--env", "test", "--reason", "Leaked", "--yes"], monkeypatch, capsys, env=auth
    )
    assert code == 0 and "Revoked 2 keys" in out
    code, out, _ = run(["keys", "inspect", "-", "--json"], monkeypatch, capsys, stdin=new_live + "\n", env=auth)
    assert code == 0 and json.loads(out)["status"] == "active" and json.loads(out)["tenant"] == "acme"
    code, out, _ = run(["keys", "list", "acme", "--json"], monkeypatch, capsys, env=auth)
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
    code, out, _ = run(["keys", "inspect", "sk_test_4eC39HqLyjWDarjtT1zdp7dc"], monkeypatch, capsys, env=auth)
    assert code == 1 and "Stripe secret API key" in out


def test_keys_scan_from_the_cli(initialised, monkeypatch, capsys, tmp_path):
    auth = {"BILLING_DESKTOP_PASSWORD": OP_PW}
    (tmp_path / "leak.env").write_text("STRIPE=sk_live_51HabcdefghijklmnopqrstuvWXyz\n")
    code, out, _ = run(["keys", "scan", str(tmp_path), "--json"], monkeypatch, capsys, env=auth)
    report = json.loads(out)
    assert code == 1 and report["findings"][0]["what"] == "Stripe secret API key"
    assert report["findings"][0]["value"] == "sk_live_****…WXyz"


def test_stripe_connect_status_disconnect_from_the_cli(initialised, monkeypatch, capsys, tmp_path):
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
        run(
            ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example"],
            monkeypatch,
            capsys,
            stdin=OWNER_PW + "\n",
            env=env,
        )
        code, out, err = run(
            ["platform", "set-stripe", "--client-id", fake.client_id, "--port", str(port)],
            monkeypatch,
            capsys,
            stdin=fake.secret_key + "\n",
            env=env,
        )
        assert code == 0 and fake.secret_key not in out, err
        code, out, err = run(["stripe", "connect", "acme", "--timeout", "20", "--json"], monkeypatch, capsys, env=env)
        assert code == 0, err
        url, body = out.split("\n", 1)
        assert url.startswith(fake.base + "/oauth/authorize?")
        status = json.loads(body)
        assert status["state"] == "connected" and status["account_id"].startswith("acct_")
        code, out, _ = run(["stripe", "status", "acme", "--refresh"], monkeypatch, capsys, env=env)
        assert "state: connected" in out and status["account_id"] in out
        code, out, _ = run(["stripe", "disconnect", "acme", "--yes"], monkeypatch, capsys, env=env)
        assert code == 0 and "Disconnected" in out
    finally:
        fake.close()


def test_webhooks_from_the_cli(initialised, monkeypatch, capsys, tmp_path):
    from tests.support.receiver import Receiver

    auth = {"BILLING_DESKTOP_PASSWORD": OP_PW}
    receiver = Receiver()
    try:
        run(
            ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example"],
            monkeypatch,
            capsys,
            stdin=OWNER_PW + "\n",
            env=auth,
        )
        code, out, err = run(["webhooks", "set", "acme", "--url", receiver.url], monkeypatch, capsys, env=auth)
        assert code == 2 and "loopback" in err
        code, out, err = run(
            ["webhooks", "set", "acme", "--url", receiver.url, "--allow-private"], monkeypatch, capsys, env=auth
        )
        assert code == 0 and "whsec_****…" in out, err
        code, out, _ = run(
            ["webhooks", "test", "acme", "--event-type", "invoice.paid", "--json"], monkeypatch, capsys, env=auth
        )
        assert code == 0 and json.loads(out)["status_code"] == 200
        _, headers, body = receiver.requests[-1]
        (tmp_path / "payload.json").write_bytes(body)
        code, out, _ = run(
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
            monkeypatch,
            capsys,
            env=auth,
        )
        assert code == 0 and out.strip() == "Valid signature."
        code, out, _ = run(
            [
                "webhooks",
                "verify",
                "--header",
                headers["X-Webhook-Signature"],
                "--payload-file",
                str(tmp_path / "payload.json"),
            ],
            monkeypatch,
            capsys,
            stdin="whsec_" + "A" * 44 + "\n",
        )
        assert code == 1 and "No signature matches" in out
        code, out, _ = run(["webhooks", "log", "acme", "--json"], monkeypatch, capsys, env=auth)
        assert [d["event_type"] for d in json.loads(out)] == ["invoice.paid"]
    finally:
        receiver.close()
