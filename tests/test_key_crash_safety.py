"""Regenerate survives a crash at any step: the new secrets are sealed, and the old ones forgotten, in the one
transaction that swaps the key set, so exactly one working key set remains and no secret is orphaned."""

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from billing_desktop.services.keys import vault_name
from tests.support.vault_helpers import sealed

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


@pytest.fixture
def chaos(services, monkeypatch):
    c = Chaos()
    vault = services.ctx.vault
    seal, forget = vault.seal_many, vault.forget  # every seal goes through seal_many

    def chaotic_seal(*a, **kw):
        c.tick("vault.seal_many")
        return seal(*a, **kw)

    def chaotic_forget(*a, **kw):
        c.tick("vault.forget")
        return forget(*a, **kw)

    monkeypatch.setattr(vault, "seal_many", chaotic_seal)
    monkeypatch.setattr(vault, "forget", chaotic_forget)

    def before_commit(session):
        c.tick("db.commit")

    event.listen(Session, "before_commit", before_commit)
    yield c
    event.remove(Session, "before_commit", before_commit)


def run_regenerate(services, operator, tenant_id, chaos, fail_at):
    chaos.ops.clear()
    chaos.fail_at = fail_at
    try:
        services.keys.regenerate(operator, tenant_id, "all", None)
        return True
    except Crash:
        return False
    finally:
        chaos.fail_at = None


def current_state(services, operator, tenant_id):
    active = [r for r in services.keys.list(operator, tenant_id) if r.status == "active"]
    return active, {(r.kind, r.mode): services.keys.reveal(operator, r.id) for r in active}


def test_every_step_is_counted(services, operator, acme, chaos):
    assert run_regenerate(services, operator, acme.id, chaos, None)
    assert chaos.ops == ["vault.forget", "vault.seal_many", "db.commit"]  # both new secrets in one step


@pytest.mark.parametrize("fail_at", range(3))
def test_crash_at_each_step_leaves_one_working_key_set(services, operator, acme, chaos, fail_at):
    services.auth.confirm_password(operator, "operator-password-1")
    _, before = current_state(services, operator, acme.id)
    assert not run_regenerate(services, operator, acme.id, chaos, fail_at)
    services.keys.repair()  # "restart"
    active, now = current_state(services, operator, acme.id)
    assert sorted((r.kind, r.mode) for r in active) == sorted(before)  # exactly one key of each kind and mode
    assert now == before  # nothing committed: the old set, whole
    for key in now.values():
        assert services.inspection.inspect(operator, key).status == "active"
    # The vault holds exactly the current secrets: nothing orphaned.
    assert sorted(sealed(services).values()) == sorted(v for (kind, _), v in now.items() if kind == "secret")


def test_repair_reports_rows_whose_secret_is_missing(services, operator, acme):
    name = next(n for n in sealed(services) if "/api-key/" in n)
    with services.ctx.db() as s, s.begin():
        services.ctx.vault.forget(s, [name])
    report = services.keys.repair(check_missing=True)
    assert len(report.missing_secrets) == 1 and "tenant" in report.missing_secrets[0]
    assert vault_name(1, "x") == "tenant/1/api-key/x"
