"""First run, sign-in with lockout, idle lock and unlock, password confirmation, profile and password change."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select

from billing_desktop.domain.roles import Role
from billing_desktop.domain.validation import (
    check_email,
    check_password,
    check_person_name,
    normalize_email,
    raise_if,
)
from billing_desktop.errors import AccountLocked, AuthenticationFailed, AppError, ValidationError
from billing_desktop.services import audit
from billing_desktop.services.context import AppContext
from billing_desktop.services.session import UserSession
from billing_desktop.store.models import User

log = logging.getLogger(__name__)
BAD_CREDENTIALS = "Wrong email or password."


@dataclass(frozen=True)
class Profile:
    email: str
    first_name: str
    last_name: str
    role: str
    tenant_id: int | None


class AuthService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx
        self._dummy_hash: str | None = None

    # -- first run -----------------------------------------------------------------------------------------------
    def needs_first_run(self) -> bool:
        with self.ctx.db() as s:
            return not s.scalar(select(func.count()).select_from(User).where(User.role == Role.OPERATOR.value))

    def only_operator_email(self) -> str | None:
        with self.ctx.db() as s:
            emails = list(s.scalars(select(User.email).where(User.role == Role.OPERATOR.value, User.active).limit(2)))
        return emails[0] if len(emails) == 1 else None

    def create_operator(self, email: str, password: str, first_name: str = "", last_name: str = "") -> int:
        """The first operator may be created by anyone at first run; later ones by an operator (UserService)."""
        email = normalize_email(email)
        raise_if(
            {
                "email": check_email(email),
                "password": check_password(password, email),
                "first_name": check_person_name(first_name),
                "last_name": check_person_name(last_name),
            }
        )
        pw_hash = self.ctx.hasher.hash(password)
        with self.ctx.db() as s, s.begin():
            if s.scalar(select(func.count()).select_from(User).where(User.role == Role.OPERATOR.value)):
                raise AppError("An operator account already exists; sign in with it to add more.")
            if s.scalar(select(User.id).where(User.email == email)):
                raise ValidationError({"email": "This email is already in use."})
            now = self.ctx.clock()
            user = User(
                email=email,
                password_hash=pw_hash,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                role=Role.OPERATOR.value,
                active=True,
                failed_attempts=0,
                created_at=now,
                tenant_id=None,
            )
            s.add(user)
            s.flush()
            audit.record(s, now, email, "operator.create_first")
            return user.id

    # -- sign in -------------------------------------------------------------------------------------------------
    def _verify(self, pw_hash: str | None, password: str) -> bool:
        from argon2.exceptions import InvalidHashError, VerificationError

        if pw_hash is None:
            # Spend the same time on an unknown email so timing does not tell which one was wrong.
            if self._dummy_hash is None:
                self._dummy_hash = self.ctx.hasher.hash("not-a-real-password")
            pw_hash = self._dummy_hash
            password = password + "\0"
        try:
            return self.ctx.hasher.verify(pw_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def _check_password(self, s, user: User | None, password: str, email: str, action: str) -> User:
        """Verify with lockout accounting; commits the counters in the caller's transaction."""
        now = self.ctx.clock()
        if user is not None and user.locked_until is not None and user.locked_until > now:
            minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
            audit.record(s, now, email, action, user.tenant_id, outcome="locked")
            raise AccountLocked(f"Too many failed attempts: this account is locked for {minutes} more minute(s).")
        ok = self._verify(user.password_hash if user else None, password)
        if ok and user is not None and user.active and (user.tenant is None or user.tenant.active):
            user.failed_attempts = 0
            user.locked_until = None
            if self.ctx.hasher.check_needs_rehash(user.password_hash):
                user.password_hash = self.ctx.hasher.hash(password)
            return user
        if user is not None:
            user.failed_attempts += 1
            if user.failed_attempts >= self.ctx.policy.max_failed_attempts:
                user.failed_attempts = 0
                user.locked_until = now + self.ctx.policy.lockout
                audit.record(s, now, email, action, user.tenant_id, outcome="locked", detail="account locked")
                raise AccountLocked(
                    f"Too many failed attempts: this account is locked for {int(self.ctx.policy.lockout.total_seconds() // 60)} minutes."
                )
        audit.record(s, now, email, action, user.tenant_id if user else None, outcome="failed")
        raise AuthenticationFailed(BAD_CREDENTIALS)

    def sign_in(self, email: str, password: str) -> UserSession:
        email = normalize_email(email)
        failure: AppError | None = None
        with self.ctx.db() as s, s.begin():
            user = s.scalar(select(User).where(User.email == email))
            try:
                user = self._check_password(s, user, password, email, "auth.sign_in")
            except AuthenticationFailed as exc:
                failure = exc  # leave the block normally so the counters and audit entry commit
            else:
                now = self.ctx.clock()
                user.last_sign_in = now
                audit.record(s, now, email, "auth.sign_in", user.tenant_id)
                session = self._session_for(user)
        if failure is not None:
            raise failure
        return session

    def _session_for(self, user: User) -> UserSession:
        now = self.ctx.clock()
        t = user.tenant
        return UserSession(
            user_id=user.id,
            email=user.email,
            role=Role(user.role),
            tenant_id=user.tenant_id,
            tenant_name=t.company_name if t else None,
            tenant_mode=t.mode if t else None,
            signed_in_at=now,
            last_activity=now,
            reauth_at=now,
        )

    def _recheck(self, session: UserSession, password: str, action: str) -> None:
        failure: AppError | None = None
        with self.ctx.db() as s, s.begin():
            user = s.get(User, session.user_id)
            try:
                self._check_password(s, user, password, session.email, action)
            except AuthenticationFailed as exc:
                failure = exc
            else:
                audit.record(s, self.ctx.clock(), session.email, action, session.tenant_id)
        if failure is not None:
            raise failure

    # -- idle lock and re-authentication --------------------------------------------------------------------------
    def touch(self, session: UserSession) -> None:
        if not session.locked:
            session.last_activity = self.ctx.clock()

    def is_idle(self, session: UserSession) -> bool:
        return self.ctx.clock() - session.last_activity >= self.ctx.policy.idle_lock

    def lock(self, session: UserSession, reason: str = "idle") -> None:
        if not session.locked:
            session.locked = True
            with self.ctx.db() as s, s.begin():
                audit.record(s, self.ctx.clock(), session.email, "auth.lock", session.tenant_id, reason=reason)

    def end(self, session: UserSession) -> None:
        """Sign out: the session object can do nothing more (no I/O, so safe on any thread)."""
        session.locked = True

    def unlock(self, session: UserSession, password: str) -> None:
        self._recheck(session, password, "auth.unlock")
        now = self.ctx.clock()
        session.locked = False
        session.last_activity = now
        session.reauth_at = now

    def confirm_password(self, session: UserSession, password: str) -> None:
        """Re-authentication before a destructive act or a live secret."""
        self._recheck(session, password, "auth.confirm_password")
        session.reauth_at = session.last_activity = self.ctx.clock()

    # -- "me" ----------------------------------------------------------------------------------------------------
    def profile(self, session: UserSession) -> Profile:
        with self.ctx.db() as s:
            u = self._me(s, session)
            return Profile(u.email, u.first_name, u.last_name, u.role, u.tenant_id)

    def _me(self, s, session: UserSession) -> User:
        from billing_desktop.errors import PermissionDenied, SessionLocked

        if session.locked:
            raise SessionLocked("The session is locked. Unlock it with your password.")
        user = s.get(User, session.user_id)
        if user is None or not user.active:
            raise PermissionDenied("Your account is no longer active.")
        return user

    def update_profile(self, session: UserSession, first_name: str, last_name: str) -> Profile:
        raise_if({"first_name": check_person_name(first_name), "last_name": check_person_name(last_name)})
        with self.ctx.db() as s, s.begin():
            u = self._me(s, session)
            u.first_name, u.last_name = first_name.strip(), last_name.strip()
            audit.record(s, self.ctx.clock(), session.email, "user.update_profile", u.tenant_id)
            return Profile(u.email, u.first_name, u.last_name, u.role, u.tenant_id)

    def change_password(self, session: UserSession, old: str, new: str) -> None:
        problem = check_password(new, session.email)
        if not problem and new == old:
            problem = "Choose a password different from the current one."
        raise_if({"new_password": problem})
        try:
            self._recheck(session, old, "user.verify_old_password")
        except AccountLocked:
            raise
        except AuthenticationFailed:
            raise ValidationError({"old_password": "The current password is wrong."}) from None
        new_hash = self.ctx.hasher.hash(new)
        with self.ctx.db() as s, s.begin():
            u = self._me(s, session)
            u.password_hash = new_hash
            audit.record(s, self.ctx.clock(), session.email, "user.change_password", u.tenant_id)
        session.reauth_at = self.ctx.clock()
