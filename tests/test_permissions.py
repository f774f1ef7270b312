"""The permission matrix, enforced inside the services for every call, and tenant isolation."""

import pytest

from billing_desktop.domain.roles import MATRIX, Perm, Role
from billing_desktop.errors import PermissionDenied, ValidationError
from billing_desktop.services.audit import AuditFilter
from billing_desktop.services.tenants import Registration
from tests.conftest import OWNER_PASSWORD

pytestmark = pytest.mark.both_backends  # store and service behaviour must hold on SQLite and PostgreSQL

# (name, permission it needs, call(services, session, own_tenant_id))
CALLS = [
    ("tenants.list", Perm.TENANT_VIEW, lambda s, u, t: s.tenants.list(u)),
    ("tenants.get", Perm.TENANT_VIEW, lambda s, u, t: s.tenants.get(u, t)),
    ("tenants.update", Perm.TENANT_EDIT, lambda s, u, t: s.tenants.update(u, t, {"domain": "shop.example"})),
    # The tier and fee the platform agreed with the tenant: its own owner may not lower the fee `fees` checks.
    ("tenants.terms", Perm.TENANT_TERMS, lambda s, u, t: s.tenants.update(u, t, {"platform_fee_percent": "0.01"})),
    ("tenants.tier", Perm.TENANT_TERMS, lambda s, u, t: s.tenants.update(u, t, {"tier": "enterprise"})),
    ("tenants.deactivate", Perm.TENANT_DEACTIVATE, lambda s, u, t: s.tenants.set_active(u, t, active=False)),
    ("users.list", Perm.USERS_VIEW, lambda s, u, t: s.users.list(u, t)),
    (
        "users.add",
        Perm.USERS_MANAGE,
        lambda s, u, t: s.users.add(u, t, f"new-{u.role}@acme.example", OWNER_PASSWORD, "developer"),
    ),
    ("audit.list", Perm.AUDIT_VIEW, lambda s, u, t: s.audit.list(u, AuditFilter(tenant_id=t))),
    (
        "tenants.register",
        Perm.TENANT_REGISTER,
        lambda s, u, t: s.tenants.register(u, Registration("New Co", f"new-{u.role}@new.example", OWNER_PASSWORD)),
    ),
    (
        "operators.add",
        Perm.PLATFORM_MANAGE,
        lambda s, u, t: s.users.add(u, None, f"op-{u.role}@platform.example", OWNER_PASSWORD, "operator"),
    ),
    ("team.status", Perm.TEAM_MANAGE, lambda s, u, t: s.team.status(u)),
    ("team.join", Perm.TEAM_MANAGE, lambda s, u, t: s.team.join(u)),
    ("recovery.status", Perm.TEAM_MANAGE, lambda s, u, t: s.recovery.status(u)),
    ("recovery.create", Perm.TEAM_MANAGE, lambda s, u, t: s.recovery.create(u)),
    ("backup_schedule.get", Perm.PLATFORM_MANAGE, lambda s, u, t: s.backup_schedule.get(u)),
    ("backups.create", Perm.PLATFORM_MANAGE, lambda s, u, t: _back_up(s, u)),
]


def _back_up(services, session):
    """A backup into the data dir's backups folder; an operator makes the recovery key a backup needs first."""
    if session.role == Role.OPERATOR:
        services.recovery.create(session)
    return services.backups.create(session)


@pytest.mark.parametrize("role", ["owner", "admin", "developer", "operator"])
@pytest.mark.parametrize("name,perm,call", CALLS, ids=[c[0] for c in CALLS])
def test_each_call_follows_the_matrix(services, acme_users, acme, role, name, perm, call):
    session = acme_users[role]
    if perm in MATRIX[Role(role)]:
        call(services, session, acme.id)
    else:
        with pytest.raises(PermissionDenied):
            call(services, session, acme.id)


CROSS = [c for c in CALLS if c[0] != "tenants.list"]  # the list takes no tenant: see the next test


@pytest.mark.parametrize("role", ["owner", "admin", "developer"])
@pytest.mark.parametrize("name,perm,call", CROSS, ids=[c[0] for c in CROSS])
def test_a_tenant_user_never_reaches_another_tenant(services, acme_users, globex, role, name, perm, call):
    with pytest.raises(PermissionDenied):
        call(services, acme_users[role], globex.id)


def test_a_form_saved_with_unchanged_terms_is_the_owners_to_save(services, acme_users, acme):
    """The Overview form sends every field: an owner who edits the domain sends the tier and fee unchanged."""
    owner = acme_users["owner"]
    now = services.tenants.get(owner, acme.id)
    changes = {"domain": "shop.example", "tier": now.tier, "platform_fee_percent": str(now.platform_fee_percent)}
    assert services.tenants.update(owner, acme.id, changes).domain == "shop.example"
    with pytest.raises(PermissionDenied):
        services.tenants.update(owner, acme.id, {**changes, "platform_fee_percent": "0.01"})
    assert services.tenants.get(owner, acme.id).platform_fee_percent == now.platform_fee_percent


@pytest.mark.parametrize("role", ["owner", "admin", "developer"])
def test_a_platform_wide_call_says_it_is_for_operators(services, acme_users, role):
    """No tenant named: "your own tenant" would not explain the refusal."""
    with pytest.raises(PermissionDenied, match="Only the platform's operators"):
        services.team.status(acme_users[role])


@pytest.mark.parametrize("role", ["owner", "admin", "developer"])
def test_tenant_lists_and_audit_show_only_the_own_tenant(services, acme_users, acme, globex, role):
    session = acme_users[role]
    assert [t.id for t in services.tenants.list(session)] == [acme.id]
    if role == "owner":
        rows = services.audit.list(session, AuditFilter())  # asks for everything, gets its own tenant only
        assert rows and all(r.tenant_id == acme.id for r in rows)


def test_owner_cannot_reactivate_its_tenant(services, acme_users, acme):
    owner = acme_users["owner"]
    services.tenants.set_active(owner, acme.id, active=False)
    operator = acme_users["operator"]
    services.tenants.set_active(operator, acme.id, active=True)
    with pytest.raises(ValidationError):
        services.tenants.set_active(owner, acme.id, active=True)


def test_tenant_roles_cannot_add_operators_or_unknown_roles(services, acme_users, acme):
    with pytest.raises(ValidationError) as e:
        services.users.add(acme_users["owner"], acme.id, "x@acme.example", OWNER_PASSWORD, "operator")
    assert "role" in e.value.fields


def test_a_role_change_applies_at_once(services, acme_users, acme):
    from billing_desktop.store.models import User

    admin = acme_users["admin"]
    services.tenants.get(admin, acme.id)
    with services.ctx.db() as s, s.begin():
        s.get(User, admin.user_id).active = False
    with pytest.raises(PermissionDenied, match="no longer active"):
        services.tenants.get(admin, acme.id)
