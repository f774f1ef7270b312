"""A tenant's webhook endpoint and its signing secrets (values in the vault, several active during a roll)."""

from __future__ import annotations

import logging
import secrets as pysecrets
import socket
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from billing_desktop.domain.roles import Perm
from billing_desktop.domain.validation import check_text, raise_if
from billing_desktop.domain.webhooks import (
    EVENT_TYPES,
    SCHEMES,
    Check,
    Target,
    UrlRefusedError,
    check_url,
    new_secret,
    vet_url,
)
from billing_desktop.domain.webhooks import verify as verify_signature
from billing_desktop.errors import AppError, NotFound, ValidationError, VaultError
from billing_desktop.services import audit, vault_intents
from billing_desktop.services.concurrency import check_version
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize, require_recent_password
from billing_desktop.services.session import UserSession
from billing_desktop.services.webhook_inbox import LocalInbox, Received
from billing_desktop.store.locking import lock_tenant
from billing_desktop.store.models import Tenant, WebhookEndpoint, WebhookSecret

log = logging.getLogger(__name__)

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
    version: int = 1  # 0 in a form means "there was no endpoint when I opened it"

    def wants(self, event_type: str) -> bool:
        return "*" in self.event_types or event_type in self.event_types


class _RetryError(Exception):
    """The state changed between the unlocked look and the locked write; start again."""


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
            e.version,
        )

    def get(self, session: UserSession, tenant_id: int) -> WebhookConfig | None:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.WEBHOOKS_VIEW, tenant_id)
            return self._config(s, tenant_id)

    def verify(self, session: UserSession, tenant_id: int, headers: Mapping[str, str], body: bytes) -> Check:
        """Check a signature against the tenant's active secrets; the secrets never leave the service."""
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.WEBHOOKS_VIEW, tenant_id)
        return verify_signature(headers, body, self._signing_secrets(tenant_id), int(time.time()))

    def open_inbox(
        self, session: UserSession, tenant_id: int, on_receive: Callable[[Received], None] | None = None
    ) -> LocalInbox:
        """A started local inbox on 127.0.0.1 that verifies each delivery with the tenant's active secrets."""
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.WEBHOOKS_VIEW, tenant_id)

        def check(headers: Mapping[str, str], body: bytes) -> Check:
            return verify_signature(headers, body, self._signing_secrets(tenant_id), int(time.time()))

        inbox = LocalInbox(check, on_receive)
        inbox.start()
        return inbox

    # Below: for WebhookDeliveryService, after it has authorized the caller. Private: they take no session.
    def _endpoint(self, tenant_id: int) -> WebhookConfig | None:
        with self.ctx.db() as s:
            return self._config(s, tenant_id)

    def _signing_secrets(self, tenant_id: int) -> list[str]:
        with self.ctx.db() as s:
            refs = [w.vault_ref for w in self._active(s, tenant_id)]
        values = [self.ctx.vault.get(secret_name(tenant_id, r)) for r in refs]
        return [v for v in values if v]

    def check_url(self, url: str, mode: str, allow_private: bool) -> str | None:
        return check_url(url, mode, allow_private, self.resolve)

    def target(self, url: str, mode: str, allow_private: bool) -> Target:
        """The vetted address to deliver to (one lookup); ValidationError on the url field if refused."""
        try:
            return vet_url(url, mode, allow_private, self.resolve)
        except UrlRefusedError as exc:
            raise ValidationError({"url": str(exc)}) from None

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
        expected_version: int | None = None,
    ) -> WebhookConfig:
        """Create or change the endpoint; with `expected_version` (0: none existed), never over a newer save."""
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
                "description": check_text(description, 500),
            }
        )
        # The first save makes the signing secret: keyring first (behind an intent), then the row pointing at it.
        prepared = None if has_secret else self._prepare(tenant_id)
        try:
            with self.ctx.db() as s, s.begin():
                lock_tenant(s, tenant_id)  # concurrent first saves: one secret, made by whichever commits first
                authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
                now = self.ctx.clock()
                e = s.scalar(select(WebhookEndpoint).where(WebhookEndpoint.tenant_id == tenant_id))
                check_version(
                    s,
                    what="The webhook endpoint",
                    current=e.version if e is not None else 0,
                    expected=expected_version,
                    actions=("webhooks.configure", "webhooks.remove"),
                    tenant_id=tenant_id,
                )
                if e is None:
                    e = WebhookEndpoint(tenant_id=tenant_id, created_at=now, version=0)
                    s.add(e)
                e.version += 1
                e.url, e.event_types, e.description = url.strip(), ["*"] if "*" in types else types, description
                e.enabled, e.scheme, e.allow_private, e.updated_at = enabled, scheme, allow_private, now
                if not self._active(s, tenant_id):
                    if prepared is None:  # removed by someone else since we looked: make one after all
                        raise _RetryError
                    self._attach(s, tenant_id, prepared, now)
                    prepared = None
                audit.record(
                    s,
                    now,
                    session.email,
                    "webhooks.configure",
                    tenant_id,
                    detail=f"scheme={scheme} enabled={enabled} events={len(types)}",
                )
                s.flush()
                config = self._config(s, tenant_id)
        except _RetryError:
            return self.save(session, tenant_id, url, event_types, description, enabled, scheme, allow_private)
        finally:
            if prepared is not None:  # failed, or another save made the secret first
                self._discard(tenant_id, prepared)
        return config

    def remove(self, session: UserSession, tenant_id: int) -> None:
        with self.ctx.db() as s, s.begin():
            lock_tenant(s, tenant_id)
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
            require_recent_password(self.ctx, session)
            e = s.scalar(select(WebhookEndpoint).where(WebhookEndpoint.tenant_id == tenant_id))
            if e is None:
                raise NotFound("This tenant has no webhook endpoint.")
            now = self.ctx.clock()
            retired = self._retire_all(s, tenant_id, now)
            s.delete(e)
            audit.record(s, now, session.email, "webhooks.remove", tenant_id)
        self._forget(tenant_id, retired)

    def roll_secret(self, session: UserSession, tenant_id: int, overlap: str = "24h") -> WebhookConfig:
        """A new signing secret; the old ones stop verifying after `overlap`. Breaking a receiver is sensitive, so
        like key regeneration it needs the password given recently."""
        if overlap not in OVERLAPS:
            raise AppError("Choose an overlap of none, 1h or 24h.")
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
        require_recent_password(self.ctx, session)
        with self.ctx.db() as s:
            if s.scalar(select(WebhookEndpoint.id).where(WebhookEndpoint.tenant_id == tenant_id)) is None:
                raise NotFound("Save a webhook endpoint first.")
        prepared = self._prepare(tenant_id)  # step 1: intent, then the keyring holds the new secret
        try:
            with self.ctx.db() as s, s.begin():  # step 2: one commit retires the old and makes the new current
                lock_tenant(s, tenant_id)  # a concurrent roll retires this one's secret, never keeps both
                authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
                if s.scalar(select(WebhookEndpoint.id).where(WebhookEndpoint.tenant_id == tenant_id)) is None:
                    raise NotFound("The webhook endpoint was removed meanwhile.")
                now = self.ctx.clock()
                if OVERLAPS[overlap] is None:
                    retired = self._retire_all(s, tenant_id, now)
                else:
                    retired = []
                    for old in self._active(s, tenant_id):
                        if old.expires_at is None:
                            old.expires_at = now + OVERLAPS[overlap]
                self._attach(s, tenant_id, prepared, now)
                audit.record(s, now, session.email, "webhooks.roll_secret", tenant_id, detail=f"overlap={overlap}")
        except BaseException as exc:
            if isinstance(exc, Exception):
                self._discard(tenant_id, prepared)
            raise
        self._forget(tenant_id, retired)  # step 3: retired secrets leave the keyring (or repair does it)
        with self.ctx.db() as s:
            return self._config(s, tenant_id)

    # -- secrets across the keyring and the database ------------------------------------------------------------
    def _prepare(self, tenant_id: int) -> tuple[str, str]:
        ref, secret = pysecrets.token_hex(16), new_secret()
        name = secret_name(tenant_id, ref)
        vault_intents.record(self.ctx, {ref: name})
        try:
            self.ctx.vault.set(name, secret)
        except Exception:
            self._discard(tenant_id, (ref, secret))
            raise
        return ref, secret

    @staticmethod
    def _attach(s, tenant_id: int, prepared: tuple[str, str], now: datetime) -> None:
        ref, secret = prepared
        vault_intents.claim(s, [ref])
        s.add(WebhookSecret(tenant_id=tenant_id, vault_ref=ref, last4=secret[-4:], created_at=now))

    def _discard(self, tenant_id: int, prepared: tuple[str, str]) -> None:
        """Undo `_prepare` (best effort: what is left, the start-up repair removes)."""
        ref = prepared[0]
        try:
            self.ctx.vault.delete(secret_name(tenant_id, ref))
            vault_intents.drop(self.ctx, [ref])
        except Exception as exc:
            log.warning("could not discard a prepared webhook secret: %s", type(exc).__name__)

    def _retire_all(self, s, tenant_id: int, now: datetime) -> list[str]:
        """Expire every active secret now; their keyring entries go after the commit (`_forget`)."""
        refs = []
        for old in self._active(s, tenant_id):
            old.expires_at = now
            refs.append(old.vault_ref)
        return refs

    def _forget(self, tenant_id: int, refs: list[str]) -> None:
        """Delete retired secrets, then the rows' pointers. Never fails the change that was already saved."""
        done = []
        for r in refs:
            try:
                self.ctx.vault.delete(secret_name(tenant_id, r))
                done.append(r)
            except VaultError as exc:
                log.warning("retired webhook secret not deleted yet: %s", type(exc).__name__)
        if done:
            try:
                with self.ctx.db() as s, s.begin():
                    s.execute(update(WebhookSecret).where(WebhookSecret.vault_ref.in_(done)).values(vault_ref=None))
            except SQLAlchemyError as exc:
                log.warning("retired webhook secret pointers not cleared yet: %s", type(exc).__name__)

    def repair(self) -> int:
        """Start-up: remove the keyring entries of secrets retired or expired (a crash after the commit, or an
        overlap that ended). Orphans of uncommitted rolls are reaped with every other intent."""
        with self.ctx.db() as s:
            rows = s.execute(
                select(WebhookSecret.tenant_id, WebhookSecret.vault_ref).where(
                    WebhookSecret.vault_ref.is_not(None), WebhookSecret.expires_at <= self.ctx.clock()
                )
            ).all()
        by_tenant: dict[int, list[str]] = {}
        for tenant_id, ref in rows:
            by_tenant.setdefault(tenant_id, []).append(ref)
        for tenant_id, refs in by_tenant.items():
            self._forget(tenant_id, refs)
        return len(rows)

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
