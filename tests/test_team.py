"""Two operators, two OS accounts (two keyrings), one database: join, grant after a fingerprint check, revoke with a
re-key, status; and a crash at every step of the re-key."""

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from billing_desktop.errors import NotFound, PermissionDenied, ValidationError
from billing_desktop.services import Services
from billing_desktop.services.context import AppContext
from billing_desktop.store.models import SealedSecret, VaultState
from billing_desktop.vault import Access, Vault, VaultLocked, crypto
from billing_desktop.vault import members as vault_members
from tests.conftest import OPERATOR_PASSWORD, fast_hasher, register
from tests.support.memory_keyring import MemoryKeyring
from tests.support.vault_helpers import sealed

B_EMAIL, B_PASSWORD = "bea@platform.example", "operator-b-password-1"
pytestmark = pytest.mark.both_backends  # the sealed store must hold on SQLite and PostgreSQL


@pytest.fixture
def two(services, operator, acme, globex, clock):
    """Operator A (the `services` fixture's keyring) and operator B on their own keyring, same database."""
    services.users.add(operator, None, B_EMAIL, B_PASSWORD, "operator")
    b = Services(
        AppContext(engine=services.ctx.engine, vault=Vault(MemoryKeyring()), clock=clock, hasher=fast_hasher())
    )
    return services, operator, b, b.auth.sign_in(B_EMAIL, B_PASSWORD)


def reveal_any(svc, session, tenant_id):
    row = next(r for r in svc.keys.list(session, tenant_id) if (r.kind, r.mode) == ("secret", "test"))
    return svc.keys.reveal(session, row.id)


def test_b_waits_until_granted_then_reads_everything(two, acme):
    a, op_a, b, op_b = two
    with pytest.raises(VaultLocked, match="team join"):
        reveal_any(b, op_b, acme.id)
    joined = b.team.join(op_b)
    assert joined.state == "pending" and len(joined.fingerprint) == 19
    assert b.team.join(op_b) == joined  # idempotent: same key, same fingerprint
    with pytest.raises(VaultLocked, match="Waiting for access") as e:
        reveal_any(b, op_b, acme.id)
    assert joined.fingerprint in str(e.value) and e.value.access is Access.WAITING
    assert b.tenants.list(op_b)  # what needs no secret works meanwhile
    a.team.grant(op_a, B_EMAIL, joined.fingerprint.lower().replace("-", " "))  # typed loosely: still the same
    assert reveal_any(b, op_b, acme.id) == reveal_any(a, op_a, acme.id)
    assert b.team.access().access is Access.UNLOCKED
    status = {(r.email, r.state) for r in a.team.status(op_a)}
    assert status == {("op@platform.example", "granted"), (B_EMAIL, "granted")}
    entry = next(r for r in a.team.status(op_a) if r.email == B_EMAIL)
    assert entry.granted_by == op_a.email and entry.fingerprint == joined.fingerprint and not entry.this_account


def test_a_wrong_fingerprint_is_refused(two):
    a, op_a, b, op_b = two
    joined = b.team.join(op_b)
    wrong = ("0000" if not joined.fingerprint.startswith("0000") else "1111") + joined.fingerprint[4:]
    with pytest.raises(ValidationError) as e:
        a.team.grant(op_a, B_EMAIL, wrong)
    assert "fingerprint" in e.value.fields
    assert next(r for r in a.team.status(op_a) if r.email == B_EMAIL).state == "pending"
    with pytest.raises(NotFound):
        a.team.grant(op_a, "nobody@platform.example", joined.fingerprint)


def test_revoke_rekeys_so_b_cannot_and_a_can(two, acme, globex):
    a, op_a, b, op_b = two
    a.team.grant(op_a, B_EMAIL, b.team.join(op_b).fingerprint)
    before = sealed(a)
    assert sealed(b) == before
    (b_old_key,) = b.ctx.vault._keys.values()  # what B's process (or a copy B kept) held before the revoke
    seen = []
    assert a.team.revoke(op_a, B_EMAIL, progress=lambda d, t: seen.append((d, t))) == len(before)
    assert seen[-1] == (len(before), len(before))
    assert sealed(a) == before  # every secret still readable by A, values unchanged
    with pytest.raises(VaultLocked, match="revoked"):
        reveal_any(b, op_b, acme.id)
    # B's old vault key is of no use: every secret is under the new one.
    with a.ctx.db() as s:
        vault_id = s.scalar(select(VaultState.vault_id))
        for row in s.scalars(select(SealedSecret)):
            with pytest.raises(crypto.SealError):
                crypto.open_secret(b_old_key, row.sealed, crypto.secret_aad(vault_id, row.name))
    # A keeps working: registering seals under the new key.
    register(a, op_a, "After Revoke", "owner@after.example")
    assert len(sealed(a)) == len(before) + 2


def test_revoke_refuses_to_leave_nobody_and_needs_an_operator(two, acme_users):
    a, op_a, _b, _op_b = two
    with pytest.raises(NotFound):
        a.team.revoke(op_a, B_EMAIL)  # B never joined
    with pytest.raises(Exception, match="your own access"):
        a.team.revoke(op_a, op_a.email)
    with pytest.raises(PermissionDenied):
        a.team.status(acme_users["owner"])


class Crash(BaseException):
    pass


@pytest.mark.parametrize("fail_at", range(4))
def test_a_crash_at_every_step_of_a_revoke(two, acme, globex, monkeypatch, fail_at):
    """Steps: re-encrypt batch 1, batch 2, batch 3, the commit. Whatever the crash hits, every secret stays
    readable by every current member; once a revoke commits, none by the revoked one."""
    a, op_a, b, op_b = two
    for i in range(3):
        register(a, op_a, f"Filler {i}", f"owner@filler{i}.example")
    a.team.grant(op_a, B_EMAIL, b.team.join(op_b).fingerprint)
    before = sealed(a)
    monkeypatch.setattr(vault_members, "REKEY_BATCH", (len(before) + 2) // 3)
    ops = []

    def tick(*_):
        ops.append(1)
        if len(ops) - 1 == fail_at:
            raise Crash()

    event.listen(Session, "before_commit", tick)
    try:
        with pytest.raises(Crash):
            a.team.revoke(op_a, B_EMAIL, progress=tick)
    finally:
        event.remove(Session, "before_commit", tick)
    # Nothing committed: B is still a member, and both read every secret.
    assert sealed(a) == before and sealed(b) == before
    # Retried, it completes: A reads everything, B nothing.
    a.team.revoke(op_a, B_EMAIL)
    assert sealed(a) == before
    with pytest.raises(VaultLocked):
        sealed(b)


def test_a_revoked_operator_can_join_again_with_a_new_key(two):
    a, op_a, b, op_b = two
    first = b.team.join(op_b)
    a.team.grant(op_a, B_EMAIL, first.fingerprint)
    a.team.revoke(op_a, B_EMAIL)
    again = b.team.join(op_b)
    assert again.state == "pending" and again.fingerprint != first.fingerprint
    a.team.grant(op_a, B_EMAIL, again.fingerprint)
    assert sealed(b) == sealed(a)


def test_tenant_users_see_only_their_own_tenants_secrets(services, acme_users, acme, globex, operator):
    owner = acme_users["owner"]
    assert reveal_any(services, owner, acme.id).startswith("sk_test_")
    globex_key = next(r for r in services.keys.list(operator, globex.id) if r.kind == "secret")
    with pytest.raises(PermissionDenied):
        services.keys.reveal(owner, globex_key.id)
    with pytest.raises(PermissionDenied):
        services.webhooks.reveal_secret(owner, globex.id)
    assert OPERATOR_PASSWORD
