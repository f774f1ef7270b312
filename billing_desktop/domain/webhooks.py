"""Webhook rules: event types, URL safety, signing secrets, and the two signature schemes (pure, no I/O)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

EVENT_TYPES = [
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
    "invoice.paid",
    "invoice.payment_failed",
    "payment_intent.succeeded",
    "payment_intent.payment_failed",
    "account.updated",
    "webhook.test",
]
SCHEMES = ("stripe", "standard")
TOLERANCE = 300  # seconds, as stripe-python and Standard Webhooks use
STRIPE_HEADER = "X-Webhook-Signature"
# Cloud metadata services that are not in a private or link-local range.
METADATA_HOSTS = {ipaddress.ip_address("100.100.100.200"), ipaddress.ip_address("fd00:ec2::254")}


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


# -- URLs -----------------------------------------------------------------------------------------------------
def check_url(url: str, mode: str, allow_private: bool, resolve: Callable[[str], Iterable[str]]) -> str | None:
    """A message saying why the URL is refused, or None. `resolve(host)` returns its IP addresses."""
    url = (url or "").strip()
    if not url:
        return "Enter the endpoint URL."
    if len(url) > 2048:
        return "The URL is too long (2048 characters at most)."
    try:
        p = urlsplit(url)
        port = p.port
    except ValueError:
        return "This is not a valid URL."
    if p.scheme not in ("https", "http"):
        return "Use an https:// URL (http:// is allowed in test mode only)."
    if p.scheme == "http" and mode == "live":
        return "Live mode needs an https:// URL."
    if p.username or p.password or "@" in p.netloc:
        return "Remove the user name and password from the URL."
    if p.fragment or url.endswith("#"):
        return "Remove the #fragment: it is never sent to the server."
    if not p.hostname:
        return "The URL has no host name."
    if allow_private and mode == "live":
        return "Private addresses are allowed in test mode only."
    try:
        addresses = [ipaddress.ip_address(a) for a in resolve(p.hostname)]
    except OSError:
        return f"The host name {p.hostname} could not be resolved."
    if not addresses:
        return f"The host name {p.hostname} could not be resolved."
    if not allow_private:
        for a in addresses:
            why = _forbidden(a)
            if why:
                return (
                    f'{p.hostname} resolves to {a}, a {why} address. Tick "allow private addresses" (test '
                    "mode only) to send there."
                )
    del port
    return None


def _forbidden(a: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(a, ipaddress.IPv6Address) and a.ipv4_mapped:
        a = a.ipv4_mapped
    if a in METADATA_HOSTS or a == ipaddress.ip_address("169.254.169.254"):
        return "cloud metadata"
    if a.is_loopback:
        return "loopback"
    if a.is_link_local:
        return "link-local"
    if (
        a.is_private
        or a.is_reserved
        or a.is_unspecified
        or a.is_multicast
        or a in ipaddress.ip_network("100.64.0.0/10")
    ):
        return "private"
    return None


# -- signing ----------------------------------------------------------------------------------------------------
def stripe_signature(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def standard_signature(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def sign(scheme: str, secrets_: list[str], msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """Headers for one delivery: one signature per active secret (overlap during a roll)."""
    if scheme == "stripe":
        v1 = ",".join(f"v1={stripe_signature(s, timestamp, body)}" for s in secrets_)
        return {STRIPE_HEADER: f"t={timestamp},{v1}"}
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(standard_signature(s, msg_id, timestamp, body) for s in secrets_),
    }


# -- verifying ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Check:
    valid: bool
    reason: str  # valid | no_match | too_old | in_future | malformed
    message: str


def _time_check(timestamp: int, now: int, tolerance: int) -> Check | None:
    if timestamp < now - tolerance:
        return Check(
            False,
            "too_old",
            f"The timestamp is {now - timestamp} s old: outside the {tolerance // 60}-minute "
            "tolerance (a replay, or a slow retry signed long ago).",
        )
    if timestamp > now + tolerance:
        return Check(
            False,
            "in_future",
            f"The timestamp is {timestamp - now} s in the future: outside the "
            f"{tolerance // 60}-minute tolerance (check the sender's clock).",
        )
    return None


def verify(headers: dict[str, str], body: bytes, secrets_: list[str], now: int, tolerance: int = TOLERANCE) -> Check:
    """Explain whether `headers` (either scheme, names case-insensitive) sign `body` with one of `secrets_`."""
    h = {k.strip().lower(): v.strip() for k, v in headers.items()}
    if STRIPE_HEADER.lower() in h:
        return _verify_stripe(h[STRIPE_HEADER.lower()], body, secrets_, now, tolerance)
    if "webhook-signature" in h:
        return _verify_standard(h, body, secrets_, now, tolerance)
    return Check(False, "malformed", f"No signature header: expected {STRIPE_HEADER} or webhook-signature.")


def _verify_stripe(value: str, body: bytes, secrets_: list[str], now: int, tolerance: int) -> Check:
    parts = [p.split("=", 1) for p in value.split(",") if p.strip()]
    if any(len(p) != 2 for p in parts):
        return Check(False, "malformed", "The header is not a list of key=value pairs (t=…,v1=…).")
    ts = [v for k, v in parts if k.strip() == "t"]
    sigs = [v.strip() for k, v in parts if k.strip() == "v1"]
    if len(ts) != 1 or not re.fullmatch(r"\d{1,12}", ts[0].strip()):
        return Check(False, "malformed", "The header needs exactly one numeric t= timestamp.")
    if not sigs:
        return Check(False, "malformed", "The header has no v1= signature.")
    timestamp = int(ts[0])
    expected = [stripe_signature(s, timestamp, body) for s in secrets_]
    if not any(hmac.compare_digest(e, g) for e in expected for g in sigs):
        return Check(False, "no_match", "No signature matches: wrong secret, or the body was changed after signing.")
    return _time_check(timestamp, now, tolerance) or Check(True, "valid", "Valid signature.")


def _verify_standard(h: dict[str, str], body: bytes, secrets_: list[str], now: int, tolerance: int) -> Check:
    msg_id, ts = h.get("webhook-id", ""), h.get("webhook-timestamp", "")
    if not msg_id or not re.fullmatch(r"\d{1,12}", ts):
        return Check(
            False, "malformed", "webhook-id and a numeric webhook-timestamp are needed with webhook-signature."
        )
    given = [p.split(",", 1)[1] for p in h["webhook-signature"].split() if p.startswith("v1,")]
    if not given:
        return Check(False, "malformed", "webhook-signature has no v1,<base64> entry.")
    timestamp = int(ts)
    try:
        expected = [standard_signature(s, msg_id, timestamp, body).split(",", 1)[1] for s in secrets_]
    except ValueError:
        return Check(False, "malformed", "The secret is not a whsec_ base64 secret.")
    if not any(hmac.compare_digest(e, g) for e in expected for g in given):
        return Check(False, "no_match", "No signature matches: wrong secret, or the body was changed after signing.")
    return _time_check(timestamp, now, tolerance) or Check(True, "valid", "Valid signature.")


def parse_header_args(values: list[str]) -> dict[str, str]:
    """`Name: value` strings; a bare `t=…,v1=…` value is taken as the Stripe-scheme header."""
    out = {}
    for v in values:
        if ":" in v and not v.lstrip().startswith("t="):
            name, value = v.split(":", 1)
            out[name.strip()] = value.strip()
        else:
            out[STRIPE_HEADER] = v.strip()
    return out
