"""The change feed on its own: a commit is heard in another connection; a rolled-back change is not; a dropped
listener connection reconnects and asks for a full refresh."""

import queue
import threading

import psycopg
import pytest
from sqlalchemy.engine import make_url

from billing_desktop.domain.states import FeedState
from tests.conftest import register


def start_feed(services):
    feed = services.change_feed(poll_interval=0.1, backoff=(0.2,))
    heard, states = queue.Queue(), queue.Queue()
    thread = threading.Thread(target=feed.run, args=(heard.put, states.put), daemon=True)
    thread.start()
    wait_for(states, lambda s: s == FeedState.UP)
    return feed, thread, heard, states


def wait_for(q, predicate, timeout=10):
    while True:
        item = q.get(timeout=timeout)
        if predicate(item):
            return item


@pytest.mark.both_backends
def test_a_commit_is_heard_and_a_rollback_is_not(services, operator, acme):
    feed, thread, heard, _states = start_feed(services)
    try:
        with pytest.raises(RuntimeError), services.ctx.db() as s, s.begin():
            from billing_desktop.services import audit

            audit.record(s, services.ctx.clock(), "ghost@x.example", "tenant.update", acme.id)
            raise RuntimeError("rolled back")
        services.tenants.update(operator, acme.id, {"tier": "pro"})
        change = wait_for(heard, lambda c: c.tenant_id == acme.id)
        assert (change.action, change.actor) == ("tenant.update", operator.email)
    finally:
        feed.stop()
        thread.join(5)
    assert not thread.is_alive()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)  # SQLite has no connection to lose
def test_a_dropped_listener_reconnects_and_asks_for_a_full_refresh(services, operator, database_url):
    feed, thread, heard, states = start_feed(services)
    try:
        admin = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(admin, autocommit=True) as c:
            killed = c.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'billing-desktop listener'"
            ).fetchall()
        assert killed == [(True,)]
        wait_for(states, lambda s: s == FeedState.DOWN)
        wait_for(states, lambda s: s == FeedState.UP)
        assert wait_for(heard, lambda c: c.full).tenant_id is None
        acme = register(services, operator, "Acme Inc", "owner@acme.example")  # and it hears again
        wait_for(heard, lambda c: c.tenant_id == acme.id)
    finally:
        feed.stop()
        thread.join(5)


@pytest.mark.both_backends
def test_a_payouts_sweep_is_heard_as_a_change_to_every_tenants_stripe_data(services, operator, fake):
    """Other operators' boards follow a sweep: it is on the feed, without a tenant, as a change to the Connect cache
    (what the board, the list's Stripe column and the Stripe tab are built from)."""
    from tests.support.connected import bulk_tenants, link, platform

    platform(services, operator, fake)
    (acme,) = bulk_tenants(services, ["Acme"])
    link(services, acme.id, fake.new_account(type="express", name="Acme")["id"])
    feed, thread, heard, _states = start_feed(services)
    try:
        services.tenants.update(operator, acme.id, {"tier": "pro"})
        edit = wait_for(heard, lambda c: c.action == "tenant.update")
        assert not edit.connect_cache
        services.payouts.payouts(operator)
        sweep = wait_for(heard, lambda c: c.action == "stripe.payouts_sweep")
        assert sweep.tenant_id is None and sweep.connect_cache and sweep.actor == operator.email
    finally:
        feed.stop()
        thread.join(5)
