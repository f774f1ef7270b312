"""Move the items of earlier versions out of the OS keyring into the sealed store, crash-safe.

Migration 0008 listed every item in keyring_moves. For each batch: (1) read the items from the keyring, (2) seal
them in one transaction (never replacing a sealed value: once sealed, the database is the truth), (3) delete them
from the keyring, (4) drop their moves in one transaction. A crash after (2) finds the items sealed and deletes them
again; after (3) finds them gone from the keyring but sealed, and drops the moves. An item that is neither in the
keyring nor sealed was never there or was lost before the upgrade (an optional Stripe token, a secret deleted by
hand): its move is dropped and its name reported, so the keyring is not asked again at every start."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select

from billing_desktop.store.models import KeyringMove, SealedSecret
from billing_desktop.vault.vault import Vault

log = logging.getLogger(__name__)
BATCH = 200


@dataclass
class MoveReport:
    moved: int = 0
    orphans_deleted: int = 0
    missing: list[str] = field(default_factory=list)


def pending_moves(db: Callable[[], Any]) -> int:
    from sqlalchemy import func

    with db() as s:
        return s.scalar(select(func.count()).select_from(KeyringMove)) or 0


def move_keyring_items(vault: Vault, db: Callable[[], Any], clock: Callable[[], Any], batch: int = BATCH) -> MoveReport:
    """Raises VaultLocked when this OS account cannot open the vault: the moves then wait for a later start."""
    report = MoveReport()
    with db() as s:
        moves = [
            (m.keyring_name, m.sealed_name) for m in s.scalars(select(KeyringMove).order_by(KeyringMove.keyring_name))
        ]
        if moves:
            vault.vault_key(s)  # fail before touching anything if we cannot seal
    for start in range(0, len(moves), batch):
        chunk = moves[start : start + batch]
        values = {name: vault.keyring.get(name) for name, _ in chunk}  # (1)
        with db() as s, s.begin():  # (2)
            sealed = set(s.scalars(select(SealedSecret.name).where(SealedSecret.name.in_([t for _, t in chunk if t]))))
            for name, target in chunk:
                value = values[name]
                if target and value and target not in sealed:
                    vault.seal(s, target, value, clock(), replace=False)
                    sealed.add(target)
        done = []
        for name, target in chunk:  # (3)
            if values[name] is not None:
                vault.keyring.delete(name)
            if target is None:
                report.orphans_deleted += values[name] is not None
                done.append(name)
            else:
                report.moved += values[name] is not None and target in sealed
                if target not in sealed:
                    report.missing.append(target)
                done.append(name)
        with db() as s, s.begin():  # (4)
            s.execute(delete(KeyringMove).where(KeyringMove.keyring_name.in_(done)))
    if moves:
        log.info(
            "keyring items moved into the vault: %d moved, %d orphans deleted, %d not in this keyring",
            report.moved,
            report.orphans_deleted,
            len(report.missing),
        )
    return report
