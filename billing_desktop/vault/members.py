"""Who holds a sealed copy of the vault key: publish an operator key (join), grant after a fingerprint check,
revoke with a re-key. Each runs inside the caller's one transaction, so a crash leaves it done or not done."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from billing_desktop.domain.states import Access, KeyState
from billing_desktop.errors import AppError, NotFound, ValidationError, msg
from billing_desktop.store.models import OperatorKey, SealedSecret, VaultKeyCopy
from billing_desktop.vault import crypto, recovery
from billing_desktop.vault.rows import key_row_for, state_row
from billing_desktop.vault.vault import Vault, VaultLocked, locked_message

REKEY_BATCH = 1000


class Cancelled(AppError):  # noqa: N818 (reads as what happened, like the other errors)
    pass


def publish_key(vault: Vault, s: Session, user_id: int, now: datetime) -> OperatorKey:
    """This OS account's operator key for `user_id`: made (private key to the keyring), or the one already there."""
    st = state_row(s)
    if st.generation == 0:
        raise VaultLocked(Access.NO_VAULT, locked_message(Access.NO_VAULT))
    priv = vault.own_private_key(st.vault_id)  # reused after a crash between keyring and commit
    row = key_row_for(s, crypto.public_bytes(priv))
    if row is not None and row.state != KeyState.REVOKED:
        if row.user_id != user_id:
            raise AppError(
                msg(
                    "This OS account's keyring already holds another operator's key for this database: each operator "
                    "joins from their own OS account."
                )
            )
        return row
    if row is not None:  # revoked: that key pair is burnt, make a new one
        priv = vault.replace_private_key(st.vault_id)
    pub = crypto.public_bytes(priv)
    row = OperatorKey(
        user_id=user_id,
        public_key=pub,
        fingerprint=crypto.fingerprint(pub),
        state=KeyState.PENDING.value,
        created_at=now,
    )
    s.add(row)
    s.flush()
    return row


def grant(vault: Vault, s: Session, user_id: int, fingerprint: str, granted_by: str, now: datetime) -> OperatorKey:
    """Seal the current vault key to the user's pending key whose fingerprint is the one compared out of band."""
    st = vault.lock_state(s, exclusive=False)
    key = vault.vault_key(s, st)  # the granter must hold access
    wanted = crypto.normalize_fingerprint(fingerprint)
    pending = list(
        s.scalars(select(OperatorKey).where(OperatorKey.user_id == user_id, OperatorKey.state == KeyState.PENDING))
    )
    if not pending:
        raise NotFound(msg("This operator has no key waiting for access: they run `billing-desktop team join` first."))
    match = next((k for k in pending if k.fingerprint == wanted), None)
    if match is None:
        raise ValidationError(
            {
                "fingerprint": msg(
                    "Refused: this is not the fingerprint of the key waiting for this operator. Compare "
                    "it again with them over a channel you trust (in person, by phone); a different key may have been "
                    "put in the database by someone else."
                )
            }
        )
    pub = bytes(match.public_key)
    s.add(
        VaultKeyCopy(
            operator_key_id=match.id,
            generation=st.generation,
            sealed=crypto.seal_to(pub, key, crypto.copy_aad(st.vault_id, st.generation, pub)),
        )
    )
    match.state, match.granted_by, match.granted_at = KeyState.GRANTED.value, granted_by, now
    s.flush()
    return match


def rekey(
    vault: Vault,
    s: Session,
    revoke_user_id: int,
    revoked_by: str,
    now: datetime,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    key_id: int | None = None,
) -> int:
    """Revoke every key of one operator (or only the key `key_id`, one machine): a new vault key sealed to the
    remaining keys, every secret re-encrypted under it, the old copies deleted. Returns secrets re-encrypted."""
    st = vault.lock_state(s, exclusive=True)
    old_key = vault.vault_key(s, st)
    keys = list(s.scalars(select(OperatorKey).where(OperatorKey.state != KeyState.REVOKED)))
    if key_id is None:
        leaving = [k for k in keys if k.user_id == revoke_user_id]
    else:
        leaving = [k for k in keys if k.id == key_id and k.user_id == revoke_user_id]
    gone = {k.id for k in leaving}
    staying = [k for k in keys if k.id not in gone and k.state == KeyState.GRANTED]
    if not leaving:
        raise NotFound(msg("This operator holds no vault key (nothing to revoke)."))
    if not staying:
        raise AppError(msg("Refused: no other operator would be left with access, and every secret would be lost."))
    new_key, g = crypto.new_key(), st.generation + 1
    for k in staying:
        pub = bytes(k.public_key)
        s.add(
            VaultKeyCopy(
                operator_key_id=k.id,
                generation=g,
                sealed=crypto.seal_to(pub, new_key, crypto.copy_aad(st.vault_id, g, pub)),
            )
        )
    recovery.reseal(s, st.vault_id, g, new_key)  # the recovery key keeps opening the vault after a revoke
    total = s.scalar(select(func.count()).select_from(SealedSecret)) or 0
    done, after = 0, ""
    while True:  # keyset pagination over the primary key: every batch costs the same
        rows = s.execute(
            select(SealedSecret.name, SealedSecret.sealed)
            .where(SealedSecret.name > after)
            .order_by(SealedSecret.name)
            .limit(REKEY_BATCH)
        ).all()
        if not rows:
            break
        if cancelled():
            raise Cancelled(msg("Revoking was cancelled: nothing changed."))
        changes = []
        for name, blob in rows:
            aad = crypto.secret_aad(st.vault_id, name)
            value = crypto.open_secret(old_key, blob, aad)
            changes.append({"name": name, "generation": g, "sealed": crypto.seal_secret(new_key, value, aad)})
        s.execute(update(SealedSecret), changes)
        done += len(rows)
        after = rows[-1][0]
        if progress:
            progress(done, total)
    s.execute(delete(VaultKeyCopy).where(VaultKeyCopy.generation != g))
    for k in leaving:
        k.state, k.revoked_by, k.revoked_at = KeyState.REVOKED.value, revoked_by, now
    st.generation, st.rekeyed_at = g, now
    s.flush()
    s.info["vault_rekeyed"] = (st.vault_id, g, new_key)  # the caller remembers it after the commit
    return done


def grant_restored(vault: Vault, s: Session, user_id: int, vault_key: bytes, now: datetime) -> OperatorKey:
    """After a restore opened with the recovery key (or this account's key): this OS account's operator key for
    `user_id`, granted, with the current vault key sealed to it. Reuses a key a crashed attempt left in the
    keyring; a revoked key pair is replaced."""
    st = vault.lock_state(s, exclusive=False)
    priv = vault.own_private_key(st.vault_id)
    row = key_row_for(s, crypto.public_bytes(priv))
    if row is not None and (row.state == KeyState.REVOKED or row.user_id != user_id):
        priv, row = vault.replace_private_key(st.vault_id), None
    pub = crypto.public_bytes(priv)
    if row is None:
        row = OperatorKey(user_id=user_id, public_key=pub, fingerprint=crypto.fingerprint(pub), created_at=now)
        s.add(row)
    if row.state != KeyState.GRANTED:
        row.state, row.granted_by, row.granted_at = KeyState.GRANTED.value, "(restored from a backup)", now
    s.flush()
    if s.get(VaultKeyCopy, (row.id, st.generation)) is None:
        s.add(
            VaultKeyCopy(
                operator_key_id=row.id,
                generation=st.generation,
                sealed=crypto.seal_to(pub, vault_key, crypto.copy_aad(st.vault_id, st.generation, pub)),
            )
        )
    s.flush()
    vault.remember(st.vault_id, st.generation, vault_key)
    return row
