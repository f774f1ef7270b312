"""A fake Stripe on 127.0.0.1, written from Stripe's documented request and response shapes:
https://docs.stripe.com/connect/oauth-reference (authorize, token, deauthorize), /v1/accounts, /v1/account_links.

It is a real HTTP server; the app reaches it through the real stripe-python client.
"""

from __future__ import annotations

import json
import secrets
import time
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.support.fake_connect import ConnectStore, fixture
from tests.support.loopback import LoopbackServer


class FakeStripe:
    def __init__(self, secret_key: str = "sk_test_platformKey1234567890", client_id: str = "ca_FakeClient1234567890"):
        self.secret_key, self.client_id = secret_key, client_id
        self.codes: dict[str, dict] = {}  # code -> {"used": bool, "account": id}
        self.accounts: dict[str, dict] = {}
        self.connected: set[str] = set()
        self.revoked: set[str] = set()
        self.requests: list[tuple[str, str, dict]] = []
        self.deny_next = False  # the user clicks "Deny" on the authorize page
        self.expire_next_link = False  # the onboarding link has expired: Stripe sends the browser to refresh_url
        self.fail_with: int | None = None  # answer every API call with this status (e.g. 429)
        self.links_created = 0
        self.link_base: str | None = None  # where Account Links and login links point (default: this server)
        self.connect = ConnectStore(self)  # lists, capabilities, balance, payouts, fees, disputes, login links
        self._server = LoopbackServer(self._handler())
        self.base = self._server.base

    def close(self) -> None:
        self._server.close()

    # -- helpers for tests -------------------------------------------------------------------------------------
    def new_account(self, **overrides) -> dict:
        acct_id = overrides.pop("id", None) or "acct_" + secrets.token_hex(8)
        account = fixture("account")  # Stripe's published example, then what this account needs
        account["business_profile"]["name"] = overrides.pop("name", "Acme Inc")
        account.update(
            {
                "id": acct_id,
                "type": overrides.pop("type", "standard"),
                "email": overrides.pop("email", "owner@acme.example"),
                "country": overrides.pop("country", "US"),
                "charges_enabled": True,
                "payouts_enabled": True,
                "details_submitted": True,
                "livemode": False,
                "created": int(time.time()),
            }
        )
        account["external_accounts"]["url"] = f"/v1/accounts/{acct_id}/external_accounts"
        account["requirements"].update(
            {"currently_due": [], "eventually_due": [], "past_due": [], "disabled_reason": None}
        )
        account.update(overrides)
        self.accounts[acct_id] = account
        return account

    # -- the server --------------------------------------------------------------------------------------------
    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _json(self, status: int, body: dict | bytes, headers: dict | None = None) -> None:
                data = body if isinstance(body, bytes) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", "req_" + secrets.token_hex(7))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _redirect(self, location: str) -> None:
                self.send_response(302)
                self.send_header("Location", location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _form(self) -> dict:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                return {k: v[0] for k, v in parse_qs(raw).items()}

            def _authorized(self) -> bool:
                if self.headers.get("Authorization") == f"Bearer {fake.secret_key}":
                    return True
                self._json(
                    401,
                    {"error": {"type": "invalid_request_error", "message": "Invalid API Key provided: sk_test_****"}},
                )
                return False

            def _connect(self, method: str, path: str, q: dict) -> bool:
                """Answer a Connect-operations endpoint (True), or leave it to the handlers below (False)."""
                store = fake.connect
                arrived = time.monotonic()

                def wait() -> None:  # a fixed latency: the answer leaves `latency` after the request came in
                    if store.latency:
                        time.sleep(max(0.0, store.latency - (time.monotonic() - arrived)))

                if store.rate_limits:
                    wait()
                    retry_after, should_retry = store.rate_limits.pop(0)
                    headers = {
                        k: v for k, v in (("Retry-After", retry_after), ("Stripe-Should-Retry", should_retry)) if v
                    }
                    self._json(
                        429,
                        {
                            "error": {
                                "type": "invalid_request_error",
                                "code": "rate_limit",
                                "message": "Too many requests",
                            }
                        },
                        headers,
                    )
                    return True
                account = self.headers.get("Stripe-Account")
                answer = store.get(path, q, account) if method == "GET" else store.post(path, q)
                if answer is None:
                    wait()
                    return False
                if not self._authorized():
                    return True
                data = json.dumps(answer[1]).encode()
                if store.before_answer:  # the answer is made: a test may act while it is "on the wire"
                    store.before_answer(path, q)
                wait()
                self._json(answer[0], data)
                listed = answer[0] == 200 and answer[1].get("object") == "list"
                if method == "GET" and listed and store.after_list_page:
                    store.after_list_page(path, q)
                return True

            def do_GET(self):
                parts = urlsplit(self.path)
                q = {k: v[0] for k, v in parse_qs(parts.query).items()}
                fake.requests.append(("GET", parts.path, q))
                if parts.path == "/oauth/authorize":
                    # The user approves (or denies) on Stripe's page; Stripe redirects to redirect_uri.
                    if q.get("client_id") != fake.client_id:
                        return self._json(400, {"error": "invalid_client"})
                    if fake.deny_next:
                        fake.deny_next = False
                        return self._redirect(
                            q["redirect_uri"]
                            + "?"
                            + urlencode(
                                {
                                    "error": "access_denied",
                                    "error_description": "The user denied your request",
                                    "state": q.get("state", ""),
                                }
                            )
                        )
                    code = "ac_" + secrets.token_hex(12)
                    fake.codes[code] = {"used": False, "account": None}
                    return self._redirect(
                        q["redirect_uri"]
                        + "?"
                        + urlencode({"scope": q.get("scope", "read_write"), "code": code, "state": q["state"]})
                    )
                if parts.path.startswith("/setup/"):
                    link = fake._links[parts.path]
                    if fake.expire_next_link:
                        fake.expire_next_link = False
                        return self._redirect(link["refresh_url"])
                    account = fake.accounts[link["account"]]
                    account.update({"details_submitted": True, "charges_enabled": True, "payouts_enabled": True})
                    return self._redirect(link["return_url"])
                if parts.path.startswith("/v1/") and self._connect("GET", parts.path, q):
                    return None
                if parts.path.startswith("/v1/accounts/"):
                    if fake.fail_with:
                        return self._json(
                            fake.fail_with,
                            {
                                "error": {
                                    "type": "rate_limit_error" if fake.fail_with == 429 else "api_error",
                                    "message": "Try later",
                                }
                            },
                        )
                    if not self._authorized():
                        return None
                    acct_id = parts.path.rsplit("/", 1)[1]
                    if acct_id in fake.revoked or acct_id not in fake.accounts:
                        return self._json(
                            403,
                            {
                                "error": {
                                    "type": "invalid_request_error",
                                    "code": "account_invalid",
                                    "message": f"The provided key 'sk_test_****' does not have access to account "
                                    f"'{acct_id}' (or that account does not exist). Application access may have "
                                    "been revoked.",
                                }
                            },
                        )
                    return self._json(200, fake.accounts[acct_id])
                return self._json(404, {"error": {"type": "invalid_request_error", "message": "Unrecognized URL"}})

            def do_POST(self):
                parts = urlsplit(self.path)
                form = self._form()
                fake.requests.append(("POST", parts.path, form))
                if parts.path == "/oauth/token":
                    if not self._authorized():
                        return None
                    entry = fake.codes.get(form.get("code", ""))
                    if form.get("grant_type") != "authorization_code" or entry is None:
                        return self._json(
                            400,
                            {
                                "error": "invalid_grant",
                                "error_description": f"Authorization code does not exist: {form.get('code')}",
                            },
                        )
                    if entry["used"]:
                        return self._json(
                            400,
                            {
                                "error": "invalid_grant",
                                "error_description": "This authorization code has already been used. "
                                "All tokens issued with this code have been "
                                "revoked.",
                            },
                        )
                    entry["used"] = True
                    account = fake.new_account()
                    fake.connected.add(account["id"])
                    return self._json(
                        200,
                        {
                            "access_token": "sk_test_access" + secrets.token_hex(12),
                            "livemode": False,
                            "refresh_token": "rt_" + secrets.token_hex(16),
                            "token_type": "bearer",
                            "stripe_publishable_key": "pk_test_" + secrets.token_hex(12),
                            "stripe_user_id": account["id"],
                            "scope": "read_write",
                        },
                    )
                if parts.path == "/oauth/deauthorize":
                    if not self._authorized():
                        return None
                    acct_id = form.get("stripe_user_id", "")
                    if form.get("client_id") != fake.client_id or acct_id not in fake.connected:
                        return self._json(
                            400,
                            {
                                "error": "invalid_client",
                                "error_description": f"This application is not connected to stripe "
                                f"account {acct_id}, or that account does not "
                                "exist.",
                            },
                        )
                    fake.connected.discard(acct_id)
                    return self._json(200, {"stripe_user_id": acct_id})
                if parts.path.startswith("/v1/") and self._connect("POST", parts.path, form):
                    return None
                if parts.path == "/v1/accounts":
                    if not self._authorized():
                        return None
                    account = fake.new_account(
                        type=form.get("type"),
                        email=form.get("email"),
                        country=form.get("country"),
                        charges_enabled=False,
                        payouts_enabled=False,
                        details_submitted=False,
                        requirements={
                            "currently_due": ["external_account"],
                            "past_due": [],
                            "disabled_reason": "requirements.past_due",
                        },
                    )
                    account["requirements"]["disabled_reason"] = None
                    fake.connected.add(account["id"])
                    return self._json(200, account)
                if parts.path == "/v1/account_links":
                    if not self._authorized():
                        return None
                    account = fake.accounts.get(form.get("account", ""), {})
                    if form.get("type") == "account_update" and account.get("type") != "custom":
                        return self._json(
                            400,
                            {
                                "error": {
                                    "type": "invalid_request_error",
                                    "param": "type",
                                    "message": "You cannot create `account_update` type Account Links for "
                                    "accounts that have access to a Stripe-hosted dashboard.",
                                }
                            },
                        )
                    fake.links_created += 1
                    path = f"/setup/e/{form['account']}/{secrets.token_hex(6)}"
                    fake._links[path] = form
                    return self._json(
                        200,
                        {
                            "object": "account_link",
                            "created": int(time.time()),
                            "expires_at": int(time.time()) + 300,
                            "url": (fake.link_base or fake.base) + path,
                        },
                    )
                return self._json(404, {"error": {"type": "invalid_request_error", "message": "Unrecognized URL"}})

        fake._links = {}
        return Handler


def follow(url: str, max_hops: int = 5):
    """A stand-in browser: GET the URL and follow redirects like a browser, returning the last response."""
    import httpx

    with httpx.Client(follow_redirects=True, max_redirects=max_hops, timeout=10) as client:
        return client.get(url)
