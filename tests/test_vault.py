import keyring.backends.fail
import pytest

from billing_desktop.errors import VaultError
from billing_desktop.vault import Vault
from tests.support.memory_keyring import MemoryKeyring

SECRET = "sk_live_do-not-leak-0123456789"


def test_roundtrip_and_namespacing():
    backend = MemoryKeyring()
    v = Vault(backend)
    name = Vault.tenant_key(7, "webhook-secret")
    assert name == "tenant/7/webhook-secret"
    v.set(name, SECRET)
    assert backend.store[("billing-desktop", name)] == SECRET
    assert v.get(name) == SECRET
    assert v.delete(name) is True
    assert v.get(name) is None
    assert v.delete(name) is False  # deleting what is gone is not an error


def test_backend_failure_becomes_one_clear_error_without_the_secret():
    backend = MemoryKeyring()
    backend.fail_next = RuntimeError(f"backend exploded while storing {SECRET}")
    with pytest.raises(VaultError) as e:
        Vault(backend).set("tenant/1/x", SECRET)
    assert "Unlock the keyring" in str(e.value)
    assert SECRET not in str(e.value)
    assert e.value.__cause__ is None and e.value.__suppress_context__


def test_no_keyring_is_refused_and_named():
    v = Vault(keyring.backends.fail.Keyring())
    with pytest.raises(VaultError, match="No OS keyring is available"):
        v.set("tenant/1/x", SECRET)
    with pytest.raises(VaultError):
        v.get("tenant/1/x")
    assert v.backend_name.startswith("none")


def test_plain_text_backends_are_never_used():
    class PlaintextKeyring(MemoryKeyring):
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    with pytest.raises(VaultError, match="No OS keyring"):
        Vault(PlaintextKeyring()).set("tenant/1/x", SECRET)


def test_empty_secret_is_refused():
    with pytest.raises(VaultError):
        Vault(MemoryKeyring()).set("tenant/1/x", "")


@pytest.mark.secret_service
def test_real_secret_service_roundtrip(secret_service):
    v = Vault()  # whatever the keyring library finds: must be the Secret Service here
    assert "SecretService" in v.backend_name
    assert v.check() == v.backend_name
    name = Vault.tenant_key(99, "integration-test")
    v.set(name, SECRET)
    try:
        assert v.get(name) == SECRET
    finally:
        assert v.delete(name)
    assert v.get(name) is None
