"""First run, sign-in with lockout, idle lock and unlock, password confirmation, profile and password change."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from billing_desktop.domain.roles import Role
from billing_desktop.domain.states import AuditOutcome
from billing_desktop.domain.validation import (
    check_email,
    check_password,
    check_person_name,
    normalize_email,
    raise_if,
)
from billing_desktop.errors import AccountLocked, AppError, AuthenticationFailed, ValidationError, msg
from billing_desktop.services import audit, lockout
from billing_desktop.services.concurrency import check_version
from billing_desktop.services.context import AppContext
from billing_desktop.services.credentials import password_matches
from billing_desktop.services.session import UserSession
from billing_desktop.store.locking import lock_user
from billing_desktop.store.models import User

log = logging.getLogger(__name__)
WRONG_PASSWORD = msg("Wrong password.")
BAD_CREDENTIALS = msg("Wrong email or password.")


@dataclass(frozen=True, kw_only=True)
class Profile:
    email: str
    first_name: str
    last_name: str
    role: str
    tenant_id: int | None
    version: int = 1


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
                raise AppError(msg("An operator account already exists; sign in with it to add more."))
            if s.scalar(select(User.id).where(User.email == email)):
                raise ValidationError({"email": msg("This email is already in use.")})
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
            # The first operator's OS account gets the vault: a key pair in its keyring, the vault key sealed to it.
            self.ctx.vault.initialize(s, user.id, now)
            audit.record(s, now, email, "operator.create_first")
            return user.id

    # -- sign in -------------------------------------------------------------------------------------------------
    def _verify(self, pw_hash: str | None, password: str) -> bool:
        if pw_hash is None and self._dummy_hash is None:
            self._dummy_hash = lockout.dummy_hash(self.ctx.hasher)
        return password_matches(self.ctx.hasher, pw_hash if pw_hash is not None else self._dummy_hash, password)

    def _attempt(self, email: str, password: str, action: str, user_id: int | None = None) -> User:
        """Check a password with lockout accounting (atomic, see services/lockout.py). Returns the user, detached,
        after a success; raises AccountLocked or AuthenticationFailed, with their audit entry committed."""
        digest = lockout.email_digest(email)
        with self.ctx.db() as s:
            user = s.get(User, user_id) if user_id else s.scalar(select(User).where(User.email == email))
            until = lockout.locked_until(s, user, digest)
            pw_hash = user.password_hash if user else None
            eligible = user is not None and user.active and (user.tenant is None or user.tenant.active)
            if user is not None:
                _ = user.tenant  # loaded now, for the session built after this block
        tenant_id = user.tenant_id if user else None
        now = self.ctx.clock()
        failure: AppError | None = None
        if until is not None and until > now:  # no hash: the same for a locked account and a locked unknown email
            failure = self._locked(until, now)
            with self.ctx.db() as s, s.begin():
                audit.record(s, now, email, action, tenant_id, outcome=AuditOutcome.LOCKED)
            raise failure
        ok = self._verify(pw_hash, password)
        now = self.ctx.clock()
        with self.ctx.db() as s, s.begin():
            if ok and eligible and user is not None and pw_hash is not None:
                if lockout.clear_on_success(s, user.id, now, signed_in=user_id is None):
                    if self.ctx.hasher.check_needs_rehash(pw_hash):
                        s.execute(
                            update(User).where(User.id == user.id).values(password_hash=self.ctx.hasher.hash(password))
                        )
                    audit.record(s, now, email, action, tenant_id)
                    return user
                # Enough failures arrived while this password was being checked: the lock wins.
                failure = self._locked(s.scalar(select(User.locked_until).where(User.id == user.id)) or now, now)
                audit.record(s, now, email, action, tenant_id, outcome=AuditOutcome.LOCKED)
            else:
                locked, just_now = lockout.count_failure(s, user.id if user else None, digest, now, self.ctx.policy)
                if locked:
                    minutes = int(self.ctx.policy.lockout.total_seconds() // 60)
                    failure = AccountLocked(
                        msg("Too many failed attempts: this account is locked for {minutes} minutes.", minutes=minutes)
                    )
                    detail = "account locked" if just_now else ""
                    audit.record(s, now, email, action, tenant_id, outcome=AuditOutcome.LOCKED, detail=detail)
                else:
                    # Signed in already (user_id given): the email is not in question, so say it was the password.
                    failure = AuthenticationFailed(WRONG_PASSWORD if user_id and eligible else BAD_CREDENTIALS)
                    audit.record(s, now, email, action, tenant_id, outcome=AuditOutcome.FAILED)
        raise failure

    @staticmethod
    def _locked(until: datetime, now: datetime) -> AccountLocked:
        minutes = max(1, int((until - now).total_seconds() // 60) + 1)
        return AccountLocked(
            msg("Too many failed attempts: this account is locked for {minutes} more minute(s).", minutes=minutes)
        )

    def sign_in(self, email: str, password: str) -> UserSession:
        email = normalize_email(email)
        user = self._attempt(email, password, "auth.sign_in")
        return self._session_for(user)

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
        self._attempt(session.email, password, action, user_id=session.user_id)

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
            return _profile(u)

    def _me(self, s: Session, session: UserSession) -> User:
        from billing_desktop.errors import PermissionDenied, SessionLocked

        if session.locked:
            raise SessionLocked(msg("The session is locked. Unlock it with your password."))
        user = s.get(User, session.user_id)
        if user is None or not user.active:
            raise PermissionDenied(msg("Your account is no longer active."))
        return user

    def update_profile(
        self, session: UserSession, first_name: str, last_name: str, expected_version: int | None = None
    ) -> Profile:
        raise_if({"first_name": check_person_name(first_name), "last_name": check_person_name(last_name)})
        with self.ctx.db() as s, s.begin():
            lock_user(s, session.user_id)
            u = self._me(s, session)
            check_version(
                s,
                what=msg("Your profile"),
                current=u.version,
                expected=expected_version,
                actions=("user.update_profile",),
                actor=u.email,
            )
            u.first_name, u.last_name = first_name.strip(), last_name.strip()
            u.version += 1
            audit.record(s, self.ctx.clock(), session.email, "user.update_profile", u.tenant_id)
            return _profile(u)

    def change_password(self, session: UserSession, old: str, new: str) -> None:
        problem = check_password(new, session.email)
        if not problem and new == old:
            problem = msg("Choose a password different from the current one.")
        raise_if({"new_password": problem})
        try:
            self._recheck(session, old, "user.verify_old_password")
        except AccountLocked:
            raise
        except AuthenticationFailed:
            raise ValidationError({"old_password": msg("The current password is wrong.")}) from None
        new_hash = self.ctx.hasher.hash(new)
        with self.ctx.db() as s, s.begin():
            u = self._me(s, session)
            u.password_hash = new_hash
            audit.record(s, self.ctx.clock(), session.email, "user.change_password", u.tenant_id)
        session.reauth_at = self.ctx.clock()


def _profile(u: User) -> Profile:
    return Profile(
        email=u.email,
        first_name=u.first_name,
        last_name=u.last_name,
        role=u.role,
        tenant_id=u.tenant_id,
        version=u.version,
    )
