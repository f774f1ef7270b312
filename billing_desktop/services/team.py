"""The operators' shared vault: join (publish this OS account's key), grant after comparing fingerprints, revoke
with a re-key, status; and creating the vault of a database from before the sealed vault."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from billing_desktop.domain.roles import Perm, Role
from billing_desktop.domain.states import KeyState, MemberState
from billing_desktop.domain.validation import normalize_email
from billing_desktop.errors import NotFound, msg
from billing_desktop.services import audit
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize, require_recent_password
from billing_desktop.services.session import UserSession
from billing_desktop.store.models import OperatorKey, User
from billing_desktop.vault import AccessReport
from billing_desktop.vault import members as vault_members
from billing_desktop.vault.rows import state_row

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Joined:
    email: str
    fingerprint: str
    state: KeyState  # pending or granted


@dataclass(frozen=True, kw_only=True)
class MemberRow:
    email: str
    name: str
    role: str
    active: bool
    last_sign_in: datetime | None
    fingerprint: str | None  # None: never joined
    state: MemberState
    joined_at: datetime | None
    granted_by: str | None
    granted_at: datetime | None
    revoked_by: str | None
    revoked_at: datetime | None
    this_account: bool  # the key in this OS account's keyring


@dataclass(frozen=True)
class RevokedKey:
    email: str
    fingerprint: str
    secrets_rekeyed: int


class TeamService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    def ensure_vault(self) -> bool:
        """A database from before the sealed vault gets its vault key here, sealed to this OS account's new operator
        key and labelled with the earliest operator (whose keyring holds the old items). True if created."""
        with self.ctx.db() as s, s.begin():
            if state_row(s).generation != 0:
                return False
            first = s.scalar(
                select(User.id).where(User.role == Role.OPERATOR.value).order_by(User.created_at, User.id).limit(1)
            )
            if first is None:
                return False
            created = self.ctx.vault.initialize(s, first, self.ctx.clock())
        if created:
            log.info("vault created for an upgraded database")
        return created

    def access(self) -> AccessReport:
        with self.ctx.db() as s:
            return self.ctx.vault.access(s)

    def this_accounts_operator(self) -> str | None:
        """The operator whose key is in this OS account's keyring (joined or initialized here, not revoked): who a
        command acts as by default on a team database, where there is more than one operator. None: no such key."""
        from billing_desktop.vault import crypto

        with self.ctx.db() as s:
            st = state_row(s)
            mine = self.ctx.vault.private_key(st.vault_id) if st.generation else None
            if mine is None:
                return None
            return s.scalar(
                select(User.email)
                .join(OperatorKey, OperatorKey.user_id == User.id)
                .where(
                    OperatorKey.fingerprint == crypto.fingerprint(crypto.public_bytes(mine)),
                    OperatorKey.state != KeyState.REVOKED.value,
                    User.role == Role.OPERATOR.value,
                    User.active.is_(True),
                )
            )

    def _operator(self, s: Session, email: str) -> User:
        user = s.scalar(select(User).where(User.email == normalize_email(email), User.role == Role.OPERATOR.value))
        if user is None:
            raise NotFound(
                msg("No operator account {normalize_email_email}.", normalize_email_email=normalize_email(email))
            )
        return user

    # -- use cases -------------------------------------------------------------------------------------------
    def join(self, session: UserSession) -> Joined:
        """On the new operator's machine: a key pair (private key to this OS account's keyring), the public key
        published. Idempotent: joining again prints the same fingerprint."""
        with self.ctx.db() as s, s.begin():
            authorize(s, self.ctx, session, Perm.TEAM_MANAGE, None)
            now = self.ctx.clock()
            row = vault_members.publish_key(self.ctx.vault, s, session.user_id, now)
            if row.created_at == now and row.state == KeyState.PENDING:
                audit.record(s, now, session.email, "team.join", detail=f"key {row.fingerprint}")
            return Joined(session.email, row.fingerprint, KeyState(row.state))

    def grant(self, session: UserSession, email: str, fingerprint: str) -> Joined:
        with self.ctx.db() as s, s.begin():
            authorize(s, self.ctx, session, Perm.TEAM_MANAGE, None)
            require_recent_password(self.ctx, session)
            user = self._operator(s, email)
            now = self.ctx.clock()
            row = vault_members.grant(self.ctx.vault, s, user.id, fingerprint, session.email, now)
            audit.record(s, now, session.email, "team.grant", detail=f"{user.email} key {row.fingerprint}")
            return Joined(user.email, row.fingerprint, KeyState(row.state))

    def revoke(
        self,
        session: UserSession,
        email: str,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> int:
        """Remove the operator's copies and re-key every secret in one transaction. Returns secrets re-encrypted."""
        with self.ctx.db() as s, s.begin():
            authorize(s, self.ctx, session, Perm.TEAM_MANAGE, None)
            require_recent_password(self.ctx, session)
            user = self._operator(s, email)
            if user.id == session.user_id:
                from billing_desktop.errors import AppError

                raise AppError(msg("You cannot revoke your own access: ask another operator."))
            now = self.ctx.clock()
            count = vault_members.rekey(self.ctx.vault, s, user.id, session.email, now, progress, cancelled)
            audit.record(s, now, session.email, "team.revoke", detail=f"{user.email}; {count} secrets re-keyed")
            vault_id, generation, key = s.info.pop("vault_rekeyed")
        self.ctx.vault.remember(vault_id, generation, key)
        return count

    def revoke_key(
        self,
        session: UserSession,
        fingerprint: str,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> RevokedKey:
        """Revoke one operator key (one machine, e.g. a lost laptop) and re-key every secret, so the copy that key
        could open is useless. Refuses the key this OS account is using: that would lock this machine out."""
        from billing_desktop.errors import AppError
        from billing_desktop.vault import crypto

        wanted = crypto.normalize_fingerprint(fingerprint)
        with self.ctx.db() as s, s.begin():
            authorize(s, self.ctx, session, Perm.TEAM_MANAGE, None)
            require_recent_password(self.ctx, session)
            row = s.scalar(select(OperatorKey).where(OperatorKey.fingerprint == wanted))
            if row is None:
                raise NotFound(
                    msg(
                        "No operator key with the fingerprint {wanted}: see `billing-desktop team status`.",
                        wanted=wanted,
                    )
                )
            if row.state == KeyState.REVOKED:
                raise AppError(msg("The key {wanted} is already revoked.", wanted=wanted))
            mine = self.ctx.vault.private_key(state_row(s).vault_id)
            if mine is not None and crypto.fingerprint(crypto.public_bytes(mine)) == wanted:
                raise AppError(
                    msg(
                        "Refused: this is the key this machine is using. Revoke it from another machine (or another "
                        "operator's account)."
                    )
                )
            owner = s.get(User, row.user_id)
            email = owner.email if owner else "?"
            now = self.ctx.clock()
            count = vault_members.rekey(
                self.ctx.vault, s, row.user_id, session.email, now, progress, cancelled, key_id=row.id
            )
            audit.record(
                s, now, session.email, "team.revoke_key", detail=f"{email} key {wanted}; {count} secrets re-keyed"
            )
            vault_id, generation, key = s.info.pop("vault_rekeyed")
        self.ctx.vault.remember(vault_id, generation, key)
        return RevokedKey(email=email, fingerprint=wanted, secrets_rekeyed=count)

    def status(self, session: UserSession) -> list[MemberRow]:
        from billing_desktop.vault import crypto

        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.TEAM_MANAGE, None)
            st = state_row(s)
            mine = self.ctx.vault.private_key(st.vault_id) if st.generation else None
            my_fp = crypto.fingerprint(crypto.public_bytes(mine)) if mine else None
            users = list(s.scalars(select(User).where(User.role == Role.OPERATOR.value).order_by(User.email)))
            keys: dict[int, list[OperatorKey]] = {}
            for key in s.scalars(select(OperatorKey).order_by(OperatorKey.created_at, OperatorKey.id)):
                keys.setdefault(key.user_id, []).append(key)
            rows = []
            for u in users:
                name = f"{u.first_name} {u.last_name}".strip()
                user_keys: list[OperatorKey | None] = list(keys.get(u.id, [])) or [None]  # a row even before joining
                for k in user_keys:
                    rows.append(
                        MemberRow(
                            email=u.email,
                            name=name,
                            role=u.role,
                            active=u.active,
                            last_sign_in=u.last_sign_in,
                            fingerprint=k.fingerprint if k else None,
                            state=MemberState(k.state) if k else MemberState.NOT_JOINED,
                            joined_at=k.created_at if k else None,
                            granted_by=k.granted_by if k else None,
                            granted_at=k.granted_at if k else None,
                            revoked_by=k.revoked_by if k else None,
                            revoked_at=k.revoked_at if k else None,
                            this_account=bool(k and k.fingerprint == my_fp),
                        )
                    )
            return rows
