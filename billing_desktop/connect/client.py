"""Every Stripe call goes through a StripeClient made here: httpx transport, overridable base addresses."""

from __future__ import annotations

import functools
import os
import ssl
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import stripe
    from stripe._base_address import BaseAddresses

ENV_API_BASE = "BILLING_DESKTOP_STRIPE_API_BASE"
ENV_CONNECT_BASE = "BILLING_DESKTOP_STRIPE_CONNECT_BASE"
TIMEOUT = 20.0


def base_addresses() -> BaseAddresses:
    out: BaseAddresses = {}
    if os.environ.get(ENV_API_BASE):
        out["api"] = os.environ[ENV_API_BASE].rstrip("/")
    if os.environ.get(ENV_CONNECT_BASE):
        out["connect"] = os.environ[ENV_CONNECT_BASE].rstrip("/")
    return out


def trusted_link(url: str) -> bool:
    """Whether a link in Stripe's answer (an Account Link, a dashboard login link) may be opened or handed on: https
    on stripe.com, or the origin of an overridden base address (a test server, a proxy). Anything else (http, a
    javascript: or file: URL, another host) came from a tampered or misdirected answer."""
    from urllib.parse import urlsplit

    try:
        p = urlsplit(url)
        port = p.port
    except ValueError:
        return False
    host = (p.hostname or "").lower()
    if p.username is not None or p.password is not None or not host:
        return False
    if p.scheme == "https" and port in (None, 443) and (host == "stripe.com" or host.endswith(".stripe.com")):
        return True
    for base in base_addresses().values():
        b = urlsplit(str(base))
        try:
            origin = (b.scheme, (b.hostname or "").lower(), b.port)
        except ValueError:  # a base address with a port that is not a number: nothing matches it
            continue
        if p.scheme in ("http", "https") and (p.scheme, host, port) == origin:
            return True
    return False


def checked_link(url: Any) -> str:
    """The link from Stripe's answer if it is a Stripe address (trusted_link); refused otherwise: never opened, and
    never shown to be copied and sent to an account holder."""
    if not isinstance(url, str) or not trusted_link(url):
        from billing_desktop.connect.errors import StripeProblem
        from billing_desktop.errors import msg

        raise StripeProblem(
            msg(
                "Stripe's answer held a link that is not a stripe.com https address, so it was not opened: check "
                "the network and the Stripe base URL settings."
            ),
            "untrusted_link",
        )
    return url


def connect_base() -> str:
    import stripe

    return base_addresses().get("connect") or stripe.DEFAULT_CONNECT_API_BASE


class StripeClientFactory:
    """Builds a StripeClient per use (never the module-global stripe.api_key). Tests inject their own factory.

    Use it as a context manager: `with factory(key, client_id) as client: ...` closes the HTTP connections."""

    def __call__(self, secret_key: str, client_id: str | None = None, *, retries: int = 0) -> _Closing:
        import stripe

        _format_stripe_logs_only_when_logged()
        # Sync methods in a worker thread. No automatic retries unless asked: for a single action the user sees
        # the failure and decides; bulk reads (sync, lists) ask for a few, which honours Stripe-Should-Retry.
        http_client = _httpx_client_class()(TIMEOUT)
        client = stripe.StripeClient(
            secret_key,
            client_id=client_id,
            http_client=http_client,
            base_addresses=base_addresses(),
            max_network_retries=retries,
        )
        return _Closing(client, http_client)


@functools.cache
def _format_stripe_logs_only_when_logged() -> None:
    """stripe-python formats each log line before it asks whether anyone logs it: for every answer, the whole
    response body for the debug log (decoded, searched for whitespace and repr()'d: ~0.5 ms per 250 KB list page,
    on the thread a sync waits on). Its debug and info lines are still written, in full, when STRIPE_LOG,
    `stripe.log` or the `stripe` logger's level asks for them; otherwise they are not formatted. A stripe-python
    that renamed these helpers is left as it is (tests/test_connect_sync.py notices)."""
    import logging

    from stripe import _api_requestor, _http_client, _util

    console_level: Any = _util._console_log_level  # STRIPE_LOG or stripe.log, read at each call as stripe does

    def gated(original: Any, level: int, console: tuple[str, ...]) -> Any:
        def log(message: str, **params: Any) -> None:
            if console_level() in console or _util.logger.isEnabledFor(level):
                original(message, **params)

        log.__wrapped__ = original  # type: ignore[attr-defined]
        return log

    debug = gated(_util.log_debug, logging.DEBUG, ("debug",))
    info = gated(_util.log_info, logging.INFO, ("debug", "info"))
    for module in (_api_requestor, _http_client, _util):
        if getattr(module, "log_debug", None) is getattr(debug, "__wrapped__", None):
            module.log_debug = debug  # type: ignore[attr-defined]
        if getattr(module, "log_info", None) is getattr(info, "__wrapped__", None):
            module.log_info = info  # type: ignore[attr-defined]


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One verifying TLS context per process, from stripe-python's CA bundle (what HTTPXClient itself builds)."""
    import stripe

    return ssl.create_default_context(cafile=stripe.ca_bundle_path)


@functools.cache
def _httpx_client_class() -> type:
    """Made on first use, so that stripe is imported only when Stripe is called."""
    import stripe

    class HTTPXClient(stripe.HTTPXClient):
        """stripe.HTTPXClient (sync methods allowed) that reuses one TLS context and makes its async client only if
        asked: its own constructor loads the CA bundle for every client (~20-50 ms), and closing an async client that
        was never used still starts an event loop (~10-20 ms); both, for every Stripe call, cost more than a whole
        list page's wait."""

        def __init__(self, timeout: float):
            stripe.HTTPClient.__init__(self)  # verify_ssl_certs=True, no proxy
            import anyio
            import httpx

            self.httpx, self.anyio = httpx, anyio
            self._client = httpx.Client(verify=_tls_context())
            self._timeout = timeout
            self.opened_async: Any = None

        @property
        def _client_async(self) -> Any:  # stripe-python builds streamed sync requests with it; we do not stream
            if self.opened_async is None:
                self.opened_async = self.httpx.AsyncClient(verify=_tls_context())
            return self.opened_async

    return HTTPXClient


class _Closing:
    # http_client is Any: stripe's HTTPXClient.close() carries no annotations.
    def __init__(self, client: stripe.StripeClient, http_client: Any) -> None:
        self.client, self.http_client = client, http_client

    def __enter__(self) -> stripe.StripeClient:
        return self.client

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.http_client.close()
        client_async = getattr(self.http_client, "opened_async", None)
        if client_async is not None:  # made for a streamed call: it holds a transport until closed
            import anyio

            anyio.run(client_async.aclose)
