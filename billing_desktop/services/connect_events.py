"""Keep the Connect cache fresh between syncs from Stripe events the app is told of (the local inbox, or an event
with its signature): account.updated, capability.updated, payout.failed, charge.dispute.created and
account.application.deauthorized.

Only a verified event is applied, only to the tenant whose account it names, only in the tenant's mode (`livemode`),
and never over a newer saved copy (an event created before the account was last fetched is ignored).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from billing_desktop.domain.attention import from_dispute, from_payout
from billing_desktop.domain.roles import Perm
from billing_desktop.domain.states import ConnectionState, EventOutcome
from billing_desktop.domain.validation import Mode
from billing_desktop.services.connect_cache import ObjectKind, store
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.services.stripe_connect import StripeConnectService
from billing_desktop.store.models import StripeAccount, Tenant

log = logging.getLogger(__name__)
HANDLED = (
    "account.updated",
    "capability.updated",
    "payout.failed",
    "charge.dispute.created",
    "account.application.deauthorized",
)


@dataclass(frozen=True, kw_only=True)
class EventResult:
    outcome: EventOutcome
    event_type: str
    message: str


class ConnectEventService:
    def __init__(self, ctx: AppContext, stripe: StripeConnectService, webhooks: Any):
        self.ctx, self.stripe, self.webhooks = ctx, stripe, webhooks

    def apply_signed(
        self, session: UserSession, tenant_id: int, headers: Mapping[str, str], body: bytes
    ) -> EventResult:
        check = self.webhooks.verify(session, tenant_id, headers, body)
        if not check.valid:
            return EventResult(outcome=EventOutcome.REFUSED, event_type="", message=f"Not applied: {check.message}")
        return self._apply(session, tenant_id, body)

    def received(self, session: UserSession, tenant_id: int, item: Any) -> EventResult | None:
        """For the local inbox, which has verified the delivery already: apply it if it is a Connect event."""
        if not item.check.valid:
            return None
        try:
            return self._apply(session, tenant_id, item.body)
        except Exception as exc:  # an inbox thread must keep receiving
            log.warning("connect event not applied: %s", type(exc).__name__)
            return EventResult(outcome=EventOutcome.REFUSED, event_type="", message="Could not apply the event.")

    def _apply(self, session: UserSession, tenant_id: int, body: bytes) -> EventResult:
        try:
            event = json.loads(body)
            kind, obj = event["type"], event["data"]["object"]
        except (ValueError, KeyError, TypeError):
            return EventResult(outcome=EventOutcome.REFUSED, event_type="", message="Not a Stripe event.")
        if kind not in HANDLED:
            return EventResult(outcome=EventOutcome.IGNORED, event_type=kind, message="Not a Connect account event.")
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
                f"A {Mode.LIVE if event.get('livemode') else Mode.TEST}-mode event for a {mode}-mode tenant: "
                "not applied.",
            )
        if not account_id or named != account_id:
            return self._refused(kind, f"The event is about {named or 'no account'}, not this tenant's account.")
        created = event.get("created")
        fetched = acct.fetched_at if acct is not None else None
        if (
            kind in ("account.updated", "capability.updated")
            and created
            and fetched
            and (datetime.fromtimestamp(created, UTC) < fetched)
        ):
            return EventResult(outcome=EventOutcome.IGNORED, event_type=kind, message="Older than the saved copy.")
        now = self.ctx.clock()
        if kind == "account.updated":
            self.stripe.remember_account(tenant_id, obj)
        elif kind == "capability.updated":
            account = dict((acct.account_json if acct is not None else None) or {"id": account_id})
            account["capabilities"] = dict(account.get("capabilities") or {}, **{obj["id"]: obj.get("status")})
            with self.ctx.db() as s, s.begin():
                store(
                    s,
                    kind=ObjectKind.CAPABILITY,
                    tenant_id=tenant_id,
                    account=account_id,
                    objects=[obj],
                    now=now,
                    key=lambda o: f"{account_id}/{o['id']}",
                )
            self.stripe.remember_account(tenant_id, account)
        elif kind == "payout.failed":
            with self.ctx.db() as s, s.begin():
                store(
                    s,
                    kind=ObjectKind.PAYOUT,
                    tenant_id=tenant_id,
                    account=account_id,
                    objects=[obj],
                    now=now,
                    derive=from_payout,
                )
        elif kind == "charge.dispute.created":
            with self.ctx.db() as s, s.begin():
                store(
                    s,
                    kind=ObjectKind.DISPUTE,
                    tenant_id=tenant_id,
                    account=account_id,
                    objects=[obj],
                    now=now,
                    derive=from_dispute,
                )
        else:  # account.application.deauthorized: the platform lost access
            self.stripe._mark_disconnected(session, tenant_id, "deauthorized in Stripe (event)")
        return EventResult(outcome=EventOutcome.APPLIED, event_type=kind, message=f"Applied {kind}.")

    @staticmethod
    def _refused(kind: str, message: str) -> EventResult:
        return EventResult(outcome=EventOutcome.REFUSED, event_type=kind, message=message)
