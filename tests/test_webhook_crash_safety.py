"""Webhook secret roll, first save and remove survive a crash at any step: the new secret is sealed, and the old
one forgotten, in the one transaction that changes the configuration, so after a restart exactly one valid
configuration remains and no sealed secret is orphaned."""

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from billing_desktop.services.bootstrap import startup_repair
from billing_desktop.services.webhooks import secret_name
from billing_desktop.store.models import SealedSecret, WebhookSecret
from tests.conftest import OPERATOR_PASSWORD
from tests.test_key_crash_safety import Chaos, Crash

pytestmark = pytest.mark.both_backends
URL = "http://127.0.0.1:9/hooks"


@pytest.fixture
def chaos(services, monkeypatch):
    c = Chaos()
    vault = services.ctx.vault
    seal, forget = vault.seal, vault.forget
    monkeypatch.setattr(vault, "seal", lambda *a, **kw: (c.tick("vault.seal"), seal(*a, **kw))[1])
    monkeypatch.setattr(vault, "forget", lambda *a, **kw: (c.tick("vault.forget"), forget(*a, **kw))[1])
    return c


def run(chaos, fail_at, fn):
    chaos.ops.clear()
    chaos.fail_at = fail_at

    def before_commit(session):
        chaos.tick("db.commit")

    event.listen(Session, "before_commit", before_commit)
    try:
        fn()
        return True
    except Crash:
        return False
    finally:
        event.remove(Session, "before_commit", before_commit)
        chaos.fail_at = None


def restart(services, operator, clock):
    """A later start: the start-up repair runs; then the password is given again."""
    clock.advance(minutes=11)
    startup_repair(services)
    services.auth.confirm_password(operator, OPERATOR_PASSWORD)


def state(services, operator, tenant_id):
    config = services.webhooks.get(operator, tenant_id)
    if config is None:
        return None, {}
    values = {r.id: services.webhooks.reveal_secret(operator, tenant_id, r.id) for r in config.secrets}
    assert [r.expires_at for r in config.secrets].count(None) <= 1
    return config, values


def assert_no_orphans(services):
    with services.ctx.db() as s:
        referenced = {
            secret_name(t, r)
            for t, r in s.execute(
                select(WebhookSecret.tenant_id, WebhookSecret.vault_ref).where(WebhookSecret.vault_ref.is_not(None))
            )
        }
        stored = set(s.scalars(select(SealedSecret.name).where(SealedSecret.name.like("%/webhook-secret/%"))))
    assert stored == referenced


STEPS = {"none": ["vault.forget", "vault.seal", "db.commit"], "1h": ["vault.seal", "db.commit"]}


@pytest.mark.parametrize("overlap", ["none", "1h"])
def test_roll_steps_are_counted(services, operator, acme, chaos, overlap):
    services.webhooks.save(operator, acme.id, URL, ["*"], allow_private=True)
    assert run(chaos, None, lambda: services.webhooks.roll_secret(operator, acme.id, overlap))
    assert chaos.ops == STEPS[overlap]


@pytest.mark.parametrize("overlap,fail_at", [(o, i) for o, steps in STEPS.items() for i in range(len(steps))])
def test_crash_at_each_roll_step_leaves_the_old_configuration(services, operator, acme, clock, chaos, fail_at, overlap):
    services.webhooks.save(operator, acme.id, URL, ["*"], allow_private=True)
    _, before = state(services, operator, acme.id)
    assert not run(chaos, fail_at, lambda: services.webhooks.roll_secret(operator, acme.id, overlap))
    restart(services, operator, clock)
    config, now = state(services, operator, acme.id)
    assert [r.expires_at for r in config.secrets] == [None] and now == before  # nothing committed
    assert_no_orphans(services)


ROLL_DURING_OVERLAP = ["vault.forget", "vault.seal", "db.commit"]  # the secret rolled away twice goes


def test_a_roll_during_an_overlap_counts_its_steps(services, operator, acme, chaos):
    services.webhooks.save(operator, acme.id, URL, ["*"], allow_private=True)
    services.webhooks.roll_secret(operator, acme.id, "24h")
    assert run(chaos, None, lambda: services.webhooks.roll_secret(operator, acme.id, "1h"))
    assert chaos.ops == ROLL_DURING_OVERLAP
    assert len(services.webhooks.get(operator, acme.id).secrets) == 2


@pytest.mark.parametrize("fail_at", range(len(ROLL_DURING_OVERLAP)))
def test_crash_at_each_step_of_a_roll_during_an_overlap_keeps_both_secrets(
    services, operator, acme, clock, chaos, fail_at
):
    services.webhooks.save(operator, acme.id, URL, ["*"], allow_private=True)
    services.webhooks.roll_secret(operator, acme.id, "24h")
    before_config, before = state(services, operator, acme.id)
    assert not run(chaos, fail_at, lambda: services.webhooks.roll_secret(operator, acme.id, "1h"))
    restart(services, operator, clock)
    config, now = state(services, operator, acme.id)
    assert config.secrets == before_config.secrets and now == before  # nothing committed, nothing lost
    assert_no_orphans(services)


@pytest.mark.parametrize("fail_at", range(2))
def test_crash_at_each_first_save_step_leaves_no_orphan(services, operator, acme, clock, chaos, fail_at):
    save = lambda: services.webhooks.save(operator, acme.id, URL, ["*"], allow_private=True)  # noqa: E731
    assert not run(chaos, fail_at, save)
    restart(services, operator, clock)
    assert state(services, operator, acme.id) == (None, {})  # not saved at all
    assert_no_orphans(services)
    save()  # and it can be done again
    _, values = state(services, operator, acme.id)
    assert len(values) == 1
    assert_no_orphans(services)


@pytest.mark.parametrize("fail_at", range(2))
def test_crash_at_each_remove_step_leaves_no_orphan(services, operator, acme, clock, chaos, fail_at):
    services.webhooks.save(operator, acme.id, URL, ["*"], allow_private=True)
    services.auth.confirm_password(operator, OPERATOR_PASSWORD)
    assert not run(chaos, fail_at, lambda: services.webhooks.remove(operator, acme.id))
    restart(services, operator, clock)
    config, values = state(services, operator, acme.id)
    assert config is not None and len(values) == 1  # not removed: still whole
    assert_no_orphans(services)


def test_an_overlap_that_ended_loses_its_sealed_secret_at_the_next_start(services, operator, acme, clock):
    services.webhooks.save(operator, acme.id, URL, ["*"], allow_private=True)
    services.auth.confirm_password(operator, OPERATOR_PASSWORD)
    services.webhooks.roll_secret(operator, acme.id, "1h")
    with services.ctx.db() as s:
        assert len(list(s.scalars(select(SealedSecret.name).where(SealedSecret.name.like("%/webhook-secret/%"))))) == 2
    clock.advance(hours=2)
    startup_repair(services)
    assert_no_orphans(services)
    with services.ctx.db() as s:
        assert len(list(s.scalars(select(SealedSecret.name).where(SealedSecret.name.like("%/webhook-secret/%"))))) == 1
