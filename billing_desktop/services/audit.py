"""Append to and read the audit log. Callers pass descriptions, never secret values."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session as DbSession

from billing_desktop.domain.roles import Perm
from billing_desktop.domain.states import AuditOutcome
from billing_desktop.services import changes
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.store.models import AuditEntry, Tenant


def record(
    s: DbSession,
    at: datetime,
    actor: str,
    action: str,
    tenant_id: int | None = None,
    outcome: str = AuditOutcome.OK,
    reason: str = "",
    detail: str = "",
) -> None:
    s.add(
        AuditEntry(
            at=at, actor=actor, action=action, tenant_id=tenant_id, outcome=outcome, reason=reason, detail=detail
        )
    )
    if outcome == AuditOutcome.OK:  # other operators' windows refresh when this commits (services/changes.py)
        changes.notify(s, tenant_id, action, actor)


@dataclass(frozen=True, kw_only=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    tenant_id: int | None
    tenant_slug: str | None
    outcome: str
    reason: str
    detail: str


@dataclass(frozen=True, kw_only=True)
class AuditFilter:
    tenant_id: int | None = None
    actor: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class AuditService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    def query(self, f: AuditFilter) -> Select[AuditEntry, str]:
        q = select(AuditEntry, Tenant.slug).outerjoin(Tenant, Tenant.id == AuditEntry.tenant_id)
        if f.tenant_id is not None:
            q = q.where(AuditEntry.tenant_id == f.tenant_id)
        if f.actor:
            q = q.where(AuditEntry.actor == f.actor.strip().lower())
        if f.action:
            q = q.where(AuditEntry.action == f.action)
        if f.since:
            q = q.where(AuditEntry.at >= f.since)
        if f.until:
            q = q.where(AuditEntry.at < f.until)
        return q.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())

    def list(
        self, session: UserSession, f: AuditFilter = AuditFilter(), limit: int = 500, offset: int = 0
    ) -> builtins.list[AuditRow]:
        with self.ctx.db() as s:
            if not session.is_operator:
                # A tenant's user sees only its own tenant's entries; asking for another's is refused.
                wanted = session.tenant_id if f.tenant_id is None else f.tenant_id
                authorize(s, self.ctx, session, Perm.AUDIT_VIEW, wanted)
                f = AuditFilter(
                    tenant_id=session.tenant_id, actor=f.actor, action=f.action, since=f.since, until=f.until
                )
            else:
                authorize(s, self.ctx, session, Perm.AUDIT_VIEW, f.tenant_id)
            rows = s.execute(self.query(f).limit(limit).offset(offset)).all()
            return [
                AuditRow(
                    id=e.id,
                    at=e.at,
                    actor=e.actor,
                    action=e.action,
                    tenant_id=e.tenant_id,
                    tenant_slug=slug,
                    outcome=e.outcome,
                    reason=e.reason,
                    detail=e.detail,
                )
                for e, slug in rows
            ]

    def actions(self, session: UserSession) -> builtins.list[str]:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.AUDIT_VIEW, None if session.is_operator else session.tenant_id)
            q = select(AuditEntry.action).distinct().order_by(AuditEntry.action)
            if not session.is_operator:
                q = q.where(AuditEntry.tenant_id == session.tenant_id)
            return list(s.scalars(q))
