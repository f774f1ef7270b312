"""`billing-desktop doctor`: what the app would use, and whether it works, without signing in."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from typing import TYPE_CHECKING

from billing_desktop import __version__, config
from billing_desktop.domain.states import Health
from billing_desktop.errors import AppError
from billing_desktop.vault import Vault

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def qt_platform(timeout: float = 20) -> str:
    """Ask a child process: a missing display can abort a process that opens Qt, and must not abort ours."""
    cmd = (
        [sys.executable, "--qt-probe"]
        if getattr(sys, "frozen", False)
        else [sys.executable, "-m", "billing_desktop", "--qt-probe"]
    )
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unavailable ({type(exc).__name__})"
    if out.returncode == 0 and out.stdout.strip():
        return out.stdout.strip().splitlines()[-1]
    last = (out.stderr.strip().splitlines() or ["no output"])[-1]
    return f"unavailable ({last[:200]})"


def _vault_access(engine: Engine, vault: Vault) -> str:
    from sqlalchemy.orm import Session

    from billing_desktop.vault import Access

    try:
        with Session(engine) as s:
            r = vault.access(s)
    except AppError as exc:
        return f"unknown: {exc}"
    key = f", this account's key {r.fingerprint}" if r.fingerprint else ""
    return {
        Access.UNLOCKED: f"unlocked (key generation {r.generation}{key})",
        Access.WAITING: f"waiting for an operator to grant access{key}",
        Access.REVOKED: f"access revoked{key}",
        Access.NOT_JOINED: "this OS account has not joined (billing-desktop team join)",
        Access.NO_VAULT: "not created yet (no operator)",
    }[r.access]


def _recovery_key(engine: Engine) -> str:
    from sqlalchemy.orm import Session

    from billing_desktop.vault import recovery

    with Session(engine) as s:
        row = recovery.current(s)
        if row is None:
            return "none: a lost machine cannot be restored; run `billing-desktop recovery-key create`"
        stored = "stored (confirmed)" if row.confirmed_at else "not confirmed stored (`recovery-key confirm`)"
        return f"{row.fingerprint}, made {row.created_at:%Y-%m-%d}, {stored}"


def diagnose(database_url: str | None = None, vault: Vault | None = None, *, probe_qt: bool = True) -> dict[str, str]:
    from billing_desktop.services.team_database import with_password
    from billing_desktop.store import postgres
    from billing_desktop.store.database import integrity, is_known_revision, make_engine, schema_state

    url = config.database_url(database_url)
    vault = vault or Vault()
    report = {
        "version": __version__,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "data_dir": str(config.data_dir()),
        "database_url": config.mask_url_password(url),
    }
    team = postgres.is_postgres(url)
    problems = []
    try:
        engine = make_engine(with_password(url, vault) if team else url)
        try:
            current, head = schema_state(engine)
            known = current is None or is_known_revision(engine, current)
            damage = None if team else integrity(engine)
            if team:
                report.update(postgres.server_info(engine))
            report["vault"] = _vault_access(engine, vault) if current == head else "(after the schema is migrated)"
            if current == head:
                report["recovery_key"] = _recovery_key(engine)
        finally:
            engine.dispose()
        if not known:
            state = "newer than this app: every command refuses it; install the newer Billing Desktop"
            problems.append("database schema is newer than this app")
        elif current == head:
            state = "up to date"
        else:
            state = "not created yet" if current is None else "will be migrated at the next start"
        if team and current not in (None, head) and known:
            state += ": take a pg_dump of it first"
        report["schema_version"] = f"{current or 'none'} (app: {head}, {state})"
        if damage:
            report["database_integrity"] = f"damaged ({damage}): restore the newest copy from the backups folder"
            problems.append("database damaged")
    except Exception as exc:  # doctor reports, it does not stop at the first problem
        from billing_desktop.store.database import sqlite_reason

        why = postgres.describe_error(exc) if team else (str(exc) if isinstance(exc, AppError) else sqlite_reason(exc))
        report["schema_version"] = f"unreadable ({why})"
        problems.append("database unreadable")
    try:
        report["keyring_backend"] = f"{vault.check()} (working)"
    except AppError as exc:
        report["keyring_backend"] = f"{vault.backend_name}: {exc}"
        problems.append("no working keyring")
    report["qt_platform"] = qt_platform() if probe_qt else "not probed"
    report["qt_platform_env"] = os.environ.get("QT_QPA_PLATFORM", "(unset)")
    report["status"] = Health.OK.value if not problems else "broken: " + "; ".join(problems)
    return report
