"""The app's error types. Every message here is safe to show a user: none carries a secret."""


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
