"""`billing-desktop tenants register|list|show|update|deactivate`."""

from __future__ import annotations

import argparse

from billing_desktop.cli import tenant_list
from billing_desktop.cli.context import NEW_PASSWORD_ENV, acting, confirm, jsonable, open_services, sign_in
from billing_desktop.cli.io import emit_json, read_secret
from billing_desktop.domain.validation import Mode, parse_json_object
from billing_desktop.errors import AppError


def add_parser(sub: argparse._SubParsersAction) -> None:
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
    sp.add_argument("--slug", default="", help="the tenant's slug (default: made from the company name)")
    sp.add_argument("--email", required=True, help="owner's email")
    sp.add_argument("--first-name", default="")
    sp.add_argument("--last-name", default="")
    sp.add_argument("--domain", default="")
    sp.add_argument("--tier", default="free", choices=["free", "pro", "enterprise"])
    sp.add_argument("--mode", default=Mode.TEST.value, choices=list(Mode))
    sp.add_argument("--fee", default="0", help="platform fee percent, 0-100")
    sp.set_defaults(run=cmd_register)

    tenant_list.add_parser(tenants)

    sp = tenants.add_parser("show", help="show one tenant")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.set_defaults(run=cmd_show)

    sp = tenants.add_parser("update", help="change tenant fields")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    for name in ("company-name", "email", "domain", "tier", "mode", "fee", "branding", "metadata"):
        sp.add_argument(f"--{name}")
    sp.set_defaults(run=cmd_update)

    sp = tenants.add_parser("deactivate", help="deactivate a tenant")
    acting(sp)
    sp.add_argument("slug")
    sp.add_argument("--reason", default="")
    sp.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    sp.set_defaults(run=cmd_deactivate)


def cmd_register(args: argparse.Namespace) -> int:
    from billing_desktop.services.tenants import Registration

    with open_services(args) as svc:
        session = sign_in(svc, args)
        password = read_secret(f"Password for the owner {args.email}: ", NEW_PASSWORD_ENV, confirm=True)
        t = svc.tenants.register(
            session,
            Registration(
                args.company,
                args.email,
                password,
                first_name=args.first_name,
                last_name=args.last_name,
                domain=args.domain,
                tier=args.tier,
                mode=args.mode,
                platform_fee_percent=args.fee,
                slug=args.slug,
            ),
        )
    emit_json(t.to_json()) if args.json else print(f"Registered {t.company_name} as {t.slug}.")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        t = svc.tenants.get(sign_in(svc, args), args.slug)
    if args.json:
        emit_json(t.to_json())
    else:
        for key, value in t.to_json().items():
            print(f"{key:22} {value}")
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    changes = {
        k: v
        for k, v in {
            "company_name": args.company_name,
            "email": args.email,
            "domain": args.domain,
            "tier": args.tier,
            "mode": args.mode,
            "platform_fee_percent": args.fee,
            "branding": parse_json_object(args.branding, "branding"),
            "metadata": parse_json_object(args.metadata, "metadata"),
        }.items()
        if v is not None
    }
    if not changes:
        raise AppError("Nothing to change: give at least one --field.")
    with open_services(args) as svc:
        t = svc.tenants.update(sign_in(svc, args), args.slug, changes)
    emit_json(t.to_json()) if args.json else print(f"Updated {t.slug}.")
    return 0


def cmd_deactivate(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        confirm(args, f"Deactivate tenant {args.slug}?")
        t = svc.tenants.set_active(session, args.slug, active=False, reason=args.reason)
    print(f"Deactivated {t.slug}.")
    return 0
