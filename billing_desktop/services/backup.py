"""Backups as use cases: make one (a consistent snapshot of the live database, encrypted into one file), verify a
file without restoring it, and keep a folder of scheduled backups to a retention count.

Layout of the encrypted payload: a 4-byte length, a JSON manifest (what the snapshot holds, its SHA-256), then the
SQLite file's bytes. See vault/backup_file.py for the encryption and docs/SECURITY.md for what protects what."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import struct
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from billing_desktop import __version__, config
from billing_desktop.domain.roles import Perm
from billing_desktop.errors import AppError, BackupDamaged, ValidationError, msg
from billing_desktop.services import audit
from billing_desktop.services.context import AppContext
from billing_desktop.services.permissions import authorize
from billing_desktop.services.session import UserSession
from billing_desktop.store import snapshot
from billing_desktop.vault import Vault, backup_file, backup_keys
from billing_desktop.vault.backup_file import CHUNK
from billing_desktop.vault.members import Cancelled

SUFFIX = ".bdbackup"
PREFIX = "billing-desktop-"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    seconds: float
    counts: dict[str, int]


@dataclass(frozen=True)
class BackupReport:
    """What a backup holds, after every byte was authenticated and the database inside checked."""

    path: Path
    created_at: str
    created_by: str
    app_version: str
    schema_revision: str
    opened_with: str
    counts: dict[str, int]
    secrets_opened: int
    recovery_fingerprint: str | None
    operators: list[str] = field(default_factory=list)


def default_name(now: datetime) -> str:
    return f"{PREFIX}{now:%Y%m%dT%H%M%SZ}{SUFFIX}"


STALE_SECONDS = 6 * 3600


def private_temp_dir() -> Path:
    """Plain-text snapshots only ever live inside the data dir (0700), never in a shared /tmp. Whatever a crashed
    backup or restore left there hours ago is deleted first."""
    base = config.paths().data_dir / "tmp"
    base.mkdir(parents=True, exist_ok=True, mode=0o700)
    now = time.time()
    for old in base.iterdir():
        try:
            if now - old.stat().st_mtime > STALE_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
    return Path(tempfile.mkdtemp(dir=base))


def _payload(manifest: dict[str, object], db_file: Path, progress: Progress | None) -> Iterator[bytes]:
    m = json.dumps(manifest, sort_keys=True).encode()
    buf, total, done = struct.pack(">I", len(m)) + m, db_file.stat().st_size, 0
    with open(db_file, "rb") as f:
        while True:
            data = f.read(CHUNK - len(buf))
            buf += data
            done += len(data)
            if buf and (len(buf) == CHUNK or not data):
                yield buf
                buf = b""
                if progress:
                    progress(done, total)
            if not data:
                return


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def _take_snapshot(ctx: AppContext, into: Path) -> str:
    """The database as one consistent SQLite file: the local file by SQLite's backup API, a team database by one
    REPEATABLE READ transaction. Returns the backend it came from."""
    url = ctx.engine.url
    if url.get_backend_name() == "sqlite" and url.database:
        snapshot.snapshot(Path(url.database), into)
        return "sqlite"
    if url.get_backend_name() == "postgresql":
        snapshot.snapshot_server(ctx.engine, into)
        return "postgresql"
    raise AppError(msg("Backups of a {value} database are not supported.", value=url.get_backend_name()))


def _check_replaceable(dest: Path) -> None:
    """A backup replaces an older backup, nothing else: not a document mistyped as the destination, not a device
    (`--to /dev/sda`), not a link (renaming over it would drop the link, not write where it points)."""
    try:
        st = dest.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ValidationError(
            {"dest": msg("{dest} cannot be read: {strerror}.", dest=dest, strerror=exc.strerror)}
        ) from None
    if not stat.S_ISREG(st.st_mode):
        raise ValidationError({"dest": msg("{dest} exists and is not a regular file; choose another name.", dest=dest)})
    try:
        with open(dest, "rb") as f:
            is_backup = f.read(len(backup_file.MAGIC)) == backup_file.MAGIC
    except OSError as exc:
        raise ValidationError(
            {"dest": msg("{dest} cannot be read: {strerror}.", dest=dest, strerror=exc.strerror)}
        ) from None
    if not is_backup:
        raise ValidationError({"dest": msg("{dest} exists and is not a backup; choose another name.", dest=dest)})


class BackupService:
    def __init__(self, ctx: AppContext):
        self.ctx = ctx

    def create(
        self,
        session: UserSession,
        dest: Path | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> BackupResult:
        """One encrypted file at `dest` (default: the data dir's backups folder), written beside it and renamed
        into place, so a crash or Cancel never leaves half a backup under the final name."""
        started = time.monotonic()
        now = self.ctx.clock()
        with self.ctx.db() as s:
            authorize(s, self.ctx, session, Perm.PLATFORM_MANAGE, None)
        dest = Path(dest) if dest else config.paths().backup_dir / default_name(now)
        if dest.is_dir():
            dest = dest / default_name(now)
        _check_replaceable(dest)
        dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        work = private_temp_dir()
        partial = dest.with_name(dest.name + ".partial")
        try:
            snap = work / "snapshot.sqlite3"
            for _ in range(3):  # a re-key between reading the keys and the snapshot: read both again
                with self.ctx.db() as s:
                    header, key = backup_keys.header_for(self.ctx.vault, s, now.isoformat(), __version__)
                snap.unlink(missing_ok=True)
                backend = _take_snapshot(self.ctx, snap)
                info = snapshot.describe(snap)
                if info.get("generation") == header.generation:
                    break
            else:
                raise AppError(msg("The vault was re-keyed three times during the backup; try again."))
            manifest = {
                "backend": backend,
                "created_by": session.email,
                "schema_revision": info["schema_revision"],
                "counts": info["counts"],
                "db_size": snap.stat().st_size,
                "db_sha256": _sha256(snap),
            }
            partial.unlink(missing_ok=True)  # a crashed run's, or a link someone planted: never written through
            fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with open(fd, "wb") as out:
                backup_file.write(out, header, key, _payload(manifest, snap, progress), cancelled)
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, dest)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
        with self.ctx.db() as s, s.begin():
            audit.record(s, self.ctx.clock(), session.email, "backup.create", detail=dest.name)
        counts = info["counts"]
        assert isinstance(counts, dict)
        return BackupResult(dest, dest.stat().st_size, time.monotonic() - started, counts)


def open_backup(
    path: Path,
    into: Path,
    vault: Vault | None,
    recovery_text: str | None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[backup_file.Header, dict[str, Any], str, bytes]:
    """Decrypt the database inside `path` into the new file `into` (0600), authenticating every chunk and the
    SHA-256 of the whole. Returns (header, manifest, how it was opened, vault key)."""
    try:
        f = open(path, "rb")  # noqa: SIM115 (closed by the with below; only the open's error is translated)
    except OSError as exc:
        raise AppError(
            msg("Cannot read {path}: {value}.", path=path, value=exc.strerror or type(exc).__name__)
        ) from None
    with f:
        total = os.fstat(f.fileno()).st_size
        header, raw = backup_file.read_header(f)
        key, how = backup_keys.unlock(header, vault, recovery_text)
        snapshot.private_file(into)
        h, manifest = hashlib.sha256(), None
        with open(into, "wb") as out:
            for chunk in backup_file.read(f, header, raw, key):
                if manifest is None:
                    (n,) = struct.unpack(">I", chunk[:4])
                    manifest, chunk = json.loads(chunk[4 : 4 + n]), chunk[4 + n :]
                out.write(chunk)
                h.update(chunk)
                if progress:
                    progress(f.tell(), total)
                if cancelled():
                    raise Cancelled(msg("Cancelled: nothing was changed."))
    if manifest is None or h.hexdigest() != manifest.get("db_sha256"):
        raise BackupDamaged(msg("The database inside the backup does not match its checksum: the file was altered."))
    return header, manifest, how, key


def verify(
    path: Path,
    vault: Vault | None,
    recovery_text: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> BackupReport:
    """Open and check a backup without restoring it: every chunk authenticated, the database sound, every sealed
    secret opening under the vault key inside. Needs the recovery key or an operator key with access."""
    from billing_desktop.vault.sealed_check import open_all

    work = private_temp_dir()
    try:
        db = work / "verify.sqlite3"
        header, manifest, how, key = open_backup(Path(path), db, vault, recovery_text, progress, cancelled)
        problem = snapshot.check(db)
        if problem:
            raise BackupDamaged(msg("The database inside the backup is not sound ({problem}).", problem=problem))
        info = snapshot.describe(db)
        if info.get("vault_id") != header.vault_id:
            raise BackupDamaged(msg("The database inside the backup belongs to another vault: the file was altered."))
        opened, operators = open_all(db, header.vault_id, key)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rec = next((c.fingerprint for c in header.copies if c.kind == "recovery"), None)
    counts = info["counts"]
    assert isinstance(counts, dict)
    return BackupReport(
        path=Path(path),
        created_at=header.created_at,
        created_by=str(manifest.get("created_by", "")),
        app_version=header.app_version,
        schema_revision=str(info["schema_revision"]),
        opened_with=how,
        counts=counts,
        secrets_opened=opened,
        recovery_fingerprint=rec,
        operators=operators,
    )


def backups_in(folder: Path) -> list[Path]:
    """This app's backup files in a folder, oldest first (their names sort by time)."""
    try:
        return sorted(p for p in Path(folder).iterdir() if p.name.startswith(PREFIX) and p.name.endswith(SUFFIX))
    except OSError:
        return []


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete the oldest scheduled backups beyond `keep`; files not named by this app are never touched."""
    if keep < 1:
        raise AppError(msg("Keep at least one backup."))
    old = backups_in(folder)[:-keep]
    for p in old:
        p.unlink(missing_ok=True)
    return old


def is_due(last: datetime | None, now: datetime, every_hours: int) -> bool:
    return last is None or (now - last).total_seconds() >= every_hours * 3600
