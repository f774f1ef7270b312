"""Keep the Connect cache fresh between syncs from Stripe events the app is told of (the local inbox, or an event
with its signature): account.updated, capability.updated, payout.failed, charge.dispute.created and
account.application.deauthorized.

Only an event signed with the platform's Connect webhook signing secret (Stripe's `Stripe-Signature`, set by an
operator in Platform Stripe settings) is applied: a tenant's own webhook secret is known to the tenant, so it cannot
vouch for what Stripe said. Then only to the tenant whose account it names, only in the tenant's mode (`livemode`),
and never over a newer saved copy (an event created before the account was last fetched is ignored).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from billing_desktop.domain.attention import Derived, from_dispute, from_payout
from billing_desktop.domain.roles import Perm
from billing_desktop.domain.states import ConnectionState, EventOutcome
from billing_desktop.domain.validation import Mode
from billing_desktop.domain.webhooks import Check
from billing_desktop.domain.webhooks import verify as verify_signature
from billing_desktop.errors import msg
from billing_desktop.services.connect_cache import ObjectKind, store_connected
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.services.stripe_connect import StripeConnectService
from billing_desktop.store.models import StripeAccount, Tenant

log = logging.getLogger(__name__)
Derive = Callable[[dict[str, Any]], list[Derived]]
HANDLED = (
    "account.updated",
    "capability.updated",
    "payout.failed",
    "charge.dispute.created",
    "account.application.deauthorized",
)
# Events whose object is cached as it comes, with the attention items derived from it.
CACHED: dict[str, tuple[ObjectKind, Derive | None]] = {
    "capability.updated": (ObjectKind.CAPABILITY, None),
    "payout.failed": (ObjectKind.PAYOUT, from_payout),
    "charge.dispute.created": (ObjectKind.DISPUTE, from_dispute),
}


@dataclass(frozen=True, kw_only=True)
class EventResult:
    outcome: EventOutcome
    event_type: str
    message: str


class ConnectEventService:
    def __init__(self, ctx: AppContext, stripe: StripeConnectService):
        self.ctx, self.stripe = ctx, stripe

    def apply_signed(
        self, session: UserSession, tenant_id: int, headers: Mapping[str, str], body: bytes
    ) -> EventResult:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.STRIPE_VIEW, tenant_id)
        check = self._verify(headers, body)
        if not check.valid:
            return EventResult(
                outcome=EventOutcome.REFUSED,
                event_type="",
                message=msg("Not applied: {message}", message=check.message),
            )
        return self._apply(session, tenant_id, body)

    def _verify(self, headers: Mapping[str, str], body: bytes) -> Check:
        """Stripe's own signature (Stripe-Signature) with the platform's Connect webhook secret, nothing else."""
        secrets_ = self.stripe.platform.webhook_secrets()
        if not secrets_:
            return Check.failed(
                "no_secret",
                msg(
                    "the platform's Stripe webhook signing secret is not set: an operator sets it in Platform "
                    "Stripe settings (or `billing-desktop platform set-webhook-secret`)."
                ),
            )
        given = {k: v for k, v in headers.items() if k.strip().lower() == "stripe-signature"}
        if not given:
            return Check.failed("malformed", msg("No Stripe-Signature header."))
        return verify_signature(given, body, secrets_, int(time.time()))

    def received(self, session: UserSession, tenant_id: int, item: Any) -> EventResult | None:
        """For the local inbox: apply a delivery that Stripe signed (the platform's Connect webhook secret, not the
        tenant's secret the inbox checks) if it is a Connect event; anything else is the inbox's business only."""
        try:
            if not self._verify(item.headers, item.body).valid:
                return None
            return self._apply(session, tenant_id, item.body)
        except Exception as exc:  # an inbox thread must keep receiving
            log.warning("connect event not applied: %s", type(exc).__name__)
            return EventResult(outcome=EventOutcome.REFUSED, event_type="", message=msg("Could not apply the event."))

    def _apply(self, session: UserSession, tenant_id: int, body: bytes) -> EventResult:
        try:
            event = json.loads(body)
            kind, obj = event["type"], event["data"]["object"]
            if not isinstance(kind, str) or not isinstance(obj, dict):
                raise TypeError(kind)
        except (ValueError, KeyError, TypeError):
            return EventResult(outcome=EventOutcome.REFUSED, event_type="", message=msg("Not a Stripe event."))
        if kind not in HANDLED:
            return EventResult(
                outcome=EventOutcome.IGNORED, event_type=kind, message=msg("Not a Connect account event.")
            )
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.STRIPE_VIEW, tenant_id)
            mode = s.scalar(select(Tenant.mode).where(Tenant.id == tenant_id))
            acct = s.scalar(select(StripeAccount).where(StripeAccount.tenant_id == tenant_id))
        linked = acct is not None and acct.status != ConnectionState.DISCONNECTED
        account_id = acct.stripe_user_id if acct is not None and linked else None
        named = event.get("account") or (obj.get("id") if kind == "account.updated" else None)
        if bool(event.get("livemode")) != (mode == Mode.LIVE):
            return self._refused(
                kind,
                msg(
                    "A {value}-mode event for a {mode}-mode tenant: not applied.",
                    value=Mode.LIVE if event.get("livemode") else Mode.TEST,
                    mode=mode,
                ),
            )
        if not account_id or named != account_id:
            return self._refused(
                kind, msg("The event is about {value}, not this tenant's account.", value=named or "no account")
            )
        created = event.get("created")
        fetched = acct.fetched_at if acct is not None else None
        if (
            kind in ("account.updated", "capability.updated")
            and created
            and fetched
            and (datetime.fromtimestamp(created, UTC) < fetched)
        ):
            return EventResult(outcome=EventOutcome.IGNORED, event_type=kind, message=msg("Older than the saved copy."))
        if kind == "account.updated":
            self.stripe.remember_account(tenant_id, obj)
        elif kind == "account.application.deauthorized":  # the platform lost access
            self.stripe._mark_disconnected(session, tenant_id, "deauthorized in Stripe (event)")
        else:
            cache_as, derive = CACHED[kind]
            if not self._cache(tenant_id, account_id, cache_as, obj, derive):
                return EventResult(
                    outcome=EventOutcome.IGNORED,
                    event_type=kind,
                    message=msg("The account was disconnected meanwhile."),
                )
            if kind == "capability.updated":  # the account's own summary of its capabilities follows
                account = dict((acct.account_json if acct is not None else None) or {"id": account_id})
                account["capabilities"] = dict(account.get("capabilities") or {}, **{obj["id"]: obj.get("status")})
                self.stripe.remember_account(tenant_id, account)
        return EventResult(outcome=EventOutcome.APPLIED, event_type=kind, message=msg("Applied {kind}.", kind=kind))

    def _cache(
        self, tenant_id: int, account_id: str, kind: ObjectKind, obj: dict[str, Any], derive: Derive | None
    ) -> bool:
        """Cache the event's object, under the tenant's lock and only while the account is still connected."""
        with self.ctx.db() as s, s.begin():
            return store_connected(
                s,
                kind=kind,
                tenant_id=tenant_id,
                account=account_id,
                objects=[obj],
                now=self.ctx.clock(),
                # A capability's id ("card_payments") is only unique within its account.
                key=(lambda o: f"{account_id}/{o['id']}")
                if kind == ObjectKind.CAPABILITY
                else (lambda o: str(o["id"])),
                derive=derive,
            )

    @staticmethod
    def _refused(kind: str, message: str) -> EventResult:
        return EventResult(outcome=EventOutcome.REFUSED, event_type=kind, message=message)
