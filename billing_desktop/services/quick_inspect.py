"""`keys inspect` in a process of its own, on the local SQLite database, without SQLAlchemy.

The whole process is budgeted at 3x an empty interpreter plus the password check (docs/PERFORMANCE.md), and
importing SQLAlchemy and mapping the models costs several times that. So the plain case goes through
store/sqlite_direct.py: an active account, not locked, whose password is right and whose hash needs no upgrade,
signs in (the same writes and audit entry as AuthService.sign_in) and the key is looked up by its hash. Every
other case returns None *before* anything is written, and the caller takes the full path (Services), which owns
the lockout accounting: a wrong password, an unknown email, a lock, another database or schema. Whatever is
decided, the password is verified the same number of times for an unknown email and a wrong password (two, one
here and one on the full path), and not at all for a locked account, as on the full path alone.

The password is checked by credentials.Argon2Check (libargon2's bindings, not the argon2 package) and the path
imports neither `dataclasses` nor argparse: their imports were a third of the budget (tests/test_startup_cost.py
keeps them off it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import NamedTuple

from billing_desktop.domain.keys import examine, lookup_hash
from billing_desktop.domain.roles import Perm, Role
from billing_desktop.domain.validation import normalize_email
from billing_desktop.services.credentials import Argon2Check, email_digest, password_matches
from billing_desktop.services.inspection_result import Inspection, describe
from billing_desktop.services.permissions import check_role
from billing_desktop.store.sqlite_direct import DirectSqlite

SIGN_IN_ACTION = "auth.sign_in"  # the audit action AuthService.sign_in records


class Outcome(NamedTuple):
    """The plain path's answer, or None and the password read, for the full path."""

    inspection: Inspection | None  # None: take the full path
    password: str | None  # as read, for the full path not to ask again


def _utcnow() -> datetime:  # context.utcnow, without importing context (dataclasses)
    return datetime.now(UTC)


def inspect(
    url: str,
    email: str | None,
    read_password: Callable[[str], str],
    text: str,
    *,
    check: Argon2Check | None = None,
    clock: Callable[[], datetime] = _utcnow,
) -> Outcome:
    """Sign in as `email` (None: the only operator) with the password `read_password(email)` gives, and inspect
    `text`. Outcome.inspection None: nothing was decided or written here. `check`: the password check (default:
    the production parameters, context.default_hasher's)."""
    db = DirectSqlite.open(url)
    if db is None:
        return Outcome(inspection=None, password=None)
    try:
        email = email or db.only_operator_email()
        if not email:
            return Outcome(inspection=None, password=None)  # the full path says what to do
        password = read_password(email)
        return Outcome(
            inspection=_signed_in_inspect(db, normalize_email(email), password, text, check or Argon2Check(), clock),
            password=password,
        )
    finally:
        db.close()


def _signed_in_inspect(
    db: DirectSqlite,
    email: str,
    password: str,
    text: str,
    hasher: Argon2Check,
    clock: Callable[[], datetime],
) -> Inspection | None:
    account = db.account(email)
    now = clock()
    if account is None:
        until = db.throttle_locked_until(email_digest(email))
        if until is None or until <= now:
            password_matches(hasher, None, password)  # what a wrong password costs here; the full path decides
        return None
    if account.locked_until is not None and account.locked_until > now:
        return None
    eligible = account.active and (account.tenant_id is None or account.tenant_active)
    if not (password_matches(hasher, account.password_hash, password) and eligible):
        return None
    if not hasher.made_here(account.password_hash):
        return None  # the full path re-hashes it (checked after verifying: the same cost as a wrong password)
    if not db.record_sign_in(account.id, clock(), email, SIGN_IN_ACTION, account.tenant_id):
        return None  # a lock landed meanwhile: the full path reports it
    role = Role(account.role)
    scope = None if role == Role.OPERATOR else account.tenant_id
    check_role(role, Perm.KEYS_VIEW, scope, user_tenant_id=account.tenant_id, tenant_active=account.tenant_active)
    v = examine(text)
    if not v.well_formed or v.normalized is None:
        return Inspection(verdict=v, summary=v.problem)
    return describe(v, scope, db.key(lookup_hash(v.normalized)), clock())
