"""The app's error types. Every message here is safe to show a user: none carries a secret.

Messages meant for a person are made with `msg(template, **params)`: a `Msg` is the English text (a str, for the CLI
and the log) that also keeps its template and parameters, so the GUI shows it in the operator's language
(`ui.i18n.text`) without anything below `ui` importing Qt. pyside6-lupdate collects the templates from every
`msg("…")` call (scripts/translations.py passes `-tr-function-alias QT_TR_NOOP+=msg`; they land in the empty
context, as the GUI's module-level `tr` strings do)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import datetime


class Msg(str):
    """English text with its template and parameters; parameters may be Msgs themselves (translated in turn)."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Msg:
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template, self.params = template, params
        return self


def msg(template: str, /, **params: Any) -> Msg:
    """A message for a person, marked for translation. `template` is a literal with {named} fields (doubled braces
    for literal ones when there are fields); fill them with keyword arguments, never with an f-string."""
    return Msg(template, **params)


def _plain(value: Any) -> Any:
    if isinstance(value, Msg):
        return {"msg": value.template, "params": {k: _plain(v) for k, v in value.params.items()}}
    return value if isinstance(value, int | float) else str(value)


def _revive(value: Any) -> Any:
    if isinstance(value, dict) and "msg" in value:
        return Msg(value["msg"], **{k: _revive(v) for k, v in (value.get("params") or {}).items()})
    return value


_STORED = '{"msg": '  # no English message starts so: older rows (plain English) load as they are


def dump_text(value: str) -> str:
    """A message for a text column: a Msg as JSON (its template and parameters survive), other text as it is."""
    import json  # here: every process imports this module, the GUI's first window among them

    return json.dumps(_plain(value), ensure_ascii=False) if isinstance(value, Msg) else value


def load_text(stored: str) -> str:
    """What `dump_text` stored: a Msg again (its str is the same English), or the plain text."""
    if stored.startswith(_STORED):
        import json

        try:
            revived = _revive(json.loads(stored))
        except (ValueError, TypeError, KeyError):
            return stored
        return revived if isinstance(revived, str) else stored
    return stored


class AppError(Exception):
    """Base for errors the GUI and CLI show as a message, not as a traceback."""


class ValidationError(AppError):
    """Bad input. `fields` maps a field name to the message shown next to that field (a Msg, or a plain str)."""

    def __init__(self, fields: Mapping[str, str]):
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
        at = f"{changed_at:%Y-%m-%d %H:%M:%S}" if changed_at else ""
        if changed_by and changed_at:
            text = msg("{what} was changed by {who} at {at} UTC after you opened it.", what=what, who=changed_by, at=at)
        elif changed_by:
            text = msg("{what} was changed by {who} after you opened it.", what=what, who=changed_by)
        elif changed_at:
            text = msg("{what} was changed at {at} UTC after you opened it.", what=what, at=at)
        else:
            text = msg("{what} was changed after you opened it.", what=what)
        super().__init__(msg("{changed} Reload to see the change; your edits are kept.", changed=text))


class BackupDamaged(AppError):
    """A backup file that is not whole and unaltered (cut off, a byte changed, or not a backup at all)."""


class InstallationDamaged(AppError):
    """One of the app's own files could not be loaded: a cut-off or damaged bytecode file, a missing module. Not the
    database's fault, and nothing was written."""


def load_failure(exc: BaseException) -> InstallationDamaged | None:
    """The InstallationDamaged for an exception raised while Python loaded a module, else None.

    A .pyc cut off by a full disk or a file-size limit raises EOFError ("marshal data too short") from inside the
    import system, wherever the import happens: inside a database migration it was reported as "the database could
    not be read or written". Told apart by the import system's frames in the traceback (importlib keeps them for
    errors other than ImportError) and by ImportError itself, which reaches this far only when a module the app
    needs is missing."""
    module = bytecode = None
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            found = frame.f_locals
            module = found.get("fullname") or found.get("name") or module
            bytecode = found.get("bytecode_path") or bytecode
        tb = tb.tb_next
    if isinstance(exc, ImportError):
        module = exc.name or module
    elif module is None:
        return None
    why = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    if bytecode:
        return InstallationDamaged(
            msg(
                "Billing Desktop could not load its module {module} ({why}): its compiled copy {file} is damaged, "
                "not the database. Nothing was saved. Delete that file (Python makes it again) or reinstall "
                "Billing Desktop.",
                module=module or "?",
                why=why,
                file=bytecode,
            )
        )
    return InstallationDamaged(
        msg(
            "Billing Desktop could not load its module {module} ({why}): the installation is damaged or incomplete, "
            "not the database. Nothing was saved. Reinstall Billing Desktop.",
            module=module or "?",
            why=why,
        )
    )
