"""What every service needs, injected once: database engine, vault, clock, password hasher, policy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # not imported at run time: `keys inspect` uses Policy and utcnow without SQLAlchemy
    from argon2 import PasswordHasher
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session as DbSession

    from billing_desktop.vault import Vault


def utcnow() -> datetime:
    return datetime.now(UTC)


def default_hasher() -> PasswordHasher:
    from argon2 import PasswordHasher, Type

    from billing_desktop.services.credentials import HASH_LEN, MEMORY_COST, PARALLELISM, SALT_LEN, TIME_COST

    # RFC 9106's second recommended option (services/credentials.py): deliberately slow for guessing.
    return PasswordHasher(
        time_cost=TIME_COST,
        memory_cost=MEMORY_COST,
        parallelism=PARALLELISM,
        hash_len=HASH_LEN,
        salt_len=SALT_LEN,
        type=Type.ID,
    )


@dataclass(frozen=True)
class Policy:
    """Sign-in, lock and sync limits. (Every dataclass here has a docstring: without one, dataclasses builds one
    from inspect.signature at import, a cost `keys inspect` pays as a whole process.)"""

    max_failed_attempts: int = 5
    lockout: timedelta = timedelta(minutes=15)
    failure_window: timedelta = timedelta(hours=24)  # failures older than this no longer count towards a lock
    idle_lock: timedelta = timedelta(minutes=15)
    reauth_window: timedelta = timedelta(minutes=5)
    sync_interval: timedelta = timedelta(0)  # the GUI's periodic Refresh all; zero: off


@dataclass(kw_only=True)
class AppContext:
    """What every service is built over: the database, the vault, the clock, the password hasher and the policy."""

    engine: Engine
    vault: Vault
    clock: Callable[[], datetime] = utcnow
    hasher: PasswordHasher = field(default_factory=default_hasher)
    policy: Policy = field(default_factory=Policy)

    def db(self) -> DbSession:
        """A short-lived session: use as `with ctx.db() as s, s.begin(): ...`."""
        from sqlalchemy.orm import Session as DbSession

        return DbSession(self.engine, expire_on_commit=False)
