"""Failed-attempt counting that holds under parallel use, the same for known and unknown emails.

Every change is one UPDATE whose new values are computed from the row's current values inside the database, so
twenty wrong passwords sent at once count twenty, and whichever reaches the limit locks the account. A success
clears the counter only if no lock landed meanwhile (checked in the same statement).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import and_, case, delete, or_, select, update
from sqlalchemy.orm import Session

from billing_desktop.services.context import Policy
from billing_desktop.services.credentials import dummy_hash, email_digest
from billing_desktop.store.models import SignInThrottle, User

if TYPE_CHECKING:
    from sqlalchemy.engine import CursorResult


def locked_until(s: Session, user: User | None, digest: str) -> datetime | None:
    if user is not None:
        return user.locked_until
    until: datetime | None = s.scalar(select(SignInThrottle.locked_until).where(SignInThrottle.email_digest == digest))
    return until


def count_failure(s: Session, user_id: int | None, digest: str, now: datetime, policy: Policy) -> tuple[bool, bool]:
    """Count one failure atomically. Returns (locked now, locked by this very failure). Failures older than
    `policy.failure_window` lapse, for accounts and unknown emails alike."""
    model: type[User] | type[SignInThrottle]
    if user_id is None:
        prune_throttle(s, now, policy)
        _ensure_throttle_row(s, digest)
        model, where = SignInThrottle, SignInThrottle.email_digest == digest
    else:
        model, where = User, User.id == user_id
    until = now + policy.lockout
    already = and_(model.locked_until.is_not(None), model.locked_until > now)
    lapsed = or_(model.last_failed_at.is_(None), model.last_failed_at <= now - policy.failure_window)
    counted = case((lapsed, 0), else_=model.failed_attempts)  # before this failure
    reaches = counted + 1 >= policy.max_failed_attempts
    result = s.execute(
        update(model)
        .where(where)
        .values(
            failed_attempts=case((already, model.failed_attempts), (reaches, 0), else_=counted + 1),
            locked_until=case((already, model.locked_until), (reaches, until), else_=model.locked_until),
            last_failed_at=now,
        )
        .returning(model.locked_until)
        .execution_options(synchronize_session=False)
    )
    after = result.scalar()
    locked = after is not None and after > now
    return locked, locked and after == until


def prune_throttle(s: Session, now: datetime, policy: Policy) -> int:
    """Delete unknown-email rows that say no more than no row would: failures lapsed and no lock in force. The table
    then holds at most the emails that failed within one window (or are locked), however many were tried."""
    result = s.execute(
        delete(SignInThrottle)
        .where(
            or_(SignInThrottle.last_failed_at.is_(None), SignInThrottle.last_failed_at <= now - policy.failure_window),
            or_(SignInThrottle.locked_until.is_(None), SignInThrottle.locked_until <= now),
        )
        .execution_options(synchronize_session=False)
    )
    removed: int = getattr(result, "rowcount", 0)  # a DELETE's result is a cursor result
    return removed


def clear_on_success(s: Session, user_id: int, now: datetime, *, signed_in: bool) -> bool:
    """Reset the counter unless a lock landed while the password was being checked; False if locked."""
    values: dict[str, Any] = {"failed_attempts": 0, "locked_until": None}
    if signed_in:
        values["last_sign_in"] = now
    result = s.execute(
        update(User)
        .where(User.id == user_id, or_(User.locked_until.is_(None), User.locked_until <= now))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return cast("CursorResult[Any]", result).rowcount == 1  # an UPDATE's result is a cursor result


def _ensure_throttle_row(s: Session, digest: str) -> None:
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        s.execute(pg_insert(SignInThrottle).values(email_digest=digest, failed_attempts=0).on_conflict_do_nothing())
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        s.execute(sqlite_insert(SignInThrottle).values(email_digest=digest, failed_attempts=0).on_conflict_do_nothing())


__all__ = ["clear_on_success", "count_failure", "dummy_hash", "email_digest", "locked_until", "prune_throttle"]
