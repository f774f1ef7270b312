"""`billing-desktop users add|list`."""

from __future__ import annotations

import argparse

from billing_desktop.cli.context import NEW_PASSWORD_ENV, acting, jsonable, open_services, sign_in
from billing_desktop.cli.io import emit_json, emit_table, read_secret


def add_parser(sub: argparse._SubParsersAction) -> None:
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
    sp.set_defaults(run=cmd_add)

    sp = users.add_parser("list", help="list a tenant's users (or operators)")
    acting(sp)
    jsonable(sp)
    sp.add_argument("--tenant", help="tenant slug (omit for operators)")
    sp.set_defaults(run=cmd_list)


def cmd_add(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        tenant_id = svc.tenants.resolve(session, args.tenant) if args.tenant else None
        password = read_secret(f"Password for {args.email}: ", NEW_PASSWORD_ENV, confirm=True)
        u = svc.users.add(session, tenant_id, args.email, password, args.role, args.first_name, args.last_name)
    emit_json(u) if args.json else print(f"Added {u.email} as {u.role}.")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        tenant_id = svc.tenants.resolve(session, args.tenant) if args.tenant else None
        rows = svc.users.list(session, tenant_id)
    emit_json(rows) if args.json else emit_table(
        rows, ["email", "role", "first_name", "last_name", "active", "last_sign_in"]
    )
    return 0
