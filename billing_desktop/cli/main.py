"""`billing-desktop`: no arguments opens the GUI; subcommands run the same services from a terminal."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from billing_desktop import __version__
from billing_desktop.errors import AppError, AuthenticationFailed, ValidationError

EXIT_ERROR, EXIT_INVALID, EXIT_AUTH = 1, 2, 3


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="billing-desktop", description="Administer a billing platform on Stripe Connect.")
    p.add_argument("--version", action="version", version=f"billing-desktop {__version__}")
    p.add_argument(
        "--database-url",
        help="database to use: sqlite:///FILE or postgresql+psycopg://USER@HOST:PORT/DB?sslmode=MODE "
        "(default: the team database chosen with `db connect`, else SQLite in the data dir)",
    )
    p.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--qt-probe", action="store_true", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def acting(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--as",
            dest="as_email",
            metavar="EMAIL",
            help="act as this account (default: the only operator); password from a prompt or BILLING_DESKTOP_PASSWORD",
        )

    def jsonable(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--json", action="store_true", help="print JSON")

    sp = sub.add_parser("gui", help="open the GUI (the default)")
    sp = sub.add_parser("init", help="create the first operator account")
    sp.add_argument("--email", required=True)
    sp.add_argument("--first-name", default="")
    sp.add_argument("--last-name", default="")

    sp = sub.add_parser("doctor", help="report data dir, database, schema, keyring and Qt platform")
    jsonable(sp)

    tenants = sub.add_parser("tenants", help="register, list, show, update, deactivate tenants").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    sp = tenants.add_parser(
        "register",
        help="register a tenant and its owner (owner password from a prompt or BILLING_DESKTOP_NEW_PASSWORD)",
    )
    acting(sp)
    jsonable(sp)
    sp.add_argument("--company", required=True)
    sp.add_argument("--email", required=True, help="owner's email")
    sp.add_argument("--first-name", default="")
    sp.add_argument("--last-name", default="")
    sp.add_argument("--domain", default="")
    sp.add_argument("--tier", default="free", choices=["free", "pro", "enterprise"])
    sp.add_argument("--mode", default="test", choices=["test", "live"])
    sp.add_argument("--fee", default="0", help="platform fee percent, 0-100")
    sp = tenants.add_parser("list", help="list tenants")
    acting(sp)
    jsonable(sp)
    sp = tenants.add_parser("show", help="show one tenant")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp = tenants.add_parser("update", help="change tenant fields")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    for name in ("company-name", "email", "domain", "tier", "mode", "fee", "branding", "metadata"):
        sp.add_argument(f"--{name}")
    sp = tenants.add_parser("deactivate", help="deactivate a tenant")
    acting(sp)
    sp.add_argument("slug")
    sp.add_argument("--reason", default="")
    sp.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    users = sub.add_parser("users", help="add and list users").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    sp = users.add_parser("add", help="add a user (new password from a prompt or BILLING_DESKTOP_NEW_PASSWORD)")
    acting(sp)
    jsonable(sp)
    sp.add_argument("--tenant", help="tenant slug (omit with --role operator)")
    sp.add_argument("--email", required=True)
    sp.add_argument("--role", required=True, choices=["owner", "admin", "developer", "operator"])
    sp.add_argument("--first-name", default="")
    sp.add_argument("--last-name", default="")
    sp = users.add_parser("list", help="list a tenant's users (or operators)")
    acting(sp)
    jsonable(sp)
    sp.add_argument("--tenant", help="tenant slug (omit for operators)")
    from billing_desktop.cli import keys_commands

    keys_commands.add_parser(sub, acting, jsonable)
    from billing_desktop.cli import stripe_commands

    stripe_commands.add_parser(sub, acting, jsonable)
    from billing_desktop.cli import webhook_commands

    webhook_commands.add_parser(sub, acting, jsonable)
    from billing_desktop.cli import db_commands

    db_commands.add_parser(sub, acting, jsonable)
    from billing_desktop.cli import connect_commands

    connect_commands.add_parser(sub, acting, jsonable)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:  # the GUI: skip building the command-line parser, start-up time goes to the first window
        from billing_desktop.ui.app import run

        return run()
    args = build_parser().parse_args(argv)
    if args.qt_probe:
        from billing_desktop.ui.probe import probe

        return probe()
    if args.command in (None, "gui"):
        from billing_desktop.ui.app import run

        return run(database_url=args.database_url, self_test=args.self_test)
    try:
        from billing_desktop.cli import commands

        return commands.dispatch(args) or 0
    except ValidationError as exc:
        for field, message in exc.fields.items():
            print(f"error: {field}: {message}", file=sys.stderr)
        return EXIT_INVALID
    except AuthenticationFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_AUTH
    except AppError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def parse_json_object(text: str | None, field: str) -> dict[str, Any] | None:
    if text is None:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError({field: f"Not valid JSON ({exc.msg})."}) from None
    if not isinstance(value, dict):
        raise ValidationError({field: "Enter a JSON object."})
    return value
