"""A re-sync walks the account list as several `created` ranges at once (services/connect_sync._created_ranges):
nothing missed or counted twice, the ranges really in flight together, and a problem, a cancel or a failed write in
one range stopping them all with a partial report that says what was not reached."""

import threading

import pytest

from billing_desktop.connect import pager
from billing_desktop.services import connect_sync
from tests.support.connected import bulk_tenants, link, platform

ACCOUNTS, CONNECTED = 250, 240


@pytest.fixture
def cached(services, operator, fake, monkeypatch):
    """250 accounts in Stripe created a second apart (240 connected here), synced once: the cache knows when each
    was created. Pages of 5 and ranges from 50 cached accounts: a re-sync walks four ranges of a dozen pages."""
    monkeypatch.setattr(connect_sync, "RANGE_ACCOUNTS", 50)
    monkeypatch.setattr(pager, "PAGE_SIZE", 5)
    platform(services, operator, fake)
    accounts = [fake.new_account(name=f"Shop {n}", created=1_700_000_000 + n) for n in range(ACCOUNTS)]
    tenants = bulk_tenants(services, [f"Shop {n}" for n in range(CONNECTED)])
    for t, account in zip(tenants, accounts, strict=False):
        link(services, t.id, account["id"])
    first = services.connect_sync.sync(operator)
    assert first.complete and first.pages == 50  # nothing cached yet: one walk of the whole list
    fake.requests.clear()
    return list(zip(tenants, accounts, strict=False))


def list_requests(fake):
    return [q for m, p, q in fake.requests if m == "GET" and p == "/v1/accounts"]


def bounds(q):
    return {k: int(v) for k, v in q.items() if k.startswith("created[")}


@pytest.mark.both_backends
def test_a_resync_walks_created_ranges_at_once_and_misses_nothing(services, operator, fake, cached):
    newest = fake.new_account(name="New Shop", created=1_800_000_000)  # created since the last sync
    oldest = fake.new_account(name="Old Shop", created=1_000_000_000)  # older than anything cached
    extra = bulk_tenants(services, ["New Shop", "Old Shop"])
    link(services, extra[0].id, newest["id"])
    link(services, extra[1].id, oldest["id"])
    cached[0][1]["charges_enabled"] = False  # a change on the oldest range's last page

    starts = threading.Barrier(4, timeout=15)  # each range's first page is held until all four are asked for

    def hold_first_pages(path, q):
        if path == "/v1/accounts" and "starting_after" not in q:
            starts.wait()

    fake.connect.before_answer = hold_first_pages
    report = services.connect_sync.sync(operator)
    fake.connect.before_answer = None

    assert report.complete and report.updated == CONNECTED + 2 and report.unknown == ACCOUNTS - CONNECTED
    assert report.accounts_listed == ACCOUNTS + 2 and not report.not_returned
    requests = list_requests(fake)
    firsts = [bounds(q) for q in requests if "starting_after" not in q]
    assert len(firsts) == 4 and all(q["limit"] == "5" for q in requests)
    # One range open upwards, one downwards, and each boundary shared by two neighbours: all time, no overlap.
    uppers = sorted(b["created[lt]"] for b in firsts if "created[lt]" in b)
    lowers = sorted(b["created[gte]"] for b in firsts if "created[gte]" in b)
    assert len(uppers) == len(lowers) == 3 and uppers == lowers
    assert len(requests) <= 51 + 3  # the pages of one walk, and at most one short last page more per range
    assert report.pages == len(requests)
    assert services.stripe.status(operator, extra[0].id).fetched_at is not None
    assert services.stripe.status(operator, extra[1].id).fetched_at is not None
    assert services.stripe.status(operator, cached[0][0].id).state == "pending"  # charges disabled: refreshed
    assert services.connect_sync.last_sync() == report.finished_at


def test_a_problem_in_one_range_stops_every_range_and_says_what_was_not_reached(services, operator, fake, cached):
    fake.connect.rate_limits = [("0", "false")]  # the first answer: a 429 Stripe says not to retry
    report = services.connect_sync.sync(operator)
    assert not report.complete and not report.cancelled and "Stopped" in report.summary
    assert report.updated < CONNECTED and report.not_reached > 0
    assert "Partial sync" in report.summary and not report.not_returned  # a partial list proves no removal
    assert len(list_requests(fake)) < 20  # of 50: the others stopped within a page or two


def test_cancel_stops_every_range(services, operator, fake, cached):
    report = services.connect_sync.sync(operator, cancelled=lambda: len(list_requests(fake)) >= 1)
    assert report.cancelled and not report.complete and "Cancelled" in report.summary
    assert report.updated < CONNECTED and report.not_reached > 0
    assert len(list_requests(fake)) <= 4  # each range's first request was already out, no more


def test_a_failed_write_fails_the_sync_and_stops_the_walk(services, operator, fake, cached, monkeypatch):
    def broken(self, mine):
        raise RuntimeError("disk full")

    monkeypatch.setattr(connect_sync.ConnectSyncService, "_write_page", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        services.connect_sync.sync(operator)
    assert len(list_requests(fake)) < 25  # of 50: the walkers saw the stop
    assert services.connect_sync.last_sync() is not None  # the earlier complete sync's, unchanged
