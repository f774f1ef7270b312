"""Webhook rules: event types, URL safety, signing secrets, and the two signature schemes (pure, no I/O)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from billing_desktop.domain.validation import unsafe_char
from billing_desktop.errors import msg

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
# Cloud metadata services: refused even where private addresses are allowed.
# Credential endpoints: instance metadata (AWS/GCP/Azure/OCI, Alibaba), AWS ECS task roles and EKS Pod Identity.
METADATA_HOSTS = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200", "169.254.170.2", "169.254.170.23", "fd00:ec2::23")
)
# IPv6 ranges that carry an IPv4 address inside (a way around IPv4 rules): refused whatever the checkbox says.
IPV4_IN_IPV6 = tuple(
    ipaddress.ip_network(n) for n in ("2002::/16", "64:ff9b::/96", "64:ff9b:1::/48", "2001::/32", "::/96")
)
SHARED_V4 = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT
THIS_NETWORK_V4 = ipaddress.ip_network("0.0.0.0/8")


@dataclass(frozen=True, kw_only=True)
class Target:
    """Where one delivery goes: `connect_url` names the vetted address; Host and TLS use `host`."""

    url: str
    host: str
    address: str
    connect_url: str
    host_header: str


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


# -- URLs -----------------------------------------------------------------------------------------------------
def check_url(url: str, mode: str, resolve: Callable[[str], Iterable[str]], *, allow_private: bool) -> str | None:
    """A message saying why the URL is refused, or None. `resolve(host)` returns its IP addresses."""
    try:
        vet_url(url, mode, resolve, allow_private=allow_private)
    except UrlRefusedError as exc:
        return str(exc)
    return None


class UrlRefusedError(ValueError):
    pass


def vet_url(url: str, mode: str, resolve: Callable[[str], Iterable[str]], *, allow_private: bool) -> Target:
    """Resolve once, check every address, and say which address to connect to. Delivering to `connect_url`
    (never to `url`, which would resolve again) is what stops DNS rebinding. Raises UrlRefusedError."""
    url = (url or "").strip()
    if not url:
        raise UrlRefusedError(msg("Enter the endpoint URL."))
    if len(url) > 2048:
        raise UrlRefusedError(msg("The URL is too long (2048 characters at most)."))
    if unsafe_char(url) or any(ch.isspace() for ch in url):
        raise UrlRefusedError(msg("Remove the spaces and invisible control characters from the URL."))
    try:
        p = urlsplit(url)
        port = p.port
    except ValueError:
        raise UrlRefusedError(msg("This is not a valid URL.")) from None
    if p.scheme not in ("https", "http"):
        raise UrlRefusedError(msg("Use an https:// URL (http:// is allowed in test mode only)."))
    if p.scheme == "http" and mode == "live":
        raise UrlRefusedError(msg("Live mode needs an https:// URL."))
    if p.username or p.password or "@" in p.netloc:
        raise UrlRefusedError(msg("Remove the user name and password from the URL."))
    if p.fragment or url.endswith("#"):
        raise UrlRefusedError(msg("Remove the #fragment: it is never sent to the server."))
    if not p.hostname:
        raise UrlRefusedError(msg("The URL has no host name."))
    host = p.hostname
    try:
        ascii_host = host if host.startswith("[") or ":" in host else host.encode("idna").decode("ascii")
    except UnicodeError:
        raise UrlRefusedError(msg("The host name {host} is not a valid internationalized name.", host=host)) from None
    if allow_private and mode == "live":
        raise UrlRefusedError(msg("Private addresses are allowed in test mode only."))
    try:
        addresses = [ipaddress.ip_address(a) for a in resolve(ascii_host)]
    except (OSError, UnicodeError, ValueError):
        raise UrlRefusedError(msg("The host name {host} could not be resolved.", host=host)) from None
    if not addresses:
        raise UrlRefusedError(msg("The host name {host} could not be resolved.", host=host))
    for a in addresses:  # every answer must pass: the next lookup could return any of them
        why = _forbidden(a, allow_private=allow_private)
        if why:
            hint = "" if why in _ALWAYS else msg(' Tick "allow private addresses" (test mode only) to send there.')
            raise UrlRefusedError(
                msg("{host} resolves to {a}, a {why} address.{hint}", host=host, a=a, why=why, hint=hint)
            )
    address = addresses[0]
    literal = f"[{address}]" if address.version == 6 else str(address)
    netloc = literal if port is None else f"{literal}:{port}"
    connect_url = urlunsplit((p.scheme, netloc, p.path or "/", p.query, ""))
    host_header = ascii_host if port is None else f"{ascii_host}:{port}"
    return Target(url=url, host=ascii_host, address=str(address), connect_url=connect_url, host_header=host_header)


_ALWAYS = ("cloud metadata", "IPv4-in-IPv6", "multicast", "reserved", "unspecified")


def _forbidden(a: ipaddress.IPv4Address | ipaddress.IPv6Address, *, allow_private: bool) -> str | None:
    if isinstance(a, ipaddress.IPv6Address) and a.ipv4_mapped:
        a = a.ipv4_mapped
    if a in METADATA_HOSTS:
        return msg("cloud metadata")
    if a.is_unspecified or a in THIS_NETWORK_V4:
        return msg("unspecified")
    if a.is_multicast:
        return msg("multicast")
    if a.is_loopback:
        return None if allow_private else msg("loopback")
    if isinstance(a, ipaddress.IPv6Address) and any(a in n for n in IPV4_IN_IPV6):
        return msg("IPv4-in-IPv6")
    if a.is_link_local:
        return None if allow_private else msg("link-local")
    if a.is_reserved:
        return msg("reserved")
    if a.is_private or a in SHARED_V4 or (isinstance(a, ipaddress.IPv6Address) and a.is_site_local):
        return None if allow_private else msg("private")
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
@dataclass(frozen=True, kw_only=True)
class Check:
    valid: bool
    reason: str  # valid | no_match | too_old | in_future | malformed | error
    message: str

    @classmethod
    def failed(cls, reason: str, message: str) -> Check:
        return cls(valid=False, reason=reason, message=message)


VALID = Check(valid=True, reason="valid", message=msg("Valid signature."))


def _time_check(timestamp: int, now: int, tolerance: int) -> Check | None:
    if timestamp < now - tolerance:
        return Check.failed(
            "too_old",
            msg(
                "The timestamp is {value} s old: outside the {value2}-minute tolerance (a replay, or a "
                "slow retry signed long ago).",
                value=now - timestamp,
                value2=tolerance // 60,
            ),
        )
    if timestamp > now + tolerance:
        return Check.failed(
            "in_future",
            msg(
                "The timestamp is {value} s in the future: outside the {value2}-minute tolerance (check "
                "the sender's clock).",
                value=timestamp - now,
                value2=tolerance // 60,
            ),
        )
    return None


def verify(headers: Mapping[str, str], body: bytes, secrets_: list[str], now: int, tolerance: int = TOLERANCE) -> Check:
    """Explain whether `headers` (either scheme, names case-insensitive) sign `body` with one of `secrets_`."""
    h = {k.strip().lower(): v.strip() for k, v in headers.items()}
    if "stripe-signature" in h:  # the header name Stripe itself sends: the same t=…,v1=… format
        h.setdefault(STRIPE_HEADER.lower(), h["stripe-signature"])
    if STRIPE_HEADER.lower() in h:
        return _verify_stripe(h[STRIPE_HEADER.lower()], body, secrets_, now, tolerance)
    if "webhook-signature" in h:
        return _verify_standard(h, body, secrets_, now, tolerance)
    return Check.failed(
        "malformed",
        msg("No signature header: expected {stripe_header} or webhook-signature.", stripe_header=STRIPE_HEADER),
    )


def _verify_stripe(value: str, body: bytes, secrets_: list[str], now: int, tolerance: int) -> Check:
    parts = [p.split("=", 1) for p in value.split(",") if p.strip()]
    if any(len(p) != 2 for p in parts):
        return Check.failed("malformed", msg("The header is not a list of key=value pairs (t=…,v1=…)."))
    ts = [v for k, v in parts if k.strip() == "t"]
    sigs = [v.strip() for k, v in parts if k.strip() == "v1"]
    if len(ts) != 1 or not re.fullmatch(r"\d{1,12}", ts[0].strip()):
        return Check.failed("malformed", msg("The header needs exactly one numeric t= timestamp."))
    if not sigs:
        return Check.failed("malformed", msg("The header has no v1= signature."))
    timestamp = int(ts[0])
    expected = [stripe_signature(s, timestamp, body) for s in secrets_]
    if not any(hmac.compare_digest(e, g) for e in expected for g in sigs):
        return Check.failed(
            "no_match", msg("No signature matches: wrong secret, or the body was changed after signing.")
        )
    return _time_check(timestamp, now, tolerance) or VALID


def _verify_standard(h: dict[str, str], body: bytes, secrets_: list[str], now: int, tolerance: int) -> Check:
    msg_id, ts = h.get("webhook-id", ""), h.get("webhook-timestamp", "")
    if not msg_id or not re.fullmatch(r"\d{1,12}", ts):
        return Check.failed(
            "malformed", msg("webhook-id and a numeric webhook-timestamp are needed with webhook-signature.")
        )
    given = [p.split(",", 1)[1] for p in h["webhook-signature"].split() if p.startswith("v1,")]
    if not given:
        return Check.failed("malformed", msg("webhook-signature has no v1,<base64> entry."))
    timestamp = int(ts)
    try:
        expected = [standard_signature(s, msg_id, timestamp, body).split(",", 1)[1] for s in secrets_]
    except ValueError:
        return Check.failed("malformed", msg("The secret is not a whsec_ base64 secret."))
    if not any(hmac.compare_digest(e, g) for e in expected for g in given):
        return Check.failed(
            "no_match", msg("No signature matches: wrong secret, or the body was changed after signing.")
        )
    return _time_check(timestamp, now, tolerance) or VALID


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
