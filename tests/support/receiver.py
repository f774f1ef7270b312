"""A real HTTP receiver on 127.0.0.1 that records requests and answers as told."""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    def __init__(self):
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        self.responses: list[tuple[int, dict[str, str], bytes]] = []  # consumed in order; then 200
        self.delay = 0.0
        recv = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
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
                try:
                    self.wfile.write(reply)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/hooks"
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
