"""`billing-desktop db connect|disconnect|status`: which database this machine works on (team mode)."""

from __future__ import annotations

import argparse

from billing_desktop.cli.context import jsonable
from billing_desktop.cli.io import database_url, emit_json, read_secret

DB_PASSWORD_ENV = "BILLING_DESKTOP_DB_PASSWORD"


def add_parser(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="team database: connect, disconnect, status, copy").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    sp = db.add_parser(
        "connect",
        help="remember a PostgreSQL team database (password from a prompt or BILLING_DESKTOP_DB_PASSWORD, "
        "kept in the OS keyring)",
    )
    jsonable(sp)
    sp.add_argument("--host", required=True)
    sp.add_argument("--port", type=int, default=5432)
    sp.add_argument("--database", required=True)
    sp.add_argument("--user", required=True)
    sp.add_argument("--tls", default="prefer", choices=["disable", "prefer", "require", "verify-ca", "verify-full"])
    sp.set_defaults(run=cmd_connect)

    sp = db.add_parser("disconnect", help="forget the team database: back to the local SQLite file")
    sp.set_defaults(run=cmd_disconnect)

    sp = db.add_parser("status", help="which database, server version, TLS, latency, schema")
    jsonable(sp)
    sp.set_defaults(run=cmd_status)

    sp = db.add_parser(
        "copy",
        help="copy the local database into an empty team database (every table, ids and audit kept, verified)",
    )
    sp.add_argument(
        "--to",
        required=True,
        metavar="URL",
        type=database_url,
        help="postgresql+psycopg://USER@HOST:PORT/DB?sslmode=MODE (password from the OS keyring after `db connect`, "
        "BILLING_DESKTOP_DB_PASSWORD or PGPASSWORD)",
    )
    sp.add_argument(
        "--from",
        dest="source",
        metavar="URL",
        type=database_url,
        help="the database to copy (default: the local SQLite file)",
    )
    sp.set_defaults(run=cmd_copy)


def cmd_connect(args: argparse.Namespace) -> int:
    from billing_desktop.services import team_database as team
    from billing_desktop.vault import Vault

    profile = team.TeamDatabase(host=args.host, port=args.port, database=args.database, user=args.user, tls=args.tls)
    profile.validate()
    password = read_secret(f"Password for {profile.user} on {profile.display}: ", DB_PASSWORD_ENV)
    info = team.test_connection(profile, password)
    team.save_profile(profile, password, getattr(args, "vault", None) or Vault())
    if args.json:
        emit_json({"database": profile.display, **info})
    else:
        print(f"Connected to {profile.display} ({info['database_server']}, TLS: {info['database_tls']}).")
        print("Remembered; the password is in the OS keyring. `billing-desktop db disconnect` goes back.")
    return 0


def cmd_disconnect(args: argparse.Namespace) -> int:
    from billing_desktop.services import team_database as team

    team.forget_profile()
    print("Back to the local database.")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from billing_desktop.services.doctor import diagnose

    report = diagnose(args.database_url, probe_qt=False)
    keys = [k for k in report if k.startswith(("database", "schema"))]
    if args.json:
        emit_json({k: report[k] for k in keys})
    else:
        for k in keys:
            print(f"{k.replace('_', ' ').ljust(18)}  {report[k]}")
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    import os

    from sqlalchemy.engine import make_url

    from billing_desktop import config
    from billing_desktop.services.team_database import copy_to_team, database_label
    from billing_desktop.vault import Vault

    source = args.source or f"sqlite:///{config.paths().database_file}"
    target = args.to
    if os.environ.get(DB_PASSWORD_ENV) and make_url(target).password is None:
        target = make_url(target).set(password=os.environ[DB_PASSWORD_ENV]).render_as_string(hide_password=False)
    report, left = copy_to_team(source, target, args.vault or Vault())
    print(f"Copied {database_label(make_url(source))} to {database_label(make_url(target))}:")
    width = max(len(r.table) for r in report)
    for r in report:
        print(f"  {r.table.ljust(width)}  {r.rows:>8} rows  sha256 {r.checksum[:16]}  verified")
    del left  # the sealed vault (issue 17) carries every secret in sealed_secrets: nothing stays behind
    print(
        "Secrets travelled sealed: operators with access to this vault have it on the copy "
        "(`billing-desktop team status`); nothing readable was copied."
    )
    return 0
