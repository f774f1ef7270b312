"""Read-decide-write holds under parallel use: real processes released together at a barrier.

After any number of concurrent calls on one tenant: exactly one current set per mode, no orphaned keyring entry,
and every call that saved its change says so.
"""

import pytest
from sqlalchemy import select

from billing_desktop.services.keys import vault_name
from billing_desktop.services.webhooks import secret_name
from billing_desktop.store.locking import lock_tenant
from billing_desktop.store.models import ApiKey, SealedSecret, WebhookSecret
from tests.support import parallel
from tests.support.file_keyring import FileKeyring

N = 6


pytestmark = pytest.mark.both_backends  # the same guarantees on SQLite and on the PostgreSQL server


@pytest.fixture
def world(tmp_path, database_url):
    w = parallel.World(db_url=database_url, keyring_file=str(tmp_path / "keyring.json"))
    services = parallel.open_services(w)
    services.auth.create_operator(w.email, w.password)
    operator = services.auth.sign_in(w.email, w.password)
    from billing_desktop.services.tenants import Registration

    acme = services.tenants.register(operator, Registration("Acme Inc", "owner@acme.example", "owner-password-123"))
    yield w, services, operator, acme
    services.close()


def _referenced(services) -> set[str]:
    with services.ctx.db() as s:
        keys = {
            vault_name(t, r)
            for t, r in s.execute(select(ApiKey.tenant_id, ApiKey.vault_ref).where(ApiKey.vault_ref.is_not(None)))
        }
        hooks = {
            secret_name(t, r)
            for t, r in s.execute(
                select(WebhookSecret.tenant_id, WebhookSecret.vault_ref).where(WebhookSecret.vault_ref.is_not(None))
            )
        }
    return keys | hooks


def _assert_no_orphans(w, services):
    with services.ctx.db() as s:
        stored = set(s.scalars(select(SealedSecret.name).where(SealedSecret.name.like("tenant/%"))))
    assert stored == _referenced(services), "sealed secrets and database pointers differ"
    # The shared keyring holds the operator key only, however many processes wrote secrets.
    assert [e.rsplit("/", 1)[-1] for e in FileKeyring(w.keyring_file).entries()] == ["operator-key"]


def test_lock_tenant_makes_a_second_writer_wait(world, backend):
    w, services, _, acme = world
    import sqlite3

    import psycopg
    from sqlalchemy.engine import make_url

    with services.ctx.db() as s, s.begin():
        lock_tenant(s, acme.id)
        if backend == "sqlite":
            other = sqlite3.connect(w.db_url.removeprefix("sqlite:///"), timeout=0.2)
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            other.close()
        else:
            libpq = make_url(w.db_url).set(drivername="postgresql").render_as_string(hide_password=False)
            with psycopg.connect(libpq) as other, pytest.raises(psycopg.errors.LockNotAvailable):
                other.execute("SELECT id FROM tenants WHERE id = %s FOR UPDATE NOWAIT", (acme.id,))


def test_concurrent_regenerates_leave_one_current_key_set(world):
    w, services, operator, acme = world
    outcomes = parallel.run(w, "keys.regenerate", [(acme.id, "all")] * N)
    assert [o[0] for o in outcomes] == ["ok"] * N, outcomes
    services.keys.repair()
    rows = services.keys.list(operator, acme.id)
    active = sorted((r.kind, r.mode) for r in rows if r.status == "active")
    assert active == sorted((k, m) for k in ("publishable", "secret") for m in ("test", "live"))
    for r in rows:
        if r.status == "active" and r.kind == "secret":
            assert services.keys.reveal(operator, r.id).startswith("sk_")
    _assert_no_orphans(w, services)


def test_concurrent_first_webhook_saves_make_one_secret(world):
    w, services, operator, acme = world
    outcomes = parallel.run(w, "webhooks.set", [(acme.id, "http://127.0.0.1:9/hook")] * N)
    assert [o[:2] for o in outcomes] == [("ok", 1)] * N, outcomes
    services.webhooks.repair()
    assert len(services.webhooks.get(operator, acme.id).secrets) == 1
    _assert_no_orphans(w, services)


@pytest.mark.parametrize("overlap", ["none", "1h"])
def test_concurrent_rolls_keep_one_current_secret_and_at_most_one_overlapping(world, overlap):
    w, services, operator, acme = world
    services.webhooks.save(operator, acme.id, "http://127.0.0.1:9/hook", ["*"], allow_private=True)
    outcomes = parallel.run(w, "webhooks.roll", [(acme.id, overlap)] * N)
    assert [o[0] for o in outcomes] == ["ok"] * N, outcomes  # every roll was saved, and each one says so
    assert max(o[1] for o in outcomes) == (1 if overlap == "none" else 2), outcomes  # no roll ever saw a third
    services.webhooks.repair()
    secrets = services.webhooks.get(operator, acme.id).secrets
    assert [s.expires_at for s in secrets].count(None) == 1
    assert len(secrets) == (1 if overlap == "none" else 2)  # the current one and the one it replaced, never more
    assert services.webhooks.reveal_secret(operator, acme.id).startswith("whsec_")
    _assert_no_orphans(w, services)


def test_concurrent_onboardings_save_one_account_and_all_continue_on_it(world):
    """Each process creates an account in Stripe (never under the lock); the first to save wins, and every other
    call onboards that same account and names the one it made in vain."""
    from billing_desktop.store.models import StripeAccount
    from tests.support.fake_stripe import FakeStripe

    w, services, operator, acme = world
    fake = FakeStripe()
    try:
        services.stripe_platform.update(operator, fake.client_id, fake.secret_key)
        outcomes = parallel.run(w, "stripe.create_account", [(acme.id, fake.base)] * N)
    finally:
        fake.close()
    assert [o[0] for o in outcomes] == ["ok"] * N, outcomes
    with services.ctx.db() as s:
        saved = s.scalars(select(StripeAccount.stripe_user_id).where(StripeAccount.tenant_id == acme.id)).all()
    assert len(saved) == 1
    onboarded = {account for _, (account, _) in outcomes}
    assert onboarded == {saved[0]}  # nobody goes on with an account the database does not hold
    notices = [notice for _, (_, notice) in outcomes if notice]
    assert len(notices) == N - 1 and all(f"saved account {saved[0]} first" in n for n in notices)


def test_concurrent_adds_of_one_email_make_one_user_and_say_so_to_the_rest(world):
    w, services, operator, acme = world
    outcomes = parallel.run(w, "users.add", [(acme.id, "dev@acme.example")] * N)
    assert sorted(o[0] for o in outcomes) == ["error"] * (N - 1) + ["ok"], outcomes
    refused = [o for o in outcomes if o[0] == "error"]
    assert all(o[1:3] == ("ValidationError", str(refused[0][2])) for o in refused), outcomes  # not IntegrityError
    assert "already exists" in str(refused[0][2])
    assert [u.email for u in services.users.list(operator, acme.id)].count("dev@acme.example") == 1


def test_concurrent_registrations_of_one_company_get_distinct_slugs(world):
    w = world[0]
    outcomes = parallel.run(w, "tenants.register", [("Globex", f"owner{n}@globex.example") for n in range(N)])
    assert [o[0] for o in outcomes] == ["ok"] * N, outcomes
    assert len({o[1] for o in outcomes}) == N  # globex, globex-2, … : none refused by the unique index
