"""Optimistic concurrency: an edit names the version it was made from; saving over a newer one is refused with
who changed it and when (from the audit log). Called after the row lock, inside the writing transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from billing_desktop.domain.states import AuditOutcome
from billing_desktop.errors import Conflict
from billing_desktop.store.models import AuditEntry


def check_version(
    s: Session,
    *,
    what: str,
    current: int,
    expected: int | None,
    actions: tuple[str, ...],
    tenant_id: int | None = None,
    actor: str | None = None,
) -> None:
    """`expected=None` is a blind write (CLI without --if-version, scripts): the row lock still serializes it."""
    if expected is None or int(expected) == current:
        return
    q = select(AuditEntry.actor, AuditEntry.at).where(
        AuditEntry.action.in_(actions), AuditEntry.outcome == AuditOutcome.OK.value
    )
    if tenant_id is not None:
        q = q.where(AuditEntry.tenant_id == tenant_id)
    if actor is not None:
        q = q.where(AuditEntry.actor == actor)
    last = s.execute(q.order_by(AuditEntry.id.desc()).limit(1)).first()
    raise Conflict(what, last.actor if last else None, last.at if last else None, current)
