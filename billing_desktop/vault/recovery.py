"""The recovery key: 160 random bits the operator keeps on paper. HKDF turns them into an X25519 key pair; the
vault key is sealed to its public half like to any operator (so a re-key by any operator re-seals it without
knowing the recovery key), and backups carry that sealed copy in their header."""

from __future__ import annotations

import os
from datetime import datetime

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from billing_desktop.domain import recovery_key
from billing_desktop.store.models import RecoveryKey
from billing_desktop.vault import crypto
from billing_desktop.vault.vault import Vault


def key_pair(secret: bytes) -> X25519PrivateKey:
    raw = HKDF(
        algorithm=hashes.SHA256(), length=crypto.KEY_BYTES, salt=None, info=b"billing-desktop/recovery-key/v1"
    ).derive(secret)
    return X25519PrivateKey.from_private_bytes(raw)


def recovery_aad(vault_id: str, generation: int, public_key: bytes) -> bytes:
    return f"billing-desktop/recovery-copy/v1\0{vault_id}\0{generation}\0".encode() + public_key


def current(s: Session) -> RecoveryKey | None:
    return s.scalar(select(RecoveryKey).order_by(RecoveryKey.id.desc()).limit(1))


def replace(vault: Vault, s: Session, created_by: str, now: datetime) -> str:
    """A new recovery key (its written form is returned, once); the previous one no longer opens this database.
    Inside the caller's transaction; needs this OS account's access to the vault key."""
    st = vault.lock_state(s, exclusive=False)
    key = vault.vault_key(s, st)
    secret = os.urandom(recovery_key.SECRET_BYTES)
    pub = crypto.public_bytes(key_pair(secret))
    s.execute(delete(RecoveryKey))
    s.add(
        RecoveryKey(
            public_key=pub,
            fingerprint=crypto.fingerprint(pub),
            generation=st.generation,
            sealed=crypto.seal_to(pub, key, recovery_aad(st.vault_id, st.generation, pub)),
            created_at=now,
            created_by=created_by,
            confirmed_at=None,
        )
    )
    s.flush()
    return recovery_key.encode(secret)


def reseal(s: Session, vault_id: str, generation: int, new_key: bytes) -> None:
    """During a re-key: the new vault key sealed to the recovery key's public half."""
    row = current(s)
    if row is not None:
        pub = bytes(row.public_key)
        row.sealed = crypto.seal_to(pub, new_key, recovery_aad(vault_id, generation, pub))
        row.generation = generation


def open_copy(secret: bytes, vault_id: str, generation: int, sealed: bytes) -> bytes:
    """The vault key from a copy sealed to this recovery key; SealError if it is not this key's copy."""
    priv = key_pair(secret)
    return crypto.open_sealed(priv, sealed, recovery_aad(vault_id, generation, crypto.public_bytes(priv)))


def fingerprint_of(secret: bytes) -> str:
    return crypto.fingerprint(crypto.public_bytes(key_pair(secret)))
