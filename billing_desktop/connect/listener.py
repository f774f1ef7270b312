"""A one-shot HTTP listener on 127.0.0.1 that receives the browser's return from Stripe.

It owns the HTTP mechanics and the guards that need no knowledge of OAuth: loopback only, GET only, a Host
header naming loopback (DNS-rebinding guard), a per-connection timeout so a silent client cannot hold it, and
strict percent-decoding. What a valid request means is decided by the `route` callable it is given.
"""

from __future__ import annotations

import errno
import html
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from billing_desktop.errors import AppError, msg

log = logging.getLogger(__name__)
MAX_QUERY = 8192


@dataclass(kw_only=True)
class Reply:
    status: int
    title: str
    message: str
    location: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


Route = Callable[[str, dict[str, str]], Reply]  # (path, query) -> reply


def page(title: str, message: str) -> bytes:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>" + html.escape(title) + "</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:36em;margin:4em auto;padding:0 1em}</style></head>"
        "<body><h1>" + html.escape(title) + "</h1><p>" + html.escape(message) + "</p></body></html>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    server_version = "BillingDesktop"
    sys_version = ""
    timeout = 10  # seconds a connection may stay silent before it is dropped
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt: str, *args: object) -> None:  # never log query strings: they carry codes and states
        # Also called for a connection that timed out before sending its request line (no command yet).
        log.debug("oauth listener: %s", getattr(self, "command", None) or "no request")

    def _send(self, reply: Reply) -> None:
        body = page(reply.title, reply.message)
        self.send_response(reply.status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Content-Type-Options", "nosniff")
        if reply.location:
            self.send_header("Location", reply.location)
        for k, v in reply.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _not_allowed(self) -> None:
        self._send(
            Reply(
                status=405, title="Method not allowed", message="Only GET is accepted here.", headers={"Allow": "GET"}
            )
        )

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_HEAD = _not_allowed  # noqa: N815

    def do_GET(self) -> None:
        owner: LoopbackListener = self.server.owner  # type: ignore[attr-defined]
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in owner.allowed_hosts:
            self._send(
                Reply(
                    status=400,
                    title="Bad request",
                    message="This address is only for the Billing Desktop app on this computer.",
                )
            )
            return
        parts = urlsplit(self.path)
        if len(parts.query) > MAX_QUERY:
            self._send(Reply(status=414, title="Request too long", message="The address is too long."))
            return
        try:
            raw = parse_qs(
                parts.query, keep_blank_values=True, strict_parsing=False, errors="strict", max_num_fields=50
            )
        except (UnicodeDecodeError, ValueError):
            self._send(
                Reply(status=400, title="Bad request", message="The address could not be read (bad percent-encoding).")
            )
            return
        query = {k: v[0] for k, v in raw.items()}
        try:
            reply = owner.route(parts.path, query)
        except Exception as exc:  # the app's failure must still answer the browser
            log.warning("oauth listener route failed: %s", type(exc).__name__)
            reply = Reply(
                status=500,
                title="Something went wrong",
                message="Billing Desktop could not finish. See the app window.",
            )
        self._send(reply)


class LoopbackListener:
    def __init__(self, port: int, route: Route, host: str = "127.0.0.1"):
        self.port, self.route, self.host = port, route, host
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def allowed_hosts(self) -> set[str]:
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}", "127.0.0.1", "localhost"}

    def start(self, setting_name: str = "OAuth listener port") -> None:
        try:
            server = ThreadingHTTPServer((self.host, self.port), _Handler)
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise AppError(
                    msg(
                        "Port {port} on 127.0.0.1 is already in use (or not allowed). Close the program using it, "
                        "or change the {setting_name} in Platform settings.",
                        port=self.port,
                        setting_name=setting_name,
                    )
                ) from None
            raise AppError(
                msg("Could not listen on 127.0.0.1:{port}: {strerror}.", port=self.port, strerror=exc.strerror)
            ) from None
        server.daemon_threads = True
        server.owner = server_owner = self  # type: ignore[attr-defined]
        del server_owner
        self.port = server.server_address[1]  # port 0 picks a free one (tests)
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="oauth-listener", daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._server is not None
