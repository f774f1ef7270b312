"""`billing-desktop db connect|disconnect|status`: which database this machine works on (team mode)."""

from __future__ import annotations

import argparse

from billing_desktop.cli.context import jsonable
from billing_desktop.cli.io import emit_json, read_secret

DB_PASSWORD_ENV = "BILLING_DESKTOP_DB_PASSWORD"


def add_parser(sub: argparse._SubParsersAction) -> None:
    db = sub.add_parser("db", help="team database: connect, disconnect, status").add_subparsers(
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
