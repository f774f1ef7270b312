"""A signed-in user's session: who, which role and tenant, idle and re-authentication times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from billing_desktop.domain.roles import Role


@dataclass(kw_only=True)
class UserSession:
    """A signed-in user, as every service call receives it."""

    user_id: int
    email: str
    role: Role
    tenant_id: int | None
    tenant_name: str | None
    tenant_mode: str | None
    signed_in_at: datetime
    last_activity: datetime
    reauth_at: datetime
    locked: bool = False

    @property
    def is_operator(self) -> bool:
        return self.role == Role.OPERATOR

    @property
    def display_name(self) -> str:
        return self.email
