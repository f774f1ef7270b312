"""What a tenant registration checks before anything is written: the form's fields, and that its email and slug
are free across the platform. TenantService.register (services/tenants.py) runs these, then writes the tenant, its
owner and its keys in one transaction.

Every look-up here is an index look-up, so registering the 100,000th tenant costs what registering the first did."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from billing_desktop.domain.validation import (
    Mode,
    Tier,
    check_choice,
    check_company_name,
    check_domain,
    check_email,
    check_password,
    check_person_name,
    check_slug,
    normalize_email,
    parse_fee,
    raise_if,
    slugify,
)
from billing_desktop.errors import ValidationError, msg
from billing_desktop.store.models import Tenant, User

_SUFFIXES_PER_LOOKUP = 100  # `acme-2` … `acme-101` in one IN (...) on the unique slug index


@dataclass(frozen=True)
class Registration:
    company_name: str
    email: str
    password: str
    _: KW_ONLY  # the rest by name: a registration form has many optional fields
    first_name: str = ""
    last_name: str = ""
    domain: str = ""
    tier: str = Tier.FREE.value
    mode: str = Mode.TEST.value
    platform_fee_percent: str = "0"
    slug: str = ""  # empty: made from the company name


@dataclass(frozen=True)
class CheckedRegistration:
    email: str
    domain: str
    fee: Decimal


def check_registration(r: Registration) -> CheckedRegistration:
    """The form's fields, every error at once (ValidationError names each field)."""
    email = normalize_email(r.email)
    domain = r.domain.strip().lower()
    errors = {
        "company_name": check_company_name(r.company_name),
        "email": check_email(email),
        "password": check_password(r.password, email),
        "first_name": check_person_name(r.first_name),
        "last_name": check_person_name(r.last_name),
        "domain": check_domain(domain),
        "tier": check_choice(r.tier, Tier, "tier"),
        "mode": check_choice(r.mode, Mode, "mode"),
        "slug": check_slug(r.slug.strip()) if r.slug.strip() else None,
    }
    try:
        fee = parse_fee(r.platform_fee_percent)
    except ValidationError as exc:
        errors.update(exc.fields)
        fee = Decimal(0)
    raise_if(errors)
    return CheckedRegistration(email, domain, fee)


def unique_slug(s: Session, name: str) -> str:
    """The company name's slug, or the first free `slug-2`, `slug-3`…: looked up a hundred candidates at a time
    on the slug index (a LIKE 'slug%' scan read every tenant on SQLite, whose LIKE uses no index)."""
    base = slugify(name)
    if s.scalar(select(Tenant.id).where(Tenant.slug == base)) is None:
        return base
    n = 2
    while True:
        candidates = [f"{base}-{k}" for k in range(n, n + _SUFFIXES_PER_LOOKUP)]
        taken = set(s.scalars(select(Tenant.slug).where(Tenant.slug.in_(candidates))))
        free = next((c for c in candidates if c not in taken), None)
        if free is not None:
            return free
        n += _SUFFIXES_PER_LOOKUP


def chosen_slug(s: Session, slug: str) -> str:
    """A slug the operator typed is used as it is, or refused: never silently changed."""
    if s.scalar(select(Tenant.id).where(Tenant.slug == slug)):
        raise ValidationError({"slug": msg("Another tenant has this slug.")})
    return slug


def check_email_free(s: Session, email: str) -> None:
    if s.scalar(select(Tenant.id).where(Tenant.email == email)):
        raise ValidationError({"email": msg("A tenant with this email already exists.")})
    if s.scalar(select(User.id).where(User.email == email)):
        raise ValidationError({"email": msg("A user with this email already exists.")})
