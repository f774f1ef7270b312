"""Onboarding a tenant through Stripe's Account Links (`StripeConnectService.start_onboarding`): the tenant's current
account, or a new one made for it, and the local page Stripe sends the browser back to (a fresh link when the last
one expired)."""

from __future__ import annotations

from sqlalchemy import select

from billing_desktop.connect.client import checked_link
from billing_desktop.connect.listener import Reply
from billing_desktop.domain.roles import Perm
from billing_desktop.domain.states import ConnectionState
from billing_desktop.errors import AppError, ValidationError, msg
from billing_desktop.services import audit
from billing_desktop.services.connect_attempt import ConnectAttempt
from billing_desktop.services.session import UserSession
from billing_desktop.services.stripe_connect import StripeConnectService, compact_account
from billing_desktop.store.locking import lock_tenant
from billing_desktop.store.models import StripeAccount

ONBOARD_RETURN, ONBOARD_REFRESH = "/stripe/onboard/return", "/stripe/onboard/refresh"


def start_onboarding(
    stripe: StripeConnectService,
    session: UserSession,
    tenant_id: int,
    account_type: str | None = "express",
    country: str = "US",
) -> ConnectAttempt:
    """Onboard the tenant's current account, or create one (`account_type`, default express) when it has none:
    a disconnected account is never reused (Stripe no longer lets the platform act on it).
    `attempt.notice` says when `account_type` was given but does not apply (the account already exists)."""
    if account_type not in (None, "express", "standard"):
        raise ValidationError({"type": msg("Choose express or standard.")})
    notice = ""
    with stripe.ctx.db() as s:
        t = stripe._tenant(s, session, tenant_id, Perm.STRIPE_MANAGE)
        email = t.email
        acct = s.scalar(select(StripeAccount).where(StripeAccount.tenant_id == tenant_id))
        live = acct is not None and acct.status != ConnectionState.DISCONNECTED and bool(acct.stripe_user_id)
        existing = acct.stripe_user_id if live and acct is not None else None
        if existing and account_type and acct is not None and account_type != acct.onboarding_type:
            how = f"a {acct.onboarding_type} account" if acct.onboarding_type else "connected with OAuth"
            notice = msg(
                "The account type {account_type} is ignored: the tenant already has account {existing} "
                "({how}); onboarding continues on that account.",
                account_type=account_type,
                existing=existing,
                how=how,
            )
    if not existing:
        existing, notice = create_account(stripe, session, tenant_id, account_type or "express", country, email)
    port = stripe.platform.load(with_secret=False).port
    attempt = ConnectAttempt(port, ONBOARD_RETURN, lambda q: stripe.status(session, tenant_id, refresh=True))

    def link() -> str:
        base = f"http://127.0.0.1:{attempt.port}"
        with stripe._client() as client:
            made = stripe._call(
                client.v1.account_links.create,
                {
                    "account": existing,
                    "type": "account_onboarding",
                    "return_url": f"{base}{ONBOARD_RETURN}?state={attempt.state}",
                    "refresh_url": f"{base}{ONBOARD_REFRESH}?state={attempt.state}",
                },
            )
        return checked_link(made.get("url"))

    def refresh(_query: dict[str, str]) -> Reply:
        # The link expired or was reused: Stripe sends the browser here, and it gets a fresh link.
        try:
            return Reply(status=302, title="Continuing", message="Continuing onboarding…", location=link())
        except AppError as exc:
            return Reply(status=502, title="Could not continue", message=str(exc))

    attempt._extra[ONBOARD_REFRESH] = refresh
    attempt.notice = notice
    attempt.start()
    try:
        attempt.url = link()
    except Exception:
        attempt.listener.close()
        raise
    return attempt


def create_account(
    stripe: StripeConnectService, session: UserSession, tenant_id: int, account_type: str, country: str, email: str
) -> tuple[str, str]:
    """Create a Stripe account for the tenant and save it; (the account to onboard, a notice). Two onboardings
    started at once both create one (the lock is never held across Stripe): the first to save wins, and the
    other onboards that one too and says which account it made in vain."""
    with stripe._client() as client:
        account = stripe._call(client.v1.accounts.create, {"type": account_type, "email": email, "country": country})
    made = account["id"]
    with stripe.ctx.db() as s, s.begin():
        lock_tenant(s, tenant_id)
        acct = stripe._row(s, tenant_id)
        now = stripe.ctx.clock()
        if acct.stripe_user_id and acct.status != ConnectionState.DISCONNECTED:
            audit.record(
                s, now, session.email, "stripe.account_unused", tenant_id, detail=f"{account_type} account {made}"
            )
            return acct.stripe_user_id, msg(
                "Another onboarding of this tenant saved account {saved} first; it continues on that one. The "
                "account {made} made for this attempt is not used: delete it in Stripe.",
                saved=acct.stripe_user_id,
                made=made,
            )
        acct.stripe_user_id, acct.status, acct.onboarding_type = made, ConnectionState.PENDING, account_type
        acct.scope, acct.disconnected_at = None, None  # a new account: nothing of the disconnected one
        acct.livemode, acct.connected_at = bool(account.get("livemode")), now
        acct.account_json, acct.fetched_at = compact_account(account), now
        audit.record(s, now, session.email, "stripe.account_create", tenant_id, detail=f"{account_type} account {made}")
    return made, ""
