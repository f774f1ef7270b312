"""Scheduled backups: a folder the operator chooses (a synced folder is fine: the files are encrypted), how often,
and how many to keep. Stored as one installation-wide setting; the GUI asks `run_if_due` now and then."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from billing_desktop.domain.roles import Perm
from billing_desktop.domain.validation import raise_if
from billing_desktop.errors import msg
from billing_desktop.services import audit
from billing_desktop.services.backup import PREFIX, SUFFIX, BackupResult, BackupService, backups_in, is_due, prune
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.store.models import Setting

KEY = "backup_schedule"
MAX_HOURS, MAX_KEEP = 24 * 7, 365


@dataclass(frozen=True)
class Schedule:
    folder: str = ""
    every_hours: int = 0  # 0: off
    keep: int = 10

    @property
    def enabled(self) -> bool:
        return bool(self.folder) and self.every_hours > 0


def made_at(path: Path) -> datetime | None:
    """When a backup was made, from its name (billing-desktop-YYYYmmddTHHMMSSZ.bdbackup)."""
    stamp = path.name[len(PREFIX) : -len(SUFFIX)]
    try:
        return datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


class BackupScheduleService:
    def __init__(self, ctx: AppContext, backups: BackupService):
        self.ctx, self.backups = ctx, backups

    def get(self, session: UserSession) -> Schedule:
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.PLATFORM_MANAGE, None)
            row = s.get(Setting, KEY)
        if row is None:
            return Schedule()
        try:
            data = json.loads(row.value)
            return Schedule(str(data["folder"]), int(data["every_hours"]), int(data["keep"]))
        except (ValueError, KeyError, TypeError):
            return Schedule()

    def set(self, session: UserSession, folder: str, every_hours: int, keep: int) -> Schedule:
        folder = (folder or "").strip()
        path = Path(folder).expanduser() if folder else None
        folder_error = None
        if every_hours and not folder:
            folder_error = msg("Choose the folder the backups go to.")
        elif path is not None and not path.is_absolute():
            folder_error = msg("Give the full path of the folder.")
        elif path is not None and not path.is_dir():
            folder_error = msg("This folder does not exist.")
        elif path is not None and not os.access(path, os.W_OK):
            folder_error = msg("This folder cannot be written to.")
        raise_if(
            {
                "folder": folder_error,
                "every_hours": None
                if 0 <= every_hours <= MAX_HOURS
                else msg("Choose 0 (off) to {max_hours} hours.", max_hours=MAX_HOURS),
                "keep": None
                if 1 <= keep <= MAX_KEEP
                else msg("Keep between 1 and {max_keep} backups.", max_keep=MAX_KEEP),
            }
        )
        schedule = Schedule(str(path) if path else "", int(every_hours), int(keep))
        with self.ctx.db() as s, s.begin():
            authorize(s, self.ctx, session, Perm.PLATFORM_MANAGE, None)
            value = json.dumps(schedule.__dict__)
            row = s.get(Setting, KEY)
            if row is None:
                s.add(Setting(key=KEY, value=value))
            else:
                row.value = value
            what = f"every {every_hours} h to {schedule.folder}, keep {keep}" if schedule.enabled else "off"
            audit.record(s, self.ctx.clock(), session.email, "settings.update", detail=f"scheduled backups: {what}")
        return schedule

    def last_backup(self, schedule: Schedule) -> datetime | None:
        stamps = [t for t in (made_at(p) for p in backups_in(Path(schedule.folder))) if t is not None]
        return max(stamps, default=None)

    def run_if_due(
        self,
        session: UserSession,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> BackupResult | None:
        """A backup into the schedule's folder if the last one there is old enough, then the oldest beyond the
        retention count deleted. None when nothing was due."""
        schedule = self.get(session)
        if not schedule.enabled:
            return None
        if not is_due(self.last_backup(schedule), self.ctx.clock(), schedule.every_hours):
            return None
        result = self.backups.create(session, Path(schedule.folder), progress, cancelled)
        prune(Path(schedule.folder), schedule.keep)
        return result
