"""Connect a tenant's Stripe account (OAuth or Account Links), read its status, disconnect it."""

from __future__ import annotations

import logging
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, NoReturn

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from billing_desktop.connect.client import StripeClientFactory
from billing_desktop.connect.errors import StripeProblem, translate
from billing_desktop.domain import stripe_shapes
from billing_desktop.domain.roles import Perm
from billing_desktop.domain.states import ConnectionState
from billing_desktop.errors import AppError, NotFound, msg
from billing_desktop.services import audit
from billing_desktop.services.connect_attempt import ConnectAttempt
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize, require_recent_password
from billing_desktop.services.session import UserSession
from billing_desktop.services.stripe_platform import CALLBACK_PATH, StripePlatformService
from billing_desktop.store.locking import lock_tenant
from billing_desktop.store.models import AttentionItem, StripeAccount, Tenant

log = logging.getLogger(__name__)
TOKENS = ("stripe-access-token", "stripe-refresh-token", "stripe-publishable-key")
STALE_AFTER = timedelta(hours=1)


@dataclass(frozen=True, kw_only=True)
class StripeStatus:
    state: ConnectionState
    account_id: str | None = None
    business_name: str | None = None
    email: str | None = None
    country: str | None = None
    default_currency: str | None = None
    charges_enabled: bool | None = None
    payouts_enabled: bool | None = None
    details_submitted: bool | None = None
    currently_due: list[str] = field(default_factory=list)
    past_due: list[str] = field(default_factory=list)
    disabled_reason: str | None = None
    livemode: bool | None = None
    scope: str | None = None
    connected_at: datetime | None = None
    fetched_at: datetime | None = None
    stale: bool = False
    message: str = ""


# What the cache keeps of an account: the fields the app shows or decides on. The rest (settings, external
# accounts, terms acceptance, metadata) is half of each object and would be serialised again on every sync.
ACCOUNT_FIELDS = (
    "id",
    "object",
    "type",
    "controller",
    "business_type",
    "business_profile",
    "email",
    "country",
    "default_currency",
    "created",
    "charges_enabled",
    "payouts_enabled",
    "details_submitted",
    "capabilities",
    "requirements",
    "future_requirements",
)


def compact_account(account: dict[str, Any]) -> dict[str, Any]:
    """What the cache keeps of an account answer, each field in the shape the app reads (domain.stripe_shapes); the
    state and the attention items are computed from this, never from the raw answer."""
    out = stripe_shapes.account({k: account[k] for k in ACCOUNT_FIELDS if k in account})
    settings = account.get("settings")
    dashboard = settings.get("dashboard") if isinstance(settings, dict) else None
    name = dashboard.get("display_name") if isinstance(dashboard, dict) else None
    if isinstance(name, str) and name:
        out["settings"] = {"dashboard": {"display_name": name}}
    return out


def state_of(account: dict[str, Any]) -> ConnectionState:
    req = account.get("requirements") or {}
    if req.get("disabled_reason") or req.get("past_due"):
        return ConnectionState.RESTRICTED
    if account.get("charges_enabled") and account.get("payouts_enabled"):
        return ConnectionState.CONNECTED
    return ConnectionState.PENDING


class StripeConnectService:
    def __init__(
        self,
        ctx: AppContext,
        platform: StripePlatformService,
        client_factory: Callable[..., Any] | None = None,
        open_browser: Callable[[str], Any] | None = None,
    ):
        self.ctx, self.platform = ctx, platform
        self.client_factory = client_factory or StripeClientFactory()
        self.open_browser = open_browser or webbrowser.open  # honours $BROWSER
        self.timeout = 300.0

    def _client(self) -> Any:  # a context manager yielding a stripe.StripeClient (tests inject fakes)
        return self.client_factory(self.platform.secret_key(), self.platform.require_client_id())

    def _call(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Run a StripeClient call; answers come back as plain dicts, failures as StripeProblem."""
        try:
            result = fn(*args, **kwargs)
            return result.to_dict() if hasattr(result, "to_dict") else dict(result)
        except Exception as exc:
            log.info("stripe call failed: %s", type(exc).__name__)
            raise translate(exc) from None

    def _tenant(self, s: Session, session: UserSession, tenant_id: int, perm: Perm) -> Tenant:
        authorize(s, self.ctx, session, perm, tenant_id)
        t = s.get(Tenant, tenant_id)
        if t is None:
            raise NotFound(msg("No such tenant."))
        return t

    # -- OAuth ------------------------------------------------------------------------------------------------
    def start_connect(self, session: UserSession, tenant_id: int) -> ConnectAttempt:
        with self.ctx.db() as s:
            t = self._tenant(s, session, tenant_id, Perm.STRIPE_MANAGE)
            email, name = t.email, t.company_name
        platform = self.platform.load(with_secret=False)
        self.platform.secret_key()  # fail now, not after the browser round trip
        attempt = ConnectAttempt(
            platform.port,
            CALLBACK_PATH,
            lambda q: self._exchange(session, tenant_id, q["code"] if "code" in q else _missing_code()),
        )
        attempt.start()
        redirect_uri = platform.relay_url or f"http://127.0.0.1:{attempt.port}{CALLBACK_PATH}"
        with self._client() as client:
            attempt.url = client.oauth.authorize_url(
                {
                    "response_type": "code",
                    "client_id": platform.client_id,
                    "scope": "read_write",
                    "state": attempt.state,
                    "redirect_uri": redirect_uri,
                    "stripe_user": {"email": email, "business_name": name},
                }
            )
        with self.ctx.db() as s, s.begin():
            audit.record(s, self.ctx.clock(), session.email, "stripe.connect_start", tenant_id)
        return attempt

    def _exchange(self, session: UserSession, tenant_id: int, code: str) -> StripeStatus:
        with self._client() as client:
            token = self._call(client.oauth.token, {"grant_type": "authorization_code", "code": code})
        vault = self.ctx.vault
        with self.ctx.db() as s, s.begin():  # the tokens are sealed with the record that explains them
            lock_tenant(s, tenant_id)
            authorize(s, self.ctx, session, Perm.STRIPE_MANAGE, tenant_id)
            acct = self._row(s, tenant_id)
            now = self.ctx.clock()
            for purpose, value in zip(
                TOKENS,
                (token.get("access_token"), token.get("refresh_token"), token.get("stripe_publishable_key")),
                strict=True,
            ):
                if value:
                    vault.seal(s, vault.tenant_name(tenant_id, purpose), value, now)
            acct.stripe_user_id, acct.scope = token.get("stripe_user_id"), token.get("scope")
            acct.livemode, acct.connected_at, acct.disconnected_at = bool(token.get("livemode")), now, None
            acct.status, acct.account_json, acct.fetched_at = ConnectionState.PENDING, None, None
            audit.record(s, now, session.email, "stripe.connect", tenant_id, detail=f"account {acct.stripe_user_id}")
        try:
            return self.status(session, tenant_id, refresh=True)
        except AppError as exc:  # connected all the same; the status can be refreshed later
            return (
                self.status(session, tenant_id)
                if not isinstance(exc, StripeProblem)
                else self._cached(tenant_id, message=str(exc))
            )

    def _row(self, s: Session, tenant_id: int) -> StripeAccount:
        acct = s.scalar(select(StripeAccount).where(StripeAccount.tenant_id == tenant_id))
        if acct is None:
            acct = StripeAccount(tenant_id=tenant_id, status=ConnectionState.DISCONNECTED)
            s.add(acct)
        return acct

    def open(self, url: str) -> bool:
        """Start the user's browser on `url`; False when none could be started (say so: nobody will come back)."""
        try:
            return bool(self.open_browser(url))
        except Exception as exc:  # webbrowser.Error, or an OSError from a $BROWSER that cannot run
            log.info("could not start a browser: %s", type(exc).__name__)
            return False

    # -- Account Links (services/stripe_onboarding.py) ----------------------------------------------------------
    def start_onboarding(
        self,
        session: UserSession,
        tenant_id: int,
        account_type: str | None = "express",
        country: str = "US",
    ) -> ConnectAttempt:
        """Onboard the tenant's account (or a new one) through an Account Link: `stripe_onboarding.start_onboarding`."""
        from billing_desktop.services.stripe_onboarding import start_onboarding  # not before it is used

        return start_onboarding(self, session, tenant_id, account_type, country)

    # -- status ------------------------------------------------------------------------------------------------
    def _cached(self, tenant_id: int, message: str = "", *, stale: bool | None = None) -> StripeStatus:
        with self.ctx.db() as s:
            acct = s.scalar(select(StripeAccount).where(StripeAccount.tenant_id == tenant_id))
            if acct is None or acct.status == ConnectionState.DISCONNECTED:
                return StripeStatus(
                    state=ConnectionState.DISCONNECTED,
                    message=message,
                    connected_at=acct.connected_at if acct else None,
                )
            a = acct.account_json or {}
            req = a.get("requirements") or {}
            profile = a.get("business_profile") or {}
            old = acct.fetched_at is None or self.ctx.clock() - acct.fetched_at > STALE_AFTER
            return StripeStatus(
                state=ConnectionState(acct.status),
                account_id=acct.stripe_user_id,
                business_name=profile.get("name") or (a.get("settings") or {}).get("dashboard", {}).get("display_name"),
                email=a.get("email"),
                country=a.get("country"),
                default_currency=a.get("default_currency"),
                charges_enabled=a.get("charges_enabled"),
                payouts_enabled=a.get("payouts_enabled"),
                details_submitted=a.get("details_submitted"),
                currently_due=list(req.get("currently_due") or []),
                past_due=list(req.get("past_due") or []),
                disabled_reason=req.get("disabled_reason"),
                livemode=acct.livemode,
                scope=acct.scope,
                connected_at=acct.connected_at,
                fetched_at=acct.fetched_at,
                stale=old if stale is None else stale,
                message=message,
            )

    def status(self, session: UserSession, tenant_id: int, *, refresh: bool = False) -> StripeStatus:
        with self.ctx.db() as s:
            self._tenant(s, session, tenant_id, Perm.STRIPE_VIEW)
            acct = s.scalar(select(StripeAccount).where(StripeAccount.tenant_id == tenant_id))
            account_id = acct.stripe_user_id if acct and acct.status != ConnectionState.DISCONNECTED else None
        if not refresh or not account_id:
            return self._cached(tenant_id)
        try:
            with self._client() as client:
                account = self._call(client.v1.accounts.retrieve, account_id)
        except StripeProblem as exc:
            if exc.access_revoked:
                self._mark_disconnected(session, tenant_id, "access revoked in Stripe")
                return self._cached(
                    tenant_id,
                    message=msg(
                        "Stripe says the platform's access to this account was revoked: the tenant is now disconnected."
                    ),
                )
            return self._cached(tenant_id, message=msg("Showing saved data: {exc}", exc=exc), stale=True)
        self.remember_account(tenant_id, account)
        return self._cached(tenant_id)

    def remember_account(self, tenant_id: int, account: dict[str, Any]) -> None:
        """Cache one account answer (a refresh or an `account.updated` event) with its attention items."""
        from billing_desktop.domain.attention import from_account
        from billing_desktop.services.connect_cache import account_source, lock_connected, replace_items

        with self.ctx.db() as s, s.begin():
            if lock_connected(s, [tenant_id]).get(tenant_id) != account.get("id"):
                return  # disconnected (or reconnected elsewhere) meanwhile: a late answer must not undo that
            acct = self._row(s, tenant_id)
            kept = compact_account(account)
            acct.account_json, acct.fetched_at = kept, self.ctx.clock()
            acct.status, acct.missing_since = state_of(kept), None
            replace_items(s, [(tenant_id, account_source(account["id"]), from_account(kept))])

    # -- disconnect --------------------------------------------------------------------------------------------
    def _mark_disconnected(self, session: UserSession, tenant_id: int, reason: str) -> None:
        with self.ctx.db() as s, s.begin():  # a token does not outlive the record that explains it
            lock_tenant(s, tenant_id)  # first: a sync page writing this account waits, then sees it disconnected
            # What Stripe said about the account no longer needs acting on here.
            s.execute(delete(AttentionItem).where(AttentionItem.tenant_id == tenant_id))
            self.ctx.vault.forget(s, [self.ctx.vault.tenant_name(tenant_id, purpose) for purpose in TOKENS])
            acct = self._row(s, tenant_id)
            acct.status, acct.disconnected_at = ConnectionState.DISCONNECTED, self.ctx.clock()
            audit.record(
                s,
                self.ctx.clock(),
                session.email,
                "stripe.disconnect",
                tenant_id,
                reason=reason,
                detail=f"account {acct.stripe_user_id}",
            )

    def disconnect(self, session: UserSession, tenant_id: int) -> str:
        with self.ctx.db() as s:
            self._tenant(s, session, tenant_id, Perm.STRIPE_MANAGE)
            acct = s.scalar(select(StripeAccount).where(StripeAccount.tenant_id == tenant_id))
            account_id = acct.stripe_user_id if acct and acct.status != ConnectionState.DISCONNECTED else None
        require_recent_password(self.ctx, session)
        if not account_id:
            raise AppError(msg("This tenant has no connected Stripe account."))
        try:
            with self._client() as client:
                self._call(
                    client.oauth.deauthorize,
                    {"client_id": self.platform.require_client_id(), "stripe_user_id": account_id},
                )
        except StripeProblem as exc:
            if exc.code != "invalid_client":  # network and other failures: keep the local record, tell the user
                raise StripeProblem(
                    msg(
                        "{exc} Nothing was disconnected: the local record of {account_id} and its tokens were "
                        "kept. Try again when Stripe can be reached.",
                        exc=exc.args[0],
                        account_id=account_id,
                    ),
                    exc.code,
                    None,  # the request id, if any, is in the message already
                    exc.http_status,
                ) from None
            self._mark_disconnected(session, tenant_id, "already disconnected in Stripe")
            return msg(
                "Stripe says {account_id} was no longer connected; the local record is now disconnected too.",
                account_id=account_id,
            )
        self._mark_disconnected(session, tenant_id, "disconnected by the platform")
        return msg("Disconnected {account_id}.", account_id=account_id)


def _missing_code() -> NoReturn:
    raise AppError(msg("The browser came back without an authorization code."))
