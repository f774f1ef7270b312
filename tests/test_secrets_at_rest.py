"""Secrets go in through every path; then neither the database file (with its WAL) nor the log holds one."""

import logging

import pytest

from billing_desktop.errors import AuthenticationFailed, VaultError
from billing_desktop.services.bootstrap import build_services
from billing_desktop.services.key_inspection import candidates
from billing_desktop.services.tenants import Registration
from billing_desktop.vault import Vault
from tests.conftest import fast_hasher
from tests.support.memory_keyring import MemoryKeyring

OPERATOR_PW = "Op3rator-secret-pass"
OWNER_PW = "Own3r-secret-passphrase"
USER_PW = "Us3r-secret-passphrase"
NEW_PW = "N3w-secret-passphrase"
WRONG_PW = "Wr0ng-secret-attempt"
VAULT_SECRET = "sk_live_Zq8vVaultOnly0123456789abcdef"
PLATFORM_SECRET = "sk_live_PlatformOnly0123456789abcdefgh"


def test_no_secret_reaches_the_database_or_the_log(home):
    backend = MemoryKeyring()
    svc = build_services(vault=Vault(backend))
    svc.ctx.hasher = fast_hasher()
    try:
        svc.auth.create_operator("op@example.com", OPERATOR_PW)
        op = svc.auth.sign_in("op@example.com", OPERATOR_PW)
        with pytest.raises(AuthenticationFailed):
            svc.auth.sign_in("op@example.com", WRONG_PW)
        t = svc.tenants.register(op, Registration("Acme", "owner@acme.example", OWNER_PW))
        svc.users.add(op, t.id, "dev@acme.example", USER_PW, "developer")
        svc.auth.confirm_password(op, OPERATOR_PW)
        svc.auth.lock(op)
        svc.auth.unlock(op, OPERATOR_PW)
        svc.auth.change_password(op, OPERATOR_PW, NEW_PW)
        with svc.ctx.db() as s, s.begin():
            svc.ctx.vault.seal(s, Vault.tenant_name(t.id, "test-secret"), VAULT_SECRET, svc.ctx.clock())
        svc.stripe_platform.update(op, "ca_Abcdefgh12345678", PLATFORM_SECRET)
        keys = [k for k in svc.keys.list(op, t.id) if k.kind == "secret"]
        api_secrets = [svc.keys.reveal(op, k.id) for k in keys]
        # A careless log call must not carry a key into the file either.
        logging.getLogger("billing_desktop.test").warning("stored %s for tenant %s", VAULT_SECRET, t.id)
        backend.fail_next = RuntimeError(f"backend echoed {VAULT_SECRET}")
        with pytest.raises(VaultError):
            svc.ctx.vault.keyring.get("anything")
    finally:
        svc.close()
    for h in logging.getLogger().handlers:
        h.flush()

    files = [p for p in home.iterdir() if p.name.startswith("billing-desktop.")]
    assert any(p.suffix == ".log" for p in files) and any(p.suffix == ".sqlite3" for p in files)
    blob = b"".join(p.read_bytes() for p in files)
    assert b"owner@acme.example" in blob  # the scan does see what was written
    assert b"sk_live_[redacted]" in blob  # the careless log line arrived, without the key
    assert len(api_secrets) == 2
    for secret in (OPERATOR_PW, OWNER_PW, USER_PW, NEW_PW, WRONG_PW, VAULT_SECRET, PLATFORM_SECRET, *api_secrets):
        assert secret.encode() not in blob, f"{secret[:4]}… found at rest"
    # The app's own leak scan, over the same bytes, finds no secret credential (publishable keys are public).
    found = [token for _, token in candidates(blob) if not token.startswith(b"pk_")]
    assert found == [], found
    # The keyring holds one item: the operator key; the secrets are sealed in the database.
    assert [u.rsplit("/", 1)[-1] for _, u in backend.store] == ["operator-key"]
