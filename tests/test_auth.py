import pytest

from billing_desktop.errors import (
    AccountLocked,
    AppError,
    AuthenticationFailed,
    PermissionDenied,
    ReauthRequired,
    SessionLocked,
    ValidationError,
)
from billing_desktop.services.audit import AuditFilter
from billing_desktop.services.permissions import require_recent_password
from tests.conftest import OPERATOR_EMAIL, OPERATOR_PASSWORD, OWNER_PASSWORD

pytestmark = pytest.mark.both_backends  # store and service behaviour must hold on SQLite and PostgreSQL


def test_first_run_creates_exactly_one_operator(services):
    assert services.auth.needs_first_run()
    with pytest.raises(ValidationError) as e:
        services.auth.create_operator("bad", "short")
    assert set(e.value.fields) == {"email", "password"}
    services.auth.create_operator(OPERATOR_EMAIL, OPERATOR_PASSWORD)
    assert not services.auth.needs_first_run()
    with pytest.raises(AppError, match="already exists"):
        services.auth.create_operator("other@platform.example", OPERATOR_PASSWORD)


def test_sign_in_is_case_insensitive_and_records_it(services, operator):
    s = services.auth.sign_in("  OP@Platform.Example ", OPERATOR_PASSWORD)
    assert s.email == OPERATOR_EMAIL and s.is_operator
    actions = [r.action for r in services.audit.list(s)]
    assert actions.count("auth.sign_in") == 2


def test_wrong_email_and_wrong_password_say_the_same(services, operator):
    with pytest.raises(AuthenticationFailed) as a:
        services.auth.sign_in("nobody@platform.example", OPERATOR_PASSWORD)
    with pytest.raises(AuthenticationFailed) as b:
        services.auth.sign_in(OPERATOR_EMAIL, "wrong-password-here")
    assert str(a.value) == str(b.value) == "Wrong email or password."


def test_five_failures_lock_for_fifteen_minutes(services, operator, clock):
    for _ in range(4):
        with pytest.raises(AuthenticationFailed) as e:
            services.auth.sign_in(OPERATOR_EMAIL, "wrong-password-here")
        assert not isinstance(e.value, AccountLocked)
    with pytest.raises(AccountLocked, match="15 minutes"):
        services.auth.sign_in(OPERATOR_EMAIL, "wrong-password-here")
    # Even the right password is refused while locked.
    with pytest.raises(AccountLocked):
        services.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)
    clock.advance(minutes=14)
    with pytest.raises(AccountLocked):
        services.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)
    clock.advance(minutes=1, seconds=1)
    s = services.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)
    outcomes = [r.outcome for r in services.audit.list(s, AuditFilter(action="auth.sign_in"))]
    assert outcomes.count("failed") == 4 and outcomes.count("locked") >= 2


def test_success_resets_the_failure_counter(services, operator):
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            services.auth.sign_in(OPERATOR_EMAIL, "wrong-password-here")
    services.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed) as e:
            services.auth.sign_in(OPERATOR_EMAIL, "wrong-password-here")
        assert not isinstance(e.value, AccountLocked)


def test_idle_lock_blocks_every_call_until_unlocked(services, operator, clock):
    assert not services.auth.is_idle(operator)
    clock.advance(minutes=15)
    assert services.auth.is_idle(operator)
    services.auth.lock(operator)
    with pytest.raises(SessionLocked):
        services.tenants.list(operator)
    with pytest.raises(AuthenticationFailed, match=r"^Wrong password\.$"):  # the email is not in question here
        services.auth.unlock(operator, "wrong-password-here")
    assert operator.locked
    services.auth.unlock(operator, OPERATOR_PASSWORD)
    assert not operator.locked and not services.auth.is_idle(operator)
    services.tenants.list(operator)


def test_activity_keeps_the_session_alive(services, operator, clock):
    for _ in range(5):
        clock.advance(minutes=10)
        services.auth.touch(operator)
    assert not services.auth.is_idle(operator)


def test_destructive_acts_need_a_recent_password(services, operator, clock):
    require_recent_password(services.ctx, operator)
    clock.advance(minutes=5, seconds=1)
    with pytest.raises(ReauthRequired):
        require_recent_password(services.ctx, operator)
    with pytest.raises(AuthenticationFailed, match=r"^Wrong password\.$"):
        services.auth.confirm_password(operator, "wrong-password-here")
    services.auth.confirm_password(operator, OPERATOR_PASSWORD)
    require_recent_password(services.ctx, operator)


def test_profile_and_password_change(services, operator):
    p = services.auth.update_profile(operator, "Olga", "Op")
    assert (p.first_name, p.last_name) == ("Olga", "Op")
    assert services.auth.profile(operator).first_name == "Olga"
    with pytest.raises(ValidationError) as e:
        services.auth.change_password(operator, OPERATOR_PASSWORD, "short")
    assert "new_password" in e.value.fields
    with pytest.raises(ValidationError) as e:
        services.auth.change_password(operator, OPERATOR_PASSWORD, OPERATOR_EMAIL)
    assert "email" in e.value.fields["new_password"]
    with pytest.raises(ValidationError) as e:
        services.auth.change_password(operator, "not-the-password", "a-brand-new-password")
    assert e.value.fields == {"old_password": "The current password is wrong."}
    services.auth.change_password(operator, OPERATOR_PASSWORD, "a-brand-new-password")
    with pytest.raises(AuthenticationFailed):
        services.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)
    services.auth.sign_in(OPERATOR_EMAIL, "a-brand-new-password")


def test_deactivated_user_and_tenant_cannot_sign_in_or_act(services, operator, acme):
    owner = services.auth.sign_in("owner@acme.example", OWNER_PASSWORD)
    services.auth.confirm_password(operator, "operator-password-1")
    services.tenants.set_active(operator, acme.id, active=False)
    with pytest.raises(PermissionDenied, match="deactivated"):
        services.tenants.get(owner, acme.id)
    with pytest.raises(AuthenticationFailed):
        services.auth.sign_in("owner@acme.example", OWNER_PASSWORD)


def test_idle_timeout_is_configurable_by_operators_and_kept(services, operator, acme_users, clock):
    with pytest.raises(ValidationError):
        services.settings.set_idle_lock_minutes(operator, 0)
    with pytest.raises(PermissionDenied):
        services.settings.set_idle_lock_minutes(acme_users["owner"], 5)
    services.settings.set_idle_lock_minutes(operator, 5)
    clock.advance(minutes=5)
    assert services.auth.is_idle(operator)
    from billing_desktop.services.context import Policy

    services.ctx.policy = Policy()  # as at the next start-up ...
    services.settings.load_policy()  # ... which reads the stored value
    assert services.settings.idle_lock_minutes() == 5
