"""Webhook secret changes survive a crash at any keyring or database step: after the start-up repair, one valid
configuration (every active secret readable, exactly one that does not expire, all old or all new) and no
keyring entry that nothing points at."""

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from billing_desktop.services.bootstrap import startup_repair
from billing_desktop.services.webhooks import secret_name
from billing_desktop.store.models import WebhookSecret
from tests.conftest import OPERATOR_PASSWORD
from tests.test_key_crash_safety import Chaos, ChaosKeyring, Crash

URL = "http://127.0.0.1:9/hooks"


@pytest.fixture
def chaos_services(services):
    chaos = Chaos()
    backend = ChaosKeyring(chaos)
    services.ctx.vault._backend = backend
    return services, backend, chaos


def run(services, chaos, fail_at, fn):
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


def assert_no_orphans(services, backend):
    with services.ctx.db() as s:
        referenced = {
            secret_name(t, r)
            for t, r in s.execute(
                select(WebhookSecret.tenant_id, WebhookSecret.vault_ref).where(WebhookSecret.vault_ref.is_not(None))
            )
        }
    stored = {name for (_, name) in backend.store if "/webhook-secret/" in name}
    assert stored == referenced


ROLL_STEPS = ["db.commit", "keyring.set", "db.commit", "keyring.delete", "db.commit"]


def test_roll_steps_are_counted(chaos_services, operator, acme):
    services, backend, chaos = chaos_services
    services.webhooks.save(operator, acme.id, URL, ["*"], allow_private=True)
    assert run(services, chaos, None, lambda: services.webhooks.roll_secret(operator, acme.id, "none"))
    assert chaos.ops == ROLL_STEPS


@pytest.mark.parametrize("overlap", ["none", "1h"])
@pytest.mark.parametrize("fail_at", range(len(ROLL_STEPS)))
def test_crash_at_each_roll_step_leaves_one_valid_configuration(
    chaos_services, operator, acme, clock, fail_at, overlap
):
    services, backend, chaos = chaos_services
    services.webhooks.save(operator, acme.id, URL, ["*"], allow_private=True)
    _, before = state(services, operator, acme.id)
    finished = run(services, chaos, fail_at, lambda: services.webhooks.roll_secret(operator, acme.id, overlap))
    assert finished == (overlap == "1h" and fail_at >= 3)  # with an overlap nothing is deleted after the swap
    restart(services, operator, clock)
    config, now = state(services, operator, acme.id)
    current = [r for r in config.secrets if r.expires_at is None]
    assert len(current) == 1
    old = set(before.values())
    if current[0].id in before:  # the roll did not happen: the old configuration, unchanged
        assert set(now.values()) == old
    else:  # the roll happened: the new secret, and the old one only while its overlap lasts
        assert now[current[0].id] not in old
    assert_no_orphans(services, backend)


FIRST_SAVE_STEPS = ["db.commit", "keyring.set", "db.commit"]


@pytest.mark.parametrize("fail_at", range(len(FIRST_SAVE_STEPS)))
def test_crash_at_each_first_save_step_leaves_no_orphan(chaos_services, operator, acme, clock, fail_at):
    services, backend, chaos = chaos_services
    save = lambda: services.webhooks.save(operator, acme.id, URL, ["*"], allow_private=True)  # noqa: E731
    assert run(services, chaos, None, lambda: None)
    assert not run(services, chaos, fail_at, save)
    restart(services, operator, clock)
    assert state(services, operator, acme.id) == (None, {})  # not saved at all
    assert_no_orphans(services, backend)
    save()  # and it can be done again
    config, values = state(services, operator, acme.id)
    assert len(values) == 1
    assert_no_orphans(services, backend)


REMOVE_STEPS = ["db.commit", "keyring.delete", "db.commit"]


@pytest.mark.parametrize("fail_at", range(len(REMOVE_STEPS)))
def test_crash_at_each_remove_step_leaves_no_orphan(chaos_services, operator, acme, clock, fail_at):
    services, backend, chaos = chaos_services
    services.webhooks.save(operator, acme.id, URL, ["*"], allow_private=True)
    services.auth.confirm_password(operator, OPERATOR_PASSWORD)
    assert not run(services, chaos, fail_at, lambda: services.webhooks.remove(operator, acme.id))
    restart(services, operator, clock)
    config, values = state(services, operator, acme.id)
    assert (config is None) == (fail_at > 0) and len(values) == (0 if fail_at else 1)
    assert_no_orphans(services, backend)


def test_a_roll_whose_old_secret_is_already_gone_still_reports_success(services, operator, acme, keyring_backend):
    services.webhooks.save(operator, acme.id, URL, ["*"], allow_private=True)
    keyring_backend.store.clear()  # another process deleted it first
    config = services.webhooks.roll_secret(operator, acme.id, "none")
    assert len(config.secrets) == 1
    assert services.webhooks.reveal_secret(operator, acme.id).startswith("whsec_")
