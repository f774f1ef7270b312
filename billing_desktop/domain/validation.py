"""Input rules for tenants, users and passwords. Each check returns a message or None."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NoReturn

from billing_desktop.domain.states import Mode as Mode  # where it is defined; imported from here too
from billing_desktop.errors import ValidationError, msg

if TYPE_CHECKING:
    from decimal import Decimal  # annotations; parse_fee imports it when called


class Tier(StrEnum):
    FREE = "free"
    PRO = "pro"
    ENTERPRISE = "enterprise"


MIN_PASSWORD_LENGTH = 12
MIN_DISTINCT_CHARACTERS = 4
MAX_PASSWORD_LENGTH = 1024  # argon2 copes, but a megabyte paste is a mistake, not a password
_EMAIL = re.compile(
    r"^[^@\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


# Bidi embeddings, overrides and isolates: they reorder what a terminal or a table shows (U+202A-E, U+2066-9).
_BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def unsafe_char(text: str, *, allow_newlines: bool = False) -> str | None:
    """The first C0/C1 control or bidi control in `text` (tab and newline allowed when asked), or None."""
    for ch in text:
        o = ord(ch)
        if (o < 0x20 or 0x7F <= o <= 0x9F) and not (allow_newlines and ch in "\n\t"):
            return ch
        if ch in _BIDI_CONTROLS:
            return ch
    return None


def check_plain(text: str) -> str | None:
    """Refuse terminal escapes and bidi overrides: stored names are printed in terminals and tables."""
    ch = unsafe_char(text or "")
    if ch is None:
        return None
    return msg("Remove the invisible control character U+{ord_ch:04X}.", ord_ch=ord(ch))


def check_text(text: str, max_length: int) -> str | None:
    """Free text (descriptions, reasons): newlines and tabs allowed, other controls not."""
    if len(text) > max_length:
        return msg("Use at most {max_length} characters.", max_length=max_length)
    ch = unsafe_char(text, allow_newlines=True)
    return None if ch is None else msg("Remove the invisible control character U+{ord_ch:04X}.", ord_ch=ord(ch))


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def check_email(email: str) -> str | None:
    if not email:
        return msg("Enter an email address.")
    if check_plain(email):
        return check_plain(email)
    if len(email) > 254 or not _EMAIL.match(email):
        return msg("Enter a valid email address, like name@example.com.")
    return None


def check_password(password: str, email: str = "") -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return msg("Use at least {min_password_length} characters.", min_password_length=MIN_PASSWORD_LENGTH)
    if len(password) > MAX_PASSWORD_LENGTH:
        return msg("Use at most {max_password_length} characters.", max_password_length=MAX_PASSWORD_LENGTH)
    if len(set(password)) < MIN_DISTINCT_CHARACTERS:  # twelve spaces, "aaaaaaaaaaaa": long, guessed at once
        return msg(
            "Use at least {min_distinct} different characters (not one or two repeated).",
            min_distinct=MIN_DISTINCT_CHARACTERS,
        )
    if email and password.strip().lower() == normalize_email(email):
        return msg("The password must not be your email address.")
    return None


def check_domain(domain: str) -> str | None:
    if domain and not _DOMAIN.match(domain):
        return msg("Enter a domain name like example.com (no scheme, no path).")
    return None


def parse_fee(value: str | Decimal | float | int) -> Decimal:
    """Platform fee percent: 0–100 with at most two decimals."""
    from decimal import Decimal, InvalidOperation  # here: `keys inspect` (timed as a process) imports this module

    try:
        fee = Decimal(str(value).strip() or "0")
    except InvalidOperation:
        raise ValidationError({"platform_fee_percent": msg("Enter a number between 0 and 100.")}) from None
    if not fee.is_finite() or fee < 0 or fee > 100:
        raise ValidationError({"platform_fee_percent": msg("Enter a number between 0 and 100.")})
    if fee != fee.quantize(Decimal("0.01")):
        raise ValidationError({"platform_fee_percent": msg("Use at most two decimals.")})
    return fee.quantize(Decimal("0.01"))


_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$")


def slugify(name: str) -> str:
    """ASCII, lower-case, hyphen-separated; never empty. Non-Latin names are transliterated (Газпром -> gazprom,
    北京 -> bei-jing), so they do not all become `tenant`, `tenant-2`…"""
    from anyascii import anyascii

    parts = []
    for ch in unicodedata.normalize("NFC", name):
        out = ch if ch.isascii() else anyascii(ch)
        # Han characters come back as capitalised syllables ("Bei", "Jing"): one word each keeps slugs readable.
        parts.append(f" {out}" if not ch.isascii() and len(out) > 1 and out[0].isupper() else out)
    ascii_name = "".join(parts)
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:50].strip("-") or "tenant"


def check_slug(slug: str) -> str | None:
    if not slug:
        return msg("Enter a slug.")
    if not _SLUG.match(slug):
        return msg("Use 1-50 lower-case letters, digits and hyphens, not starting or ending with a hyphen.")
    return None


def check_choice(value: str, enum: type[StrEnum], label: str) -> str | None:
    if value not in {m.value for m in enum}:
        return msg("Choose one of: {value} ({label}).", value=", ".join(m.value for m in enum), label=label)
    return None


def check_company_name(name: str) -> str | None:
    if not name.strip():
        return msg("Enter the company name.")
    if len(name) > 200:
        return msg("Use at most 200 characters.")
    return check_plain(name)


def check_person_name(name: str) -> str | None:
    return msg("Use at most 100 characters.") if len(name) > 100 else check_plain(name)


def raise_if(errors: dict[str, str | None]) -> None:
    found = {k: v for k, v in errors.items() if v}
    if found:
        raise ValidationError(found)


# -- JSON objects (tenant branding and metadata) ------------------------------------------------------------------
MAX_JSON_DEPTH = 20
MAX_JSON_LENGTH = 65_536  # compact JSON: room for any branding; a pasted image or dump is stored, audited, loaded


def parse_json_object(text: str | None, field: str) -> dict[str, Any] | None:
    """Text typed for a JSON object field: None when absent, else the object, or a field error (not JSON, not an
    object, NaN/Infinity, nested deeper than MAX_JSON_DEPTH). The CLI and the GUI read it the same way."""
    if text is None:
        return None
    if len(text) > 16 * MAX_JSON_LENGTH:  # not even parsed: far beyond the limit however it is indented
        raise ValidationError({field: msg("Use at most {max_length} characters.", max_length=MAX_JSON_LENGTH)})
    try:
        value: Any = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            {field: msg("Not valid JSON: {msg} (line {lineno}).", msg=exc.msg, lineno=exc.lineno)}
        ) from None
    except RecursionError:
        raise ValidationError(
            {field: msg("Nested too deeply (at most {max_json_depth} levels).", max_json_depth=MAX_JSON_DEPTH)}
        ) from None
    except ValueError as exc:
        raise ValidationError({field: exc.args[0] if exc.args else str(exc)}) from None
    problem = check_json_object(value)
    if problem:
        raise ValidationError({field: problem})
    parsed: dict[str, Any] = value
    return parsed


def check_json_object(value: Any) -> str | None:
    """What the services accept as branding/metadata: an object, finite numbers only, at most MAX_JSON_DEPTH deep
    and MAX_JSON_LENGTH characters as compact JSON."""
    if not isinstance(value, dict):
        return msg('Enter a JSON object, like {"color": "#0a84ff"}.')
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        v, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            return msg("Nested too deeply (at most {max_json_depth} levels).", max_json_depth=MAX_JSON_DEPTH)
        if isinstance(v, float) and not math.isfinite(v):
            return msg("{v} is not a number JSON allows; use a finite number or a string.", v=v)
        if isinstance(v, dict):
            stack.extend((x, depth + 1) for x in v.values())
        elif isinstance(v, list):
            stack.extend((x, depth + 1) for x in v)
    if len(json.dumps(value, separators=(",", ":"), ensure_ascii=False)) > MAX_JSON_LENGTH:
        return msg("Use at most {max_length} characters.", max_length=MAX_JSON_LENGTH)
    return None


def _no_constant(name: str) -> NoReturn:
    raise ValueError(msg("{name} is not a number JSON allows; use a finite number or a string.", name=name))
