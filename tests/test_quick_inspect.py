"""`keys inspect`'s direct SQLite path (services/quick_inspect.py): the same answers and the same sign-in record as
the full path, and nothing decided or written where the full path owns the decision (lockout accounting)."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from billing_desktop.domain.keys import Kind, generate
from billing_desktop.services import quick_inspect
from billing_desktop.services.credentials import Argon2Check
from billing_desktop.store.models import AuditEntry, User
from tests.conftest import OPERATOR_EMAIL, OPERATOR_PASSWORD, OWNER_PASSWORD, fast_hasher


def quick(database_url, clock, text, email=OPERATOR_EMAIL, password=OPERATOR_PASSWORD):
    asked = []

    def read_password(who):
        asked.append(who)
        return password

    check = Argon2Check.like(fast_hasher())
    out = quick_inspect.inspect(database_url, email, read_password, text, check=check, clock=clock)
    assert asked == [email] and out.password == password
    return out.inspection


def sign_ins(services):
    with services.ctx.db() as s:
        return list(s.scalars(select(AuditEntry.actor).where(AuditEntry.action == "auth.sign_in")))


def user(services, email):
    with services.ctx.db() as s:
        return s.scalar(select(User).where(User.email == email))


def secret(new_keys):
    return next(k.key for k in new_keys if k.kind == "secret")


def test_answers_match_the_full_path_for_every_key_state(services, operator, acme, globex, database_url, clock):
    grace = timedelta(hours=24)
    a = secret(services.keys.regenerate(operator, acme.id, "live", grace))
    b = secret(services.keys.regenerate(operator, acme.id, "live", grace))  # a: expiring
    clock.advance(hours=25)  # a: expired
    operator.reauth_at = clock()
    c = secret(services.keys.regenerate(operator, acme.id, "live", grace))  # b: expiring, c: active
    services.keys.revoke(operator, globex.id, "all", "Leaked in a ticket")
    texts = [a, b, c, "sk_live_" + "A" * 33, generate(Kind.SECRET, "live"), "not a key at all", ""]
    for text in texts:
        assert quick(database_url, clock, text) == services.inspection.inspect(operator, text), text
    got = [quick(database_url, clock, t) for t in texts]
    assert [g.status for g in got[:3]] == ["expired", "expiring", "active"]
    assert got[2].summary.startswith("Acme Inc (acme-inc) — live secret key") and got[2].usable
    assert [g.ours for g in got[3:]] == [False] * 4


def test_a_revoked_key_of_a_deactivated_tenant(services, operator, acme, database_url, clock):
    key = secret(services.keys.regenerate(operator, acme.id, "test", None))
    services.keys.revoke(operator, acme.id, "test", "Leaked")
    services.tenants.set_active(operator, acme.id, active=False, reason="Closed")
    got = quick(database_url, clock, key)
    assert got == services.inspection.inspect(operator, key)
    assert got.status == "revoked" and "Leaked" in got.summary and not got.usable


def test_a_tenant_user_sees_only_their_tenant(services, operator, acme, globex, database_url, clock):
    acme_key = secret(services.keys.regenerate(operator, acme.id, "test", None))
    globex_key = secret(services.keys.regenerate(operator, globex.id, "test", None))
    owner = "owner@acme.example"
    mine = quick(database_url, clock, acme_key, owner, OWNER_PASSWORD)
    theirs = quick(database_url, clock, globex_key, owner, OWNER_PASSWORD)
    session = services.auth.sign_in(owner, OWNER_PASSWORD)
    assert mine == services.inspection.inspect(session, acme_key) and mine.ours
    assert theirs == services.inspection.inspect(session, globex_key) and not theirs.ours
    assert "your tenant's" in theirs.summary


def test_a_deactivated_tenants_user_is_left_to_the_full_path(services, operator, acme, database_url, clock):
    services.tenants.set_active(operator, acme.id, active=False, reason="Closed")
    assert quick(database_url, clock, "sk_live_" + "A" * 33, "owner@acme.example", OWNER_PASSWORD) is None
    assert "owner@acme.example" not in sign_ins(services)


def test_signing_in_writes_what_the_service_writes(services, operator, database_url, clock):
    before = sign_ins(services)
    with services.ctx.db() as s, s.begin():  # two earlier failures: a success clears them
        s.get(User, operator.user_id).failed_attempts = 2
    clock.advance(minutes=3)
    assert quick(database_url, clock, "sk_live_" + "A" * 33) is not None
    assert sign_ins(services) == [*before, OPERATOR_EMAIL]
    op = user(services, OPERATOR_EMAIL)  # read back through the models: the same datetime format
    assert op.failed_attempts == 0 and op.locked_until is None and op.last_sign_in == clock()
    with services.ctx.db() as s:
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.at, entry.outcome, entry.tenant_id) == (clock(), "ok", None)


def test_a_wrong_password_is_left_to_the_full_path_with_nothing_written(services, operator, database_url, clock):
    before = sign_ins(services)
    with services.ctx.db() as s:
        audit_count = len(list(s.scalars(select(AuditEntry.id))))
    assert quick(database_url, clock, "sk_live_" + "A" * 33, password="wrong-password-1") is None
    assert quick(database_url, clock, "sk_live_" + "A" * 33, email="nobody@example.com") is None
    with services.ctx.db() as s:
        assert len(list(s.scalars(select(AuditEntry.id)))) == audit_count
    assert sign_ins(services) == before and user(services, OPERATOR_EMAIL).failed_attempts == 0


def test_a_locked_account_is_left_to_the_full_path(services, operator, database_url, clock):
    with services.ctx.db() as s, s.begin():
        s.get(User, operator.user_id).locked_until = clock() + timedelta(minutes=10)
    assert quick(database_url, clock, "sk_live_" + "A" * 33) is None
    clock.advance(minutes=11)  # the lock has run out: the plain case again
    assert quick(database_url, clock, "sk_live_" + "A" * 33) is not None


def test_a_hash_made_with_other_parameters_is_left_to_the_full_path(services, operator, database_url, clock):
    before = sign_ins(services)

    out = quick_inspect.inspect(
        database_url,
        OPERATOR_EMAIL,
        lambda _: OPERATOR_PASSWORD,
        "sk_live_" + "A" * 33,
        check=Argon2Check(time_cost=2, memory_cost=8, parallelism=1),  # the full path re-hashes
        clock=clock,
    )
    assert out.inspection is None and sign_ins(services) == before


def test_other_databases_go_the_full_path(services, operator, database_url, clock, tmp_path):
    with services.ctx.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'newer-than-this-build'")
    never = pytest.fail  # the password is not even asked for
    for url in (database_url, f"sqlite:///{tmp_path}/missing.sqlite3", "postgresql+psycopg://u@h/db"):
        out = quick_inspect.inspect(url, OPERATOR_EMAIL, never, "x", check=Argon2Check.like(fast_hasher()), clock=clock)
        assert out.inspection is None and out.password is None
