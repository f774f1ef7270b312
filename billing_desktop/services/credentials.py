"""The password check's parts that need no database: the digest unknown emails are counted under, the dummy hash
they are verified against, and the verification. Shared by AuthService and `keys inspect`'s direct path
(services/quick_inspect.py), which must not import SQLAlchemy."""

from __future__ import annotations

import base64
import hashlib
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher


def email_digest(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()


def dummy_hash(hasher: PasswordHasher) -> str:
    """A hash with the hasher's own cost that matches no password, made without hashing: verifying against it
    costs exactly what verifying a real account's hash costs, and building it costs nothing."""

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode().rstrip("=")

    return (
        f"$argon2{hasher.type.name.lower()}$v=19$m={hasher.memory_cost},t={hasher.time_cost},"
        f"p={hasher.parallelism}${b64(os.urandom(hasher.salt_len))}${b64(os.urandom(hasher.hash_len))}"
    )


def password_matches(hasher: PasswordHasher, pw_hash: str | None, password: str) -> bool:
    """One verification, always (an unknown account is checked against a dummy hash of the same cost: timing does
    not tell an unknown email from a wrong password)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return hasher.verify(pw_hash if pw_hash is not None else dummy_hash(hasher), password)
    except (VerificationError, InvalidHashError):
        return False
