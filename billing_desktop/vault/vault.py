"""The vault: every secret sealed in the database under one random vault key; the OS keyring holds only this OS
account's operator private key, which opens this operator's sealed copy of the vault key.

Secrets are read and written inside the caller's database transaction, so a secret and the row that names it
commit together (no keyring step to crash between). One class, on SQLite and PostgreSQL alike; no plain text."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import CursorResult, delete, insert, select, update
from sqlalchemy.orm import Session

from billing_desktop.domain.states import Access, KeyState
from billing_desktop.errors import VaultError, msg
from billing_desktop.store.models import OperatorKey, SealedSecret, VaultKeyCopy, VaultState
from billing_desktop.vault import crypto
from billing_desktop.vault.keyring import SERVICE, OsKeyring
from billing_desktop.vault.rows import copy_for, key_row_for, state_row


class VaultLocked(VaultError):  # noqa: N818 (reads as a state, like the other errors)
    """The vault cannot be opened from this OS account (yet). Says what to do."""

    def __init__(self, access: Access, message: str):
        self.access = access
        super().__init__(message)


@dataclass(frozen=True)
class AccessReport:
    access: Access
    fingerprint: str | None  # this OS account's operator key, if it has one for this database
    generation: int


def keyring_item(vault_id: str) -> str:
    return f"vault/{vault_id}/operator-key"


_IN_CHUNK = 500  # names per IN (...) look-up: under SQLite's and psycopg's parameter limits


def locked_message(access: Access, fingerprint: str | None = None) -> str:
    if access is Access.WAITING:
        return msg(
            "Waiting for access: your operator key ({fingerprint}) is not granted yet. Ask an operator "
            "to compare the fingerprint with you and run `billing-desktop team grant YOUR-EMAIL "
            "--fingerprint {fingerprint}`.",
            fingerprint=fingerprint,
        )
    if access is Access.REVOKED:
        return msg("Your access to the team's secrets was revoked. Ask an operator to grant a new key (team join).")
    if access is Access.NO_VAULT:
        return msg("No operator account exists yet, so there is no vault: create the first operator.")
    return msg(
        "This OS account holds no operator key for this database: run `billing-desktop team join`, then ask an "
        "operator to grant access."
    )


class Vault:
    """Seal, open and forget named secrets; unlock with the operator key in the OS keyring."""

    def __init__(self, backend: Any | None = None, service: str = SERVICE):
        self.keyring = OsKeyring(backend, service)
        self._lock = threading.Lock()
        self._keys: dict[tuple[str, int], bytes] = {}  # (vault id, generation) -> vault key, once unlocked
        self._private: dict[str, X25519PrivateKey] = {}  # vault id -> this account's operator key

    # -- the keyring ---------------------------------------------------------------------------------------------
    @property
    def backend_name(self) -> str:
        return self.keyring.backend_name

    def check(self) -> str:
        """Round-trip a throwaway keyring item; returns the backend name or raises VaultError."""
        return self.keyring.check()

    def private_key(self, vault_id: str) -> X25519PrivateKey | None:
        """This OS account's operator key for the vault; None if its keyring holds none."""
        with self._lock:
            cached = self._private.get(vault_id)
        if cached is not None:
            return cached
        text = self.keyring.get(keyring_item(vault_id))
        if not text:
            return None
        try:
            key = crypto.private_key_from_text(text)
        except crypto.SealError as exc:
            raise VaultError(msg("{exc}: run `billing-desktop team join` to make a new one.", exc=exc)) from None
        with self._lock:
            self._private[vault_id] = key
        return key

    def own_private_key(self, vault_id: str) -> X25519PrivateKey:
        """This OS account's operator key, made (private half to the keyring) when it has none yet."""
        key = self.private_key(vault_id)
        if key is None:
            key = crypto.new_private_key()
            self.keyring.set(keyring_item(vault_id), crypto.private_key_to_text(key))
            with self._lock:
                self._private[vault_id] = key
        return key

    def replace_private_key(self, vault_id: str) -> X25519PrivateKey:
        """A new key pair for this account (after a revoke): the old private key is overwritten in the keyring."""
        key = crypto.new_private_key()
        self.keyring.set(keyring_item(vault_id), crypto.private_key_to_text(key))
        with self._lock:
            self._private[vault_id] = key
            self._keys = {k: v for k, v in self._keys.items() if k[0] != vault_id}
        return key

    # -- names ---------------------------------------------------------------------------------------------------
    @staticmethod
    def tenant_name(tenant_id: int, purpose: str) -> str:
        return f"tenant/{int(tenant_id)}/{purpose}"

    # -- locking the generation ------------------------------------------------------------------------------------
    @staticmethod
    def lock_state(s: Session, *, exclusive: bool) -> VaultState:
        """Serialize against a re-key: sealers share the lock, a re-key holds it alone.
        PostgreSQL: row locks. SQLite: its one writer lock, taken before the generation is read."""
        if s.get_bind().dialect.name == "sqlite":
            s.execute(update(VaultState).where(VaultState.id == 1).values(generation=VaultState.generation))
            return state_row(s)
        return state_row(s, lock="update" if exclusive else "share")

    def _locked_state(self, s: Session) -> VaultState:
        """The shared lock, taken once per transaction: a registration seals two secrets, a batch thousands."""
        txn = s.get_transaction()
        held = s.info.get("vault_shared_lock")
        if held is not None and held[0] is txn:
            state: VaultState = held[1]
            return state
        st = self.lock_state(s, exclusive=False)
        s.info["vault_shared_lock"] = (txn, st)
        return st

    # -- unlocking -----------------------------------------------------------------------------------------------
    def access(self, s: Session) -> AccessReport:
        """Never raises VaultLocked: what this OS account can do with this database's vault now."""
        st = state_row(s)
        if st.generation == 0:
            return AccessReport(Access.NO_VAULT, None, 0)
        try:
            self._key(s, st, st.generation)
        except VaultLocked as exc:
            priv = self.private_key(st.vault_id)
            fp = crypto.fingerprint(crypto.public_bytes(priv)) if priv else None
            return AccessReport(exc.access, fp, st.generation)
        priv = self.private_key(st.vault_id)
        fp = crypto.fingerprint(crypto.public_bytes(priv)) if priv else None
        return AccessReport(Access.UNLOCKED, fp, st.generation)

    def vault_key(self, s: Session, st: VaultState | None = None) -> bytes:
        st = st or state_row(s)
        return self._key(s, st, st.generation)

    def _key(self, s: Session, st: VaultState, generation: int) -> bytes:
        if generation == 0:
            raise VaultLocked(Access.NO_VAULT, locked_message(Access.NO_VAULT))
        with self._lock:
            key = self._keys.get((st.vault_id, generation))
        if key is not None:
            return key
        priv = self.private_key(st.vault_id)
        if priv is None:
            raise VaultLocked(Access.NOT_JOINED, locked_message(Access.NOT_JOINED))
        pub = crypto.public_bytes(priv)
        row = key_row_for(s, pub)
        if row is None:
            raise VaultLocked(Access.NOT_JOINED, locked_message(Access.NOT_JOINED))
        if row.state == KeyState.REVOKED:
            raise VaultLocked(Access.REVOKED, locked_message(Access.REVOKED))
        copy = copy_for(s, row.id, generation)
        if copy is None:
            raise VaultLocked(Access.WAITING, locked_message(Access.WAITING, row.fingerprint))
        try:
            key = crypto.open_sealed(priv, copy.sealed, crypto.copy_aad(st.vault_id, generation, pub))
        except crypto.SealError as exc:
            raise VaultError(msg("The vault could not be unlocked: {exc}.", exc=exc)) from None
        with self._lock:  # older generations are dead: a re-key deleted their copies
            self._keys = {k: v for k, v in self._keys.items() if k[0] != st.vault_id or k[1] > generation}
            self._keys[(st.vault_id, generation)] = key
        return key

    # -- secrets -------------------------------------------------------------------------------------------------
    def seal(self, s: Session, name: str, secret: str, now: Any, *, replace: bool = True) -> bool:
        """Inside the caller's transaction. False if `replace` is off and the name is already sealed."""
        if not replace and self.exists(s, name):
            return False
        self.seal_many(s, {name: secret}, now)
        return True

    def seal_many(self, s: Session, secrets: Mapping[str, str], now: Any) -> None:
        """Seal several secrets (replacing any sealed under the same names) inside the caller's transaction: one
        lock, one look-up of the names already taken and one multi-row INSERT, whether for a registration's two
        secrets or a batch of thousands."""
        if any(not isinstance(v, str) or not v for v in secrets.values()):
            raise VaultError(msg("Refusing to store an empty secret."))
        if not secrets:
            return
        st = self._locked_state(s)
        key = self._key(s, st, st.generation)
        rows = [
            {
                "name": name,
                "generation": st.generation,
                "sealed": crypto.seal_secret(key, value.encode(), crypto.secret_aad(st.vault_id, name)),
                "updated_at": now,
            }
            for name, value in secrets.items()
        ]
        names = list(secrets)
        taken: set[str] = set()
        for i in range(0, len(names), _IN_CHUNK):
            taken.update(s.scalars(select(SealedSecret.name).where(SealedSecret.name.in_(names[i : i + _IN_CHUNK]))))
        if taken:
            s.execute(update(SealedSecret), [r for r in rows if r["name"] in taken])
        new = [r for r in rows if r["name"] not in taken]
        if new:
            s.execute(insert(SealedSecret), new)
        # Bulk statements bypass the identity map: an ORM copy read earlier in this session must not hide them.
        for r in rows:
            cached = s.identity_map.get(s.identity_key(SealedSecret, r["name"]))
            if cached is not None:
                s.expire(cached)

    def open(self, s: Session, name: str) -> str | None:
        """The secret, or None if nothing is sealed under this name."""
        return self.open_many(s, [name]).get(name)

    def open_many(self, s: Session, names: Iterable[str]) -> dict[str, str]:
        names = list(names)
        if not names:
            return {}
        st = state_row(s)
        rows = list(
            s.execute(
                select(SealedSecret.name, SealedSecret.generation, SealedSecret.sealed).where(
                    SealedSecret.name.in_(names)
                )
            )
        )
        out = {}
        for name, generation, blob in rows:
            if generation != st.generation:  # a re-key committed between our two reads: read again
                s.expire_all()
                return self.open_many(s, names) if state_row(s).generation != st.generation else {}
            key = self._key(s, st, generation)
            try:
                out[name] = crypto.open_secret(key, blob, crypto.secret_aad(st.vault_id, name)).decode()
            except crypto.SealError:
                raise VaultError(
                    msg("The sealed secret {name} does not open: it was altered or moved in the database.", name=name)
                ) from None
        return out

    def exists(self, s: Session, name: str) -> bool:
        return s.scalar(select(SealedSecret.name).where(SealedSecret.name == name)) is not None

    @staticmethod
    def forget(s: Session, names: Iterable[str]) -> int:
        """Delete sealed secrets (no key needed: anyone who may change the record may drop its secret)."""
        names = list(names)
        if not names:
            return 0
        result = s.execute(delete(SealedSecret).where(SealedSecret.name.in_(names)))
        return cast("CursorResult[Any]", result).rowcount or 0  # a DELETE's result is a cursor result

    # -- the first vault key ---------------------------------------------------------------------------------------
    def initialize(self, s: Session, user_id: int, now: Any) -> bool:
        """Create the vault key, sealed to this OS account's operator key (made here, or reused after a crash).
        False if a vault key exists already. Inside the caller's transaction."""
        st = self.lock_state(s, exclusive=True)
        if st.generation != 0:
            return False
        priv = self.own_private_key(st.vault_id)  # a crash before commit: the next attempt reuses it
        pub = crypto.public_bytes(priv)
        row = key_row_for(s, pub)
        if row is None:
            row = OperatorKey(
                user_id=user_id,
                public_key=pub,
                fingerprint=crypto.fingerprint(pub),
                state=KeyState.GRANTED.value,
                created_at=now,
                granted_by="(created the vault)",
                granted_at=now,
            )
            s.add(row)
            s.flush()
        key = crypto.new_key()
        s.add(
            VaultKeyCopy(
                operator_key_id=row.id,
                generation=1,
                sealed=crypto.seal_to(pub, key, crypto.copy_aad(st.vault_id, 1, pub)),
            )
        )
        st.generation = 1
        s.flush()
        return True

    def remember(self, vault_id: str, generation: int, key: bytes) -> None:
        """After a re-key this process made: no need to unseal its own copy again."""
        with self._lock:
            self._keys = {k: v for k, v in self._keys.items() if k[0] != vault_id}
            self._keys[(vault_id, generation)] = key
