"""The app's error types. Every message here is safe to show a user: none carries a secret."""

from __future__ import annotations

from datetime import datetime


class AppError(Exception):
    """Base for errors the GUI and CLI show as a message, not as a traceback."""


class ValidationError(AppError):
    """Bad input. `fields` maps a field name to the message shown next to that field."""

    def __init__(self, fields: dict[str, str]):
        self.fields = dict(fields)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.fields.items()))


class NotFound(AppError):
    pass


class PermissionDenied(AppError):
    pass


class AuthenticationFailed(AppError):
    pass


class AccountLocked(AuthenticationFailed):
    pass


class ReauthRequired(AppError):
    """The action needs the password again (none given in the last few minutes)."""


class SessionLocked(AppError):
    pass


class VaultError(AppError):
    """Any failure of the OS keyring, turned into one clear message."""


class SchemaTooNew(AppError):
    pass


class DatabaseError(AppError):
    pass


class Conflict(AppError):
    """A save over a newer version than the one the form loaded: someone else changed it in between.
    `changed_by` and `changed_at` come from the audit log; `version` is the one now stored."""

    def __init__(self, what: str, changed_by: str | None, changed_at: datetime | None, version: int):
        self.what, self.changed_by, self.changed_at, self.version = what, changed_by, changed_at, version
        who = f" by {changed_by}" if changed_by else ""
        when = f" at {changed_at:%Y-%m-%d %H:%M:%S} UTC" if changed_at else ""
        super().__init__(
            f"{what} was changed{who}{when} after you opened it. Reload to see the change; your edits are kept."
        )


class BackupDamaged(AppError):
    """A backup file that is not whole and unaltered (cut off, a byte changed, or not a backup at all)."""
