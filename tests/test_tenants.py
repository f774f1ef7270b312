from functools import reduce

import pytest
from sqlalchemy import event, func, select

from billing_desktop.errors import NotFound, ReauthRequired, ValidationError
from billing_desktop.services.tenants import Registration
from billing_desktop.store.models import Tenant, User
from tests.conftest import OPERATOR_PASSWORD, OWNER_PASSWORD, register

pytestmark = pytest.mark.both_backends  # store and service behaviour must hold on SQLite and PostgreSQL


def test_register_creates_tenant_slug_and_owner(services, operator):
    t = register(services, operator, "Acme Inc.", "Owner@Acme.Example")
    assert (t.slug, t.email, t.tier, t.mode, t.active, t.user_count) == (
        "acme-inc",
        "owner@acme.example",
        "free",
        "test",
        True,
        1,
    )
    owner = services.auth.sign_in("owner@acme.example", OWNER_PASSWORD)
    assert owner.role == "owner" and owner.tenant_id == t.id


def test_slugs_are_deduplicated(services, operator):
    slugs = [register(services, operator, "Acme Inc", f"o{n}@acme.example").slug for n in range(3)]
    assert slugs == ["acme-inc", "acme-inc-2", "acme-inc-3"]


def test_validation_errors_name_each_field(services, operator):
    with pytest.raises(ValidationError) as e:
        services.tenants.register(
            operator,
            Registration(" ", "nope", "short", domain="http://x", tier="gold", mode="prod", platform_fee_percent="101"),
        )
    assert set(e.value.fields) == {
        "company_name",
        "email",
        "password",
        "domain",
        "tier",
        "mode",
        "platform_fee_percent",
    }


def test_duplicate_email_is_refused_on_its_field(services, operator, acme):
    with pytest.raises(ValidationError) as e:
        register(services, operator, "Other", "owner@acme.example")
    assert list(e.value.fields) == ["email"]


def test_registration_is_one_transaction(services, operator):
    def boom(session, tenant, actor):
        raise RuntimeError("step after the owner failed")

    services.tenants.on_register.append(boom)
    with pytest.raises(RuntimeError):
        register(services, operator, "Half Done", "half@done.example")
    with services.ctx.db() as s:
        assert s.scalar(select(func.count()).select_from(Tenant)) == 0
        assert s.scalar(select(func.count()).select_from(User).where(User.email == "half@done.example")) == 0


def test_update_changes_fields_and_audits_which(services, operator, acme):
    d = services.tenants.update(
        operator,
        acme.slug,
        {
            "tier": "pro",
            "platform_fee_percent": "2.5",
            "mode": "live",
            "branding": {"color": "#123456"},
            "domain": "Acme.Example",
        },
    )
    assert (d.tier, str(d.platform_fee_percent), d.mode, d.branding, d.domain) == (
        "pro",
        "2.50",
        "live",
        {"color": "#123456"},
        "acme.example",
    )
    entry = services.audit.list(operator)[0]
    assert entry.action == "tenant.update" and "tier" in entry.detail and "mode" in entry.detail


def test_update_rejects_bad_values_and_unknown_fields(services, operator, acme, globex):
    with pytest.raises(ValidationError) as e:
        services.tenants.update(operator, acme.id, {"email": "owner@globex.example"})
    assert list(e.value.fields) == ["email"]
    with pytest.raises(ValidationError) as e:
        services.tenants.update(operator, acme.id, {"slug": "x", "branding": [1]})
    assert set(e.value.fields) == {"slug", "branding"}
    assert services.tenants.get(operator, acme.id).email == "owner@acme.example"  # nothing half-applied


def test_deactivate_needs_recent_password_and_operator_reactivates(services, operator, acme, clock):
    clock.advance(minutes=6)
    with pytest.raises(ReauthRequired):
        services.tenants.set_active(operator, acme.id, active=False)
    services.auth.confirm_password(operator, OPERATOR_PASSWORD)
    assert services.tenants.set_active(operator, acme.id, active=False, reason="unpaid").active is False
    assert services.audit.list(operator)[0].reason == "unpaid"
    assert services.tenants.set_active(operator, acme.id, active=True).active is True


def test_unknown_tenant(services, operator):
    with pytest.raises(NotFound):
        services.tenants.get(operator, "no-such-slug")


def test_switching_to_live_needs_a_recent_password(services, operator, acme, clock):
    clock.advance(minutes=10)
    services.tenants.update(operator, acme.id, {"tier": "pro"})  # other edits need no password
    with pytest.raises(ReauthRequired):
        services.tenants.update(operator, acme.id, {"mode": "live"})
    assert services.tenants.get(operator, acme.id).mode == "test"
    services.auth.confirm_password(operator, OPERATOR_PASSWORD)
    assert services.tenants.update(operator, acme.id, {"mode": "live"}).mode == "live"
    clock.advance(minutes=10)
    assert services.tenants.update(operator, acme.id, {"mode": "test"}).mode == "test"  # back to test: no password


def test_slug_clash_beyond_a_hundred_suffixes(services, operator):
    """`acme-2` … `acme-101` are taken (the first look-up's hundred candidates): the next registration gets
    `acme-102`, found by the second look-up."""
    register(services, operator, "Acme", "o1@acme.example")
    now = services.ctx.clock()
    with services.ctx.db() as s, s.begin():
        for n in range(2, 102):
            s.add(
                Tenant(
                    company_name="Acme",
                    slug=f"acme-{n}",
                    email=f"o{n}@acme.example",
                    domain="",
                    tier="free",
                    platform_fee_percent=0,
                    mode="test",
                    active=True,
                    branding={},
                    metadata_={},
                    created_at=now,
                    updated_at=now,
                )
            )
    assert register(services, operator, "Acme", "last@acme.example").slug == "acme-102"


def test_registration_never_scans_the_tenants_or_users(services, operator, backend):
    """Every query of a registration is an index look-up, even when the name's slug is taken: its cost does
    not grow with the number of tenants (the vault benchmark registers the 100,000th). SQLite's query plan says
    SCAN for a full read of a table (PostgreSQL's planner reads a table this small whole on purpose)."""
    if backend != "sqlite":
        pytest.skip("the plan of a few rows on PostgreSQL says nothing about 100,000")
    register(services, operator, "Acme Inc", "o1@acme.example")
    statements: list[tuple[str, object]] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and not executemany:
            statements.append((statement, parameters))

    event.listen(services.ctx.engine, "before_cursor_execute", seen)
    try:
        register(services, operator, "Acme Inc", "o2@acme.example")  # the slug clashes: acme-inc-2
    finally:
        event.remove(services.ctx.engine, "before_cursor_execute", seen)
    assert statements
    with services.ctx.engine.connect() as conn:
        for statement, parameters in statements:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
            scans = [row[-1] for row in plan if str(row[-1]).startswith("SCAN")]
            assert not scans, (statement, scans)


def test_a_chosen_slug_is_used_as_it_is_or_refused(services, operator, acme):
    t = services.tenants.register(
        operator, Registration("Газпром", "it@gazprom.example", OWNER_PASSWORD, slug="gazprom-eu")
    )
    assert t.slug == "gazprom-eu"
    for slug, message in [("acme-inc", "Another tenant"), ("Bad Slug", "lower-case"), ("-x", "hyphen")]:
        with pytest.raises(ValidationError) as err:
            services.tenants.register(
                operator, Registration("Other", f"o{len(slug)}@other.example", OWNER_PASSWORD, slug=slug)
            )
        assert message in err.value.fields["slug"]


def test_non_latin_names_get_readable_slugs(services, operator):
    names = {"Газпром": "gazprom", "北京科技": "bei-jing-ke-ji", "Ελληνική Εταιρεία": "elliniki-etaireia"}
    for n, (name, slug) in enumerate(names.items()):
        t = services.tenants.register(operator, Registration(name, f"t{n}@example.com", OWNER_PASSWORD))
        assert t.slug == slug


@pytest.mark.parametrize(
    "value,message",
    [
        ({"x": float("nan")}, "nan is not a number"),
        ({"x": [float("inf")]}, "inf is not a number"),
        (reduce(lambda inner, _: {"a": inner}, range(30), 1), "Nested too deeply"),
        (["not", "an", "object"], "Enter a JSON object"),
    ],
)
def test_the_service_refuses_branding_json_cannot_hold(services, operator, acme, value, message):
    """The service is the gate, whatever front end built the value: it is stored as JSON."""
    for field in ("branding", "metadata"):
        with pytest.raises(ValidationError) as e:
            services.tenants.update(operator, acme.id, {field: value})
        assert message in e.value.fields[field]
