"""The one place where a session is checked against the permission matrix, inside every service call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from billing_desktop.domain.roles import Perm, Role, allows
from billing_desktop.errors import PermissionDenied, ReauthRequired, SessionLocked, msg

if TYPE_CHECKING:  # `keys inspect`'s direct SQLite path checks roles without SQLAlchemy or dataclasses (check_role)
    from sqlalchemy.orm import Session as DbSession

    from billing_desktop.services.context import AppContext
    from billing_desktop.services.session import UserSession
    from billing_desktop.store.models import User


def authorize(s: DbSession, ctx: AppContext, session: UserSession, perm: Perm, tenant_id: int | None) -> User:
    """Returns the acting user; raises unless they may do `perm` on `tenant_id` (None: platform-wide)."""
    from billing_desktop.store.models import User

    if session.locked:
        raise SessionLocked(msg("The session is locked. Unlock it with your password."))
    user = s.get(User, session.user_id)
    # Re-read the user: a role change or deactivation takes effect at once, not at the next sign-in.
    if user is None or not user.active:
        raise PermissionDenied(msg("Your account is no longer active."))
    role = Role(user.role)
    tenant_active = user.tenant is not None and user.tenant.active if role != Role.OPERATOR else True
    check_role(role, perm, tenant_id, user_tenant_id=user.tenant_id, tenant_active=tenant_active)
    session.last_activity = ctx.clock()
    return user


def check_role(
    role: Role, perm: Perm, tenant_id: int | None, *, user_tenant_id: int | None, tenant_active: bool
) -> None:
    """The matrix itself, on values already read: raises unless `role` may do `perm` on `tenant_id`."""
    if role != Role.OPERATOR:
        if tenant_id is None:  # platform-wide: no tenant named, so "your own tenant" would not explain it
            raise PermissionDenied(msg("Only the platform's operators may do this."))
        if tenant_id != user_tenant_id:
            raise PermissionDenied(msg("You can only work on your own tenant."))
        if not tenant_active:
            raise PermissionDenied(msg("Your tenant has been deactivated."))
    if not allows(role, perm):
        raise PermissionDenied(
            msg("Your role ({value}) may not do this ({value2}).", value=role.value, value2=perm.value)
        )


def require_recent_password(ctx: AppContext, session: UserSession) -> None:
    """Destructive acts and live secrets need the password given within the re-authentication window."""
    if ctx.clock() - session.reauth_at > ctx.policy.reauth_window:
        raise ReauthRequired(msg("Confirm your password to continue."))
