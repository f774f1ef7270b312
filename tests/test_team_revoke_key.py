"""Revoking ONE operator key (one machine): the lone operator who restored on a new laptop cuts off the lost one.
Two keyrings (two machines) of the same operator, one database."""

import pytest
from sqlalchemy import select

from billing_desktop.errors import AppError, NotFound, PermissionDenied
from billing_desktop.services import Services
from billing_desktop.services.context import AppContext
from billing_desktop.store.models import AuditEntry
from billing_desktop.vault import Vault, VaultLocked
from tests.conftest import OPERATOR_PASSWORD, fast_hasher
from tests.support.memory_keyring import MemoryKeyring
from tests.support.vault_helpers import sealed

pytestmark = pytest.mark.both_backends


@pytest.fixture
def two_machines(services, operator, acme, globex, clock):
    """The operator's old laptop (the `services` keyring) and a new one (its own keyring), both granted."""
    new = Services(
        AppContext(engine=services.ctx.engine, vault=Vault(MemoryKeyring()), clock=clock, hasher=fast_hasher())
    )
    new_session = new.auth.sign_in(operator.email, OPERATOR_PASSWORD)
    joined = new.team.join(new_session)
    services.team.grant(operator, operator.email, joined.fingerprint)
    old_fp = next(r.fingerprint for r in services.team.status(operator) if r.this_account)
    return services, operator, new, new_session, old_fp, joined.fingerprint


def test_the_new_machine_revokes_the_lost_laptops_key(two_machines, clock):
    old, _op_old, new, op_new, old_fp, new_fp = two_machines
    before = sealed(old)
    assert sealed(new) == before
    rows = {r.fingerprint: r for r in new.team.status(op_new)}
    assert rows[new_fp].this_account and not rows[old_fp].this_account and rows[old_fp].joined_at is not None

    done = new.team.revoke_key(op_new, old_fp.lower().replace("-", " "))  # typed loosely: still that key
    assert (done.fingerprint, done.secrets_rekeyed, done.email) == (old_fp, len(before), op_new.email)

    assert sealed(new) == before  # the new machine reads every secret, values unchanged
    with pytest.raises(VaultLocked, match="revoked"):
        sealed(old)  # the old laptop's running process
    restarted = Services(
        AppContext(
            engine=old.ctx.engine, vault=Vault(old.ctx.vault.keyring._get_backend()), clock=clock, hasher=fast_hasher()
        )
    )
    with pytest.raises(VaultLocked):
        sealed(restarted)  # and the old laptop started again, from its keyring
    states = {r.fingerprint: r.state for r in new.team.status(op_new)}
    assert states == {old_fp: "revoked", new_fp: "granted"}
    with new.ctx.db() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "team.revoke_key"))
    assert entry is not None and old_fp in entry.detail and entry.actor == op_new.email


def test_refuses_this_machines_key_unknown_revoked_and_non_operators(two_machines, acme_users):
    old, _op_old, new, op_new, old_fp, new_fp = two_machines
    with pytest.raises(AppError, match="this machine is using"):
        new.team.revoke_key(op_new, new_fp)
    with pytest.raises(NotFound):
        new.team.revoke_key(op_new, "AAAA-BBBB-CCCC-DDDD")
    with pytest.raises(PermissionDenied):
        new.team.revoke_key(acme_users["owner"], old_fp)
    assert sealed(old) == sealed(new)  # nothing changed by the refusals
    new.team.revoke_key(op_new, old_fp)
    with pytest.raises(AppError, match="already revoked"):
        new.team.revoke_key(op_new, old_fp)
