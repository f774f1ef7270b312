"""Stripe Connect end to end: the real stripe-python client and the real listener against a fake Stripe."""

import socket
import threading
import time

import httpx
import pytest

from billing_desktop.connect.errors import StripeProblem
from billing_desktop.errors import AppError, PermissionDenied, ReauthRequired
from tests.conftest import OPERATOR_PASSWORD, free_port
from tests.support.fake_stripe import follow
from tests.support.vault_helpers import sealed


@pytest.fixture
def platform(services, operator, fake):
    return services.stripe_platform.update(operator, fake.client_id, fake.secret_key, free_port())


def connect(services, session, tenant_id):
    attempt = services.stripe.start_connect(session, tenant_id)
    page = follow(attempt.url)
    return attempt, page, attempt.wait(5)


def test_connect_seals_the_tokens(services, operator, acme, platform, fake, keyring_backend, db_file):
    attempt, page, status = connect(services, operator, acme.id)
    assert page.status_code == 200 and "You can close this window" in page.text
    assert status.state == "connected" and status.account_id.startswith("acct_")
    assert status.business_name == "Acme Inc" and status.scope == "read_write" and status.livemode is False
    authorize = next(q for m, p, q in fake.requests if p == "/oauth/authorize")
    assert authorize["response_type"] == "code" and authorize["scope"] == "read_write"
    assert authorize["client_id"] == fake.client_id and len(authorize["state"]) >= 43
    assert authorize["stripe_user[email]"] == "owner@acme.example"
    assert authorize["stripe_user[business_name]"] == "Acme Inc"
    assert authorize["redirect_uri"] == f"http://127.0.0.1:{platform.port}/stripe/callback"
    tokens = {u: v for u, v in sealed(services).items() if u.startswith("tenant/") and "stripe" in u}
    assert set(tokens) == {
        f"tenant/{acme.id}/stripe-access-token",
        f"tenant/{acme.id}/stripe-refresh-token",
        f"tenant/{acme.id}/stripe-publishable-key",
    }
    blob = b"".join(p.read_bytes() for p in db_file.parent.glob("billing-desktop.sqlite3*"))
    for value in tokens.values():
        assert value.encode() not in blob
    assert not attempt.listener.running


def test_denied(services, operator, acme, platform, fake):
    fake.deny_next = True
    attempt = services.stripe.start_connect(operator, acme.id)
    page = follow(attempt.url)
    assert "The user denied your request" in page.text
    with pytest.raises(AppError, match="The user denied your request"):
        attempt.wait(5)
    assert services.stripe.status(operator, acme.id).state == "disconnected"


def test_wrong_state_then_the_right_one(services, operator, acme, platform, fake):
    attempt = services.stripe.start_connect(operator, acme.id)
    base = f"http://127.0.0.1:{attempt.port}/stripe/callback"
    assert httpx.get(base + "?code=ac_forged&state=wrong").status_code == 403
    assert httpx.get(base + "?code=ac_forged").status_code == 403
    assert not attempt.finished
    follow(attempt.url)
    assert attempt.wait(5).state == "connected"
    assert sum(1 for _, p, _ in fake.requests if p == "/oauth/token") == 1


def test_replayed_callback_exchanges_nothing(services, operator, acme, platform, fake):
    attempt = services.stripe.start_connect(operator, acme.id)
    with httpx.Client(follow_redirects=False) as browser:
        callback = browser.get(attempt.url).headers["location"]
        assert browser.get(callback).status_code == 200
        assert browser.get(callback).status_code == 409  # the listener is still up until wait() returns
    attempt.wait(5)
    assert sum(1 for _, p, _ in fake.requests if p == "/oauth/token") == 1


def test_code_reuse_is_rejected_by_stripe(services, operator, acme, platform, fake):
    first = services.stripe.start_connect(operator, acme.id)
    with httpx.Client(follow_redirects=False) as browser:
        callback = browser.get(first.url).headers["location"]
        browser.get(callback)
    first.wait(5)
    second = services.stripe.start_connect(operator, acme.id)
    code = httpx.URL(callback).params["code"]
    with pytest.raises(AppError, match="already been used"):
        second.submit_url(f"http://127.0.0.1:{second.port}/stripe/callback?code={code}&state={second.state}")
        second.wait(5)


def test_pasted_address_goes_through_the_same_check(services, operator, acme, platform, fake):
    attempt = services.stripe.start_connect(operator, acme.id)
    with httpx.Client(follow_redirects=False) as browser:
        callback = browser.get(attempt.url).headers["location"]
    with pytest.raises(AppError, match="does not belong"):
        attempt.submit_url(callback.replace(attempt.state, "x" * 43))
    with pytest.raises(AppError, match="whole address"):
        attempt.submit_url("not a url")
    attempt.submit_url(callback)
    assert attempt.wait(5).state == "connected"


def test_timeout_closes_the_listener(services, operator, acme, platform):
    attempt = services.stripe.start_connect(operator, acme.id)
    port = attempt.port
    started = time.monotonic()
    with pytest.raises(AppError, match="No answer from the browser"):
        attempt.wait(0.3)
    assert time.monotonic() - started < 2
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/stripe/callback")


def test_cancel(services, operator, acme, platform):
    attempt = services.stripe.start_connect(operator, acme.id)
    threading.Timer(0.1, attempt.cancel).start()
    with pytest.raises(AppError, match="Cancelled"):
        attempt.wait(5)


def test_busy_port_names_the_port_and_the_setting(services, operator, acme, platform):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", platform.port))
        busy.listen()
        with pytest.raises(AppError, match=f"Port {platform.port}.*OAuth listener port"):
            services.stripe.start_connect(operator, acme.id)


def test_revoked_access_found_on_refresh(services, operator, acme, platform, fake, keyring_backend):
    _, _, status = connect(services, operator, acme.id)
    fake.revoked.add(status.account_id)
    after = services.stripe.status(operator, acme.id, refresh=True)
    assert after.state == "disconnected" and "revoked" in after.message
    assert not any(u.startswith("tenant/") and "/stripe-" in u for u in sealed(services))


def test_status_is_cached_and_marked_stale_offline(services, operator, acme, platform, fake, clock):
    connect(services, operator, acme.id)
    fake.close()
    offline = services.stripe.status(operator, acme.id, refresh=True)
    assert offline.state == "connected" and offline.stale and "Could not reach Stripe" in offline.message
    clock.advance(hours=2)
    assert services.stripe.status(operator, acme.id).stale


def test_disconnect(services, operator, acme, platform, fake, keyring_backend, clock):
    _, _, status = connect(services, operator, acme.id)
    clock.advance(minutes=6)
    with pytest.raises(ReauthRequired):
        services.stripe.disconnect(operator, acme.id)
    services.auth.confirm_password(operator, OPERATOR_PASSWORD)
    assert services.stripe.disconnect(operator, acme.id) == f"Disconnected {status.account_id}."
    assert status.account_id not in fake.connected
    assert services.stripe.status(operator, acme.id).state == "disconnected"
    assert not any(u.startswith("tenant/") and "/stripe-" in u for u in sealed(services))


def test_disconnect_when_already_disconnected_in_stripe(services, operator, acme, platform, fake):
    _, _, status = connect(services, operator, acme.id)
    fake.connected.discard(status.account_id)
    assert "no longer connected" in services.stripe.disconnect(operator, acme.id)
    assert services.stripe.status(operator, acme.id).state == "disconnected"


def test_network_failure_on_disconnect_keeps_the_record(services, operator, acme, platform, fake, keyring_backend):
    _, _, status = connect(services, operator, acme.id)
    fake.close()
    with pytest.raises(StripeProblem, match="Could not reach Stripe") as e:
        services.stripe.disconnect(operator, acme.id)
    assert f"the local record of {status.account_id} and its tokens were kept" in str(e.value)
    assert services.stripe.status(operator, acme.id).state == "connected"
    assert any("stripe-access-token" in u for u in sealed(services))


def test_account_links_onboarding_with_an_expired_link(services, operator, acme, platform, fake):
    fake.expire_next_link = True
    attempt = services.stripe.start_onboarding(operator, acme.id, "express")
    page = follow(attempt.url, max_hops=8)  # setup -> refresh (new link) -> setup -> return
    assert page.status_code == 200
    status = attempt.wait(5)
    assert status.state == "connected" and fake.links_created == 2
    created = next(q for m, p, q in fake.requests if (m, p) == ("POST", "/v1/accounts"))
    assert created == {"type": "express", "email": "owner@acme.example", "country": "US"}
    link = next(q for m, p, q in fake.requests if (m, p) == ("POST", "/v1/account_links"))
    assert link["type"] == "account_onboarding" and link["return_url"].startswith("http://127.0.0.1:")


def test_stripe_errors_are_readable(services, operator, acme, platform, fake):
    connect(services, operator, acme.id)
    fake.fail_with = 429
    status = services.stripe.status(operator, acme.id, refresh=True)
    assert "rate-limiting" in status.message and "Stripe request req_" in status.message
    fake.fail_with = None
    fake.secret_key = "sk_test_rotatedElsewhere000000"
    status = services.stripe.status(operator, acme.id, refresh=True)
    assert "rejected the platform secret key" in status.message


def test_roles(services, acme_users, acme, globex, platform):
    for role in ("admin", "developer"):
        services.stripe.status(acme_users[role], acme.id)
        with pytest.raises(PermissionDenied):
            services.stripe.start_connect(acme_users[role], acme.id)
        with pytest.raises(PermissionDenied):
            services.stripe.status(acme_users[role], globex.id)
    attempt = services.stripe.start_connect(acme_users["owner"], acme.id)
    attempt.cancel()
    with pytest.raises(AppError):
        attempt.wait(1)
    with pytest.raises(PermissionDenied):
        services.stripe_platform.get(acme_users["owner"])


def test_platform_settings_validate_and_seal_the_key(services, operator, keyring_backend):
    from billing_desktop.errors import ValidationError

    with pytest.raises(ValidationError) as e:
        services.stripe_platform.update(operator, "nope", "pk_test_x", 80, "http://relay.example/cb")
    assert set(e.value.fields) == {"client_id", "secret_key", "port", "relay_url"}
    p = services.stripe_platform.update(
        operator, "ca_Abcdefgh12345678", "sk_live_" + "a" * 24, 8765, "https://relay.example/stripe"
    )
    assert p.secret_key_masked == "sk_live_****…aaaa" and p.redirect_uri == "https://relay.example/stripe"
    assert sealed(services)["platform/stripe-secret-key"] == "sk_live_" + "a" * 24


def onboard(services, operator, tenant_id, account_type):
    attempt = services.stripe.start_onboarding(operator, tenant_id, account_type)
    assert follow(attempt.url, max_hops=8).status_code == 200
    return attempt, attempt.wait(5)


def test_onboarding_after_a_disconnect_makes_a_new_account(services, operator, acme, platform, fake):
    _, first = onboard(services, operator, acme.id, "express")
    services.auth.confirm_password(operator, OPERATOR_PASSWORD)
    services.stripe.disconnect(operator, acme.id)
    attempt, second = onboard(services, operator, acme.id, "standard")
    assert second.state == "connected" and second.account_id != first.account_id and not attempt.notice
    created = [q for m, p, q in fake.requests if (m, p) == ("POST", "/v1/accounts")]
    assert [c["type"] for c in created] == ["express", "standard"]
    links = [q["account"] for m, p, q in fake.requests if (m, p) == ("POST", "/v1/account_links")]
    assert links[-1] == second.account_id  # the disconnected account is never onboarded again


def test_type_on_an_oauth_connected_tenant_is_not_silently_ignored(services, operator, acme, platform, fake):
    _, _, status = connect(services, operator, acme.id)
    attempt = services.stripe.start_onboarding(operator, acme.id, "standard")
    try:
        assert (
            f"The account type standard is ignored: the tenant already has account {status.account_id}"
            in attempt.notice
        )
        assert "connected with OAuth" in attempt.notice
        assert not [q for m, p, q in fake.requests if (m, p) == ("POST", "/v1/accounts")]
    finally:
        close(attempt)
    quiet = services.stripe.start_onboarding(operator, acme.id, None)  # no --type given: nothing to say
    close(quiet)
    assert quiet.notice == ""


def close(attempt):
    attempt.cancel()
    with pytest.raises(AppError):
        attempt.wait(1)  # the listener closes here


def test_connect_client_ids_may_hold_underscores(services, operator, keyring_backend):
    p = services.stripe_platform.update(operator, "ca_test_holdout", "sk_test_" + "a" * 24)
    assert p.client_id == "ca_test_holdout"


@pytest.mark.parametrize(
    ("url", "trusted"),
    [
        ("https://connect.stripe.com/setup/e/acct_1/abc", True),
        ("https://stripe.com/x", True),
        ("https://connect.stripe.com:443/x", True),
        ("http://connect.stripe.com/x", False),
        ("https://connect.stripe.com:8443/x", False),
        ("https://stripe.com.evil.example/x", False),
        ("https://evilstripe.com/x", False),
        ("https://user:pw@connect.stripe.com/x", False),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("https://connect.stripe.com:99999/x", False),
        ("", False),
    ],
)
def test_only_stripe_links_are_trusted(monkeypatch, url, trusted):
    from billing_desktop.connect.client import trusted_link

    monkeypatch.delenv("BILLING_DESKTOP_STRIPE_API_BASE", raising=False)
    monkeypatch.delenv("BILLING_DESKTOP_STRIPE_CONNECT_BASE", raising=False)
    assert trusted_link(url) is trusted
    monkeypatch.setenv("BILLING_DESKTOP_STRIPE_API_BASE", "http://127.0.0.1:4242")
    assert trusted_link("http://127.0.0.1:4242/setup/x") and not trusted_link("http://127.0.0.1:4243/setup/x")


def test_an_onboarding_that_lost_the_race_says_so_in_the_operators_language(qapp, services, operator, acme, platform):
    """Two onboardings at once: the one that saves second onboards the first one's account and says which account
    it made in vain; the Stripe tab shows that notice translated (the CLI keeps English)."""
    from billing_desktop.services.stripe_onboarding import create_account
    from billing_desktop.ui import i18n

    first, _ = create_account(services.stripe, operator, acme.id, "express", "US", acme.email)
    kept, notice = create_account(services.stripe, operator, acme.id, "express", "US", acme.email)
    assert kept == first and notice.startswith(f"Another onboarding of this tenant saved account {first} first")
    assert i18n.apply("de")
    try:
        german = i18n.text(notice)
    finally:
        i18n.apply("en")
    assert german.startswith(f"Ein anderes Onboarding dieses Mandanten hat zuerst das Konto {first} gespeichert")
