"""A local inbox on 127.0.0.1: receives deliveries and says whether each signature verifies, and why not."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from billing_desktop.domain.webhooks import Check
from billing_desktop.errors import msg

MAX_BODY = 1024 * 1024
MAX_KEPT = 200  # the inbox table shows the newest; older requests are dropped


@dataclass(frozen=True, kw_only=True)
class Received:
    at: datetime
    path: str
    headers: dict[str, str]
    body: bytes
    check: Check


class LocalInbox:
    """Built by WebhookService.open_inbox, which hands it a checker and keeps the secrets to itself."""

    def __init__(
        self, check: Callable[[Mapping[str, str], bytes], Check], on_receive: Callable[[Received], None] | None = None
    ):
        self.check, self.on_receive = check, on_receive
        self.received: deque[Received] = deque(maxlen=MAX_KEPT)  # anything local can post here: bounded
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/webhooks" if self._server else ""

    def start(self) -> str:
        inbox = self

        class Handler(BaseHTTPRequestHandler):
            timeout = 10

            def log_message(self, format: str, *args: object) -> None:  # quiet: the inbox table shows each request
                pass

            def do_POST(self) -> None:
                # Any local process or web page can reach 127.0.0.1: a length that is not a plain size (-1 would
                # read to the end of the stream, whatever its size) is refused, never trusted or crashed on.
                text = (self.headers.get("Content-Length") or "").strip()
                if not text.isdigit() or not text.isascii():
                    self._refuse(400)
                    return
                length = int(text)
                if length > MAX_BODY:
                    self._refuse(413)
                    return
                body = self.rfile.read(length)
                headers = {k: v for k, v in self.headers.items()}
                try:
                    check = inbox.check(headers, body)
                except Exception as exc:  # a locked keyring must not crash the inbox
                    check = Check.failed("error", msg("Could not check: {name}", name=type(exc).__name__))
                item = Received(at=datetime.now(UTC), path=self.path, headers=headers, body=body, check=check)
                inbox.received.append(item)
                if inbox.on_receive:
                    inbox.on_receive(item)
                reply = b'{"received": true}'
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def _refuse(self, status: int) -> None:
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
        return self.url

    def stop(self) -> None:
        server, self._server = self._server, None
        if server:
            server.shutdown()
            server.server_close()
