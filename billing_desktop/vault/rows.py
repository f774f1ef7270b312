"""The vault's queries, one place: its state row, an operator's key row, a sealed copy of the vault key."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from billing_desktop.errors import VaultError, msg
from billing_desktop.store.models import OperatorKey, VaultKeyCopy, VaultState
from billing_desktop.vault import crypto


def state_row(s: Session, lock: str | None = None) -> VaultState:
    q = select(VaultState).where(VaultState.id == 1)
    if lock == "update":
        q = q.with_for_update()
    elif lock == "share":
        q = q.with_for_update(read=True)
    st = s.scalar(q.execution_options(populate_existing=True))
    if st is None:
        raise VaultError(msg("The database has no vault state row: it was not created by this version's migrations."))
    return st


def key_row_for(s: Session, public_key: bytes) -> OperatorKey | None:
    # The fingerprint is unique and indexed; the public key itself confirms the match.
    row = s.scalar(select(OperatorKey).where(OperatorKey.fingerprint == crypto.fingerprint(public_key)))
    return row if row is not None and bytes(row.public_key) == public_key else None


def copy_for(s: Session, operator_key_id: int, generation: int) -> VaultKeyCopy | None:
    return s.get(VaultKeyCopy, (operator_key_id, generation))
