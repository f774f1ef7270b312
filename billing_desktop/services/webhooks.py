"""A tenant's webhook endpoint and its signing secrets (values in the vault, several active during a roll)."""

from __future__ import annotations

import secrets as pysecrets
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select

from billing_desktop.domain.roles import Perm
from billing_desktop.domain.validation import raise_if
from billing_desktop.domain.webhooks import EVENT_TYPES, SCHEMES, check_url, new_secret
from billing_desktop.errors import AppError, NotFound
from billing_desktop.services import audit
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize, require_recent_password
from billing_desktop.services.session import UserSession
from billing_desktop.store.models import Tenant, WebhookEndpoint, WebhookSecret

OVERLAPS = {"none": None, "1h": timedelta(hours=1), "24h": timedelta(hours=24)}


def system_resolve(host: str) -> list[str]:
    return sorted({info[4][0] for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)})


@dataclass(frozen=True)
class SecretRow:
    id: int
    masked: str
    created_at: datetime
    expires_at: datetime | None


@dataclass(frozen=True)
class WebhookConfig:
    tenant_id: int
    mode: str
    url: str
    event_types: list[str]
    description: str
    enabled: bool
    scheme: str
    allow_private: bool
    secrets: list[SecretRow]
    updated_at: datetime

    def wants(self, event_type: str) -> bool:
        return "*" in self.event_types or event_type in self.event_types


def secret_name(tenant_id: int, ref: str) -> str:
    return f"tenant/{int(tenant_id)}/webhook-secret/{ref}"


class WebhookService:
    def __init__(self, ctx: AppContext, resolve: Callable[[str], Iterable[str]] = system_resolve):
        self.ctx, self.resolve = ctx, resolve

    def _active(self, s, tenant_id: int) -> list[WebhookSecret]:
        now = self.ctx.clock()
        return list(
            s.scalars(
                select(WebhookSecret)
                .where(
                    WebhookSecret.tenant_id == tenant_id,
                    WebhookSecret.vault_ref.is_not(None),
                    or_(WebhookSecret.expires_at.is_(None), WebhookSecret.expires_at > now),
                )
                .order_by(WebhookSecret.created_at.desc(), WebhookSecret.id.desc())
            )
        )

    def _config(self, s, tenant_id: int) -> WebhookConfig | None:
        e = s.scalar(select(WebhookEndpoint).where(WebhookEndpoint.tenant_id == tenant_id))
        if e is None:
            return None
        mode = s.scalar(select(Tenant.mode).where(Tenant.id == tenant_id))
        rows = [
            SecretRow(w.id, f"whsec_****…{w.last4}", w.created_at, w.expires_at) for w in self._active(s, tenant_id)
        ]
        return WebhookConfig(
            tenant_id,
            mode,
            e.url,
            list(e.event_types),
            e.description,
            e.enabled,
            e.scheme,
            e.allow_private,
            rows,
            e.updated_at,
        )

    def get(self, session: UserSession, tenant_id: int) -> WebhookConfig | None:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.WEBHOOKS_VIEW, tenant_id)
            return self._config(s, tenant_id)

    def endpoint(self, tenant_id: int) -> WebhookConfig | None:
        """For delivery code that has already checked permissions."""
        with self.ctx.db() as s:
            return self._config(s, tenant_id)

    def active_secrets(self, tenant_id: int) -> list[str]:
        with self.ctx.db() as s:
            refs = [w.vault_ref for w in self._active(s, tenant_id)]
        values = [self.ctx.vault.get(secret_name(tenant_id, r)) for r in refs]
        return [v for v in values if v]

    def check_url(self, url: str, mode: str, allow_private: bool) -> str | None:
        return check_url(url, mode, allow_private, self.resolve)

    def save(
        self,
        session: UserSession,
        tenant_id: int,
        url: str,
        event_types: list[str],
        description: str = "",
        enabled: bool = True,
        scheme: str = "stripe",
        allow_private: bool = False,
    ) -> WebhookConfig:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
            mode = s.scalar(select(Tenant.mode).where(Tenant.id == tenant_id))
            has_secret = bool(self._active(s, tenant_id))
        types = sorted(set(event_types))
        raise_if(
            {
                "url": self.check_url(url, mode, allow_private),
                "event_types": None
                if types and all(t in EVENT_TYPES or t == "*" for t in types)
                else "Choose at least one event type from the list (or all).",
                "scheme": None if scheme in SCHEMES else "Choose stripe or standard.",
                "description": None if len(description) <= 500 else "Use at most 500 characters.",
            }
        )
        ref = None
        if not has_secret:  # first save: the keyring gets the secret before the row that points at it
            ref = pysecrets.token_hex(16)
            secret = new_secret()
            self.ctx.vault.set(secret_name(tenant_id, ref), secret)
        try:
            with self.ctx.db() as s, s.begin():
                authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
                now = self.ctx.clock()
                e = s.scalar(select(WebhookEndpoint).where(WebhookEndpoint.tenant_id == tenant_id))
                if e is None:
                    e = WebhookEndpoint(tenant_id=tenant_id, created_at=now)
                    s.add(e)
                e.url, e.event_types, e.description = url.strip(), ["*"] if "*" in types else types, description
                e.enabled, e.scheme, e.allow_private, e.updated_at = enabled, scheme, allow_private, now
                if ref:
                    s.add(WebhookSecret(tenant_id=tenant_id, vault_ref=ref, last4=secret[-4:], created_at=now))
                audit.record(
                    s,
                    now,
                    session.email,
                    "webhooks.configure",
                    tenant_id,
                    detail=f"scheme={scheme} enabled={enabled} events={len(types)}",
                )
                s.flush()
                return self._config(s, tenant_id)
        except Exception:
            if ref:
                self.ctx.vault.delete(secret_name(tenant_id, ref))
            raise

    def remove(self, session: UserSession, tenant_id: int) -> None:
        with self.ctx.db() as s, s.begin():
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
            require_recent_password(self.ctx, session)
            e = s.scalar(select(WebhookEndpoint).where(WebhookEndpoint.tenant_id == tenant_id))
            if e is None:
                raise NotFound("This tenant has no webhook endpoint.")
            refs = list(
                s.scalars(
                    select(WebhookSecret.vault_ref).where(
                        WebhookSecret.tenant_id == tenant_id, WebhookSecret.vault_ref.is_not(None)
                    )
                )
            )
            s.delete(e)
            s.execute(delete(WebhookSecret).where(WebhookSecret.tenant_id == tenant_id))
            audit.record(s, self.ctx.clock(), session.email, "webhooks.remove", tenant_id)
        for r in refs:
            self.ctx.vault.delete(secret_name(tenant_id, r))

    def roll_secret(self, session: UserSession, tenant_id: int, overlap: str = "none") -> WebhookConfig:
        if overlap not in OVERLAPS:
            raise AppError("Choose an overlap of none, 1h or 24h.")
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
            if s.scalar(select(WebhookEndpoint.id).where(WebhookEndpoint.tenant_id == tenant_id)) is None:
                raise NotFound("Save a webhook endpoint first.")
        ref, secret = pysecrets.token_hex(16), new_secret()
        self.ctx.vault.set(secret_name(tenant_id, ref), secret)
        retired = []
        with self.ctx.db() as s, s.begin():
            now = self.ctx.clock()
            for old in self._active(s, tenant_id):
                if OVERLAPS[overlap] is None:
                    retired.append(old.vault_ref)
                    old.vault_ref, old.expires_at = None, now
                elif old.expires_at is None:
                    old.expires_at = now + OVERLAPS[overlap]
            s.add(WebhookSecret(tenant_id=tenant_id, vault_ref=ref, last4=secret[-4:], created_at=now))
            audit.record(s, now, session.email, "webhooks.roll_secret", tenant_id, detail=f"overlap={overlap}")
        for r in retired:
            self.ctx.vault.delete(secret_name(tenant_id, r))
        return self.get(session, tenant_id)

    def reveal_secret(self, session: UserSession, tenant_id: int, secret_id: int | None = None) -> str:
        with self.ctx.db() as s, s.begin():
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
            if s.scalar(select(Tenant.mode).where(Tenant.id == tenant_id)) == "live":
                require_recent_password(self.ctx, session)
            active = self._active(s, tenant_id)
            row = next((w for w in active if secret_id in (None, w.id)), None)
            if row is None:
                raise NotFound("No such active signing secret.")
            audit.record(
                s,
                self.ctx.clock(),
                session.email,
                "webhooks.reveal_secret",
                tenant_id,
                detail=f"whsec_****…{row.last4}",
            )
            ref = row.vault_ref
        value = self.ctx.vault.get(secret_name(tenant_id, ref))
        if not value:
            raise AppError("The signing secret is missing from the OS keyring: roll it to make a new one.")
        return value
