"""One connected account's requirements, capabilities, fix-up link, Express dashboard link, balance and payouts.

Reads go to Stripe (with the `Stripe-Account` header where the object lives on the connected account) and land in
the local cache; when Stripe cannot be reached the cached answer comes back marked stale, with the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from billing_desktop.connect.client import checked_link
from billing_desktop.connect.errors import StripeProblem
from billing_desktop.connect.pager import Pager
from billing_desktop.domain.attention import countdown, from_payout
from billing_desktop.domain.money import format_amount
from billing_desktop.domain.requirements import disabled_words, error_words, payout_failure_words, requirement_words
from billing_desktop.domain.roles import Perm
from billing_desktop.domain.states import ConnectionState
from billing_desktop.errors import AppError, NotFound, ValidationError, msg
from billing_desktop.services import audit
from billing_desktop.services.connect_cache import ObjectKind, load, store_connected
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.services.stripe_connect import STALE_AFTER, StripeConnectService
from billing_desktop.store.models import StripeAccount

log = logging.getLogger(__name__)
GROUPS = ("past_due", "currently_due", "eventually_due", "pending_verification")


@dataclass(frozen=True, kw_only=True)
class Requirement:
    code: str
    words: str
    group: str  # past_due | currently_due | eventually_due | pending_verification | error
    future: bool = False
    error: str = ""


@dataclass(frozen=True, kw_only=True)
class Cached:
    fetched_at: datetime | None
    stale: bool
    message: str = ""


@dataclass(frozen=True, kw_only=True)
class RequirementsView(Cached):
    account_id: str
    account_type: str
    disabled_reason: str | None
    disabled_words: str
    current_deadline: datetime | None
    countdown: str
    future_deadline: datetime | None
    items: list[Requirement] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class Capability:
    name: str
    status: str
    requested: bool
    due: list[Requirement]
    disabled_words: str


@dataclass(frozen=True, kw_only=True)
class CapabilitiesView(Cached):
    items: list[Capability]


@dataclass(frozen=True, kw_only=True)
class Money:
    amount: int
    currency: str
    text: str


@dataclass(frozen=True, kw_only=True)
class BalanceView(Cached):
    available: list[Money]
    pending: list[Money]


@dataclass(frozen=True, kw_only=True)
class Payout:
    id: str
    amount: Money
    status: str
    created: datetime | None
    arrival_date: datetime | None
    failure_code: str | None
    failure_words: str


def payout_fields(o: dict[str, Any]) -> dict[str, Any]:
    """A cached payout object as `Payout`'s fields (the sweep's `PayoutRow` adds its tenant to them)."""
    return {
        "id": o["id"],
        "amount": money(o["amount"], o["currency"]),
        "status": o["status"],
        "created": when(o.get("created")),
        "arrival_date": when(o.get("arrival_date")),
        "failure_code": o.get("failure_code"),
        "failure_words": payout_failure_words(o.get("failure_code"), o.get("failure_message")),
    }


@dataclass(frozen=True, kw_only=True)
class PayoutsView(Cached):
    items: list[Payout]


@dataclass(frozen=True, kw_only=True)
class Link:
    url: str
    kind: str  # account_onboarding | account_update | login_link
    expires_at: datetime | None


def when(ts: int | None) -> datetime | None:
    return datetime.fromtimestamp(ts, UTC) if ts else None


def money(amount: int, currency: str) -> Money:
    return Money(amount=amount, currency=currency, text=format_amount(amount, currency))


def requirement_list(req: dict[str, Any], *, future: bool = False) -> list[Requirement]:
    out: list[Requirement] = []
    seen: set[str] = set()
    for group in GROUPS:
        for code in req.get(group) or []:
            if code not in seen:
                seen.add(code)
                out.append(Requirement(code=code, words=requirement_words(code), group=group, future=future))
    for err in req.get("errors") or []:
        code = err.get("requirement", "")
        out.append(
            Requirement(
                code=code,
                words=requirement_words(code),
                group="error",
                future=future,
                error=error_words(err.get("code"), err.get("reason")),
            )
        )
    return out


class ConnectAccountService:
    def __init__(self, ctx: AppContext, stripe: StripeConnectService):
        self.ctx, self.stripe = ctx, stripe

    # -- plumbing ----------------------------------------------------------------------------------------------
    def _account(self, session: UserSession, tenant_id: int, perm: Perm) -> tuple[str, dict[str, Any], datetime | None]:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, perm, tenant_id)
            acct = s.scalar(select(StripeAccount).where(StripeAccount.tenant_id == tenant_id))
            if acct is None or acct.status == ConnectionState.DISCONNECTED or not acct.stripe_user_id:
                raise NotFound(msg("This tenant has no connected Stripe account."))
            return acct.stripe_user_id, dict(acct.account_json or {}), acct.fetched_at

    def _stale(self, fetched_at: datetime | None) -> bool:
        return fetched_at is None or self.ctx.clock() - fetched_at > STALE_AFTER

    def _online(self, fetch: Callable[[Any], Any]) -> Any:
        with self.stripe.client_factory(self.stripe.platform.secret_key(), retries=2) as client:
            try:
                return fetch(client)
            except StripeProblem:
                raise
            except Exception as exc:
                from billing_desktop.connect.errors import translate

                raise translate(exc) from None

    def _cached_or(self, fetch: Callable[[], None], *, refresh: bool) -> str:
        """Fetch into the cache when asked; on failure say why (the caller shows the cache, stale)."""
        if not refresh:
            return ""
        try:
            fetch()
        except StripeProblem as exc:
            log.info("showing cached data: %s", exc.code)
            return msg("Showing saved data: {problem}", problem=exc.args[0])
        return ""

    # -- requirements ------------------------------------------------------------------------------------------
    def requirements(self, session: UserSession, tenant_id: int, *, refresh: bool = False) -> RequirementsView:
        message = ""
        if refresh:
            message = self.stripe.status(session, tenant_id, refresh=True).message
        account_id, account, fetched_at = self._account(session, tenant_id, Perm.STRIPE_VIEW)
        req = account.get("requirements") or {}
        future = account.get("future_requirements") or {}
        deadline = when(req.get("current_deadline"))
        return RequirementsView(
            account_id=account_id,
            account_type=str(account.get("type") or ""),
            disabled_reason=req.get("disabled_reason"),
            disabled_words=disabled_words(req.get("disabled_reason")),
            current_deadline=deadline,
            countdown=countdown(deadline, self.ctx.clock()),
            future_deadline=when(future.get("current_deadline")),
            items=requirement_list(req) + requirement_list(future, future=True),
            fetched_at=fetched_at,
            stale=bool(message) or self._stale(fetched_at),
            message=message if fetched_at or not message else message.replace("Showing saved data: ", ""),
        )

    def update_link(self, session: UserSession, tenant_id: int) -> Link:
        """An Account Link collecting everything due, now and eventually. `account_update` only where Stripe allows
        it (the platform collects requirements: Custom accounts); elsewhere `account_onboarding`, which also
        updates an onboarded account."""
        account_id, account, _ = self._account(session, tenant_id, Perm.STRIPE_MANAGE)
        platform = self.stripe.platform.load(with_secret=False)
        back = platform.relay_url or f"http://127.0.0.1:{platform.port}/stripe/onboard/return"
        collector = ((account.get("controller") or {}).get("requirement_collection")) or ""
        kind = (
            "account_update" if account.get("type") == "custom" or collector == "application" else "account_onboarding"
        )
        made = self._online(
            lambda c: c.v1.account_links.create(
                {
                    "account": account_id,
                    "type": kind,
                    "collection_options": {"fields": "eventually_due"},
                    "return_url": back,
                    "refresh_url": back,
                }
            )
        )
        url = checked_link(made.url)
        with self.ctx.db() as s, s.begin():
            audit.record(s, self.ctx.clock(), session.email, "stripe.update_link", tenant_id, detail=kind)
        return Link(url=url, kind=kind, expires_at=when(made.expires_at))

    def dashboard(self, session: UserSession, tenant_id: int) -> Link:
        account_id, account, _ = self._account(session, tenant_id, Perm.STRIPE_MANAGE)
        kind = account.get("type")
        if kind and kind != "express":
            raise AppError(
                msg(
                    "Stripe makes dashboard login links only for Express accounts; this one is {kind}. "
                    "Standard accounts sign in at dashboard.stripe.com.",
                    kind=kind,
                )
                if kind == "standard"
                else msg("Stripe makes dashboard login links only for Express accounts; this one is {kind}.", kind=kind)
            )
        made = self._online(lambda c: c.v1.accounts.login_links.create(account_id))
        url = checked_link(made.url)
        with self.ctx.db() as s, s.begin():
            audit.record(s, self.ctx.clock(), session.email, "stripe.login_link", tenant_id)
        return Link(url=url, kind="login_link", expires_at=None)

    # -- capabilities ------------------------------------------------------------------------------------------
    def capabilities(
        self, session: UserSession, tenant_id: int, *, refresh: bool = False, request: str | None = None
    ) -> CapabilitiesView:
        account_id, account, _ = self._account(session, tenant_id, Perm.STRIPE_VIEW)
        if request:
            self._request_capability(session, tenant_id, account_id, request)
            refresh = True

        def fetch() -> None:
            caps = self._online(lambda c: c.v1.accounts.capabilities.list(account_id))
            objs = [c.to_dict() for c in caps.data]
            with self.ctx.db() as s, s.begin():
                store_connected(
                    s,
                    kind=ObjectKind.CAPABILITY,
                    tenant_id=tenant_id,
                    account=account_id,
                    objects=objs,
                    now=self.ctx.clock(),
                    key=lambda o: f"{account_id}/{o['id']}",
                )

        message = self._cached_or(fetch, refresh=refresh)
        with self.ctx.db() as s:
            objs, fetched_at = load(s, kind=ObjectKind.CAPABILITY, tenant_id=tenant_id, account=account_id)
        if not objs:  # never listed: the account object knows the statuses, not the requirements
            objs = [{"id": k, "status": v} for k, v in (account.get("capabilities") or {}).items()]
        items = [
            Capability(
                name=o["id"],
                status=o.get("status", ""),
                requested=bool(o.get("requested", True)),
                due=requirement_list(o.get("requirements") or {}),
                disabled_words=disabled_words((o.get("requirements") or {}).get("disabled_reason")),
            )
            for o in sorted(objs, key=lambda o: o["id"])
        ]
        return CapabilitiesView(
            items=items, fetched_at=fetched_at, stale=bool(message) or self._stale(fetched_at), message=message
        )

    def _request_capability(self, session: UserSession, tenant_id: int, account_id: str, name: str) -> None:
        if not name.replace("_", "").isalnum():
            raise ValidationError({"request": msg("Give a capability name such as card_payments or transfers.")})
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.STRIPE_MANAGE, tenant_id)
        self._online(lambda c: c.v1.accounts.capabilities.update(account_id, name, {"requested": True}))
        with self.ctx.db() as s, s.begin():
            audit.record(s, self.ctx.clock(), session.email, "stripe.capability_request", tenant_id, detail=name)

    # -- balance and payouts -----------------------------------------------------------------------------------
    def balance(self, session: UserSession, tenant_id: int, *, refresh: bool = False) -> BalanceView:
        account_id, _, _ = self._account(session, tenant_id, Perm.STRIPE_VIEW)

        def fetch() -> None:
            answer = self._online(lambda c: c.raw_request("get", "/v1/balance", stripe_account=account_id).data)
            with self.ctx.db() as s, s.begin():
                store_connected(
                    s,
                    kind=ObjectKind.BALANCE,
                    tenant_id=tenant_id,
                    account=account_id,
                    objects=[answer],
                    now=self.ctx.clock(),
                    key=lambda o: f"balance/{account_id}",
                )

        message = self._cached_or(fetch, refresh=refresh)
        with self.ctx.db() as s:
            objs, fetched_at = load(s, kind=ObjectKind.BALANCE, tenant_id=tenant_id, account=account_id)
        b = objs[0] if objs else {}
        return BalanceView(
            available=[money(x["amount"], x["currency"]) for x in b.get("available") or []],
            pending=[money(x["amount"], x["currency"]) for x in b.get("pending") or []],
            fetched_at=fetched_at,
            stale=bool(message) or self._stale(fetched_at),
            message=message or ("" if objs else "Not fetched yet."),
        )

    def payouts(
        self, session: UserSession, tenant_id: int, *, status: str | None = None, refresh: bool = False
    ) -> PayoutsView:
        account_id, _, _ = self._account(session, tenant_id, Perm.STRIPE_VIEW)

        def fetch() -> None:
            params = {"status": status} if status else {}
            page = self._online(lambda c: next(iter(Pager(c, "/v1/payouts", params, stripe_account=account_id)), []))
            with self.ctx.db() as s, s.begin():
                store_connected(
                    s,
                    kind=ObjectKind.PAYOUT,
                    tenant_id=tenant_id,
                    account=account_id,
                    objects=page,
                    now=self.ctx.clock(),
                    derive=from_payout,
                )

        message = self._cached_or(fetch, refresh=refresh)
        with self.ctx.db() as s:
            objs, fetched_at = load(s, kind=ObjectKind.PAYOUT, tenant_id=tenant_id, account=account_id)
        items = [Payout(**payout_fields(o)) for o in objs if not status or o["status"] == status]
        return PayoutsView(
            items=items, fetched_at=fetched_at, stale=bool(message) or self._stale(fetched_at), message=message
        )
