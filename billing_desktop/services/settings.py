"""Installation-wide settings (not secrets): read by anyone signed in, changed by operators, audited."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select

from billing_desktop.domain.roles import Perm
from billing_desktop.domain.validation import raise_if
from billing_desktop.services import audit
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.store.models import Setting

IDLE_LOCK_MINUTES = "idle_lock_minutes"


class SettingsService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    def _get(self, key: str) -> str | None:
        with self.ctx.db() as s:
            return s.scalar(select(Setting.value).where(Setting.key == key))

    def load_policy(self) -> None:
        """Apply stored settings to the running policy (at start-up)."""
        minutes = self._get(IDLE_LOCK_MINUTES)
        if minutes and minutes.isdigit():
            self.ctx.policy = replace(self.ctx.policy, idle_lock=timedelta(minutes=int(minutes)))

    def idle_lock_minutes(self) -> int:
        return int(self.ctx.policy.idle_lock.total_seconds() // 60)

    def set_idle_lock_minutes(self, session: UserSession, minutes: int) -> int:
        raise_if({"idle_lock_minutes": None if 1 <= int(minutes) <= 240 else "Choose between 1 and 240 minutes."})
        with self.ctx.db() as s, s.begin():
            authorize(s, self.ctx, session, Perm.PLATFORM_MANAGE, None)
            row = s.get(Setting, IDLE_LOCK_MINUTES)
            if row is None:
                s.add(Setting(key=IDLE_LOCK_MINUTES, value=str(int(minutes))))
            else:
                row.value = str(int(minutes))
            audit.record(s, self.ctx.clock(), session.email, "settings.update", detail=f"idle lock: {minutes} min")
        self.ctx.policy = replace(self.ctx.policy, idle_lock=timedelta(minutes=int(minutes)))
        return int(minutes)
