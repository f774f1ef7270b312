"""No lost update: stale saves are refused with who and when; writers in real processes released at a barrier lose
nothing. Every test runs on SQLite and on the real PostgreSQL server."""

import multiprocessing
import os
import threading
import time

import pytest

from billing_desktop.errors import Conflict
from tests.conftest import OPERATOR_EMAIL, OPERATOR_PASSWORD, register

pytestmark = pytest.mark.both_backends

SECOND_EMAIL = "second@platform.example"


@pytest.fixture
def second(services, operator):
    services.users.add(operator, None, SECOND_EMAIL, OPERATOR_PASSWORD, "operator")
    return services.auth.sign_in(SECOND_EMAIL, OPERATOR_PASSWORD)


def test_saving_over_a_newer_tenant_is_refused_naming_who_and_when(services, operator, second, acme, clock):
    mine = services.tenants.get(operator, acme.id)
    clock.advance(minutes=3)
    theirs = services.tenants.update(second, acme.id, {"tier": "pro"}, expected_version=mine.version)
    assert theirs.version == mine.version + 1
    with pytest.raises(Conflict) as e:
        services.tenants.update(operator, acme.id, {"company_name": "Acme Two"}, expected_version=mine.version)
    assert e.value.changed_by == SECOND_EMAIL and e.value.changed_at == clock()
    assert e.value.version == theirs.version
    assert SECOND_EMAIL in str(e.value) and clock().strftime("%H:%M:%S") in str(e.value)
    now = services.tenants.get(operator, acme.id)
    assert (now.company_name, now.tier, now.version) == ("Acme Inc", "pro", theirs.version)
    # After reloading, the same edit goes through on top of theirs.
    done = services.tenants.update(operator, acme.id, {"company_name": "Acme Two"}, expected_version=now.version)
    assert (done.company_name, done.tier) == ("Acme Two", "pro")


def test_an_unchanged_save_does_not_bump_the_version(services, operator, acme):
    before = services.tenants.get(operator, acme.id)
    after = services.tenants.update(operator, acme.id, {"tier": before.tier}, expected_version=before.version)
    assert after.version == before.version


def test_webhook_configuration_is_not_overwritten_blindly(services, operator, second, acme):
    url = "http://127.0.0.1:9/billing"  # loopback, allowed for a test-mode tenant; nothing is sent here
    services.webhooks.save(operator, acme.id, url, ["*"], allow_private=True, expected_version=0)
    with pytest.raises(Conflict, match="changed"):  # a second "create" from a form that saw none
        services.webhooks.save(second, acme.id, url + "/2", ["*"], allow_private=True, expected_version=0)
    loaded = services.webhooks.get(second, acme.id)
    services.webhooks.save(second, acme.id, url + "/2", ["*"], allow_private=True, expected_version=loaded.version)
    with pytest.raises(Conflict) as e:
        services.webhooks.save(
            operator, acme.id, url + "/3", ["*"], allow_private=True, expected_version=loaded.version
        )
    assert e.value.changed_by == SECOND_EMAIL
    assert services.webhooks.get(operator, acme.id).url == url + "/2"


def test_platform_settings_and_profile_refuse_stale_saves(services, operator, second):
    loaded = services.stripe_platform.get(operator)
    services.stripe_platform.update(second, "ca_12345678abcd", expected_version=loaded.version)
    with pytest.raises(Conflict) as e:
        services.stripe_platform.update(operator, "ca_87654321dcba", expected_version=loaded.version)
    assert e.value.changed_by == SECOND_EMAIL
    assert services.stripe_platform.get(operator).client_id == "ca_12345678abcd"

    profile = services.auth.profile(operator)
    services.auth.update_profile(operator, "Olive", "Op", expected_version=profile.version)
    with pytest.raises(Conflict, match="Your profile"):
        services.auth.update_profile(operator, "Oscar", "Op", expected_version=profile.version)
    assert services.auth.profile(operator).first_name == "Olive"


def test_preferences_refuse_a_stale_save_naming_who_and_when(services, operator, second, clock):
    loaded = services.settings.preferences_version()  # what an operator's Preferences dialog opened with
    clock.advance(minutes=2)
    services.settings.save_preferences(second, idle_lock_minutes=30, sync_interval_minutes=0, expected_version=loaded)
    with pytest.raises(Conflict) as e:
        services.settings.save_preferences(
            operator, idle_lock_minutes=5, sync_interval_minutes=0, expected_version=loaded
        )
    assert e.value.changed_by == SECOND_EMAIL and e.value.changed_at == clock()
    services.settings.load_policy()  # as at the next start: their value, and the version to save over
    assert services.settings.idle_lock_minutes() == 30
    services.settings.save_preferences(
        operator, idle_lock_minutes=5, sync_interval_minutes=0, expected_version=services.settings.preferences_version()
    )
    services.settings.load_policy()
    assert services.settings.idle_lock_minutes() == 5


# -- writers in real processes ----------------------------------------------------------------------------------
WRITERS = 8
BLIND_EDITS = int(os.environ.get("BILLING_DESKTOP_STRESS_EDITS", "200"))  # per writer
COUNTER_EDITS = 10  # per writer: optimistic read-modify-write retries are O(writers) each


def _writer(url: str, tenant_id: int, number: int, blind: int, counted: int, barrier, results) -> None:
    """`blind` saves without a version (CLI-style: the row lock alone serializes them; each bumps the version
    inside the service, a read-decide-write), then `counted` form-style edits: load, add one to a counter, save
    with the loaded version, reload and retry on a conflict. Reports the conflicts met."""
    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext
    from billing_desktop.store.database import open_database
    from billing_desktop.vault import Vault
    from tests.conftest import fast_hasher
    from tests.support.memory_keyring import MemoryKeyring

    engine = open_database(url)
    svc = Services(AppContext(engine=engine, vault=Vault(MemoryKeyring()), hasher=fast_hasher()))
    released = False
    try:
        me = svc.auth.sign_in(OPERATOR_EMAIL, OPERATOR_PASSWORD)
        barrier.wait()
        released = True
        for k in range(blind):
            svc.tenants.update(me, tenant_id, {"branding": {"writer": number, "edit": k}})
        conflicts = 0
        for _ in range(counted):
            while True:
                t = svc.tenants.get(me, tenant_id)
                counter = int(t.metadata.get("counter", 0))
                try:
                    svc.tenants.update(me, tenant_id, {"metadata": {"counter": counter + 1}}, t.version)
                    break
                except Conflict:
                    conflicts += 1
        results.put(("ok", conflicts))
    except Exception as exc:
        results.put(("error", f"{type(exc).__name__}: {exc}"))
        if not released:
            barrier.abort()  # the others (and the parent) stop waiting now, and the parent reports this error
    finally:
        engine.dispose()


def run_writers(url, tenant_id, writers, blind, counted, timeout: float = 900) -> tuple[float, int]:
    """Start `writers` processes and release them at once; returns (seconds from the release, conflicts met)."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(writers + 1), ctx.Queue()
    procs = [
        ctx.Process(target=_writer, args=(url, tenant_id, n, blind, counted, barrier, results)) for n in range(writers)
    ]
    for p in procs:
        p.start()
    try:
        barrier.wait(timeout=180)
    except threading.BrokenBarrierError:  # a writer failed before the release: say why instead of timing out
        for p in procs:
            p.join(30)
        errors = []
        while not results.empty():
            errors.append(results.get())
        raise AssertionError(f"a writer failed before the barrier: {errors}") from None
    start = time.perf_counter()
    outcomes = [results.get(timeout=timeout) for _ in procs]
    elapsed = time.perf_counter() - start
    for p in procs:
        p.join(30)
    errors = [o for o in outcomes if o[0] != "ok"]
    assert not errors, errors
    return elapsed, sum(o[1] for o in outcomes)


def test_concurrent_writers_lose_no_update(services, operator, database_url):
    acme = register(services, operator, "Acme Inc", "owner@acme.example")
    run_writers(database_url, acme.id, WRITERS, BLIND_EDITS, COUNTER_EDITS)
    final = services.tenants.get(operator, acme.id)
    assert final.metadata["counter"] == WRITERS * COUNTER_EDITS
    total = WRITERS * (BLIND_EDITS + COUNTER_EDITS)
    assert final.version == acme.version + total  # every edit counted, none overwrote another's bump
    updates = [e for e in services.audit.list(operator, limit=100_000) if e.action == "tenant.update"]
    assert len(updates) == total
