"""Regenerate survives a crash at any keyring or database step: one working key set remains, nothing orphaned."""

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from billing_desktop.services.keys import vault_name
from tests.support.memory_keyring import MemoryKeyring

pytestmark = pytest.mark.both_backends  # store and service behaviour must hold on SQLite and PostgreSQL


class Crash(BaseException):
    """A BaseException, so no `except Exception` clean-up runs: as if the process died here."""


class Chaos:
    def __init__(self):
        self.ops: list[str] = []
        self.fail_at: int | None = None

    def tick(self, what: str) -> None:
        self.ops.append(what)
        if self.fail_at is not None and len(self.ops) - 1 == self.fail_at:
            raise Crash(what)


class ChaosKeyring(MemoryKeyring):
    def __init__(self, chaos):
        super().__init__()
        self.chaos = chaos

    def set_password(self, service, username, password):
        self.chaos.tick("keyring.set")
        super().set_password(service, username, password)

    def delete_password(self, service, username):
        self.chaos.tick("keyring.delete")
        super().delete_password(service, username)


def run_regenerate(services, operator, tenant_id, chaos, fail_at):
    chaos.ops.clear()
    chaos.fail_at = fail_at

    def before_commit(session):
        chaos.tick("db.commit")

    event.listen(Session, "before_commit", before_commit)
    try:
        services.keys.regenerate(operator, tenant_id, "all", None)
        return True
    except Crash:
        return False
    finally:
        event.remove(Session, "before_commit", before_commit)
        chaos.fail_at = None


def current_state(services, operator, tenant_id, backend):
    rows = services.keys.list(operator, tenant_id)
    active = [r for r in rows if r.status == "active"]
    secrets = {}
    for r in active:
        secrets[(r.kind, r.mode)] = services.keys.reveal(operator, r.id)  # raises if the secret is gone
    return active, secrets


@pytest.fixture
def chaos_services(services, keyring_backend):
    chaos = Chaos()
    backend = ChaosKeyring(chaos)
    services.ctx.vault._backend = backend
    return services, backend, chaos


def test_every_step_is_counted(chaos_services, operator, acme):
    services, backend, chaos = chaos_services
    assert run_regenerate(services, operator, acme.id, chaos, None)
    # prepare (intents), 2 new secrets, the swap, 2 old secrets deleted, their pointers cleared
    assert chaos.ops == [
        "db.commit",
        "keyring.set",
        "keyring.set",
        "db.commit",
        "keyring.delete",
        "keyring.delete",
        "db.commit",
    ]


@pytest.mark.parametrize("fail_at", range(7))
def test_crash_at_each_step_leaves_one_working_key_set(chaos_services, operator, acme, clock, fail_at):
    services, backend, chaos = chaos_services
    services.auth.confirm_password(operator, "operator-password-1")
    _, before = current_state(services, operator, acme.id, backend)
    finished = run_regenerate(services, operator, acme.id, chaos, fail_at)
    assert not finished
    # "Restart" later: the start-up repair runs (intents younger than its grace may be another process's work in
    # progress, so it waits them out), then the keys are checked.
    clock.advance(minutes=11)
    services.keys.repair()
    services.auth.confirm_password(operator, "operator-password-1")
    active, now = current_state(services, operator, acme.id, backend)
    assert sorted((r.kind, r.mode) for r in active) == sorted(before)  # exactly one key of each kind and mode
    old_left = {k for k, v in now.items() if v == before[k]}
    assert old_left in (set(), set(before))  # all old or all new, never a mix
    for key in now.values():
        assert services.inspection.inspect(operator, key).status == "active"
    # The keyring holds exactly the current secrets: nothing orphaned, nothing retired left behind.
    assert sorted(backend.store.values()) == sorted(v for (kind, _), v in now.items() if kind == "secret")


def test_keyring_failure_before_the_swap_changes_nothing(services, operator, acme, keyring_backend):
    from billing_desktop.errors import VaultError

    _, before = current_state(services, operator, acme.id, keyring_backend)
    keyring_backend.fail_next = RuntimeError("keyring locked")
    with pytest.raises(VaultError):
        services.keys.regenerate(operator, acme.id, "live", None)
    _, after = current_state(services, operator, acme.id, keyring_backend)
    assert after == before
    assert sorted(keyring_backend.store.values()) == sorted(v for (k, _), v in before.items() if k == "secret")


def test_repair_reports_rows_whose_secret_is_missing(services, operator, acme, keyring_backend):
    ref = next(iter(keyring_backend.store))[1]
    del keyring_backend.store[("billing-desktop", ref)]
    report = services.keys.repair(check_missing=True)
    assert len(report.missing_secrets) == 1 and "tenant" in report.missing_secrets[0]
    assert vault_name("x").startswith("api-key/")


def test_repair_spares_another_process_work_in_progress(services, operator, acme, keyring_backend, clock):
    from billing_desktop.errors import AppError

    pending = services.keys.prepare(("test",))  # written to the keyring, not committed yet
    secret = next(p.key for p in pending if p.vault_ref)
    services.keys.repair()  # another process starts now: the young intent is left alone
    assert secret in keyring_backend.store.values()
    clock.advance(minutes=11)
    services.keys.repair()  # much later, the intent is an orphan's: removed
    assert secret not in keyring_backend.store.values()
    # A commit that arrives after that refuses to make the deleted secret current.
    with pytest.raises(AppError, match="Try again"), services.ctx.db() as s, s.begin():
        services.keys.attach(s, acme.id, pending, operator.email, clock())
