"""Intents for keyring writes: committed before the write, claimed by the commit that uses the secret.

An intent left behind names a keyring entry that no row points at (the keyring cannot be listed). `reap_stale`
removes such entries, but only once the intent is older than `GRACE`: a younger one may belong to another process
that is between its keyring write and its commit. The claim checks that the intent is still there, so a commit
never makes current a secret that a reaper has just deleted.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import delete, select

from billing_desktop.errors import AppError
from billing_desktop.services.context import AppContext
from billing_desktop.store.locking import lock_platform
from billing_desktop.store.models import VaultIntent

log = logging.getLogger(__name__)
# Far longer than any keyring write plus commit; short enough that a crash is cleaned up at a later start.
GRACE = timedelta(minutes=10)


def record(ctx: AppContext, names: dict[str, str]) -> None:
    """Commit one intent per `{vault_ref: keyring name}` before writing those keyring entries."""
    if not names:
        return
    with ctx.db() as s, s.begin():
        now = ctx.clock()
        s.add_all([VaultIntent(vault_ref=r, name=n, created_at=now) for r, n in names.items()])


def claim(s, refs: list[str]) -> None:
    """Inside the transaction that makes these secrets current (after its tenant lock): drop their intents."""
    if not refs:
        return
    gone = s.execute(delete(VaultIntent).where(VaultIntent.vault_ref.in_(refs))).rowcount
    if gone != len(refs):
        raise AppError("A start-up repair removed this change's new secret while it was being saved. Try again.")


def drop(ctx: AppContext, refs: list[str]) -> None:
    """After the keyring entries of a failed change were deleted."""
    if refs:
        with ctx.db() as s, s.begin():
            s.execute(delete(VaultIntent).where(VaultIntent.vault_ref.in_(refs)))


def reap_stale(ctx: AppContext, grace: timedelta = GRACE) -> int:
    """Delete the keyring entries of intents older than `grace`; returns how many entries were removed."""
    cutoff = ctx.clock() - grace
    with ctx.db() as s:
        stale = list(s.scalars(select(VaultIntent.vault_ref).where(VaultIntent.created_at <= cutoff)))
    removed = 0
    for ref in stale:
        # Under the write lock, so no claim can commit between the check and the keyring delete. If the delete
        # fails the intent stays for the next start.
        with ctx.db() as s, s.begin():
            lock_platform(s)
            intent = s.scalar(select(VaultIntent).where(VaultIntent.vault_ref == ref).with_for_update())
            if intent is None:
                continue
            if ctx.vault.delete(intent.name):
                removed += 1
            s.delete(intent)
    if removed:
        log.warning("vault repair: %d orphaned secrets removed", removed)
    return removed
