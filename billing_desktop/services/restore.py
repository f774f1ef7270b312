"""Restore a backup into this machine's data dir: decrypt into a new file beside the database, check it, bring it
to this version's schema, give this OS account an operator key with access (the keyring's only write), then put it
in place with one rename. The current database, if any, is kept in the backups folder first.

Crash safety: every step before the rename works on the new file only (a crash leaves the old database as it was
and a `.restoring` file that the next restore overwrites); the operator key written to the keyring is found and
reused by the next attempt; the rename is atomic."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from billing_desktop import config
from billing_desktop.domain.roles import Role
from billing_desktop.errors import AppError, BackupDamaged, NotFound, msg
from billing_desktop.services import audit
from billing_desktop.services.backup import Progress, open_backup, private_temp_dir
from billing_desktop.services.context import utcnow
from billing_desktop.store import snapshot
from billing_desktop.store.database import open_database
from billing_desktop.store.models import User
from billing_desktop.vault import Vault
from billing_desktop.vault import members as vault_members
from billing_desktop.vault.members import Cancelled
from billing_desktop.vault.sealed_check import open_all


@dataclass(frozen=True)
class RestoreReport:
    database: Path
    kept_previous: Path | None
    opened_with: str
    operator: str
    operator_fingerprint: str
    counts: dict[str, int]
    secrets_opened: int
    seconds: float
    doctor: dict[str, str]


# Steps a crash test stops at; production passes no hook.
STEPS = ("decrypted", "migrated", "granted", "swapped")


def existing_data(database_file: Path | None = None) -> bool:
    """A database with at least one account: restoring over it must be confirmed, and it is kept first. A file
    the first start created and nobody used yet is not data."""
    f = database_file or config.paths().database_file
    return f.exists() and f.stat().st_size > 0 and snapshot.has_accounts(f)


def restore(
    path: Path,
    *,
    vault: Vault,
    recovery_text: str | None,
    replace: bool = False,
    operator_email: str | None = None,
    database_file: Path | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    step: Callable[[str], None] = lambda _name: None,
    run_doctor: bool = True,
) -> RestoreReport:
    started = time.monotonic()
    target = database_file or config.paths().database_file
    if existing_data(target) and not replace:
        raise AppError(
            msg(
                "A database exists already ({target}). Restoring replaces it: confirm (--replace) and the "
                "current one is kept in the backups folder first.",
                target=target,
            )
        )
    config.ensure_private_dir(target.parent)
    work = private_temp_dir()
    new_file = target.with_name(target.name + ".restoring")
    try:
        staged = work / "restored.sqlite3"
        header, manifest, how, key = open_backup(path, staged, vault, recovery_text, progress, cancelled)
        problem = snapshot.check(staged)
        if problem:
            raise BackupDamaged(msg("The database inside the backup is not sound ({problem}).", problem=problem))
        if snapshot.describe(staged).get("vault_id") != header.vault_id:
            raise BackupDamaged(msg("The database inside the backup belongs to another vault: the file was altered."))
        opened, _ = open_all(staged, header.vault_id, key)
        step("decrypted")
        if cancelled():
            raise Cancelled(msg("Cancelled: nothing was changed."))
        _remove(new_file)
        shutil.move(staged, new_file)
        engine = open_database(f"sqlite:///{new_file}", backup_dir=work)  # migrates an older backup's schema
        try:
            step("migrated")  # inside the try: a crash here must not leave the engine's connection open
            with Session(engine, expire_on_commit=False) as s, s.begin():
                user = _operator(s, operator_email, str(manifest.get("created_by") or ""))
                now = utcnow()
                row = vault_members.grant_restored(vault, s, user.id, key, now)
                audit.record(s, now, user.email, "backup.restore", detail=f"{Path(path).name}; opened with {how}")
                email, fingerprint = user.email, row.fingerprint
        finally:
            engine.dispose()
        snapshot.settle(new_file)
        step("granted")
        keep = existing_data(target)
        kept = snapshot.replace_database(new_file, target, config.paths().backup_dir if keep else None)
        step("swapped")
    except BaseException:
        _remove(new_file)  # a refused or failed restore leaves no plain copy beside the database
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    info = snapshot.describe(target)
    counts = info["counts"]
    assert isinstance(counts, dict)
    report: dict[str, str] = {}
    if run_doctor:
        from billing_desktop.services.doctor import diagnose

        report = diagnose(f"sqlite:///{target}", vault=vault, probe_qt=False)
    return RestoreReport(
        database=target,
        kept_previous=kept,
        opened_with=how,
        operator=email,
        operator_fingerprint=fingerprint,
        counts=counts,
        secrets_opened=opened,
        seconds=time.monotonic() - started,
        doctor=report,
    )


def _remove(db_file: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(db_file) + suffix).unlink(missing_ok=True)


def _operator(s: Session, named: str | None, made_by: str) -> User:
    """The operator this machine's key is for: the one named, else the one who made the backup, else the first."""
    q = select(User).where(User.role == Role.OPERATOR.value, User.active)
    for email in (named, made_by):
        if email:
            user: User | None = s.scalar(q.where(User.email == email.strip().lower()))
            if user is not None:
                return user
            if email == named:
                raise NotFound(msg("The backup holds no active operator {value}.", value=email.strip().lower()))
    first: User | None = s.scalar(q.order_by(User.id).limit(1))
    if first is None:
        raise NotFound(msg("The backup holds no active operator account to restore access for."))
    return first
