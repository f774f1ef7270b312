"""A real HTTP receiver on 127.0.0.1 that records requests and answers as told."""

from __future__ import annotations

import contextlib
import time
from http.server import BaseHTTPRequestHandler

from tests.support.loopback import LoopbackServer


class Receiver:
    def __init__(self):
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        self.responses: list[tuple[int, dict[str, str], bytes]] = []  # consumed in order; then 200
        self.delay = 0.0
        recv = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                recv.requests.append((self.path, {k: v for k, v in self.headers.items()}, body))
                if recv.delay:
                    time.sleep(recv.delay)
                status, headers, reply = recv.responses.pop(0) if recv.responses else (200, {}, b'{"ok": true}')
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(reply)

        self._server = LoopbackServer(Handler)
        self.url = self._server.base + "/hooks"

    def close(self) -> None:
        self._server.close()
