"""Which keys open a backup: its header carries the vault key sealed to the recovery key and to every operator
with access, as they stood when it was made. Opening takes the recovery key, or this OS account's operator key
from the keyring (a current operator restoring on a machine that has joined)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from billing_desktop.domain import recovery_key
from billing_desktop.domain.states import KeyState
from billing_desktop.errors import AppError, AuthenticationFailed, BackupDamaged, msg
from billing_desktop.store.models import OperatorKey, VaultKeyCopy
from billing_desktop.vault import crypto, recovery
from billing_desktop.vault.backup_file import Copy, Header, new_salt
from billing_desktop.vault.vault import Vault


class WrongRecoveryKey(AuthenticationFailed):
    """A well-formed recovery key that is not the one this backup was made for."""


def header_for(vault: Vault, s: Session, created_at: str, app_version: str) -> tuple[Header, bytes]:
    """The header of a backup of this database now, and the vault key (this OS account must have access)."""
    st = vault.lock_state(s, exclusive=False)
    key = vault.vault_key(s, st)
    rec = recovery.current(s)
    if rec is None or rec.generation != st.generation:
        raise AppError(
            msg(
                "There is no recovery key yet, so a backup could only be opened on a machine that already has access. "
                "Create the recovery key first (Vault → Recovery key…, or `billing-desktop recovery-key create`)."
            )
        )
    copies = [Copy("recovery", rec.fingerprint, bytes(rec.sealed))]
    rows = s.execute(
        select(OperatorKey.fingerprint, VaultKeyCopy.sealed)
        .join(VaultKeyCopy, VaultKeyCopy.operator_key_id == OperatorKey.id)
        .where(VaultKeyCopy.generation == st.generation, OperatorKey.state == KeyState.GRANTED.value)
        .order_by(OperatorKey.id)
    )
    copies += [Copy("operator", fp, bytes(sealed)) for fp, sealed in rows]
    header = Header(
        vault_id=st.vault_id,
        generation=st.generation,
        created_at=created_at,
        app_version=app_version,
        copies=tuple(copies),
        salt=new_salt(),
    )
    return header, key


def unlock(header: Header, vault: Vault | None, recovery_text: str | None) -> tuple[bytes, str]:
    """(vault key, how it was opened). A typo in the recovery key is a ValidationError (its checksum), a
    different key WrongRecoveryKey, a copy that matches but does not open BackupDamaged."""
    if recovery_text is not None:
        secret = recovery_key.decode(recovery_text)
        fp = recovery.fingerprint_of(secret)
        copy = next((c for c in header.copies if c.kind == "recovery" and c.fingerprint == fp), None)
        if copy is None:
            made_for = next((c.fingerprint for c in header.copies if c.kind == "recovery"), "none")
            raise WrongRecoveryKey(
                f"This recovery key (fingerprint {fp}) does not open this backup: it was made for the recovery key "
                f"with fingerprint {made_for}. Was the key rotated after this backup was made?"
            )
        try:
            return recovery.open_copy(secret, header.vault_id, header.generation, copy.sealed), "recovery key"
        except crypto.SealError:
            raise BackupDamaged(msg("The backup's header was altered: its sealed key does not open.")) from None
    priv = vault.private_key(header.vault_id) if vault is not None else None
    if priv is None:
        raise AppError(
            msg(
                "This OS account holds no operator key for the vault of this backup: give the recovery key "
                "(--recovery-key, or BILLING_DESKTOP_RECOVERY_KEY)."
            )
        )
    pub = crypto.public_bytes(priv)
    fp = crypto.fingerprint(pub)
    copy = next((c for c in header.copies if c.kind == "operator" and c.fingerprint == fp), None)
    if copy is None:
        raise AppError(
            msg(
                "This OS account's operator key had no access when this backup was made: give the recovery key "
                "(--recovery-key, or BILLING_DESKTOP_RECOVERY_KEY)."
            )
        )
    try:
        key = crypto.open_sealed(priv, copy.sealed, crypto.copy_aad(header.vault_id, header.generation, pub))
    except crypto.SealError:
        raise BackupDamaged(msg("The backup's header was altered: its sealed key does not open.")) from None
    return key, f"operator key {fp}"
