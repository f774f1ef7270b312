"""The password check's parts that need no database: the digest unknown emails are counted under, the dummy hash
they are verified against, and the verification. Shared by AuthService and `keys inspect`'s direct path
(services/quick_inspect.py), which must not import SQLAlchemy, nor the argon2 package (Argon2Check below)."""

from __future__ import annotations

import hashlib
import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher

# PasswordHasher.verify's header -> type: libargon2's Argon2_i, Argon2_d, Argon2_id.
_TYPES = {"$argon2i$": 1, "$argon2d$": 0, "$argon2id": 2}

# RFC 9106's second recommended option (argon2id, t=3, 64 MiB, p=4): ~0.1–0.3 s here, deliberately slow for
# guessing. Hash and salt lengths are argon2-cffi's defaults. context.default_hasher and Argon2Check both use these.
TIME_COST, MEMORY_COST, PARALLELISM = 3, 65536, 4
HASH_LEN, SALT_LEN = 32, 16


def email_digest(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()


def _b64(raw: bytes) -> str:
    import base64  # here: `keys inspect`'s plain path never makes a dummy hash

    return base64.b64encode(raw).decode().rstrip("=")


def dummy_hash(hasher: PasswordHasher | Argon2Check) -> str:
    """A hash with the hasher's own cost that matches no password, made without hashing: verifying against it
    costs exactly what verifying a real account's hash costs, and building it costs nothing."""
    kind = hasher.type.name.lower() if not isinstance(hasher, Argon2Check) else "id"
    return (
        f"$argon2{kind}$v=19$m={hasher.memory_cost},t={hasher.time_cost},"
        f"p={hasher.parallelism}${_b64(os.urandom(hasher.salt_len))}${_b64(os.urandom(hasher.hash_len))}"
    )


def password_matches(hasher: PasswordHasher | Argon2Check, pw_hash: str | None, password: str) -> bool:
    """One verification, always (an unknown account is checked against a dummy hash of the same cost: timing does
    not tell an unknown email from a wrong password)."""
    pw_hash = pw_hash if pw_hash is not None else dummy_hash(hasher)
    if isinstance(hasher, Argon2Check):
        return hasher.verify(pw_hash, password)
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return hasher.verify(pw_hash, password)
    except (VerificationError, InvalidHashError):
        return False


class Argon2Check:
    """argon2 verification through libargon2's own bindings (`_argon2_cffi_bindings`, the package argon2-cffi
    verifies with): the same `argon2_verify` call, the hash's type read from its header, as
    `PasswordHasher.verify`. For `keys inspect`'s direct path, a whole process budgeted at 3x an empty
    interpreter plus this check: importing the argon2 package costs a third of an empty interpreter (it imports
    dataclasses, inspect, typing and platform). It hashes nothing: `made_here` tells a hash of these exact
    parameters (argon2id), and any other is left to the full path, whose PasswordHasher re-hashes it."""

    def __init__(
        self,
        *,
        time_cost: int = TIME_COST,
        memory_cost: int = MEMORY_COST,
        parallelism: int = PARALLELISM,
        hash_len: int = HASH_LEN,
        salt_len: int = SALT_LEN,
    ):
        self.time_cost, self.memory_cost, self.parallelism = time_cost, memory_cost, parallelism
        self.hash_len, self.salt_len = hash_len, salt_len
        b64 = "[A-Za-z0-9+/]"
        self._shape = re.compile(
            rf"\$argon2id\$v=19\$m={memory_cost},t={time_cost},p={parallelism}"
            rf"\${b64}{{{(4 * salt_len + 2) // 3}}}\${b64}{{{(4 * hash_len + 2) // 3}}}"  # unpadded base64
        )

    @classmethod
    def like(cls, hasher: PasswordHasher) -> Argon2Check:
        """The check for hashes `hasher` makes (an argon2id hasher)."""
        if hasher.type.name != "ID":
            raise ValueError("Argon2Check knows argon2id parameters only")
        return cls(
            time_cost=hasher.time_cost,
            memory_cost=hasher.memory_cost,
            parallelism=hasher.parallelism,
            hash_len=hasher.hash_len,
            salt_len=hasher.salt_len,
        )

    def made_here(self, pw_hash: str) -> bool:
        """`pw_hash` was made with exactly these parameters (PasswordHasher.check_needs_rehash would say False)."""
        return self._shape.fullmatch(pw_hash) is not None

    def verify(self, pw_hash: str, password: str) -> bool:
        """True when `password` matches `pw_hash`; False on a mismatch or a hash libargon2 cannot read."""
        from _argon2_cffi_bindings import ffi, lib

        kind = _TYPES.get(pw_hash[:9])
        if kind is None or not pw_hash.isascii():
            return False
        secret = password.encode("utf-8")
        encoded = ffi.new("char[]", pw_hash.encode("ascii"))
        rv = lib.argon2_verify(encoded, ffi.new("uint8_t[]", secret), len(secret), kind)
        return bool(rv == lib.ARGON2_OK)
