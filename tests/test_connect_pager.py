"""connect/pager.py sends the next page's request before it parses this page (its cursor read from the bytes), and
the parsed page must confirm that guess: a list is never short, doubled or out of order whatever the body looks
like, and rate limits, vanished cursors and Cancel behave as they do page by page."""

import pytest

from billing_desktop.connect.pager import Pager, _next_cursor
from billing_desktop.errors import AppError
from tests.support.connected import platform


@pytest.fixture
def accounts(services, operator, fake):
    """250 accounts in Stripe: three pages of the account list, newest first."""
    platform(services, operator, fake)
    return [fake.new_account(name=f"Shop {n}", created=1_700_000_000 + n) for n in range(250)]


def list_requests(fake):
    return [q for m, p, q in fake.requests if m == "GET" and p == "/v1/accounts"]


def walk(services, fake, **kwargs):
    with services.stripe.client_factory(fake.secret_key, retries=0) as client:
        pager = Pager(client, "/v1/accounts", **kwargs)
        pages = [[a["id"] for a in page] for page in pager]
    return pager, pages


def newest_first(accounts):
    return [a["id"] for a in reversed(accounts)]


def test_each_page_after_the_first_is_requested_while_the_one_before_is_parsed(services, fake, accounts):
    pager, pages = walk(services, fake)
    assert [i for page in pages for i in page] == newest_first(accounts)
    assert pager.complete and pager.pages == 3
    # The first page teaches the id prefix; the third says has_more false: the second's request alone went ahead.
    assert pager.ahead == 1 and pager.discarded == 0
    cursors = [q.get("starting_after") for q in list_requests(fake)]
    assert cursors == [None, pages[0][-1], pages[1][-1]]  # one request per page, nothing speculative wasted


def test_a_wrong_guess_is_discarded_and_the_list_stays_whole(services, fake, accounts):
    # The last account of the second page carries another account's id in its metadata, after its own id: the
    # byte search takes that one. The parsed page shows the guess wrong; its answer is dropped, the right one asked.
    accounts[50]["metadata"] = {"id": accounts[10]["id"]}
    pager, pages = walk(services, fake)
    assert [i for page in pages for i in page] == newest_first(accounts)
    assert pager.complete and pager.discarded == 1 and pager.ahead == 0
    cursors = [q.get("starting_after") for q in list_requests(fake)]
    assert cursors == [None, pages[0][-1], accounts[10]["id"], pages[1][-1]]


def test_a_guessed_request_that_meets_a_rate_limit_waits_it_out(services, fake, accounts):
    waited = []

    def second_request_limited(path, q):
        if q.get("starting_after") and not waited:  # after page 2: page 3, asked ahead of page 2's parse, gets a 429
            fake.connect.rate_limits.append(("0", None))
            waited.append(q["starting_after"])

    fake.connect.after_list_page = second_request_limited
    pager, pages = walk(services, fake)
    assert [i for page in pages for i in page] == newest_first(accounts)
    assert pager.rate_limited == 1 and pager.complete


def test_a_guessed_cursor_deleted_meanwhile_falls_back_to_the_one_before(services, fake, accounts):
    removed = []

    def remove_second_pages_last(path, q):
        if q.get("starting_after") and not removed:  # page 2 went out: delete its last account before page 3
            removed.append(accounts[50]["id"])
            del fake.accounts[accounts[50]["id"]]

    fake.connect.after_list_page = remove_second_pages_last
    pager, pages = walk(services, fake)
    ids = [i for page in pages for i in page]
    assert ids == newest_first(accounts) and pager.complete  # listed on page 2 before it went
    cursors = [q.get("starting_after") for q in list_requests(fake)]
    assert cursors[2] == removed[0] and cursors[3] == pages[1][-2]  # the guess, gone; then the id before it


def test_cancel_sends_nothing_more(services, fake, accounts):
    pager, pages = walk(services, fake, cancelled=lambda: len(list_requests(fake)) >= 2)
    assert pager.was_cancelled and not pager.complete and len(pages) == 2
    assert len(list_requests(fake)) == 2  # no guessed third request once Cancel is set


def test_a_failure_of_the_request_sent_ahead_stops_the_list(services, fake, accounts):
    def fail_next(path, q):
        if q.get("starting_after"):  # after page 2: page 3, asked ahead, gets a 429 Stripe says not to retry
            fake.connect.rate_limits.append((None, "false"))

    fake.connect.after_list_page = fail_next
    with pytest.raises(AppError), services.stripe.client_factory(fake.secret_key, retries=0) as client:
        list(Pager(client, "/v1/accounts"))


@pytest.mark.parametrize(
    "body",
    [
        # Stripe's documented order, a nested list with has_more true in the last item
        b'{"object": "list", "url": "/v1/accounts", "has_more": true, "data": [{"id": "acct_1"}, '
        b'{"external_accounts": {"data": [{"id": "ba_1"}], "has_more": false}, "id": "acct_2"}]}',
        # data first, has_more after it; compact separators
        b'{"object":"list","data":[{"id":"acct_1"},{"id":"acct_2","external_accounts":{"has_more":false}}],'
        b'"has_more":true,"url":"/v1/accounts"}',
    ],
)
def test_the_cursor_is_read_from_either_order_of_a_lists_keys(body):
    assert _next_cursor(body, b"acct_") == "acct_2"
    assert _next_cursor(body.replace(b"true", b"false"), b"acct_") is None
    assert _next_cursor(body, b"") is None  # the prefix is learnt from a parsed page first


def test_no_cursor_is_guessed_when_the_list_has_no_more():
    body = (
        b'{"object": "list", "data": [{"id": "acct_2", "external_accounts": {"has_more": true}}], '
        b'"has_more": false, "url": "/v1/accounts"}'
    )
    assert _next_cursor(body, b"acct_") is None
    assert _next_cursor(b'{"object": "list", "has_more": false, "data": []}', b"acct_") is None


def test_a_caller_that_stops_early_is_not_kept_waiting(services, fake, accounts):
    """The sync stops reading when a page's write fails: the request sent ahead is let finish, nothing after it."""
    import threading

    for n in range(100):  # a fourth page
        fake.new_account(name=f"Older {n}", created=1_600_000_000 + n)
    done = threading.Event()

    def read_two_pages():
        with services.stripe.client_factory(fake.secret_key, retries=0) as client:
            pages = iter(Pager(client, "/v1/accounts"))
            next(pages), next(pages)
            pages.close()
        done.set()

    threading.Thread(target=read_two_pages, daemon=True).start()
    assert done.wait(30)
    assert len(list_requests(fake)) == 3  # the third page went out on its guess; the fourth never did
