"""Connect operations from the command line, against the fake Stripe, with the real keyring."""

import json

import pytest

from tests.support.connected import link
from tests.support.fake_stripe import FakeStripe
from tests.test_cli import OP_PW, OWNER_PW, run
from tests.test_cli import initialised as initialised  # a fixture, used by name


@pytest.fixture
def cli(initialised, monkeypatch, capsys):
    """An operator, tenant `acme` connected to an Express account, the platform pointed at the fake Stripe."""
    from billing_desktop.services.bootstrap import build_services

    fake = FakeStripe()
    env = {
        "BILLING_DESKTOP_PASSWORD": OP_PW,
        "BILLING_DESKTOP_STRIPE_API_BASE": fake.base,
        "BILLING_DESKTOP_STRIPE_CONNECT_BASE": fake.base,
    }
    run(
        ["tenants", "register", "--company", "Acme", "--email", "owner@acme.example", "--fee", "2.5"],
        monkeypatch,
        capsys,
        stdin=OWNER_PW + "\n",
        env=env,
    )
    code, _, err = run(
        ["platform", "set-stripe", "--client-id", fake.client_id],
        monkeypatch,
        capsys,
        stdin=fake.secret_key + "\n",
        env=env,
    )
    assert code == 0, err
    account = fake.new_account(type="express", name="Acme")
    svc = build_services(None)
    try:
        tenant_id = svc.tenants.resolve(svc.auth.sign_in("op@cli.example", OP_PW), "acme")
        link(svc, tenant_id, account["id"])
    finally:
        svc.close()

    def go(*argv, expect=0):
        code, out, err = run(list(argv), monkeypatch, capsys, env=env)
        assert code == expect, (code, out, err)
        return out, err

    go.fake, go.account = fake, account
    yield go
    fake.close()


def test_sync(cli):
    cli.fake.new_account(name="Not ours")
    out, _ = cli("stripe", "sync")
    assert "Synced 1 connected accounts from 1 page(s)" in out
    report = json.loads(cli("stripe", "sync", "--json")[0])
    assert report["complete"] and report["updated"] == 1 and report["unknown"] == 1
    cli.fake.connect.rate_limits = [(None, "false")] * 10  # Stripe says: do not retry
    out, _ = cli("stripe", "sync", expect=1)
    assert "Partial sync" in out and "rate-limiting" in out
