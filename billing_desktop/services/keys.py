"""Tenant API keys: create at registration, list masked, reveal, regenerate with a grace period, revoke, repair.

Crash safety: a secret is sealed in the vault in the same transaction as the row that makes it current, and
deleted in the same transaction as the change that retires it, so no crash can leave one without the other.
`repair` moves what older versions left in the OS keyring and drops retired secrets whose grace period ended.
"""

from __future__ import annotations

import builtins
import logging
import secrets as pysecrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from billing_desktop.domain.keys import Kind, generate, lookup_hash
from billing_desktop.domain.roles import Perm
from billing_desktop.domain.states import KeyStatus
from billing_desktop.domain.validation import Mode, raise_if
from billing_desktop.errors import AppError, NotFound, msg
from billing_desktop.services import audit
from billing_desktop.services.context import AppContext
from billing_desktop.services.inspection_result import key_status
from billing_desktop.services.permissions import authorize, require_recent_password
from billing_desktop.services.session import UserSession
from billing_desktop.store.locking import lock_tenant
from billing_desktop.store.models import ApiKey, KeyringMove, SealedSecret

log = logging.getLogger(__name__)
MODES = (Mode.TEST, Mode.LIVE)
GRACE_CHOICES = {"none": None, "1h": timedelta(hours=1), "24h": timedelta(hours=24), "7d": timedelta(days=7)}
ENVIRONMENTS = {Mode.TEST.value: (Mode.TEST,), Mode.LIVE.value: (Mode.LIVE,), "all": MODES}


def vault_name(tenant_id: int, ref: str) -> str:
    """The sealed secret's name, bound into its ciphertext: the tenant is part of it, so it cannot be moved."""
    return f"tenant/{int(tenant_id)}/api-key/{ref}"


@dataclass(frozen=True)
class Pending:
    kind: str
    mode: str
    key: str
    vault_ref: str | None


@dataclass(frozen=True, kw_only=True)
class KeyRow:
    id: int
    kind: str
    mode: str
    masked: str
    status: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    revoked_by: str | None
    revoke_reason: str | None


@dataclass(frozen=True)
class NewKey:
    kind: str
    mode: str
    key: str  # shown once


@dataclass(frozen=True, kw_only=True)
class RepairReport:
    orphans_removed: int
    retired_secrets_removed: int
    missing_secrets: list[str]
    moved_from_keyring: int = 0
    waiting: str = ""  # why items could not be moved from the keyring yet (the vault is locked here)
    not_in_this_keyring: list[str] = field(default_factory=list)


def parse_grace(text: str | None) -> timedelta | None:
    text = (text or "none").strip().lower()
    if text not in GRACE_CHOICES:
        from billing_desktop.errors import ValidationError

        raise ValidationError({"grace": msg("Choose one of: {value}.", value=", ".join(GRACE_CHOICES))})
    return GRACE_CHOICES[text]


class KeyService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    # -- creating key material -------------------------------------------------------------------------------
    @staticmethod
    def prepare(modes: Iterable[str] = MODES) -> list[Pending]:
        """New key material, in memory only: `attach` seals and stores it in the caller's transaction."""
        return [
            Pending(kind.value, mode, generate(kind, mode), pysecrets.token_hex(16) if kind is Kind.SECRET else None)
            for mode in modes
            for kind in (Kind.PUBLISHABLE, Kind.SECRET)
        ]

    def attach(
        self,
        s: Session,
        tenant_id: int,
        pending: list[Pending],
        actor: str,
        now: datetime,
        rolled_from: dict[tuple[str, str], int] | None = None,
    ) -> None:
        """Inside the caller's transaction: the rows that make the pending keys current, and their sealed secrets."""
        self.attach_many(s, {tenant_id: pending}, actor, now, rolled_from)

    def attach_many(
        self,
        s: Session,
        pending: Mapping[int, builtins.list[Pending]],
        actor: str,
        now: datetime,
        rolled_from: dict[tuple[str, str], int] | None = None,
    ) -> None:
        """`attach` for many tenants at once (tenant id -> its pending keys): one multi-row INSERT of the key rows
        and one sealing of all their secrets, so a bulk import or a large batch costs per row, not per statement."""
        rows = [
            {
                "tenant_id": tenant_id,
                "kind": p.kind,
                "mode": p.mode,
                "lookup_hash": lookup_hash(p.key),
                "prefix": p.key[:8],
                "last4": p.key[-4:],
                "publishable_value": p.key if p.kind == Kind.PUBLISHABLE else None,
                "vault_ref": p.vault_ref,
                "created_at": now,
                "created_by": actor,
                "rolled_from_id": (rolled_from or {}).get((p.kind, p.mode)),
            }
            for tenant_id, keys in pending.items()
            for p in keys
        ]
        if not rows:
            return
        s.execute(insert(ApiKey), rows)
        self.ctx.vault.seal_many(
            s,
            {vault_name(t, p.vault_ref): p.key for t, keys in pending.items() for p in keys if p.vault_ref},
            now,
        )

    # -- reading -------------------------------------------------------------------------------------------------
    def list(self, session: UserSession, tenant_id: int, *, include_retired: bool = True) -> list[KeyRow]:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.KEYS_VIEW, tenant_id)
            now = self.ctx.clock()
            q = select(ApiKey).where(ApiKey.tenant_id == tenant_id)
            if not include_retired:
                q = q.where(ApiKey.revoked_at.is_(None))
            rows = s.scalars(q.order_by(ApiKey.mode, ApiKey.kind, ApiKey.created_at.desc(), ApiKey.id.desc()))
            return [
                KeyRow(
                    id=k.id,
                    kind=k.kind,
                    mode=k.mode,
                    masked=self._display(k),
                    status=key_status(k, now),
                    created_at=k.created_at,
                    expires_at=k.expires_at,
                    revoked_at=k.revoked_at,
                    revoked_by=k.revoked_by,
                    revoke_reason=k.revoke_reason,
                )
                for k in rows
            ]

    @staticmethod
    def _display(k: ApiKey) -> str:
        if k.kind == Kind.PUBLISHABLE and k.publishable_value:
            return k.publishable_value
        return f"{k.prefix}****…{k.last4}"

    def reveal(self, session: UserSession, key_id: int) -> str:
        with self.ctx.db() as s, s.begin():
            k = s.get(ApiKey, key_id)
            if k is None:
                raise NotFound(msg("No such key."))
            authorize(s, self.ctx, session, Perm.KEYS_REVEAL, k.tenant_id)
            if k.kind == Kind.PUBLISHABLE:
                return k.publishable_value or ""
            if k.mode == Mode.LIVE:
                require_recent_password(self.ctx, session)
            if key_status(k, self.ctx.clock()) in (KeyStatus.REVOKED, KeyStatus.EXPIRED) or not k.vault_ref:
                raise AppError(msg("This key is no longer valid; its secret has been deleted."))
            secret = self.ctx.vault.open(s, vault_name(k.tenant_id, k.vault_ref))  # VaultLocked: no audit entry
            if secret is None:
                raise AppError(msg("This key's secret is missing from the vault. Regenerate the key to replace it."))
            audit.record(
                s, self.ctx.clock(), session.email, "key.reveal", k.tenant_id, detail=f"{k.prefix}****…{k.last4}"
            )
        return secret

    # -- changing ------------------------------------------------------------------------------------------------
    def _current(self, s: Session, tenant_id: int, modes: Iterable[str]) -> builtins.list[ApiKey]:
        now = self.ctx.clock()
        return list(
            s.scalars(
                select(ApiKey).where(
                    ApiKey.tenant_id == tenant_id,
                    ApiKey.mode.in_(modes),
                    ApiKey.revoked_at.is_(None),
                    or_(ApiKey.expires_at.is_(None), ApiKey.expires_at > now),
                )
            )
        )

    def regenerate(
        self, session: UserSession, tenant_id: int, environment: str, grace: timedelta | None = None
    ) -> builtins.list[NewKey]:
        raise_if({"environment": None if environment in ENVIRONMENTS else msg("Choose test, live or all.")})
        modes = ENVIRONMENTS[environment]
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.KEYS_MANAGE, tenant_id)
        require_recent_password(self.ctx, session)
        pending = self.prepare(modes)
        with self.ctx.db() as s, s.begin():  # one commit swaps the current set, secrets included
            lock_tenant(s, tenant_id)  # concurrent regenerates retire each other's keys, one after the other
            authorize(s, self.ctx, session, Perm.KEYS_MANAGE, tenant_id)
            now = self.ctx.clock()
            rolled_from = {}
            retired = []
            for old in self._current(s, tenant_id, modes):
                rolled_from[(old.kind, old.mode)] = old.id
                if old.expires_at is not None:
                    continue  # already in an earlier grace period: keep its end
                if grace:
                    old.expires_at = now + grace
                else:
                    old.revoked_at, old.revoked_by, old.revoke_reason = now, session.email, "regenerated"
                    retired.append(old)
            self._forget(s, retired)
            self.attach(s, tenant_id, pending, session.email, now, rolled_from)
            audit.record(
                s,
                now,
                session.email,
                "keys.regenerate",
                tenant_id,
                detail=f"environment={environment} grace={_fmt_grace(grace)}",
            )
        return [NewKey(p.kind, p.mode, p.key) for p in pending]

    def revoke(self, session: UserSession, tenant_id: int, environment: str, reason: str) -> int:
        raise_if(
            {
                "environment": None if environment in ENVIRONMENTS else msg("Choose test, live or all."),
                "reason": None
                if reason.strip()
                else msg("Give a reason: it is kept with the key and in the audit log."),
            }
        )
        modes = ENVIRONMENTS[environment]
        with self.ctx.db() as s, s.begin():
            lock_tenant(s, tenant_id)
            authorize(s, self.ctx, session, Perm.KEYS_MANAGE, tenant_id)
            require_recent_password(self.ctx, session)
            now = self.ctx.clock()
            keys = list(
                s.scalars(
                    select(ApiKey).where(
                        ApiKey.tenant_id == tenant_id, ApiKey.mode.in_(modes), ApiKey.revoked_at.is_(None)
                    )
                )
            )
            for k in keys:
                k.revoked_at, k.revoked_by, k.revoke_reason = now, session.email, reason.strip()
            self._forget(s, keys)
            audit.record(
                s,
                now,
                session.email,
                "keys.revoke",
                tenant_id,
                reason=reason.strip(),
                detail=f"environment={environment} keys={len(keys)}",
            )
        return len(keys)

    def _forget(self, s: Session, keys: builtins.list[ApiKey]) -> int:
        """In the caller's transaction: retired keys lose their sealed secret and the pointer to it."""
        names = [vault_name(k.tenant_id, k.vault_ref) for k in keys if k.vault_ref]
        for k in keys:
            k.vault_ref = None
        return self.ctx.vault.forget(s, names) if names else 0

    # -- start-up repair -------------------------------------------------------------------------------------
    def repair(self, *, check_missing: bool = False) -> RepairReport:
        """Move items older versions left in the OS keyring, drop secrets whose grace period ended, and (on
        request) list current keys whose secret is missing."""
        from billing_desktop.vault import VaultLocked
        from billing_desktop.vault.migration import MoveReport, move_keyring_items

        waiting = ""
        try:
            moves = move_keyring_items(self.ctx.vault, self.ctx.db, self.ctx.clock)
        except VaultLocked as exc:  # this OS account cannot open the vault yet: the items wait in its keyring
            moves, waiting = MoveReport(), str(exc)
        with self.ctx.db() as s, s.begin():
            now = self.ctx.clock()
            retired = list(
                s.scalars(
                    select(ApiKey).where(
                        ApiKey.vault_ref.is_not(None), or_(ApiKey.revoked_at.is_not(None), ApiKey.expires_at <= now)
                    )
                )
            )
            self._forget(s, retired)
        missing: list[str] = []
        if check_missing:
            with self.ctx.db() as s:
                rows = s.execute(
                    select(ApiKey.id, ApiKey.tenant_id, ApiKey.prefix, ApiKey.last4, ApiKey.vault_ref).where(
                        ApiKey.kind == Kind.SECRET.value, ApiKey.vault_ref.is_not(None)
                    )
                ).all()
                sealed = set(s.scalars(select(SealedSecret.name).where(SealedSecret.name.like("tenant/%/api-key/%"))))
                moving = set(s.scalars(select(KeyringMove.sealed_name).where(KeyringMove.sealed_name.is_not(None))))
            for key_id, tenant_id, prefix, last4, ref in rows:
                name = vault_name(tenant_id, ref) if ref else None
                if name and name not in sealed and name not in moving:
                    missing.append(f"tenant {tenant_id}: {prefix}****…{last4} (key {key_id})")
        if moves.orphans_deleted or retired or missing or moves.moved:
            log.warning(
                "key repair: %d moved from the keyring, %d orphans removed, %d retired secrets removed, "
                "%d secrets missing",
                moves.moved,
                moves.orphans_deleted,
                len(retired),
                len(missing),
            )
        return RepairReport(
            orphans_removed=moves.orphans_deleted,
            retired_secrets_removed=len(retired),
            missing_secrets=missing,
            moved_from_keyring=moves.moved,
            waiting=waiting,
            not_in_this_keyring=list(moves.missing),
        )


def _fmt_grace(grace: timedelta | None) -> str:
    for name, value in GRACE_CHOICES.items():
        if value == grace:
            return name
    return str(grace)
