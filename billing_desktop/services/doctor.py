"""`billing-desktop doctor`: what the app would use, and whether it works, without signing in."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

from billing_desktop import __version__, config
from billing_desktop.errors import AppError
from billing_desktop.vault import Vault


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


def diagnose(database_url: str | None = None, vault: Vault | None = None, probe_qt: bool = True) -> dict[str, str]:
    from billing_desktop.services.team_database import with_password
    from billing_desktop.store import postgres
    from billing_desktop.store.database import make_engine, schema_state

    url = config.database_url(database_url)
    vault = vault or Vault()
    report = {
        "version": __version__,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "data_dir": str(config.data_dir()),
        "database_url": config.mask_url_password(url),
    }
    team = postgres.is_postgres(url)
    try:
        engine = make_engine(with_password(url, vault) if team else url)
        try:
            current, head = schema_state(engine)
            if team:
                report.update(postgres.server_info(engine))
        finally:
            engine.dispose()
        state = "up to date" if current == head else ("not created yet" if current is None else "will be migrated")
        if team and state == "will be migrated":
            state += " at the next start: take a pg_dump of it first"
        report["schema_version"] = f"{current or 'none'} (app: {head}, {state})"
    except Exception as exc:  # doctor reports, it does not stop at the first problem
        why = postgres.describe_error(exc) if team else type(exc).__name__
        report["schema_version"] = f"unreadable ({why})"
    try:
        report["keyring_backend"] = f"{vault.check()} (working)"
    except AppError as exc:
        report["keyring_backend"] = f"{vault.backend_name}: {exc}"
    report["qt_platform"] = qt_platform() if probe_qt else "not probed"
    report["qt_platform_env"] = os.environ.get("QT_QPA_PLATFORM", "(unset)")
    return report
