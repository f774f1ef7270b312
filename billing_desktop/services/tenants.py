"""Register, list, show, update and deactivate tenants."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from billing_desktop.domain.roles import Perm, Role
from billing_desktop.domain.validation import (
    Mode,
    Tier,
    check_choice,
    check_company_name,
    check_domain,
    check_email,
    check_json_object,
    normalize_email,
    parse_fee,
    raise_if,
)
from billing_desktop.errors import NotFound, ValidationError, msg
from billing_desktop.services import audit
from billing_desktop.services.concurrency import check_version
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize, require_recent_password
from billing_desktop.services.session import UserSession
from billing_desktop.services.tenant_columns import TenantColumns
from billing_desktop.services.tenant_registration import (
    Registration as Registration,  # re-exported: callers import it from here, beside TenantService
)
from billing_desktop.services.tenant_registration import (
    check_email_free,
    check_registration,
    chosen_slug,
    unique_slug,
)
from billing_desktop.store.locking import lock_platform, lock_tenant
from billing_desktop.store.models import StripeAccount, Tenant, User

if TYPE_CHECKING:
    from billing_desktop.services.keys import KeyService, Pending
    from billing_desktop.services.tenant_pages import ListQuery, TenantPage


class TenantRow(NamedTuple):
    """One line of the tenant list: a plain tuple, so 100,000 of them stay cheap to build and to hold."""

    id: int
    company_name: str
    slug: str
    email: str
    tier: str
    mode: str
    active: bool
    stripe: str = "none"  # the connected account's state: none | pending | connected | restricted | disconnected


@dataclass(frozen=True, kw_only=True)
class TenantDetails:
    id: int
    company_name: str
    slug: str
    email: str
    domain: str
    tier: str
    platform_fee_percent: Decimal
    mode: str
    active: bool
    branding: dict[str, Any]
    metadata: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    user_count: int
    version: int = 1  # what an edit of this snapshot passes as expected_version

    def to_json(self) -> dict[str, Any]:
        d = {f.name: getattr(self, f.name) for f in fields(self)}
        d["platform_fee_percent"] = str(self.platform_fee_percent)
        d["created_at"] = self.created_at.isoformat()
        d["updated_at"] = self.updated_at.isoformat()
        return d


TENANT_EDITS = ("tenant.update", "tenant.activate", "tenant.deactivate")
_LIST_COLUMNS = (
    Tenant.id,
    Tenant.company_name,
    Tenant.slug,
    Tenant.email,
    Tenant.tier,
    Tenant.mode,
    Tenant.active,
    StripeAccount.status,
)
TERMS = ("tier", "platform_fee_percent")  # set by the platform's operators; a tenant's own users may not
EDITABLE = ("company_name", "email", "domain", "tier", "platform_fee_percent", "mode", "branding", "metadata")


class TenantService:
    def __init__(self, ctx: AppContext, keys: KeyService | None = None):
        self.ctx = ctx
        self.keys = keys  # a new tenant gets its four keys in the registration transaction
        # Further steps run inside the registration transaction: (session, tenant, actor's session).
        self.on_register: list[Callable[..., None]] = []

    def register(self, session: UserSession, r: Registration) -> TenantDetails:
        c = check_registration(r)
        pw_hash = self.ctx.hasher.hash(r.password)  # slow on purpose: outside the transaction
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.TENANT_REGISTER, None)
            check_email_free(s, c.email)  # before any key is made; checked again in the transaction
        pending = self.keys.prepare() if self.keys else []  # sealed in the registration transaction
        return self._register(session, r, c.email, c.domain, c.fee, pw_hash, pending)

    def _register(
        self,
        session: UserSession,
        r: Registration,
        email: str,
        domain: str,
        fee: Decimal,
        pw_hash: str,
        pending: list[Pending],
    ) -> TenantDetails:
        with self.ctx.db() as s, s.begin():
            lock_platform(s)  # slugs and emails are unique across the platform: registrations take turns
            authorize(s, self.ctx, session, Perm.TENANT_REGISTER, None)
            check_email_free(s, email)
            now = self.ctx.clock()
            t = Tenant(
                company_name=r.company_name.strip(),
                slug=chosen_slug(s, r.slug.strip()) if r.slug.strip() else unique_slug(s, r.company_name),
                email=email,
                domain=domain,
                tier=r.tier,
                platform_fee_percent=fee,
                mode=r.mode,
                active=True,
                branding={},
                metadata_={},
                created_at=now,
                updated_at=now,
            )
            s.add(t)
            s.flush()
            s.add(
                User(
                    tenant_id=t.id,
                    email=email,
                    password_hash=pw_hash,
                    first_name=r.first_name.strip(),
                    last_name=r.last_name.strip(),
                    role=Role.OWNER.value,
                    active=True,
                    failed_attempts=0,
                    created_at=now,
                )
            )
            if self.keys:
                self.keys.attach(s, t.id, pending, session.email, now)
            for hook in self.on_register:
                hook(s, t, session)
            audit.record(s, now, session.email, "tenant.register", t.id, detail=f"slug={t.slug}")
            s.flush()
            return self._details(s, t)

    def list(self, session: UserSession, *, include_inactive: bool = True, limit: int | None = None) -> list[TenantRow]:
        """Ordered by company name; `limit` gives just a first screen (shown while the rest loads)."""
        with self.ctx.db() as s:
            # Plain tuples straight from the cursor: no ORM objects. Tier and mode take a handful of values: one
            # shared string each instead of 200,000 copies.
            intern = sys.intern
            return [
                TenantRow(i, name, slug, email, intern(tier), intern(mode), active, intern(stripe or "none"))
                for i, name, slug, email, tier, mode, active, stripe in s.execute(
                    self._list_query(s, session, include_inactive=include_inactive, limit=limit)
                )
            ]

    def list_columns(self, session: UserSession, *, include_inactive: bool = True) -> TenantColumns:
        """The whole list as columns (the list view's model at any size), in the order of `list`."""
        with self.ctx.db() as s:
            # In chunks from the cursor: all rows at once were 100,000 tuples and Row objects more at the peak.
            query = self._list_query(s, session, include_inactive=include_inactive, limit=None).execution_options(
                yield_per=2000
            )
            return TenantColumns.of(s.execute(query), search=True)

    def _list_query(
        self, s: Session, session: UserSession, *, include_inactive: bool, limit: int | None
    ) -> Select[*tuple[Any, ...]]:
        if session.is_operator:
            authorize(s, self.ctx, session, Perm.TENANT_VIEW, None)
            q = select(*_LIST_COLUMNS).order_by(func.lower(Tenant.company_name), Tenant.id)
        else:
            authorize(s, self.ctx, session, Perm.TENANT_VIEW, session.tenant_id)
            q = select(*_LIST_COLUMNS).where(Tenant.id == session.tenant_id)
        q = q.outerjoin(StripeAccount, StripeAccount.tenant_id == Tenant.id)
        if not include_inactive:
            q = q.where(Tenant.active.is_(True))
        return q if limit is None else q.limit(limit)

    def page(
        self,
        session: UserSession,
        search: str = "",
        after: tuple[Any, ...] | None = None,
        limit: int = 200,
        *,
        descending: bool = False,
        query: ListQuery | None = None,
    ) -> TenantPage:
        """One page of the list in name order (or `query`'s order and filters), optionally searched: how a team
        database's list is read, a screen at a time (services.tenant_pages). Its `after` asks for the next one."""
        from billing_desktop.services import tenant_search
        from billing_desktop.services.tenant_pages import ListQuery, page_query, read_page

        with self.ctx.db() as s:
            lq = query or ListQuery(search=search, descending=descending)
            if session.is_operator and tenant_search.takes_planned_search(s, lq):
                authorize(s, self.ctx, session, Perm.TENANT_VIEW, None)
                return tenant_search.page(s, lq, after, limit)
            if query is not None and query.sort == "attention":
                from billing_desktop.services.tenant_ranked import read_ranked

                return read_ranked(s, lambda q: self._own(s, session, q), query, after, limit)
            q = self._own(s, session, page_query(search, after, limit, descending=descending, query=query))
            return read_page(s, q, limit)

    def count(self, session: UserSession, query: ListQuery, *, cap: int | None = None) -> int:
        """Tenants matching `query`, at most cap + 1 (more than `cap`: say "cap+")."""
        from billing_desktop.services.tenant_pages import count_of, matching_query

        with self.ctx.db() as s:
            return int(s.scalar(count_of(self._own(s, session, matching_query(query)), cap)) or 0)

    def _own(self, s: Session, session: UserSession, q: Select[Any]) -> Select[Any]:
        """Operators see every tenant; a tenant's staff only their own."""
        if session.is_operator:
            authorize(s, self.ctx, session, Perm.TENANT_VIEW, None)
            return q
        authorize(s, self.ctx, session, Perm.TENANT_VIEW, session.tenant_id)
        return q.where(Tenant.id == session.tenant_id)

    def _find(self, s: Session, ref: int | str) -> Tenant:
        t = s.get(Tenant, ref) if isinstance(ref, int) else s.scalar(select(Tenant).where(Tenant.slug == ref))
        if t is None:
            raise NotFound(msg("No tenant {ref!r}.", ref=ref))
        return t

    def _details(self, s: Session, t: Tenant) -> TenantDetails:
        return TenantDetails(
            id=t.id,
            company_name=t.company_name,
            slug=t.slug,
            email=t.email,
            domain=t.domain,
            tier=t.tier,
            platform_fee_percent=t.platform_fee_percent,
            mode=t.mode,
            active=t.active,
            branding=dict(t.branding or {}),
            metadata=dict(t.metadata_ or {}),
            created_at=t.created_at,
            updated_at=t.updated_at,
            user_count=len(t.users),
            version=t.version,
        )

    def resolve(self, session: UserSession, ref: int | str) -> int:
        """Tenant id for an id or slug, as far as this session may know it exists."""
        return self.get(session, ref).id

    def get(self, session: UserSession, ref: int | str) -> TenantDetails:
        with self.ctx.db() as s:
            try:
                t = self._find(s, ref)
            except NotFound:
                if not session.is_operator:
                    authorize(s, self.ctx, session, Perm.TENANT_VIEW, None)  # the same refusal as for another tenant
                raise
            authorize(s, self.ctx, session, Perm.TENANT_VIEW, t.id)
            return self._details(s, t)

    def update(
        self, session: UserSession, ref: int | str, changes: dict[str, Any], expected_version: int | None = None
    ) -> TenantDetails:
        """Apply `changes`. With `expected_version` (the version the form loaded), a tenant changed since is not
        overwritten: Conflict names who changed it and when."""
        clean: dict[str, Any] = {}
        errors: dict[str, str | None] = {k: "This field cannot be changed." for k in set(changes) - set(EDITABLE)}
        if "company_name" in changes:
            clean["company_name"] = str(changes["company_name"]).strip()
            errors["company_name"] = check_company_name(clean["company_name"])
        if "email" in changes:
            clean["email"] = normalize_email(str(changes["email"]))
            errors["email"] = check_email(clean["email"])
        if "domain" in changes:
            clean["domain"] = str(changes["domain"]).strip().lower()
            errors["domain"] = check_domain(clean["domain"])
        if "tier" in changes:
            clean["tier"] = str(changes["tier"])
            errors["tier"] = check_choice(clean["tier"], Tier, "tier")
        if "mode" in changes:
            clean["mode"] = str(changes["mode"])
            errors["mode"] = check_choice(clean["mode"], Mode, "mode")
        if "platform_fee_percent" in changes:
            try:
                clean["platform_fee_percent"] = parse_fee(changes["platform_fee_percent"])
            except ValidationError as exc:
                errors.update(exc.fields)
        for key in ("branding", "metadata"):
            if key in changes:
                errors[key] = check_json_object(changes[key])  # depth and NaN too: it is stored as JSON
                if errors[key] is None:
                    clean[key] = changes[key]
        raise_if(errors)
        tenant_id = self.resolve(session, ref) if not isinstance(ref, int) else ref
        with self.ctx.db() as s, s.begin():
            lock_tenant(s, tenant_id)  # first: two editors of one tenant take turns, the second reads the first's
            t = self._find(s, tenant_id)
            authorize(s, self.ctx, session, Perm.TENANT_EDIT, t.id)
            # A form saves every field: only a changed tier or fee needs the platform's say.
            if any(k in clean and clean[k] != getattr(t, k) for k in TERMS):
                authorize(s, self.ctx, session, Perm.TENANT_TERMS, t.id)
            if clean.get("mode") == Mode.LIVE.value and t.mode != Mode.LIVE.value:
                # Going live moves real money: as sensitive as deactivating, so the password must be recent.
                require_recent_password(self.ctx, session)
            check_version(
                s,
                what=t.company_name,
                current=t.version,
                expected=expected_version,
                actions=TENANT_EDITS,
                tenant_id=t.id,
            )
            if (
                "email" in clean
                and clean["email"] != t.email
                and s.scalar(select(Tenant.id).where(Tenant.email == clean["email"], Tenant.id != t.id))
            ):
                raise ValidationError({"email": msg("A tenant with this email already exists.")})
            changed = []
            for key, value in clean.items():
                attr = "metadata_" if key == "metadata" else key
                if getattr(t, attr) != value:
                    setattr(t, attr, value)
                    changed.append(key)
            if changed:
                t.updated_at = self.ctx.clock()
                t.version += 1
                audit.record(
                    s, t.updated_at, session.email, "tenant.update", t.id, detail="changed: " + ", ".join(changed)
                )
            s.flush()
            return self._details(s, t)

    def set_active(self, session: UserSession, ref: int | str, *, active: bool, reason: str = "") -> TenantDetails:
        tenant_id = self.resolve(session, ref) if not isinstance(ref, int) else ref
        with self.ctx.db() as s, s.begin():
            lock_tenant(s, tenant_id)
            t = self._find(s, tenant_id)
            authorize(s, self.ctx, session, Perm.TENANT_DEACTIVATE, t.id)
            # An owner may deactivate its own tenant; only an operator may bring one back.
            if active and not session.is_operator:
                raise_if({"active": msg("Only a platform operator can reactivate a tenant.")})
            if not active:
                require_recent_password(self.ctx, session)
            if t.active != active:
                t.active = active
                t.updated_at = self.ctx.clock()
                t.version += 1
                audit.record(
                    s,
                    t.updated_at,
                    session.email,
                    "tenant.activate" if active else "tenant.deactivate",
                    t.id,
                    reason=reason,
                )
            s.flush()
            return self._details(s, t)
