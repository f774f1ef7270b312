"""Webhook configuration, signing secrets, signed test deliveries (checked by the real verifiers), the log."""

import json
import time
from datetime import timedelta

import pytest
import standardwebhooks
import stripe

from billing_desktop.domain.webhooks import STRIPE_HEADER, check_url, parse_header_args, sign, verify
from billing_desktop.errors import PermissionDenied, ReauthRequired, ValidationError
from tests.conftest import OPERATOR_PASSWORD
from tests.support.vault_helpers import sealed

pytestmark = pytest.mark.both_backends  # store and service behaviour must hold on SQLite and PostgreSQL


def public(host):
    return ["93.184.216.34"]


@pytest.fixture
def configured(services, operator, acme, receiver):
    services.webhooks.save(operator, acme.id, receiver.url, ["*"], "local test", allow_private=True)
    return receiver


@pytest.mark.parametrize(
    "url,mode,allow,expected",
    [
        ("https://hooks.example.com/x", "live", False, None),
        ("http://hooks.example.com/x", "test", False, None),
        ("http://hooks.example.com/x", "live", False, "Live mode needs an https"),
        ("ftp://hooks.example.com/x", "test", False, "Use an https://"),
        ("https://user:pw@hooks.example.com/x", "test", False, "user name and password"),
        ("https://hooks.example.com/x#frag", "test", False, "#fragment"),
        ("javascript:alert(1)", "test", False, "Use an https://"),
        ("https://[::1", "test", False, "not a valid URL"),
        ("", "test", False, "Enter the endpoint URL"),
    ],
)
def test_url_rules(url, mode, allow, expected):
    problem = check_url(url, mode, public, allow_private=allow)
    assert (problem is None) if expected is None else (expected in problem)


@pytest.mark.parametrize(
    "address,kind",
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("fe80::1", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("fd12:3456::1", "private"),
        ("100.64.0.1", "private"),
    ],
)
def test_private_addresses_are_refused_unless_allowed_in_test_mode(address, kind):
    problem = check_url("https://rebind.example/x", "test", lambda h: ["93.184.216.34", address], allow_private=False)
    assert f"a {kind} address" in problem
    assert check_url("https://rebind.example/x", "test", lambda h: [address], allow_private=True) is None
    assert "test mode only" in check_url("https://rebind.example/x", "live", lambda h: [address], allow_private=True)


@pytest.mark.parametrize(
    "address,kind",
    [
        ("169.254.169.254", "cloud metadata"),
        ("::ffff:169.254.169.254", "cloud metadata"),
        ("100.100.100.200", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("169.254.170.2", "cloud metadata"),  # AWS ECS task role credentials
        ("169.254.170.23", "cloud metadata"),  # AWS EKS Pod Identity credentials
        ("fd00:ec2::23", "cloud metadata"),
        ("0.0.0.0", "unspecified"),
        ("0.1.2.3", "unspecified"),
        ("::", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("2002:7f00:1::", "IPv4-in-IPv6"),  # 6to4 around 127.0.0.1
        ("2002:a9fe:a9fe::", "IPv4-in-IPv6"),  # 6to4 around 169.254.169.254
        ("64:ff9b::7f00:1", "IPv4-in-IPv6"),  # NAT64
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "IPv4-in-IPv6"),  # Teredo
        ("::127.0.0.1", "IPv4-in-IPv6"),  # IPv4-compatible
    ],
)
def test_metadata_hidden_and_special_addresses_are_refused_even_when_private_is_allowed(address, kind):
    for allow in (False, True):
        problem = check_url("https://rebind.example/x", "test", lambda h: [address], allow_private=allow)
        assert problem is not None and f"a {kind} address" in problem
        assert "allow private" not in problem  # the checkbox would not help: do not suggest it


def test_first_save_seals_a_secret(services, operator, acme, configured, keyring_backend):
    config = services.webhooks.get(operator, acme.id)
    assert config.url == configured.url and config.event_types == ["*"] and len(config.secrets) == 1
    secret = services.webhooks.reveal_secret(operator, acme.id)
    assert secret.startswith("whsec_") and len(secret) == len("whsec_") + 44
    assert config.secrets[0].masked == f"whsec_****…{secret[-4:]}"
    assert secret in sealed(services).values()


def test_test_delivery_is_signed_over_the_exact_bytes_sent(services, operator, acme, configured):
    payload = services.deliveries.sample_payload(operator, acme.id, "invoice.paid")
    event = json.loads(payload)
    assert event["id"].startswith("evt_test_") and event["tenant"] == "acme-inc" and event["livemode"] is False
    result = services.deliveries.send_test(operator, acme.id, "invoice.paid", payload)
    assert result.ok and result.status_code == 200 and result.latency_ms is not None
    _, headers, body = configured.requests[0]
    assert body == payload.encode()
    assert headers["User-Agent"].startswith("BillingDesktop/")
    secret = services.webhooks.reveal_secret(operator, acme.id)
    assert stripe.WebhookSignature.verify_header(body.decode(), headers[STRIPE_HEADER], secret, 300)
    assert result.request_headers[STRIPE_HEADER] == headers[STRIPE_HEADER]


def test_standard_scheme_verifies_with_standardwebhooks(services, operator, acme, configured):
    services.webhooks.save(
        operator, acme.id, configured.url, ["invoice.paid"], "", enabled=True, scheme="standard", allow_private=True
    )
    payload = services.deliveries.sample_payload(operator, acme.id, "invoice.paid")
    assert services.deliveries.send_test(operator, acme.id, "invoice.paid", payload).ok
    _, headers, body = configured.requests[-1]
    secret = services.webhooks.reveal_secret(operator, acme.id)
    lower = {k.lower(): v for k, v in headers.items()}
    assert standardwebhooks.Webhook(secret).verify(body, lower)["type"] == "invoice.paid"


def test_roll_with_overlap_signs_with_both_secrets(services, operator, acme, configured, clock):
    old = services.webhooks.reveal_secret(operator, acme.id)
    config = services.webhooks.roll_secret(operator, acme.id, "1h")
    assert len(config.secrets) == 2
    new = services.webhooks.reveal_secret(operator, acme.id, config.secrets[0].id)
    assert new != old
    services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_1"}')
    _, headers, body = configured.requests[-1]
    assert headers[STRIPE_HEADER].count("v1=") == 2
    for secret in (old, new):
        assert stripe.WebhookSignature.verify_header(body.decode(), headers[STRIPE_HEADER], secret, 300)
    clock.advance(hours=1, seconds=1)
    assert len(services.webhooks.get(operator, acme.id).secrets) == 1
    services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_2"}')
    assert configured.requests[-1][1][STRIPE_HEADER].count("v1=") == 1


def test_rolling_again_during_an_overlap_stops_the_older_secret_at_once(
    services, operator, acme, configured, clock, keyring_backend
):
    """At most two valid secrets: a secret rolled away twice stops at once and its sealed value is deleted; the
    one just replaced gets exactly the overlap chosen now, even when an earlier roll chose a longer one."""
    first = services.webhooks.reveal_secret(operator, acme.id)
    services.webhooks.roll_secret(operator, acme.id, "24h")
    second = services.webhooks.reveal_secret(operator, acme.id)
    clock.advance(minutes=5)
    config = services.webhooks.roll_secret(operator, acme.id, "1h")
    third = services.webhooks.reveal_secret(operator, acme.id)
    assert [s.expires_at for s in config.secrets] == [None, clock() + timedelta(hours=1)]
    assert first not in sealed(services).values()
    services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_3"}')
    _, headers, body = configured.requests[-1]
    assert headers[STRIPE_HEADER].count("v1=") == 2
    for secret in (second, third):
        assert stripe.WebhookSignature.verify_header(body.decode(), headers[STRIPE_HEADER], secret, 300)
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.WebhookSignature.verify_header(body.decode(), headers[STRIPE_HEADER], first, 300)
    signed_by_first = sign("stripe", [first], "msg_1", int(time.time()), body)
    assert services.webhooks.verify(operator, acme.id, signed_by_first, body).reason == "no_match"
    assert services.webhooks.verify(
        operator, acme.id, sign("stripe", [second], "msg_1", int(time.time()), body), body
    ).valid
    for _ in range(3):
        config = services.webhooks.roll_secret(operator, acme.id, "24h")
    assert len(config.secrets) == 2
    assert sum(secret in sealed(services).values() for secret in (first, second, third)) == 0


def test_roll_without_overlap_deletes_the_old_secret(services, operator, acme, configured, keyring_backend):
    old = services.webhooks.reveal_secret(operator, acme.id)
    services.webhooks.roll_secret(operator, acme.id, "none")
    assert old not in sealed(services).values()
    assert len(services.webhooks.get(operator, acme.id).secrets) == 1


def test_failures_are_logged_with_their_class(services, operator, acme, configured):
    configured.responses = [(302, {"Location": "https://elsewhere.example/"}, b""), (500, {}, b"x" * 10000)]
    redirect = services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_r"}')
    assert redirect.outcome == "redirect" and "https://elsewhere.example/" in redirect.error
    failed = services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_f"}')
    assert failed.outcome == "http_error" and failed.status_code == 500 and len(failed.response_excerpt) == 4096
    configured.close()
    refused = services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_c"}')
    assert refused.outcome == "connect_error"
    log = services.deliveries.list(operator, acme.id)
    assert [d.outcome for d in log] == ["connect_error", "http_error", "redirect"]
    assert [d.event_id for d in services.deliveries.list(operator, acme.id, outcome="http_error")] == ["evt_f"]
    for d in log:
        assert "whsec_" not in json.dumps(d.request_headers)


def test_bad_payload_is_refused_on_its_field(services, operator, acme, configured):
    with pytest.raises(ValidationError) as e:
        services.deliveries.send_test(operator, acme.id, "webhook.test", "{not json")
    assert "line 1" in e.value.fields["payload"]
    assert configured.requests == []


def test_retries_with_backoff_honouring_retry_after_and_cancel(services, operator, acme, configured):
    configured.responses = [(503, {"Retry-After": "1"}, b""), (503, {}, b""), (200, {}, b"ok")]
    first = services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_retry"}')
    waits = []
    final = services.deliveries.retry_until_delivered(
        operator, first.id, sleep=lambda s: waits.append(s) or None, progress=lambda n, text: waits.append(text)
    )
    assert final.ok and final.attempt == 3
    assert "Attempt 2 in 1 s" in waits and "Attempt 3 in 30 s" in waits
    configured.responses = [(503, {}, b"")]
    failed = services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_cancel"}')
    stopped = services.deliveries.retry_until_delivered(
        operator, failed.id, sleep=lambda s: None, cancelled=lambda: True
    )
    assert stopped.id == failed.id and not stopped.ok


def test_remove_needs_password_and_deletes_the_secret(services, operator, acme, configured, clock, keyring_backend):
    secret = services.webhooks.reveal_secret(operator, acme.id)
    clock.advance(minutes=6)
    with pytest.raises(ReauthRequired):
        services.webhooks.remove(operator, acme.id)
    services.auth.confirm_password(operator, OPERATOR_PASSWORD)
    services.webhooks.remove(operator, acme.id)
    assert services.webhooks.get(operator, acme.id) is None
    assert secret not in sealed(services).values()


def test_roles(services, acme_users, acme, globex, configured):
    admin, dev = acme_users["admin"], acme_users["developer"]
    services.webhooks.save(
        admin, acme.id, configured.url, ["invoice.paid"], "", enabled=True, scheme="stripe", allow_private=True
    )
    assert services.deliveries.send_test(admin, acme.id, "invoice.paid", '{"id": "e"}').ok
    assert services.webhooks.get(dev, acme.id).url == configured.url
    with pytest.raises(PermissionDenied):
        services.webhooks.save(
            dev, acme.id, configured.url, ["*"], "", enabled=True, scheme="stripe", allow_private=True
        )
    with pytest.raises(PermissionDenied):
        services.webhooks.reveal_secret(dev, acme.id)
    with pytest.raises(PermissionDenied):
        services.webhooks.get(admin, globex.id)


def test_local_inbox_verifies_and_explains(services, operator, acme, receiver):
    inbox = services.webhooks.open_inbox(operator, acme.id)
    url = inbox.url
    try:
        services.webhooks.save(operator, acme.id, url, ["*"], "", enabled=True, scheme="stripe", allow_private=True)
        services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_inbox"}')
        assert inbox.received[-1].check.valid
        import httpx

        httpx.post(url, content=b'{"id": "x"}', headers={STRIPE_HEADER: "t=1,v1=abc"})
        assert inbox.received[-1].check.reason == "no_match"
    finally:
        inbox.stop()


def test_verify_and_inbox_need_a_session_allowed_for_the_tenant(services, acme_users, acme, globex, receiver):
    """The service checks the signature with the tenant's secrets; a front end never sees them or checks roles."""
    admin, dev = acme_users["admin"], acme_users["developer"]
    services.webhooks.save(admin, acme.id, receiver.url, ["*"], "", enabled=True, scheme="stripe", allow_private=True)
    secret = services.webhooks.reveal_secret(admin, acme.id)
    body = b'{"id": "evt_1"}'
    headers = sign("stripe", [secret], "msg", int(time.time()), body)
    assert services.webhooks.verify(dev, acme.id, headers, body).valid
    assert services.webhooks.verify(dev, acme.id, headers, body + b" ").reason == "no_match"
    with pytest.raises(PermissionDenied):
        services.webhooks.verify(admin, globex.id, headers, body)
    with pytest.raises(PermissionDenied):
        services.webhooks.open_inbox(admin, globex.id)
    assert not any(hasattr(services.webhooks, name) for name in ("active_secrets", "endpoint"))


def test_verifier_explains_each_case():
    from billing_desktop.domain.webhooks import new_secret, sign

    secret, body, now = new_secret(), b'{"id": "evt"}', int(time.time())
    good = sign("stripe", [secret], "msg", now, body)
    assert verify(good, body, [secret], now).reason == "valid"
    assert verify(good, body + b" ", [secret], now).reason == "no_match"
    assert verify(good, body, [new_secret()], now).reason == "no_match"
    old = sign("stripe", [secret], "msg", now - 301, body)
    assert verify(old, body, [secret], now).message.startswith("The timestamp is 301 s old")
    future = sign("standard", [secret], "msg", now + 600, body)
    assert verify(future, body, [secret], now).reason == "in_future"
    for header in ("garbage", "t=abc,v1=00", "t=1", "v1=00"):
        assert verify({STRIPE_HEADER: header}, body, [secret], now).reason == "malformed", header
    assert verify({}, body, [secret], now).reason == "malformed"
    assert parse_header_args(["t=1,v1=ab"]) == {STRIPE_HEADER: "t=1,v1=ab"}
    assert parse_header_args(["webhook-id: msg_1"]) == {"webhook-id": "msg_1"}


def test_rolling_a_secret_needs_a_recent_password_and_overlaps_24_hours_by_default(
    services, operator, acme, configured, clock
):
    clock.advance(minutes=10)
    with pytest.raises(ReauthRequired):
        services.webhooks.roll_secret(operator, acme.id)
    assert len(services.webhooks.get(operator, acme.id).secrets) == 1  # nothing rolled
    services.auth.confirm_password(operator, OPERATOR_PASSWORD)
    config = services.webhooks.roll_secret(operator, acme.id)
    old = [s for s in config.secrets if s.expires_at is not None]
    assert len(config.secrets) == 2 and old[0].expires_at - clock() == timedelta(hours=24)


def test_every_attempt_of_one_message_keeps_its_webhook_id(services, operator, acme, configured):
    """Standard Webhooks: receivers de-duplicate on webhook-id, so a resend or retry must reuse it."""
    services.webhooks.save(
        operator, acme.id, configured.url, ["*"], "", enabled=True, scheme="standard", allow_private=True
    )
    configured.responses = [(500, {}, b"")]
    first = services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_same"}')
    again = services.deliveries.resend(operator, first.id)
    assert not first.ok and again.ok
    ids = [headers["webhook-id"] for _, headers, _ in configured.requests]
    assert len(ids) == 2 and ids[0] == ids[1]
    other = services.deliveries.send_test(operator, acme.id, "webhook.test", '{"id": "evt_other"}')
    assert other.request_headers["webhook-id"] != ids[0]  # a new message gets a new id
