"""DNS rebinding: the delivery connects to exactly the address that passed the check (test, resend, retries),
and for HTTPS keeps SNI and certificate checking against the host name."""

import socket
import ssl
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from billing_desktop.services.webhook_delivery import WebhookDeliveryService
from billing_desktop.services.webhooks import WebhookService

PUBLIC = "93.184.216.34"


class RebindingDns:
    """Answers a public address, then 127.0.0.1, then public again...: what a rebinding attacker's DNS does.
    Connections to the public address are refused here (no network in tests); others go through for real."""

    def __init__(self, monkeypatch, host: str):
        self.host, self.calls, self.lookups, self.connects = host, 0, 0, []
        real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection

        def getaddrinfo(name, port, *args, **kwargs):
            if name != host:
                return real_getaddrinfo(name, port, *args, **kwargs)
            self.calls += 1
            self.lookups += 1
            address = PUBLIC if self.calls % 2 else "127.0.0.1"
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port or 0))]

        def create_connection(address, *args, **kwargs):
            self.connects.append(address[0])
            if address[0] == PUBLIC:
                raise ConnectionRefusedError("refused by the test network")
            return real_connect(address, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        monkeypatch.setattr(socket, "create_connection", create_connection)


def test_rebinding_never_reaches_loopback_on_test_resend_or_retry(services, operator, acme, receiver, monkeypatch):
    port = receiver.url.rsplit(":", 1)[1].split("/")[0]
    url = f"http://rebind.example:{port}/hooks"
    dns = RebindingDns(monkeypatch, "rebind.example")
    services.webhooks.save(operator, acme.id, url, ["*"])  # the check sees the public address

    def rearm(_seconds=0.0):  # each delivery's first lookup answers public, any second one loopback
        dns.calls = 0

    dns.lookups = 0
    rearm()
    first = services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_1"}')
    rearm()
    again = services.deliveries.resend(operator, first.id)
    rearm()
    last = services.deliveries.retry_until_delivered(operator, again.id, sleep=rearm)
    assert receiver.requests == []  # nothing ever arrived on loopback
    assert {first.outcome, again.outcome, last.outcome} == {"connect_error"}
    assert last.attempt == again.attempt + 4
    assert dns.connects and set(dns.connects) == {PUBLIC}  # every connection went to the vetted address
    assert dns.lookups == 6  # one lookup per delivery, none by the HTTP client


def test_a_rebinding_answer_at_send_time_is_refused(services, operator, acme, monkeypatch):
    dns = RebindingDns(monkeypatch, "rebind.example")
    services.webhooks.save(operator, acme.id, "https://rebind.example/hooks", ["*"])
    from billing_desktop.errors import ValidationError

    with pytest.raises(ValidationError, match="loopback"):  # the next lookup answers 127.0.0.1
        services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_1"}')
    assert dns.connects == []


# -- HTTPS: connected by address, verified by name --------------------------------------------------------------
def _self_signed(tmp_path, name):
    key, cert = tmp_path / f"{name}.key", tmp_path / f"{name}.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={name}",
            "-addext", f"subjectAltName=DNS:{name}", "-keyout", str(key), "-out", str(cert),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_server(tmp_path):
    cert, key = _self_signed(tmp_path, "hooks.test")
    seen = {}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            seen["host"] = self.headers.get("Host")
            self.send_response(204)
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: seen.__setitem__("sni", name)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], cert, seen
    server.shutdown()
    server.server_close()


def _https_services(services, cert):
    webhooks = WebhookService(services.ctx, resolve=lambda host: ["127.0.0.1"] if host == "hooks.test" else [])
    trusted = ssl.create_default_context(cafile=str(cert))
    return webhooks, WebhookDeliveryService(
        services.ctx, webhooks, lambda: httpx.Client(timeout=5, verify=trusted, trust_env=False)
    )


def test_https_delivery_keeps_sni_and_certificate_checks_on_the_host_name(services, operator, acme, tls_server):
    port, cert, seen = tls_server
    webhooks, deliveries = _https_services(services, cert)
    webhooks.save(operator, acme.id, f"https://hooks.test:{port}/in", ["*"], allow_private=True)
    result = deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_tls"}')
    assert result.ok, result.error
    assert seen == {"sni": "hooks.test", "host": f"hooks.test:{port}"}


def test_https_delivery_refuses_a_certificate_for_another_name(services, operator, acme, tls_server, tmp_path):
    port, _, seen = tls_server
    other, _ = _self_signed(tmp_path, "other.test")  # trusted, but not for hooks.test
    webhooks, deliveries = _https_services(services, other)
    webhooks.save(operator, acme.id, f"https://hooks.test:{port}/in", ["*"], allow_private=True)
    result = deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_tls"}')
    assert not result.ok and result.outcome == "connect_error"
    assert "host" not in seen
