"""Signed deliveries over httpx, the delivery log, Resend, and automatic retries with backoff."""

from __future__ import annotations

import builtins
import email.utils
import hashlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import httpx
from sqlalchemy import Select, literal, select

from billing_desktop import __version__
from billing_desktop.domain.roles import Perm
from billing_desktop.domain.states import DeliveryOutcome
from billing_desktop.domain.validation import Mode
from billing_desktop.domain.webhooks import EVENT_TYPES, sign
from billing_desktop.errors import AppError, NotFound, ValidationError, msg
from billing_desktop.services import audit
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.services.webhooks import WebhookService
from billing_desktop.store.models import Tenant, WebhookDelivery

TIMEOUT = 10.0
KEEP_BODY = 4096
BACKOFF = (5, 30, 120, 600)
MAX_RETRY_AFTER = 3600
RETRYABLE = (DeliveryOutcome.TIMEOUT, DeliveryOutcome.CONNECT_ERROR, DeliveryOutcome.NETWORK_ERROR)
USER_AGENT = f"BillingDesktop/{__version__} (+webhooks)"


@dataclass(frozen=True, kw_only=True)
class DeliveryResult:
    id: int
    url: str
    event_id: str
    event_type: str
    outcome: DeliveryOutcome
    status_code: int | None
    latency_ms: int | None
    error: str
    attempt: int
    at: datetime
    request_headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    response_headers: dict[str, str] = field(default_factory=dict)
    response_excerpt: str = ""

    @property
    def ok(self) -> bool:
        return self.outcome == DeliveryOutcome.OK

    @property
    def retryable(self) -> bool:
        return self.outcome in RETRYABLE or (
            self.outcome == DeliveryOutcome.HTTP_ERROR
            and (self.status_code in (408, 425, 429) or (self.status_code or 0) >= 500)
        )

    def retry_after(self) -> float | None:
        value = self.response_headers.get("retry-after")
        if not value:
            return None
        if value.strip().isdigit():
            return min(float(value), MAX_RETRY_AFTER)
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        return max(0.0, min((when - self.at).total_seconds(), MAX_RETRY_AFTER))


def _result(d: WebhookDelivery) -> DeliveryResult:
    return DeliveryResult(
        id=d.id,
        url=d.url,
        event_id=d.event_id,
        event_type=d.event_type,
        outcome=DeliveryOutcome(d.outcome),
        status_code=d.status_code,
        latency_ms=d.latency_ms,
        error=d.error,
        attempt=d.attempt,
        at=d.at,
        request_headers=dict(d.request_headers),
        body=d.body,
        response_headers=dict(d.response_headers),
        response_excerpt=d.response_excerpt,
    )


class WebhookDeliveryService:
    def __init__(
        self, ctx: AppContext, webhooks: WebhookService, http_factory: Callable[[], httpx.Client] | None = None
    ):
        self.ctx, self.webhooks = ctx, webhooks
        self.http_factory = http_factory or (
            lambda: httpx.Client(timeout=TIMEOUT, follow_redirects=False, trust_env=False)
        )

    # -- payloads ------------------------------------------------------------------------------------------------
    def sample_payload(self, session: UserSession, tenant_id: int, event_type: str) -> str:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.WEBHOOKS_VIEW, tenant_id)
            t = s.get(Tenant, tenant_id)
            if t is None:
                raise NotFound(msg("No such tenant."))
            slug, mode = t.slug, t.mode
        obj = {
            "customer.subscription": {
                "object": "subscription",
                "id": "sub_test_" + secrets.token_hex(6),
                "status": "active",
                "customer": "cus_test_" + secrets.token_hex(6),
            },
            "invoice": {
                "object": "invoice",
                "id": "in_test_" + secrets.token_hex(6),
                "amount_due": 2500,
                "currency": "usd",
                "status": "paid" if event_type == "invoice.paid" else "open",
            },
            "payment_intent": {
                "object": "payment_intent",
                "id": "pi_test_" + secrets.token_hex(6),
                "amount": 2500,
                "currency": "usd",
            },
            "account": {"object": "account", "id": "acct_test_" + secrets.token_hex(6)},
            "webhook": {"object": "test", "message": "Test delivery from Billing Desktop"},
        }
        prefix = event_type.rsplit(".", 1)[0]
        event = {
            "id": "evt_test_" + secrets.token_hex(12),
            "object": "event",
            "type": event_type,
            "created": int(self.ctx.clock().timestamp()),
            "livemode": mode == Mode.LIVE,
            "tenant": slug,
            "data": {"object": obj.get(prefix, {"object": "unknown"})},
        }
        return json.dumps(event, indent=2)

    # -- delivering ---------------------------------------------------------------------------------------------
    def send_test(self, session: UserSession, tenant_id: int, event_type: str, payload: str) -> DeliveryResult:
        if event_type not in EVENT_TYPES:
            raise ValidationError({"event_type": msg("Choose an event type from the list.")})
        try:
            event = json.loads(payload)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                {
                    "payload": msg(
                        "Not valid JSON: {msg} (line {lineno}, column {colno}).",
                        msg=exc.msg,
                        lineno=exc.lineno,
                        colno=exc.colno,
                    )
                }
            ) from None
        if not isinstance(event, dict):
            raise ValidationError({"payload": msg("The payload must be a JSON object.")})
        with self.ctx.db() as s, s.begin():
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
            audit.record(s, self.ctx.clock(), session.email, "webhooks.test", tenant_id, detail=event_type)
        return self._deliver(tenant_id, str(event.get("id") or "evt_test"), event_type, payload.encode(), 1)

    def _deliver(
        self, tenant_id: int, event_id: str, event_type: str, body: bytes, attempt: int, msg_id: str | None = None
    ) -> DeliveryResult:
        config = self.webhooks._endpoint(tenant_id)
        if config is None:
            raise AppError(msg("Configure a webhook endpoint first."))
        # Checked again at send time (DNS may have changed since the URL was saved), and the connection goes to
        # exactly the address that passed: no second lookup for a rebinding resolver to answer differently.
        target = self.webhooks.target(config.url, config.mode, allow_private=config.allow_private)
        secrets_ = self.webhooks._signing_secrets(tenant_id)
        if not secrets_:
            raise AppError(msg("The endpoint has no signing secret in the keyring: roll the secret to make one."))
        timestamp = int(time.time())
        msg_id = msg_id or "msg_" + secrets.token_hex(12)  # Standard Webhooks: the same id on every attempt
        headers = {
            "Host": target.host_header,
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "Billing-Event-Id": event_id,
            "Billing-Event-Type": event_type,
            **sign(config.scheme, secrets_, msg_id, timestamp, body),
        }
        outcome, status, error, resp_headers, excerpt = DeliveryOutcome.OK, None, "", {}, b""
        started = time.perf_counter()
        try:
            # TLS: SNI and certificate checks use the host name, not the address connected to.
            extensions = {"sni_hostname": target.host} if target.connect_url.startswith("https:") else {}
            with (
                self.http_factory() as client,
                client.stream("POST", target.connect_url, content=body, headers=headers, extensions=extensions) as r,
            ):
                status, resp_headers = r.status_code, {k.lower(): v for k, v in r.headers.items()}
                for chunk in r.iter_bytes():
                    excerpt += chunk
                    if len(excerpt) >= KEEP_BODY:
                        break
            if 300 <= status < 400:
                outcome = DeliveryOutcome.REDIRECT
                error = f"Redirects are not followed: {status} to {resp_headers.get('location', '(no Location)')}"
            elif not 200 <= status < 300:
                outcome, error = DeliveryOutcome.HTTP_ERROR, f"HTTP {status}"
        except httpx.TimeoutException:
            outcome, error = DeliveryOutcome.TIMEOUT, f"No answer within {int(TIMEOUT)} seconds."
        except httpx.ConnectError as exc:
            outcome, error = DeliveryOutcome.CONNECT_ERROR, f"Could not connect: {_short(exc)}"
        except httpx.HTTPError as exc:
            outcome, error = DeliveryOutcome.NETWORK_ERROR, f"{type(exc).__name__}: {_short(exc)}"
        latency = int((time.perf_counter() - started) * 1000)
        with self.ctx.db() as s, s.begin():
            d = WebhookDelivery(
                tenant_id=tenant_id,
                url=config.url,
                event_id=event_id,
                event_type=event_type,
                request_headers=headers,
                body=body.decode("utf-8", "replace"),
                body_sha256=hashlib.sha256(body).hexdigest(),
                body_size=len(body),
                outcome=outcome,
                status_code=status,
                error=error,
                latency_ms=latency,
                attempt=attempt,
                response_headers=resp_headers,
                response_excerpt=excerpt[:KEEP_BODY].decode("utf-8", "replace"),
                at=self.ctx.clock(),
            )
            s.add(d)
            s.flush()
            return _result(d)

    def resend(
        self, session: UserSession, delivery_id: int, attempt: int | None = None, *, tenant_id: int | None = None
    ) -> DeliveryResult:
        """Send a logged delivery again. `tenant_id`: the delivery must be that tenant's (the CLI names both)."""
        with self.ctx.db() as s:
            d = s.get(WebhookDelivery, delivery_id)
            if d is None or tenant_id not in (None, d.tenant_id):
                raise NotFound(msg("No such delivery for this tenant."))
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, d.tenant_id)
            tenant_id, event_id, event_type, body = d.tenant_id, d.event_id, d.event_type, d.body
            previous = d.attempt
            msg_id = {k.lower(): v for k, v in d.request_headers.items()}.get("webhook-id")
        return self._deliver(tenant_id, event_id, event_type, body.encode(), attempt or previous + 1, msg_id)

    def retry_until_delivered(
        self,
        session: UserSession,
        delivery_id: int,
        sleep: Callable[[float], None] = time.sleep,
        cancelled: Callable[[], bool] = lambda: False,
        progress: Callable[[int, str], None] | None = None,
        *,
        tenant_id: int | None = None,
        on_attempt: Callable[[DeliveryResult], None] | None = None,
    ) -> DeliveryResult:
        """Resend after 5 s, 30 s, 2 min, 10 min (or what Retry-After asks) until it succeeds, fails for good,
        or is cancelled. Waits in short steps so Cancel is quick."""
        with self.ctx.db() as s:
            d = s.get(WebhookDelivery, delivery_id)
            if d is None or tenant_id not in (None, d.tenant_id):
                raise NotFound(msg("No such delivery for this tenant."))
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, d.tenant_id)
            last = _result(d)
        for n, delay in enumerate(BACKOFF, start=1):
            if last.ok or not last.retryable:
                break
            asked = last.retry_after()
            wait = asked if asked is not None else delay
            if progress:
                progress(n, msg("Attempt {attempt} in {seconds} s", attempt=last.attempt + 1, seconds=int(wait)))
            remaining = wait
            while remaining > 0:
                if cancelled():
                    return last
                step = min(0.2, remaining)
                sleep(step)
                remaining -= step
            if cancelled():
                return last
            last = self.resend(session, last.id, last.attempt + 1)
            if on_attempt:
                on_attempt(last)
        return last

    # -- the log ------------------------------------------------------------------------------------------------
    def list(
        self,
        session: UserSession,
        tenant_id: int,
        outcome: str | None = None,
        event_type: str | None = None,
        limit: int = 200,
        offset: int = 0,
    ) -> builtins.list[DeliveryResult]:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.WEBHOOKS_VIEW, tenant_id)
            q = delivery_query(tenant_id, outcome, event_type).limit(limit).offset(offset)
            return [_result(d) for d in s.scalars(q)]


def delivery_query(
    tenant_id: int, outcome: str | None = None, event_type: str | None = None
) -> Select[WebhookDelivery]:
    """The log's query, newest first; each filter the GUI offers has an index (tests/test_query_plans.py)."""
    q = select(WebhookDelivery).where(WebhookDelivery.tenant_id == tenant_id)
    if outcome == "failed":
        # Written into the SQL, not bound: the partial index of failures (migration 0014) is chosen only when the
        # planner sees its own condition, and PostgreSQL's generic plan of a prepared statement would not.
        q = q.where(WebhookDelivery.outcome != literal(DeliveryOutcome.OK.value, literal_execute=True))
    elif outcome:
        q = q.where(WebhookDelivery.outcome == outcome)
    if event_type:
        q = q.where(WebhookDelivery.event_type == event_type)
    return q.order_by(WebhookDelivery.at.desc(), WebhookDelivery.id.desc())


def _short(exc: Exception) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
