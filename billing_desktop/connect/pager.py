"""Page through a Stripe list endpoint with the real StripeClient, politely.

The client's requestor is used rather than the typed `list()`: it goes through the same client (auth, headers,
retries, error types) but leaves the JSON as plain dicts; building StripeObjects costs ~2 ms per account, ten times
the request itself when thousands are listed. Rate limits: stripe-python retries what Stripe marks
`Stripe-Should-Retry: true`; a 429 beyond that is waited out here for its `Retry-After` (bounded), then retried;
one marked `Stripe-Should-Retry: false` is not. A cursor that vanished between two pages (the object was
deleted) is replaced by the one before it.

The next page's cursor is this page's last id, so a list is a chain of requests. To keep the parse off that chain,
the last id and `has_more` are read from the raw body first (a byte search, microseconds) and the next request
goes out on a fetch thread while this page is parsed; the parsed page then confirms the guess. A wrong guess
(a body shaped unlike Stripe's) costs one discarded request, never a wrong or missing page.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import orjson

from billing_desktop.connect.errors import translate

log = logging.getLogger(__name__)
PAGE_SIZE = 100
MAX_RATE_WAITS = 6
MAX_RETRY_AFTER = 60.0
DEFAULT_RETRY_AFTER = 2.0
_HAS_MORE = re.compile(rb'"has_more"\s*:\s*(true|false)')

Body = tuple[bytes, int, Any]  # a 2xx answer not yet parsed: body, status, headers


class Pager:
    """Iterate over the pages of one list; afterwards `complete`, `pages`, `rate_limited` say what happened."""

    def __init__(
        self,
        client: Any,
        path: str,
        params: dict[str, Any] | None = None,
        *,
        stripe_account: str | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.client, self.path, self.params = client, path, dict(params or {})
        self.stripe_account, self.cancelled, self.sleep = stripe_account, cancelled, sleep
        self.pages = 0
        self.rate_limited = 0
        self.complete = False
        self.was_cancelled = False
        self.ahead = 0  # requests sent before the page before them was parsed (their guess held)
        self.discarded = 0  # guessed requests whose guess the parsed page did not confirm
        self._closing = False  # the caller stopped: a guessed request stops waiting out a rate limit
        self._prefix = b""  # what this list's ids start with ("acct_"), learnt from the first page
        self._fetcher: ThreadPoolExecutor | None = None

    def __iter__(self) -> Iterator[list[dict[str, Any]]]:
        pending: _Ahead | None = None  # the next page's request, sent on a guess
        try:
            recent: list[str] = []  # ids of the last page: fallback cursors if the last one is deleted meanwhile
            while True:
                if self.cancelled():
                    self.was_cancelled = True
                    return
                cursor = recent[-1] if recent else None
                try:
                    if pending is not None and pending.cursor == cursor:
                        answer, ahead = pending.result()
                        self.ahead += 1
                    elif cursor is None:  # the first page, here: there is nothing to guess from before it
                        answer, ahead = self._get(self._query(None)), None
                    else:  # on the fetch thread, which then sends the page after it on its own
                        self._fetcher = self._fetcher or ThreadPoolExecutor(1, thread_name_prefix="stripe-fetch")
                        answer, ahead = self._fetcher.submit(self._fetch, cursor, None).result()
                except _CancelledError:
                    self.was_cancelled = True
                    return
                pending = ahead
                if answer is None:  # the cursor is gone
                    pending = _discard(pending)
                    recent.pop()
                    if not recent:
                        raise translate(RuntimeError("lost the list position"))
                    continue
                page = self._parse(answer) if isinstance(answer, tuple) else answer
                data = _list_data(page, self.path)
                self.pages += 1
                more = bool(page.get("has_more")) and bool(data)
                if pending is not None:
                    pending.confirm(right=more and pending.cursor == data[-1]["id"])
                    if not pending.confirmed:
                        self.discarded += 1
                        pending = _discard(pending)
                yield data
                if not more:
                    self.complete = True
                    return
                recent = [o["id"] for o in data]
                if not self._prefix and "_" in recent[-1]:
                    self._prefix = recent[-1][: recent[-1].index("_") + 1].encode()
        finally:
            self._closing = True
            _discard(pending)  # the caller stopped early: let a guessed request finish, unread
            if self._fetcher is not None:
                self._fetcher.shutdown()

    def _fetch(self, cursor: str, guessed: _Ahead | None) -> tuple[Body | dict[str, Any] | None, _Ahead | None]:
        """On the fetch thread: one page, then at once the request for the page after it, on the cursor read
        from this page's bytes (no thread to wake between two requests). Only from a page whose own cursor the
        caller has confirmed, so a wrong guess costs one request, not a chain of them."""
        answer = self._get(self._query(cursor))
        if not isinstance(answer, tuple) or not self._prefix or (guessed is not None and not guessed.wait()):
            return answer, None
        guess = _next_cursor(answer[0], self._prefix) if not (self.cancelled() or self._closing) else None
        if guess is None or self._fetcher is None:
            return answer, None
        ahead = _Ahead(guess)
        ahead.future = self._fetcher.submit(self._fetch, guess, ahead)  # runs after this returns: one thread
        return answer, ahead

    def _query(self, cursor: str | None) -> dict[str, Any]:
        query = dict(self.params, limit=PAGE_SIZE)
        if cursor:
            query["starting_after"] = cursor
        return query

    def _get(self, query: dict[str, Any]) -> Body | dict[str, Any] | None:
        import stripe

        waits = 0
        while True:
            try:
                return _get_page(self.client, self.path, query, self.stripe_account)
            except stripe.RateLimitError as exc:
                waits += 1
                self.rate_limited += 1
                if waits > MAX_RATE_WAITS or _header(exc, "stripe-should-retry") == "false":
                    raise translate(exc) from None
                delay = _retry_after(exc)
                log.info("stripe rate limit on %s: waiting %.1f s", self.path, delay)
                if not self._wait(delay):
                    raise _CancelledError from None
            except stripe.InvalidRequestError as exc:
                if getattr(exc, "code", None) == "resource_missing" and getattr(exc, "param", None) == (
                    "starting_after"
                ):
                    return None
                raise translate(exc) from None
            except stripe.StripeError as exc:
                raise translate(exc) from None

    def _parse(self, answer: Body) -> dict[str, Any]:
        """A 2xx body with orjson (a fifth of `json.loads`); one orjson refuses goes to stripe-python, which says
        what is wrong with it."""
        import stripe

        body, code, headers = answer
        try:
            return orjson.loads(body)  # type: ignore[no-any-return]
        except orjson.JSONDecodeError:
            pass
        try:
            return self.client._requestor._interpret_response(body, code, headers, "V1").data  # type: ignore[no-any-return]
        except stripe.StripeError as exc:
            raise translate(exc) from None

    def _wait(self, seconds: float) -> bool:
        """Sleep in small steps so Cancel is honoured at once; False if cancelled."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if self.cancelled() or self._closing:
                return False
            self.sleep(min(left, 0.1))
        return not (self.cancelled() or self._closing)


def _get_page(client: Any, path: str, query: dict[str, Any], stripe_account: str | None) -> Body | dict[str, Any]:
    """One list page: a 2xx answer unparsed (the caller guesses the next cursor from its bytes, then parses it), or
    plain dicts. `StripeClient.raw_request` is `request_raw` (auth, headers, retries) followed by
    `_interpret_response`, which parses the body with an `OrderedDict` hook in Python: five times the cost of
    `json.loads`, and most of a sync's CPU. Any other answer goes through stripe-python's own interpretation, so
    errors keep their types and messages. Falls back to `raw_request` should a later stripe-python rename its
    requestor (tests/test_connect_sync.py notices)."""
    options: dict[str, Any] = {"stripe_account": stripe_account} if stripe_account else {}
    requestor = getattr(client, "_requestor", None)
    if not hasattr(requestor, "request_raw") or not hasattr(requestor, "_interpret_response"):
        return client.raw_request("get", path, **query, **options).data  # type: ignore[no-any-return]
    body, code, headers = requestor.request_raw(  # type: ignore[union-attr]
        "get", path, params=query, options=options, base_address="api", api_mode="V1", usage=["raw_request"]
    )
    if 200 <= code < 300:
        return body, code, headers
    return requestor._interpret_response(body, code, headers, "V1").data  # type: ignore[no-any-return,union-attr]


def _next_cursor(body: bytes, prefix: bytes) -> str | None:
    """The next page's cursor read from a list's bytes before they are parsed, or None (no more, or unsure).

    A list is `{"object": "list", "data": [...], "has_more": …, "url": …}`: its own `has_more` comes before
    `"data"` or, after the data, is the last one in the body (items may hold lists of their own). Its last item's
    id is the last `"id": "<prefix>…` in the body: nested objects are of other kinds, with other prefixes (an
    account's bank accounts are `ba_`, a fee's expanded charge `ch_`). Only a guess: the parsed page confirms it."""
    if not prefix:
        return None
    first, data = body.find(b'"has_more"'), body.find(b'"data"')
    where = first if first != -1 and (data == -1 or first < data) else body.rfind(b'"has_more"')
    flag = _HAS_MORE.match(body, where) if where != -1 else None
    if flag is None or flag.group(1) != b"true":
        return None
    key = max(body.rfind(b'"id": "' + prefix), body.rfind(b'"id":"' + prefix))
    if key == -1:
        return None
    start = body.index(b'"', body.index(b":", key + 4)) + 1
    end = body.find(b'"', start)
    return body[start:end].decode() if end != -1 and b"\\" not in body[start:end] else None


class _Ahead:
    """A request sent on a guessed cursor, and the caller's verdict on that guess once it has parsed the page."""

    def __init__(self, cursor: str) -> None:
        self.cursor = cursor
        self.future: Future[tuple[Body | dict[str, Any] | None, _Ahead | None]] | None = None
        self.confirmed = False
        self._decided = threading.Event()

    def confirm(self, *, right: bool) -> None:
        self.confirmed = right
        self._decided.set()

    def wait(self) -> bool:
        """On the fetch thread: the verdict (the caller always gives one before it waits for this request)."""
        self._decided.wait()
        return self.confirmed

    def result(self) -> tuple[Body | dict[str, Any] | None, _Ahead | None]:
        assert self.future is not None
        return self.future.result()


def _discard(ahead: _Ahead | None) -> _Ahead | None:
    """Wait for a request whose answer is not wanted, and for any the fetch thread sent after it before it was
    told; their failures are not this page's. Returns None, for `pending = _discard(pending)`."""
    while ahead is not None:
        ahead.confirm(right=False)  # the fetch thread sends nothing further from it
        try:
            ahead = ahead.result()[1]
        except Exception:  # a discarded answer's error is nobody's
            log.debug("a discarded list request failed", exc_info=True)
            ahead = None
    return None


class _CancelledError(Exception):
    """Cancelled while waiting out a rate limit."""


def _list_data(page: Any, path: str) -> list[dict[str, Any]]:
    """A list page's objects. A page of another shape (a tampered or misdirected answer) stops the list here with a
    clear message, instead of a traceback wherever its objects are read."""
    data = page.get("data") if isinstance(page, dict) else ()
    data = [] if data is None else data
    if not isinstance(data, list) or not all(isinstance(o, dict) and isinstance(o.get("id"), str) for o in data):
        from billing_desktop.connect.errors import StripeProblem
        from billing_desktop.errors import msg

        raise StripeProblem(msg("Stripe sent a list page of {path} the app cannot read: it stopped there.", path=path))
    return data


def _header(exc: Exception, name: str) -> str | None:
    headers = getattr(exc, "headers", None) or {}
    return next((str(v) for k, v in headers.items() if k.lower() == name), None)


def _retry_after(exc: Exception) -> float:
    value = _header(exc, "retry-after")
    try:
        return min(max(float(value), 0.0), MAX_RETRY_AFTER) if value is not None else DEFAULT_RETRY_AFTER
    except ValueError:  # an HTTP date: not worth parsing, wait the default
        return DEFAULT_RETRY_AFTER
