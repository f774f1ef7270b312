"""The vault's cryptography, all from `cryptography`: ChaCha20-Poly1305 for secrets (the secret's identity as
associated data) and X25519 + HKDF-SHA256 + ChaCha20-Poly1305 to seal the vault key to an operator's public key
(the construction of libsodium's sealed boxes and of HPKE's base mode). Nothing here is home-made: only the
framing of bytes."""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
_NONCE = 12
_SECRET_V1 = b"\x01"
_COPY_V1 = b"\x01"
_RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)
# Crockford's base32 alphabet: no I, L, O or U, so a fingerprint read aloud or retyped is not misread.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class SealError(Exception):
    """A ciphertext did not open: wrong key, wrong record, or tampered with. Carries no secret."""


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def secret_aad(vault_id: str, name: str) -> bytes:
    return f"billing-desktop/secret/v1\0{vault_id}\0{name}".encode()


def seal_secret(key: bytes, value: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(_NONCE)  # 96 random bits: safe for far more than 2^32 secrets under one key
    return _SECRET_V1 + nonce + ChaCha20Poly1305(key).encrypt(nonce, value, aad)


def open_secret(key: bytes, blob: bytes, aad: bytes) -> bytes:
    if blob[:1] != _SECRET_V1:
        raise SealError("unknown sealed-secret format")
    try:
        return ChaCha20Poly1305(key).decrypt(blob[1 : 1 + _NONCE], blob[1 + _NONCE :], aad)
    except InvalidTag:
        raise SealError("a sealed secret did not open") from None


# -- operator key pairs ---------------------------------------------------------------------------------------------
def new_private_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def private_bytes(key: X25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def private_key_to_text(key: X25519PrivateKey) -> str:
    return base64.b64encode(private_bytes(key)).decode()


def private_key_from_text(text: str) -> X25519PrivateKey:
    try:
        raw = base64.b64decode(text.encode(), validate=True)
        return X25519PrivateKey.from_private_bytes(raw)
    except ValueError:
        raise SealError("the operator key in the OS keyring is damaged") from None


def public_bytes(key: X25519PrivateKey | X25519PublicKey) -> bytes:
    pub = key.public_key() if isinstance(key, X25519PrivateKey) else key
    return pub.public_bytes(*_RAW)


def fingerprint(public_key: bytes) -> str:
    """80 bits of SHA-256 over the public key, as four groups of four Crockford base32 characters."""
    digest = int.from_bytes(hashlib.sha256(b"billing-desktop/operator-key/v1\0" + public_key).digest()[:10], "big")
    chars = "".join(_CROCKFORD[(digest >> (5 * i)) & 31] for i in reversed(range(16)))
    return "-".join(chars[i : i + 4] for i in range(0, 16, 4))


def normalize_fingerprint(text: str) -> str:
    """What the operator typed, read as Crockford base32 (case, spaces and dashes ignored; O→0, I/L→1)."""
    clean = "".join(c for c in text.upper() if c.isalnum()).replace("O", "0").replace("I", "1").replace("L", "1")
    return "-".join(clean[i : i + 4] for i in range(0, len(clean), 4))


def _copy_key(shared: bytes, ephemeral_pub: bytes, recipient_pub: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=KEY_BYTES,
        salt=ephemeral_pub + recipient_pub,
        info=b"billing-desktop/vault-key-copy/v1",
    ).derive(shared)


def seal_to(recipient_public: bytes, vault_key: bytes, aad: bytes) -> bytes:
    """Anonymous public-key encryption of the vault key: a fresh ephemeral X25519 key per copy."""
    eph = X25519PrivateKey.generate()
    eph_pub = public_bytes(eph)
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    nonce = os.urandom(_NONCE)
    ct = ChaCha20Poly1305(_copy_key(shared, eph_pub, recipient_public)).encrypt(nonce, vault_key, aad)
    return _COPY_V1 + eph_pub + nonce + ct


def open_sealed(private: X25519PrivateKey, blob: bytes, aad: bytes) -> bytes:
    if blob[:1] != _COPY_V1 or len(blob) < 1 + 32 + _NONCE + 16:
        raise SealError("unknown sealed-copy format")
    eph_pub, nonce, ct = blob[1:33], blob[33 : 33 + _NONCE], blob[33 + _NONCE :]
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(eph_pub))
        return ChaCha20Poly1305(_copy_key(shared, eph_pub, public_bytes(private))).decrypt(nonce, ct, aad)
    except (InvalidTag, ValueError):
        raise SealError("the sealed vault key did not open with this operator's key") from None


def copy_aad(vault_id: str, generation: int, public_key: bytes) -> bytes:
    return f"billing-desktop/vault-key/v1\0{vault_id}\0{generation}\0".encode() + public_key
