"""Users of a tenant (owner / admin / developer) and further operators."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from billing_desktop.domain.roles import TENANT_ROLES, Perm, Role
from billing_desktop.domain.validation import check_email, check_password, check_person_name, normalize_email, raise_if
from billing_desktop.errors import NotFound, ValidationError, msg
from billing_desktop.services import audit
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.store.locking import lock_platform
from billing_desktop.store.models import Tenant, User


@dataclass(frozen=True, kw_only=True)
class UserRow:
    id: int
    email: str
    first_name: str
    last_name: str
    role: str
    active: bool
    last_sign_in: datetime | None
    locked_until: datetime | None


class UserService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    def add(
        self,
        session: UserSession,
        tenant_id: int | None,
        email: str,
        password: str,
        role: str,
        first_name: str = "",
        last_name: str = "",
    ) -> UserRow:
        """tenant_id None with role operator adds a platform operator (operators only)."""
        email = normalize_email(email)
        allowed = {Role.OPERATOR.value} if tenant_id is None else {r.value for r in TENANT_ROLES}
        raise_if(
            {
                "email": check_email(email),
                "password": check_password(password, email),
                "role": None if role in allowed else msg("Choose one of: {value}.", value=", ".join(sorted(allowed))),
                "first_name": check_person_name(first_name),
                "last_name": check_person_name(last_name),
            }
        )
        pw_hash = self.ctx.hasher.hash(password)
        with self.ctx.db() as s, s.begin():
            lock_platform(s)  # emails are unique across the platform: two adds of one email take turns
            if tenant_id is None:
                authorize(s, self.ctx, session, Perm.PLATFORM_MANAGE, None)
            else:
                if s.get(Tenant, tenant_id) is None and session.is_operator:
                    raise NotFound(msg("No tenant {tenant_id}.", tenant_id=tenant_id))
                authorize(s, self.ctx, session, Perm.USERS_MANAGE, tenant_id)
            if s.scalar(select(User.id).where(User.email == email)):
                raise ValidationError({"email": msg("A user with this email already exists.")})
            now = self.ctx.clock()
            u = User(
                tenant_id=tenant_id,
                email=email,
                password_hash=pw_hash,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                role=role,
                active=True,
                failed_attempts=0,
                created_at=now,
            )
            s.add(u)
            s.flush()
            audit.record(s, now, session.email, "user.add", tenant_id, detail=f"{email} as {role}")
            return _row(u)

    def list(self, session: UserSession, tenant_id: int | None) -> list[UserRow]:
        with self.ctx.db() as s:
            if tenant_id is None:
                authorize(s, self.ctx, session, Perm.PLATFORM_MANAGE, None)
                q = select(User).where(User.tenant_id.is_(None))
            else:
                authorize(s, self.ctx, session, Perm.USERS_VIEW, tenant_id)
                q = select(User).where(User.tenant_id == tenant_id)
            return [_row(u) for u in s.scalars(q.order_by(User.email))]


def _row(u: User) -> UserRow:
    return UserRow(
        id=u.id,
        email=u.email,
        first_name=u.first_name,
        last_name=u.last_name,
        role=u.role,
        active=u.active,
        last_sign_in=u.last_sign_in,
        locked_until=u.locked_until,
    )
