"""A tenant's webhook endpoint and its signing secrets (sealed in the vault in the transaction that makes them
current, deleted in the one that retires them; several active during a roll)."""

from __future__ import annotations

import logging
import secrets as pysecrets
import socket
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from billing_desktop.domain.roles import Perm
from billing_desktop.domain.validation import Mode, check_text, raise_if
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
from billing_desktop.errors import AppError, NotFound, ValidationError, msg
from billing_desktop.services import audit
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
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)})


@dataclass(frozen=True)
class SecretRow:
    id: int
    masked: str
    created_at: datetime
    expires_at: datetime | None


@dataclass(frozen=True, kw_only=True)
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

    def _active(self, s: Session, tenant_id: int) -> list[WebhookSecret]:
        """The secrets that sign and verify now (each has a vault_ref)."""
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

    @staticmethod
    def _mode(s: Session, tenant_id: int) -> str:
        mode = s.scalar(select(Tenant.mode).where(Tenant.id == tenant_id))
        if mode is None:
            raise NotFound(msg("No such tenant."))
        return mode

    def _config(self, s: Session, tenant_id: int) -> WebhookConfig | None:
        e = s.scalar(select(WebhookEndpoint).where(WebhookEndpoint.tenant_id == tenant_id))
        if e is None:
            return None
        rows = [
            SecretRow(w.id, f"whsec_****…{w.last4}", w.created_at, w.expires_at) for w in self._active(s, tenant_id)
        ]
        return WebhookConfig(
            tenant_id=tenant_id,
            mode=self._mode(s, tenant_id),
            url=e.url,
            event_types=list(e.event_types),
            description=e.description,
            enabled=e.enabled,
            scheme=e.scheme,
            allow_private=e.allow_private,
            secrets=rows,
            updated_at=e.updated_at,
            version=e.version,
        )

    def _saved_config(self, s: Session, tenant_id: int) -> WebhookConfig:
        """The configuration just written; an endpoint that vanished meanwhile (removed elsewhere) says so."""
        config = self._config(s, tenant_id)
        if config is None:
            raise NotFound(msg("The webhook endpoint was removed meanwhile."))
        return config

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
            names = [secret_name(tenant_id, w.vault_ref) for w in self._active(s, tenant_id) if w.vault_ref]
            values = self.ctx.vault.open_many(s, names)
        return [values[n] for n in names if n in values]

    def check_url(self, url: str, mode: str, *, allow_private: bool) -> str | None:
        return check_url(url, mode, self.resolve, allow_private=allow_private)

    def target(self, url: str, mode: str, *, allow_private: bool) -> Target:
        """The vetted address to deliver to (one lookup); ValidationError on the url field if refused."""
        try:
            return vet_url(url, mode, self.resolve, allow_private=allow_private)
        except UrlRefusedError as exc:
            raise ValidationError({"url": exc.args[0]}) from None  # the Msg, to be shown in the operator's language

    def save(
        self,
        session: UserSession,
        tenant_id: int,
        url: str,
        event_types: list[str],
        description: str = "",
        *,
        enabled: bool = True,
        scheme: str = "stripe",
        allow_private: bool = False,
        expected_version: int | None = None,
    ) -> WebhookConfig:
        """Create or change the endpoint; with `expected_version` (0: none existed), never over a newer save."""
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
            mode = self._mode(s, tenant_id)
            has_secret = bool(self._active(s, tenant_id))
        types = sorted(set(event_types))
        raise_if(
            {
                "url": self.check_url(url, mode, allow_private=allow_private),
                "event_types": None
                if types and all(t in EVENT_TYPES or t == "*" for t in types)
                else msg("Choose at least one event type from the list (or all)."),
                "scheme": None if scheme in SCHEMES else msg("Choose stripe or standard."),
                "description": check_text(description, 500),
            }
        )
        # The first save makes the signing secret, sealed with the row that names it.
        prepared = None if has_secret else self._prepare()
        try:
            with self.ctx.db() as s, s.begin():
                lock_tenant(s, tenant_id)  # concurrent first saves: one secret, made by whichever commits first
                authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
                now = self.ctx.clock()
                e = s.scalar(select(WebhookEndpoint).where(WebhookEndpoint.tenant_id == tenant_id))
                check_version(
                    s,
                    what=msg("The webhook endpoint"),
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
                audit.record(
                    s,
                    now,
                    session.email,
                    "webhooks.configure",
                    tenant_id,
                    detail=f"scheme={scheme} enabled={enabled} events={len(types)}",
                )
                s.flush()
                config = self._saved_config(s, tenant_id)
        except _RetryError:
            return self.save(
                session,
                tenant_id,
                url,
                event_types,
                description,
                enabled=enabled,
                scheme=scheme,
                allow_private=allow_private,
                expected_version=expected_version,
            )
        return config

    def remove(self, session: UserSession, tenant_id: int) -> None:
        with self.ctx.db() as s, s.begin():
            lock_tenant(s, tenant_id)
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
            require_recent_password(self.ctx, session)
            e = s.scalar(select(WebhookEndpoint).where(WebhookEndpoint.tenant_id == tenant_id))
            if e is None:
                raise NotFound(msg("This tenant has no webhook endpoint."))
            now = self.ctx.clock()
            self._retire_all(s, tenant_id, now)
            s.delete(e)
            audit.record(s, now, session.email, "webhooks.remove", tenant_id)

    def roll_secret(self, session: UserSession, tenant_id: int, overlap: str = "24h") -> WebhookConfig:
        """A new signing secret; the current one keeps verifying for `overlap` (none: stops at once), and one still
        in an earlier overlap stops at once, so at most two are ever valid. Breaking a receiver is sensitive, so
        like key regeneration it needs the password given recently."""
        if overlap not in OVERLAPS:
            raise AppError(msg("Choose an overlap of none, 1h or 24h."))
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
        require_recent_password(self.ctx, session)
        with self.ctx.db() as s:
            if s.scalar(select(WebhookEndpoint.id).where(WebhookEndpoint.tenant_id == tenant_id)) is None:
                raise NotFound(msg("Save a webhook endpoint first."))
        prepared = self._prepare()
        with self.ctx.db() as s, s.begin():  # one commit retires the old and seals the new: nothing in between
            lock_tenant(s, tenant_id)  # a concurrent roll retires this one's secret, never keeps both
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
            if s.scalar(select(WebhookEndpoint.id).where(WebhookEndpoint.tenant_id == tenant_id)) is None:
                raise NotFound(msg("The webhook endpoint was removed meanwhile."))
            now = self.ctx.clock()
            keep_for = OVERLAPS[overlap]
            if keep_for is None:
                self._retire_all(s, tenant_id, now)
            else:
                # At most two valid secrets: the new one and the one it replaces, which gets exactly the overlap
                # chosen now. A secret still in an earlier roll's overlap was rolled away twice: it stops at once,
                # so quick rolls never leave a pile of valid secrets nobody sees (docs/SECURITY.md).
                active = self._active(s, tenant_id)
                rolled_twice = [w for w in active if w.expires_at is not None]
                if rolled_twice:
                    self._forget(s, tenant_id, rolled_twice, now)
                for current in active:
                    if current.expires_at is None:
                        current.expires_at = now + keep_for
            self._attach(s, tenant_id, prepared, now)
            audit.record(s, now, session.email, "webhooks.roll_secret", tenant_id, detail=f"overlap={overlap}")
        with self.ctx.db() as s:
            return self._saved_config(s, tenant_id)

    # -- secrets across the keyring and the database ------------------------------------------------------------
    @staticmethod
    def _prepare() -> tuple[str, str]:
        return pysecrets.token_hex(16), new_secret()

    def _attach(self, s: Session, tenant_id: int, prepared: tuple[str, str], now: datetime) -> None:
        ref, secret = prepared
        s.add(WebhookSecret(tenant_id=tenant_id, vault_ref=ref, last4=secret[-4:], created_at=now))
        self.ctx.vault.seal(s, secret_name(tenant_id, ref), secret, now)

    def _retire_all(self, s: Session, tenant_id: int, now: datetime) -> None:
        """Expire every active secret now and delete its sealed value, in the caller's transaction."""
        self._forget(s, tenant_id, self._active(s, tenant_id), now)

    def _forget(self, s: Session, tenant_id: int, rows: list[WebhookSecret], now: datetime) -> None:
        for old in rows:
            if old.expires_at is None or old.expires_at > now:
                old.expires_at = now
        self.ctx.vault.forget(s, [secret_name(tenant_id, w.vault_ref) for w in rows if w.vault_ref])
        for old in rows:
            old.vault_ref = None

    def repair(self) -> int:
        """Start-up: delete the sealed values of secrets whose overlap ended."""
        with self.ctx.db() as s, s.begin():
            now = self.ctx.clock()
            rows = list(
                s.scalars(
                    select(WebhookSecret).where(WebhookSecret.vault_ref.is_not(None), WebhookSecret.expires_at <= now)
                )
            )
            for tenant_id in {w.tenant_id for w in rows}:
                self._forget(s, tenant_id, [w for w in rows if w.tenant_id == tenant_id], now)
        return len(rows)

    def reveal_secret(self, session: UserSession, tenant_id: int, secret_id: int | None = None) -> str:
        with self.ctx.db() as s, s.begin():
            authorize(s, self.ctx, session, Perm.WEBHOOKS_MANAGE, tenant_id)
            if self._mode(s, tenant_id) == Mode.LIVE:
                require_recent_password(self.ctx, session)
            active = self._active(s, tenant_id)
            row = next((w for w in active if secret_id in (None, w.id)), None)
            if row is None or row.vault_ref is None:
                raise NotFound(msg("No such active signing secret."))
            value = self.ctx.vault.open(s, secret_name(tenant_id, row.vault_ref))
            if not value:
                raise AppError(msg("The signing secret is missing from the vault: roll it to make a new one."))
            audit.record(
                s,
                self.ctx.clock(),
                session.email,
                "webhooks.reveal_secret",
                tenant_id,
                detail=f"whsec_****…{row.last4}",
            )
        return value
