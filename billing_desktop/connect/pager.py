"""Page through a Stripe list endpoint with the real StripeClient, politely.

`raw_request` is used rather than the typed `list()`: it goes through the same client (auth, headers, retries,
error types) but leaves the JSON as plain dicts; building StripeObjects costs ~2 ms per account, ten times the
request itself when thousands are listed. Rate limits: stripe-python retries what Stripe marks
`Stripe-Should-Retry: true`; a 429 beyond that is waited out here for its `Retry-After` (bounded), then retried;
one marked `Stripe-Should-Retry: false` is not. A cursor that vanished between two pages (the object was
deleted) is replaced by the one before it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import orjson

from billing_desktop.connect.errors import translate

log = logging.getLogger(__name__)
PAGE_SIZE = 100
MAX_RATE_WAITS = 6
MAX_RETRY_AFTER = 60.0
DEFAULT_RETRY_AFTER = 2.0


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

    def __iter__(self) -> Iterator[list[dict[str, Any]]]:
        recent: list[str] = []  # ids of the last page: fallback cursors if the last one is deleted meanwhile
        while True:
            if self.cancelled():
                self.was_cancelled = True
                return
            query = dict(self.params, limit=PAGE_SIZE)
            if recent:
                query["starting_after"] = recent[-1]
            try:
                answer = self._get(query)
            except _CancelledError:
                self.was_cancelled = True
                return
            if answer is None:  # the cursor is gone
                recent.pop()
                if not recent:
                    raise translate(RuntimeError("lost the list position"))
                continue
            data = answer.get("data") or []
            self.pages += 1
            yield data
            if not answer.get("has_more") or not data:
                self.complete = True
                return
            recent = [o["id"] for o in data]

    def _get(self, query: dict[str, Any]) -> dict[str, Any] | None:
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

    def _wait(self, seconds: float) -> bool:
        """Sleep in small steps so Cancel is honoured at once; False if cancelled."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if self.cancelled():
                return False
            self.sleep(min(left, 0.1))
        return not self.cancelled()


def _get_page(client: Any, path: str, query: dict[str, Any], stripe_account: str | None) -> dict[str, Any]:
    """One list page as plain dicts. `StripeClient.raw_request` is `request_raw` (auth, headers, retries) followed
    by `_interpret_response`, which parses the body with an `OrderedDict` hook in Python: five times the cost of
    `json.loads`, and most of a sync's CPU. A 2xx body is parsed here, with orjson (a fifth of `json.loads`: the
    next page's cursor is in this page, so the parse is on the critical path); any other answer goes through
    stripe-python's own interpretation, so errors keep their types and messages. Falls back to `raw_request`
    should a later stripe-python rename its requestor (tests/test_connect_sync.py notices)."""
    options: dict[str, Any] = {"stripe_account": stripe_account} if stripe_account else {}
    requestor = getattr(client, "_requestor", None)
    if not hasattr(requestor, "request_raw") or not hasattr(requestor, "_interpret_response"):
        return client.raw_request("get", path, **query, **options).data  # type: ignore[no-any-return]
    body, code, headers = requestor.request_raw(  # type: ignore[union-attr]
        "get", path, params=query, options=options, base_address="api", api_mode="V1", usage=["raw_request"]
    )
    if 200 <= code < 300:
        try:
            return orjson.loads(body)  # type: ignore[no-any-return]
        except orjson.JSONDecodeError:
            pass  # stripe-python says what is wrong with it
    return requestor._interpret_response(body, code, headers, "V1").data  # type: ignore[no-any-return,union-attr]


class _CancelledError(Exception):
    """Cancelled while waiting out a rate limit."""


def _header(exc: Exception, name: str) -> str | None:
    headers = getattr(exc, "headers", None) or {}
    return next((str(v) for k, v in headers.items() if k.lower() == name), None)


def _retry_after(exc: Exception) -> float:
    value = _header(exc, "retry-after")
    try:
        return min(max(float(value), 0.0), MAX_RETRY_AFTER) if value is not None else DEFAULT_RETRY_AFTER
    except ValueError:  # an HTTP date: not worth parsing, wait the default
        return DEFAULT_RETRY_AFTER
