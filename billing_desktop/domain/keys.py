"""Tenant API key format: prefix, 160+ random bits, and a checksum that catches typos offline.

    sk_live_ 3hV0yQ...(27 random base62 chars) Ab12Cd (CRC32 of everything before it, base62, 6 chars)

The checksum covers the prefix too, so a key whose mode or kind was edited by hand fails it, and so does almost
every look-alike (Stripe's own keys included): a random string passes with odds of 1 in 2**32.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from enum import StrEnum
from typing import NamedTuple

from billing_desktop.errors import msg

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
RANDOM_LEN = 27  # 27 * log2(62) = 160.8 bits
CHECK_LEN = 6  # 62**6 > 2**32
BODY_LEN = RANDOM_LEN + CHECK_LEN
MAX_INPUT = 4096  # anything longer is not a key; we say so without scanning it all


class Kind(StrEnum):
    PUBLISHABLE = "publishable"
    SECRET = "secret"


PREFIXES = {
    ("pk", "test"): "pk_test_",
    ("pk", "live"): "pk_live_",
    ("sk", "test"): "sk_test_",
    ("sk", "live"): "sk_live_",
}
_KIND_OF = {"pk": Kind.PUBLISHABLE, "sk": Kind.SECRET}
_CODE_OF = {Kind.PUBLISHABLE: "pk", Kind.SECRET: "sk"}
_OURS = re.compile(r"^(pk|sk)_(test|live)_([0-9A-Za-z]+)$")

# Stripe credential shapes (https://docs.stripe.com/keys): prefix -> what it is.
STRIPE_SHAPES = [
    (re.compile(r"^sk_(live|test)_[0-9A-Za-z]{10,}$"), "Stripe secret API key"),
    (re.compile(r"^pk_(live|test)_[0-9A-Za-z]{10,}$"), "Stripe publishable API key"),
    (re.compile(r"^rk_(live|test)_[0-9A-Za-z]{10,}$"), "Stripe restricted API key"),
    (re.compile(r"^whsec_[0-9A-Za-z+/=]{16,}$"), "Stripe webhook signing secret"),
    (re.compile(r"^acct_[0-9A-Za-z]{8,}$"), "Stripe account ID (not a secret)"),
    (re.compile(r"^ca_[0-9A-Za-z_]{8,}$"), "Stripe Connect client ID (not a secret)"),
]


def _base62(n: int, width: int) -> str:
    out = []
    for _ in range(width):
        n, r = divmod(n, 62)
        out.append(ALPHABET[r])
    return "".join(reversed(out))


def checksum(text: str) -> str:
    return _base62(zlib.crc32(text.encode("ascii")), CHECK_LEN)


def generate(kind: Kind, mode: str) -> str:
    import secrets  # here: inspecting a key (a whole process, timed) never makes one

    head = PREFIXES[(_CODE_OF[Kind(kind)], mode)] + "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LEN))
    return head + checksum(head)


def lookup_hash(key: str) -> str:
    """Plain SHA-256: the keys carry 160 random bits, so no pepper is needed (docs/SECURITY.md)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def mask(key: str) -> str:
    """sk_live_****…last4 for secrets; never more of the body."""
    cut = key.rfind("_", 0, 9)
    prefix = key[: cut + 1] if cut > 0 else key[:3]
    return f"{prefix}****…{key[-4:]}"


class Verdict(NamedTuple):
    """What the text says about itself, with no lookup. (A NamedTuple, built with keywords, not a dataclass:
    `keys inspect`, a process timed as a whole, imports no `dataclasses`.)"""

    text_shown: str  # safe to display: masked, or a note for unprintable input
    well_formed: bool
    problem: str = ""
    checksum_ok: bool | None = None
    kind: str | None = None
    mode: str | None = None
    stripe_shape: str | None = None
    normalized: str | None = None  # the key to look up, when well-formed


def examine(raw: str | None) -> Verdict:
    if raw is None:
        raw = ""
    if len(raw) > MAX_INPUT:
        return _bad(
            f"({len(raw):,} characters)", msg("Too long to be a key ({len_raw:,} characters).", len_raw=len(raw))
        )
    text = raw.strip()
    if not text:
        return _bad("(empty)", msg("Nothing to inspect: paste a key."))
    if "\x00" in text:
        return _bad("(contains NUL bytes)", msg("Contains NUL bytes: not a key (was binary data pasted?)."))
    shown = mask(text) if len(text) > 12 else "(short text)"
    if not text.isascii():
        folded = unicodedata.normalize("NFKC", text)
        if folded.isascii():
            why = msg(
                "Not a key — it contains look-alike characters (for example Cyrillic or full-width letters). "
                "Copy the key again from its source."
            )
        else:
            why = msg(
                "Not a key — it contains non-ASCII characters (look-alikes such as a Cyrillic a for the Latin one?). "
                "Copy the key again from its source."
            )
        return _bad(shown, why)
    if any(c.isspace() for c in text):
        return _bad(shown, msg("Contains spaces or line breaks inside: not a single key."))
    m = _OURS.match(text)
    if m and len(m.group(3)) == BODY_LEN:
        ok = checksum(text[:-CHECK_LEN]) == text[-CHECK_LEN:]
        kind, mode = _KIND_OF[m.group(1)], m.group(2)
        if ok:
            return Verdict(
                text_shown=shown, well_formed=True, checksum_ok=True, kind=kind.value, mode=mode, normalized=text
            )
        stripe = _stripe_shape(text)
        why = msg("Checksum does not match: a typo, a changed character, or not one of our keys.")
        return _bad(shown, _also(why, stripe), checksum_ok=False, kind=kind.value, mode=mode, stripe_shape=stripe)
    stripe = _stripe_shape(text)
    if m:
        why = msg(
            "Wrong length for a Billing Desktop key ({value} characters after the prefix, {body_len} "
            "expected): truncated or extended copy?",
            value=len(m.group(3)),
            body_len=BODY_LEN,
        )
        return _bad(shown, _also(why, stripe), kind=_KIND_OF[m.group(1)].value, mode=m.group(2), stripe_shape=stripe)
    if stripe:
        return _bad(
            shown,
            msg("Not a Billing Desktop key: shaped like a {stripe}.", stripe=stripe),
            mode=_stripe_mode(text),
            stripe_shape=stripe,
        )
    return _bad(shown, msg("Not a key: Billing Desktop keys start with pk_test_, sk_test_, pk_live_ or sk_live_."))


def _bad(
    shown: str,
    problem: str,
    *,
    checksum_ok: bool | None = None,
    kind: str | None = None,
    mode: str | None = None,
    stripe_shape: str | None = None,
) -> Verdict:
    return Verdict(
        text_shown=shown,
        well_formed=False,
        problem=problem,
        checksum_ok=checksum_ok,
        kind=kind,
        mode=mode,
        stripe_shape=stripe_shape,
    )


def _also(why: str, stripe: str | None) -> str:
    return msg("{why} It is shaped like a {stripe}.", why=why, stripe=stripe) if stripe else why


def _stripe_shape(text: str) -> str | None:
    for pattern, what in STRIPE_SHAPES:
        if pattern.match(text):
            return what
    return None


def _stripe_mode(text: str) -> str | None:
    m = re.match(r"^[a-z]{2}_(live|test)_", text)
    return m.group(1) if m else None
