"""`billing-desktop backup create|verify|restore` and `billing-desktop recovery-key create|rotate|confirm|check|
status`. Exit codes beyond the usual: 3 a recovery key that is not this backup's, 4 a damaged or altered file."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from billing_desktop.cli.context import acting, confirm, jsonable, open_services, sign_in
from billing_desktop.cli.io import emit_json, end_progress, progress, read_secret
from billing_desktop.domain.states import Health
from billing_desktop.errors import AppError

RECOVERY_ENV = "BILLING_DESKTOP_RECOVERY_KEY"


def add_parser(sub: argparse._SubParsersAction) -> None:
    backup = sub.add_parser("backup", help="encrypted backups: create, verify, restore").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    sp = backup.add_parser("create", help="write one encrypted backup of the database (local or team) and its secrets")
    acting(sp)
    jsonable(sp)
    sp.add_argument("--to", metavar="FILE", help="file or folder (default: the backups folder in the data dir)")
    sp.set_defaults(run=cmd_create)

    for name, helptext, fn in (
        ("verify", "open and check a backup without restoring it", cmd_verify),
        ("restore", "restore a backup into this machine's data dir (new machine: with the recovery key)", cmd_restore),
    ):
        sp = backup.add_parser(name, help=helptext)
        sp.add_argument("file")
        sp.add_argument(
            "--recovery-key",
            action="store_true",
            help=f"open it with the recovery key (asked for, or from {RECOVERY_ENV} or stdin) instead of this OS "
            "account's operator key",
        )
        jsonable(sp)
        sp.set_defaults(run=fn)
        if name == "restore":
            sp.add_argument(
                "--replace", action="store_true", help="restore over existing data (kept in the backups folder)"
            )
            sp.add_argument("--yes", action="store_true", help="do not ask for confirmation")
            sp.add_argument("--operator", metavar="EMAIL", help="whose access this machine gets (default: who made it)")

    rk = sub.add_parser("recovery-key", help="the key that opens backups on a new machine").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    for name, helptext, fn in (
        ("status", "whether a recovery key exists, its fingerprint, and whether storing it was confirmed", cmd_status),
        ("create", "create the recovery key (shown once)", cmd_rk_create),
        ("rotate", "replace the recovery key: the old one stops working", cmd_rk_create),
        ("confirm", "type the key back to confirm you stored it", cmd_rk_confirm),
        ("check", "check that a key you hold is the current one", cmd_rk_check),
    ):
        sp = rk.add_parser(name, help=helptext)
        acting(sp)
        jsonable(sp)
        if name in ("create", "rotate"):
            sp.add_argument("--save", metavar="FILE", help="also write the printable page to FILE (mode 0600)")
        sp.set_defaults(run=fn, rotate=name == "rotate")


def _recovery_text(args: argparse.Namespace) -> str | None:
    if getattr(args, "recovery_key", False) or os.environ.get(RECOVERY_ENV):
        return read_secret("Recovery key: ", RECOVERY_ENV)
    return None


def _vault(args: argparse.Namespace):
    from billing_desktop.vault import Vault

    return args.vault or Vault()


def _progress(label: str):
    def show(done: int, total: int) -> None:
        if total:
            progress(f"{label} {100 * done // total:3d}%")

    return show


def cmd_create(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        result = svc.backups.create(sign_in(svc, args), Path(args.to) if args.to else None, _progress("backing up"))
    end_progress()
    if args.json:
        emit_json(result)
        return 0
    counts = ", ".join(f"{n:,} {t.replace('_', ' ')}" for t, n in result.counts.items())
    print(f"Backup written: {result.path} ({result.size:,} bytes in {result.seconds:.1f} s)")
    print(f"It holds {counts}. It opens with the recovery key or an operator's key; it holds no plain-text secret.")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from billing_desktop.services.backup import verify

    report = verify(Path(args.file), _vault(args), _recovery_text(args), _progress("verifying"))
    if args.json:
        emit_json(report)
        return 0
    print(f"Backup OK: {report.path}")
    print(
        f"  made {report.created_at} by {report.created_by} (app {report.app_version}, schema {report.schema_revision})"
    )
    print(f"  opened with the {report.opened_with}; every byte authenticated; {report.secrets_opened:,} secrets open")
    for table, n in report.counts.items():
        print(f"  {table.replace('_', ' ')}: {n:,}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from billing_desktop.services.restore import existing_data, restore

    replace = bool(args.replace)
    if existing_data() and replace:
        confirm(args, "Replace the current data with this backup? The current database is kept in the backups folder.")
    elif existing_data():
        raise AppError(
            "This machine has data already. To restore over it add --replace (the current database is kept in the "
            "backups folder first); on a new machine the data dir is empty."
        )
    report = restore(
        Path(args.file),
        vault=_vault(args),
        recovery_text=_recovery_text(args),
        replace=replace,
        operator_email=args.operator,
        progress=_progress("restoring"),
    )
    if args.json:
        emit_json(report)
        return 0 if report.doctor.get("status") == Health.OK else 1
    print(f"Restored {report.database} (opened with the {report.opened_with}, {report.seconds:.1f} s).")
    for table, n in report.counts.items():
        print(f"  {table.replace('_', ' ')}: {n:,}")
    print(f"  {report.secrets_opened:,} secrets open with the restored vault key")
    print(f"This OS account now holds an operator key for {report.operator} ({report.operator_fingerprint}).")
    if report.kept_previous:
        print(f"The previous database is kept at {report.kept_previous}.")
    print(f"doctor: {report.doctor.get('status', 'not run')}")
    return 0 if report.doctor.get("status") == Health.OK else 1


def cmd_status(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        st = svc.recovery.status(sign_in(svc, args))
    if args.json:
        emit_json(st)
    elif not st.exists:
        print("No recovery key: create one with `billing-desktop recovery-key create`.")
    else:
        confirmed = f"confirmed stored {st.confirmed_at:%Y-%m-%d %H:%M}" if st.confirmed_at else "NOT confirmed stored"
        print(f"Recovery key {st.fingerprint}, created {st.created_at:%Y-%m-%d %H:%M} by {st.created_by}, {confirmed}.")
    return 0


def cmd_rk_create(args: argparse.Namespace) -> int:
    from billing_desktop.domain.recovery_key import page_text

    with open_services(args) as svc:
        session = sign_in(svc, args)
        if args.rotate:
            confirm(args, "Replace the recovery key? The old one stops opening this database and new backups.")
        new = svc.recovery.create(session, rotate=args.rotate)
        page = page_text(new.text, new.fingerprint, f"{new.created_at:%Y-%m-%d %H:%M} UTC", svc.database_label())
    if args.save:
        fd = os.open(args.save, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(page)
    if args.json:
        emit_json(new)
        return 0
    print(page)
    print("It is shown this once. When it is stored, confirm: billing-desktop recovery-key confirm")
    return 0


def cmd_rk_confirm(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        st = svc.recovery.confirm_stored(
            session, read_secret("Recovery key (to confirm you stored it): ", RECOVERY_ENV)
        )
    emit_json(st) if args.json else print(f"Confirmed: recovery key {st.fingerprint} is stored.")
    return 0


def cmd_rk_check(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        fp = svc.recovery.check(session, read_secret("Recovery key: ", RECOVERY_ENV))
    emit_json({"fingerprint": fp}) if args.json else print(f"This is the current recovery key ({fp}).")
    return 0
