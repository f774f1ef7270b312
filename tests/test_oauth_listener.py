"""Hostile input to the loopback listener: it answers, refuses, and never blocks the real callback."""

import socket
import time

import httpx
import pytest

from billing_desktop.services.connect_attempt import ConnectAttempt


@pytest.fixture
def attempt():
    a = ConnectAttempt(0, "/stripe/callback", lambda q: {"code": q.get("code")})
    a.start()
    yield a
    a.listener.close()


def raw(port: int, data: bytes, timeout: float = 5) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def test_other_paths_methods_and_hosts(attempt):
    base = f"http://127.0.0.1:{attempt.port}"
    assert httpx.get(base + "/favicon.ico").status_code == 404
    assert httpx.post(base + "/stripe/callback", data={"state": attempt.state}).status_code == 405
    assert httpx.request("PUT", base + "/stripe/callback").status_code == 405
    foreign = httpx.get(base + f"/stripe/callback?state={attempt.state}&code=x", headers={"Host": "evil.example"})
    assert foreign.status_code == 400
    rebinding = httpx.get(
        base + f"/stripe/callback?state={attempt.state}&code=x", headers={"Host": f"attacker.example:{attempt.port}"}
    )
    assert rebinding.status_code == 400
    assert not attempt.finished
    ok = httpx.get(f"http://localhost:{attempt.port}/stripe/callback?state={attempt.state}&code=real")
    assert ok.status_code == 200 and attempt.wait(2) == {"code": "real"}


def test_oversized_request_line(attempt):
    response = raw(attempt.port, b"GET /stripe/callback?" + b"a" * 70000 + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert status_of(response) == 414
    assert not attempt.finished


def test_long_query_under_the_line_limit(attempt):
    r = httpx.get(f"http://127.0.0.1:{attempt.port}/stripe/callback?state={attempt.state}&junk={'x' * 20000}")
    assert r.status_code == 414 and not attempt.finished


def test_bad_percent_encoding(attempt):
    r = httpx.get(f"http://127.0.0.1:{attempt.port}/stripe/callback?state=%ff%fe&code=%C3%28")
    assert r.status_code == 400 and not attempt.finished


def test_error_description_is_escaped(attempt):
    r = httpx.get(
        f"http://127.0.0.1:{attempt.port}/stripe/callback",
        params={"state": attempt.state, "error": "access_denied", "error_description": "<script>alert(1)</script>"},
    )
    assert "<script>" not in r.text and "&lt;script&gt;" in r.text
    with pytest.raises(Exception, match="access_denied"):
        attempt.wait(2)


def test_a_silent_client_blocks_neither_others_nor_the_timeout(attempt):
    silent = socket.create_connection(("127.0.0.1", attempt.port))  # connects, then says nothing
    try:
        started = time.monotonic()
        r = httpx.get(f"http://127.0.0.1:{attempt.port}/elsewhere", timeout=3)
        assert r.status_code == 404 and time.monotonic() - started < 1.5
        started = time.monotonic()
        with pytest.raises(Exception, match="No answer"):
            attempt.wait(0.5)
        assert time.monotonic() - started < 2.5  # close() does not wait for the silent client
    finally:
        silent.close()


def test_listener_binds_loopback_only(attempt):
    assert attempt.listener._server.server_address[0] == "127.0.0.1"
