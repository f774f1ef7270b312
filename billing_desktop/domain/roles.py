"""Roles and the permission matrix, as in the reference backend, plus the platform operator."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"  # platform staff: every tenant
    OWNER = "owner"
    ADMIN = "admin"
    DEVELOPER = "developer"


TENANT_ROLES = (Role.OWNER, Role.ADMIN, Role.DEVELOPER)


class Perm(StrEnum):
    TENANT_REGISTER = "tenant.register"
    TENANT_VIEW = "tenant.view"
    TENANT_EDIT = "tenant.edit"
    TENANT_TERMS = "tenant.terms"  # tier and platform fee: what the platform agreed with the tenant, not the tenant's
    TENANT_DEACTIVATE = "tenant.deactivate"
    USERS_VIEW = "users.view"
    USERS_MANAGE = "users.manage"
    KEYS_VIEW = "keys.view"
    KEYS_REVEAL = "keys.reveal"
    KEYS_MANAGE = "keys.manage"
    WEBHOOKS_VIEW = "webhooks.view"
    WEBHOOKS_MANAGE = "webhooks.manage"
    STRIPE_VIEW = "stripe.view"
    STRIPE_MANAGE = "stripe.manage"
    AUDIT_VIEW = "audit.view"
    PLATFORM_MANAGE = "platform.manage"
    TEAM_MANAGE = "team.manage"  # operators' access to the shared vault: join, grant, revoke, status


_READ = {Perm.TENANT_VIEW, Perm.USERS_VIEW, Perm.KEYS_VIEW, Perm.WEBHOOKS_VIEW, Perm.STRIPE_VIEW}

MATRIX: dict[Role, frozenset[Perm]] = {
    Role.OPERATOR: frozenset(Perm),
    Role.OWNER: frozenset(Perm) - {Perm.TENANT_REGISTER, Perm.TENANT_TERMS, Perm.PLATFORM_MANAGE, Perm.TEAM_MANAGE},
    Role.ADMIN: frozenset(_READ | {Perm.WEBHOOKS_MANAGE, Perm.KEYS_REVEAL}),
    Role.DEVELOPER: frozenset(_READ),
}


def allows(role: Role, perm: Perm) -> bool:
    return perm in MATRIX[Role(role)]
