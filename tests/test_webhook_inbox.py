"""The local inbox listens on 127.0.0.1, where any local process (or a web page's fetch) can reach it: a request
it cannot trust must never make it read without bound, keep without bound, or print a traceback."""

import socket

import pytest

from billing_desktop.domain.webhooks import VALID
from billing_desktop.services.webhook_inbox import MAX_BODY, MAX_KEPT, LocalInbox


@pytest.fixture
def inbox():
    box = LocalInbox(lambda headers, body: VALID)
    box.start()
    yield box
    box.stop()


def _post(inbox, head: bytes, body: bytes = b"") -> bytes:
    port = int(inbox.url.split(":")[2].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
        c.sendall(b"POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\n" + head + b"\r\n" + body)
        c.shutdown(socket.SHUT_WR)
        reply = b""
        while chunk := c.recv(65536):
            reply += chunk
    return reply.split(b"\r\n", 1)[0]


@pytest.mark.parametrize("length", [b"-1", b"abc", b"1e9", b""])
def test_a_content_length_that_is_not_a_size_is_refused(inbox, capfd, length):
    # Headers only, then wait: the refusal must come without reading a body (-1 used to read to the stream's
    # end, however long — here the wait would time out).
    port = int(inbox.url.split(":")[2].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as c:
        c.sendall(b"POST /webhooks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + length + b"\r\n\r\n")
        status = c.recv(65536).split(b"\r\n", 1)[0]
    assert b" 400 " in status
    assert len(inbox.received) == 0
    assert "Traceback" not in capfd.readouterr().err


def test_an_oversized_body_is_refused_and_a_flood_keeps_only_the_newest(inbox):
    assert b" 413 " in _post(inbox, f"Content-Length: {MAX_BODY + 1}\r\n".encode())
    for i in range(MAX_KEPT + 5):
        body = b'{"n": %d}' % i
        assert b" 200 " in _post(inbox, b"Content-Length: %d\r\n" % len(body), body)
    assert len(inbox.received) == MAX_KEPT
    assert inbox.received[-1].body == b'{"n": %d}' % (MAX_KEPT + 4)
