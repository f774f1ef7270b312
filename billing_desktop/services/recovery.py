"""The recovery key as a use case: create or rotate it (shown once), confirm it was stored, check a typed key,
status. Operators only (team.manage): it opens every secret."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from billing_desktop.domain import recovery_key
from billing_desktop.domain.roles import Perm
from billing_desktop.errors import NotFound, ValidationError, msg
from billing_desktop.services import audit
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize, require_recent_password
from billing_desktop.services.session import UserSession
from billing_desktop.vault import recovery


@dataclass(frozen=True)
class RecoveryStatus:
    exists: bool
    fingerprint: str | None
    created_at: datetime | None
    created_by: str | None
    confirmed_at: datetime | None
    # The asking operator made it, so was shown it once: only they know whether it was stored (another operator can
    # rotate it, which replaces the key they may have kept, but cannot say it is stored).
    shown_to_you: bool = False

    @property
    def needs_attention(self) -> bool:
        """No key yet, or one the operator never confirmed storing."""
        return not self.exists or self.confirmed_at is None

    @property
    def yours_to_act_on(self) -> bool:
        """Whether this operator can settle `needs_attention`: create the missing key, or confirm storing (or rotate)
        the one they were shown."""
        return self.needs_attention and (not self.exists or self.shown_to_you)


@dataclass(frozen=True)
class NewRecoveryKey:
    text: str  # shown once; never stored, never logged
    fingerprint: str
    created_at: datetime
    replaced: bool


class RecoveryService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    def status(self, session: UserSession) -> RecoveryStatus:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.TEAM_MANAGE, None)
            row = recovery.current(s)
            if row is None:
                return RecoveryStatus(
                    exists=False, fingerprint=None, created_at=None, created_by=None, confirmed_at=None
                )
            return RecoveryStatus(
                exists=True,
                fingerprint=row.fingerprint,
                created_at=row.created_at,
                created_by=row.created_by,
                confirmed_at=row.confirmed_at,
                shown_to_you=row.created_by == session.email,
            )

    def create(self, session: UserSession, *, rotate: bool = False) -> NewRecoveryKey:
        """The first recovery key (at setup or after an upgrade), or a new one replacing it (`rotate`, which
        needs the password again): from its commit on, the old key opens nothing in this database."""
        with self.ctx.db() as s, s.begin():
            authorize(s, self.ctx, session, Perm.TEAM_MANAGE, None)
            existing = recovery.current(s)
            if existing is not None and not rotate:
                raise ValidationError(
                    {
                        "recovery_key": msg(
                            "A recovery key exists already: rotate it to replace it (the old one then stops working)."
                        )
                    }
                )
            if existing is not None:
                require_recent_password(self.ctx, session)
            now = self.ctx.clock()
            text = recovery.replace(self.ctx.vault, s, session.email, now)
            row = recovery.current(s)
            assert row is not None
            action = "recovery_key.rotate" if existing else "recovery_key.create"
            audit.record(s, now, session.email, action, detail=f"fingerprint {row.fingerprint}")
            return NewRecoveryKey(text=text, fingerprint=row.fingerprint, created_at=now, replaced=existing is not None)

    def confirm_stored(self, session: UserSession, typed: str | None = None) -> RecoveryStatus:
        """The operator says they stored the key; with `typed`, it must be the current key (checked, not kept)."""
        with self.ctx.db() as s, s.begin():
            authorize(s, self.ctx, session, Perm.TEAM_MANAGE, None)
            row = recovery.current(s)
            if row is None:
                raise NotFound(msg("There is no recovery key yet: create one first."))
            if typed is not None:
                self._must_match(typed, row.fingerprint)
            now = self.ctx.clock()
            row.confirmed_at = now
            audit.record(s, now, session.email, "recovery_key.confirm", detail=f"fingerprint {row.fingerprint}")
            return RecoveryStatus(
                exists=True,
                fingerprint=row.fingerprint,
                created_at=row.created_at,
                created_by=row.created_by,
                confirmed_at=now,
                shown_to_you=row.created_by == session.email,
            )

    @staticmethod
    def _must_match(typed: str, fingerprint: str) -> None:
        if recovery.fingerprint_of(recovery_key.decode(typed)) != fingerprint:
            raise ValidationError(
                {
                    "recovery_key": msg(
                        "This is a valid recovery key, but not the current one of this database (an older, "
                        "rotated key?)."
                    )
                }
            )

    def check(self, session: UserSession, typed: str) -> str:
        """Whether a key the operator holds is the current one; returns its fingerprint."""
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.TEAM_MANAGE, None)
            row = recovery.current(s)
            if row is None:
                raise NotFound(msg("There is no recovery key yet: create one first."))
            self._must_match(typed, row.fingerprint)
            return row.fingerprint
