"""Installation-wide settings (not secrets): read by anyone signed in, changed by operators, audited."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from billing_desktop.domain.roles import Perm
from billing_desktop.domain.validation import raise_if
from billing_desktop.errors import msg
from billing_desktop.services import audit
from billing_desktop.services.concurrency import check_version
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.store.locking import lock_platform
from billing_desktop.store.models import Setting

IDLE_LOCK_MINUTES = "idle_lock_minutes"
SYNC_INTERVAL_MINUTES = "connect_sync_interval_minutes"
SYNC_INTERVAL_RANGE = (5, 1440)  # or 0: off. Stripe's list costs one request per 100 accounts each time.


class SettingsService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx
        self._version = 0  # the preferences' version the running policy was read at (0: never saved)

    def _get(self, key: str) -> str | None:
        with self.ctx.db() as s:
            return s.scalar(select(Setting.value).where(Setting.key == key))

    def load_policy(self) -> None:
        """Apply stored settings to the running policy (at start-up)."""
        minutes = self._get(IDLE_LOCK_MINUTES)
        if minutes and minutes.isdigit():
            self.ctx.policy = replace(self.ctx.policy, idle_lock=timedelta(minutes=int(minutes)))
        minutes = self._get(SYNC_INTERVAL_MINUTES)
        if minutes and minutes.isdigit():
            self.ctx.policy = replace(self.ctx.policy, sync_interval=timedelta(minutes=int(minutes)))
        with self.ctx.db() as s:
            self._version = self._current_version(s)

    @staticmethod
    def _current_version(s: Session) -> int:
        keys = (IDLE_LOCK_MINUTES, SYNC_INTERVAL_MINUTES)
        return s.scalar(select(func.max(Setting.version)).where(Setting.key.in_(keys))) or 0

    def preferences_version(self) -> int:
        """The version the values above were read at: the Preferences dialog passes it back as expected_version."""
        return self._version

    def idle_lock_minutes(self) -> int:
        return int(self.ctx.policy.idle_lock.total_seconds() // 60)

    def sync_interval_minutes(self) -> int:
        """How often the GUI refreshes every connected account by itself; 0: never (the default)."""
        return int(self.ctx.policy.sync_interval.total_seconds() // 60)

    def set_idle_lock_minutes(self, session: UserSession, minutes: int) -> int:
        self.save_preferences(session, idle_lock_minutes=minutes, sync_interval_minutes=self.sync_interval_minutes())
        return int(minutes)

    def save_preferences(
        self,
        session: UserSession,
        *,
        idle_lock_minutes: int,
        sync_interval_minutes: int,
        expected_version: int | None = None,
    ) -> None:
        """`expected_version` (what the form was opened with) refuses a save over another operator's newer values,
        naming who and when; None writes blindly (scripts)."""
        low, high = SYNC_INTERVAL_RANGE
        raise_if(
            {
                "idle_lock_minutes": None
                if 1 <= int(idle_lock_minutes) <= 240
                else msg("Choose between 1 and 240 minutes."),
                "sync_interval_minutes": None
                if int(sync_interval_minutes) == 0 or low <= int(sync_interval_minutes) <= high
                else msg("Choose Off, or between {low} and {high} minutes.", low=low, high=high),
            }
        )
        values = {IDLE_LOCK_MINUTES: int(idle_lock_minutes), SYNC_INTERVAL_MINUTES: int(sync_interval_minutes)}
        with self.ctx.db() as s, s.begin():
            lock_platform(s)
            authorize(s, self.ctx, session, Perm.PLATFORM_MANAGE, None)
            current = self._current_version(s)
            check_version(
                s, what=msg("The preferences"), current=current, expected=expected_version, actions=("settings.update",)
            )
            changed = []
            for key, value in values.items():
                row = s.get(Setting, key)
                if row is None:
                    s.add(Setting(key=key, value=str(value), version=current + 1))
                elif row.value != str(value):
                    row.value, row.version = str(value), current + 1
                else:
                    continue
                changed.append(key)
            if changed:
                detail = f"idle lock: {idle_lock_minutes} min; Stripe refresh: " + (
                    f"every {sync_interval_minutes} min" if sync_interval_minutes else "off"
                )
                audit.record(s, self.ctx.clock(), session.email, "settings.update", detail=detail)
        self._version = current + 1 if changed else current
        self.ctx.policy = replace(
            self.ctx.policy,
            idle_lock=timedelta(minutes=int(idle_lock_minutes)),
            sync_interval=timedelta(minutes=int(sync_interval_minutes)),
        )
