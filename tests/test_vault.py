"""The vault: the OS keyring adapter (one item per database) and the sealed store in the database."""

import keyring.backends.fail
import pytest
from sqlalchemy import func, select, update

from billing_desktop.errors import VaultError
from billing_desktop.store.models import SealedSecret
from billing_desktop.vault import Access, Vault, VaultLocked
from billing_desktop.vault.keyring import OsKeyring
from tests.conftest import register
from tests.support.memory_keyring import MemoryKeyring
from tests.support.vault_helpers import keyring_items

SECRET = "sk_live_do-not-leak-0123456789"
pytestmark = pytest.mark.both_backends  # the sealed store must hold on SQLite and PostgreSQL


def test_keyring_roundtrip():
    backend = MemoryKeyring()
    k = OsKeyring(backend)
    k.set("vault/x/operator-key", SECRET)
    assert backend.store[("billing-desktop", "vault/x/operator-key")] == SECRET
    assert k.get("vault/x/operator-key") == SECRET
    assert k.delete("vault/x/operator-key") is True
    assert k.get("vault/x/operator-key") is None
    assert k.delete("vault/x/operator-key") is False  # deleting what is gone is not an error


def test_backend_failure_becomes_one_clear_error_without_the_secret():
    backend = MemoryKeyring()
    backend.fail_next = RuntimeError(f"backend exploded while storing {SECRET}")
    with pytest.raises(VaultError) as e:
        OsKeyring(backend).set("x", SECRET)
    assert "Unlock the keyring" in str(e.value)
    assert SECRET not in str(e.value)
    assert e.value.__cause__ is None and e.value.__suppress_context__


def test_no_keyring_is_refused_and_named():
    v = Vault(keyring.backends.fail.Keyring())
    with pytest.raises(VaultError, match="No OS keyring is available"):
        v.keyring.set("x", SECRET)
    with pytest.raises(VaultError):
        v.keyring.get("x")
    assert v.backend_name.startswith("none")


def test_plain_text_backends_are_never_used():
    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    with pytest.raises(VaultError, match="No OS keyring"):
        OsKeyring(PlaintextKeyring()).set("x", SECRET)


def test_seal_open_forget(services, operator):
    v = services.ctx.vault
    with services.ctx.db() as s, s.begin():
        v.seal(s, "tenant/1/test-secret", SECRET, services.ctx.clock())
    with services.ctx.db() as s:
        assert v.open(s, "tenant/1/test-secret") == SECRET
        assert v.open(s, "tenant/1/nothing") is None
        with pytest.raises(VaultError, match="empty"):
            v.seal(s, "tenant/1/x", "", services.ctx.clock())
    with services.ctx.db() as s, s.begin():
        assert v.forget(s, ["tenant/1/test-secret"]) == 1
    with services.ctx.db() as s:
        assert v.open(s, "tenant/1/test-secret") is None


def test_seal_many_seals_new_and_replaces_existing_in_one_transaction(services, operator):
    """A batch larger than one IN (...) look-up: new names inserted, taken names replaced (even one this session
    has already loaded), an empty value refuses the whole batch, each secret bound to its own name."""
    v = services.ctx.vault
    now = services.ctx.clock()
    with services.ctx.db() as s, s.begin():
        v.seal(s, "tenant/1/kept", "old-value", now)
    batch = {f"tenant/{i}/bulk": f"secret-{i}" for i in range(1, 1201)} | {"tenant/1/kept": "new-value"}
    with services.ctx.db() as s, s.begin():
        assert v.open(s, "tenant/1/kept") == "old-value"
        loaded = s.get(SealedSecret, "tenant/1/kept")
        v.seal_many(s, batch, now)
        assert v.open(s, "tenant/1/kept") == "new-value"
        fresh = s.execute(select(SealedSecret.sealed).where(SealedSecret.name == "tenant/1/kept")).scalar_one()
        assert loaded.sealed == fresh  # the copy loaded before the batch is not left stale
    with services.ctx.db() as s:
        assert v.open_many(s, batch) == batch
        assert s.scalar(select(func.count()).select_from(SealedSecret).where(SealedSecret.name.like("%/bulk"))) == 1200
        assert all(SECRET not in bytes(b).decode("latin-1") for b in s.scalars(select(SealedSecret.sealed)))
    with services.ctx.db() as s, s.begin(), pytest.raises(VaultError, match="empty"):
        v.seal_many(s, {"tenant/9/a": "fine", "tenant/9/b": ""}, now)
    with services.ctx.db() as s:
        assert v.open(s, "tenant/9/a") is None
    with services.ctx.db() as s, s.begin():  # seal(replace=False) still leaves a taken name alone
        assert v.seal(s, "tenant/1/kept", "third", now, replace=False) is False
    with services.ctx.db() as s:
        assert v.open(s, "tenant/1/kept") == "new-value"


def test_a_ciphertext_cannot_be_moved_onto_another_record(services, operator, acme, globex):
    """Someone with write access to the database copies Globex's sealed secret onto Acme's record: it does not
    open, because the record's name is the associated data."""
    v = services.ctx.vault
    with services.ctx.db() as s, s.begin():
        names = sorted(s.scalars(select(SealedSecret.name).where(SealedSecret.name.like("tenant/%/api-key/%"))))
        acme_name = next(n for n in names if n.startswith(f"tenant/{acme.id}/"))
        globex_name = next(n for n in names if n.startswith(f"tenant/{globex.id}/"))
        blob = s.get(SealedSecret, globex_name).sealed
        s.execute(update(SealedSecret).where(SealedSecret.name == acme_name).values(sealed=blob))
    with services.ctx.db() as s:
        with pytest.raises(VaultError, match="altered or moved"):
            v.open(s, acme_name)
        assert v.open(s, globex_name).startswith("sk_")
    with services.ctx.db() as s, s.begin():  # a flipped bit is caught the same way
        row = s.get(SealedSecret, globex_name)
        row.sealed = row.sealed[:-1] + bytes([row.sealed[-1] ^ 1])
    with services.ctx.db() as s, pytest.raises(VaultError, match="altered or moved"):
        v.open(s, globex_name)


def test_no_vault_before_the_first_operator(services):
    with services.ctx.db() as s:
        assert services.ctx.vault.access(s).access is Access.NO_VAULT
        with pytest.raises(VaultLocked, match="first operator"):
            services.ctx.vault.seal(s, "platform/x", SECRET, services.ctx.clock())


def test_another_os_account_cannot_open_the_vault(services, operator, acme):
    """Same database, a keyring without the operator key (another OS account, a stolen copy of the database)."""
    other = Vault(MemoryKeyring())
    with services.ctx.db() as s:
        name = s.scalar(select(SealedSecret.name).limit(1))
        assert other.access(s).access is Access.NOT_JOINED
        with pytest.raises(VaultLocked, match="team join"):
            other.open(s, name)


def test_the_keyring_holds_one_item_however_many_tenants(services, operator, keyring_backend):
    register(services, operator, "First", "owner@first.example")
    before = keyring_items(keyring_backend)
    for i in range(15):
        register(services, operator, f"Tenant {i}", f"owner@t{i}.example")
    assert keyring_items(keyring_backend) == before and len(before) == 1


@pytest.mark.secret_service
def test_real_secret_service_roundtrip(secret_service):
    v = Vault()  # whatever the keyring library finds: must be the Secret Service here
    assert "SecretService" in v.backend_name
    assert v.check() == v.backend_name
    v.keyring.set("integration-test", SECRET)
    try:
        assert v.keyring.get("integration-test") == SECRET
    finally:
        assert v.keyring.delete("integration-test")
    assert v.keyring.get("integration-test") is None


def _collection_size() -> int:
    import secretstorage

    conn = secretstorage.dbus_init()
    try:
        return sum(1 for _ in secretstorage.get_default_collection(conn).get_all_items())
    finally:
        conn.close()


@pytest.mark.secret_service
def test_real_keyring_item_count_does_not_grow_with_tenants(secret_service, db_file, clock):
    """Through the real Secret Service: registering tenants adds nothing to the keyring collection."""
    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext
    from billing_desktop.store.database import open_database
    from tests.conftest import OPERATOR_PASSWORD, fast_hasher

    before = _collection_size()
    engine = open_database(f"sqlite:///{db_file}")
    svc = Services(AppContext(engine=engine, vault=Vault(), clock=clock, hasher=fast_hasher()))
    try:
        svc.auth.create_operator("op@platform.example", OPERATOR_PASSWORD)
        op = svc.auth.sign_in("op@platform.example", OPERATOR_PASSWORD)
        register(svc, op, "First", "owner@first.example")
        after_first = _collection_size()
        assert after_first == before + 1  # the operator key
        for i in range(20):
            register(svc, op, f"Tenant {i}", f"owner@t{i}.example")
        assert _collection_size() == after_first
        test_key = next(r for r in svc.keys.list(op, 21) if (r.kind, r.mode) == ("secret", "test"))
        assert svc.keys.reveal(op, test_key.id).endswith(test_key.masked[-4:])
    finally:
        with svc.ctx.db() as s:
            from billing_desktop.vault.rows import state_row
            from billing_desktop.vault.vault import keyring_item

            svc.ctx.vault.keyring.delete(keyring_item(state_row(s).vault_id))
        svc.close()
