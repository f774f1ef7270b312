"""`billing-desktop keys list|regenerate|revoke|inspect|scan|repair`."""

from __future__ import annotations

import argparse

from billing_desktop.cli.context import acting, confirm, jsonable, open_services, sign_in
from billing_desktop.cli.inspect_command import cmd_inspect
from billing_desktop.cli.io import emit_json, emit_table, printable
from billing_desktop.domain.validation import Mode


def add_parser(sub: argparse._SubParsersAction) -> None:
    keys = sub.add_parser("keys", help="tenant API keys: list, regenerate, revoke, inspect, scan").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    sp = keys.add_parser("list", help="list a tenant's keys (masked)")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.set_defaults(run=cmd_list)

    sp = keys.add_parser("regenerate", help="roll keys; prints the new keys once")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.add_argument("--env", required=True, choices=[*Mode, "all"])
    sp.add_argument(
        "--grace",
        default="none",
        choices=["none", "1h", "24h", "7d"],
        help="how long the old keys keep working (default: none, revoked at once)",
    )
    sp.add_argument("--yes", action="store_true")
    sp.set_defaults(run=cmd_regenerate)

    sp = keys.add_parser("revoke", help="revoke keys at once, with a reason")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.add_argument("--env", required=True, choices=[*Mode, "all"])
    sp.add_argument("--reason", required=True)
    sp.add_argument("--yes", action="store_true")
    sp.set_defaults(run=cmd_revoke)

    sp = keys.add_parser("inspect", help="tell offline what a key is (KEY, or - to read it from stdin)")
    acting(sp)
    jsonable(sp)
    sp.add_argument("key", nargs="?", default="-")
    sp.set_defaults(run=cmd_inspect)

    sp = keys.add_parser("scan", help="find platform and Stripe credentials in files and folders")
    acting(sp)
    jsonable(sp)
    sp.add_argument("paths", nargs="+")
    sp.set_defaults(run=cmd_scan)

    sp = keys.add_parser("repair", help="remove orphaned key secrets; report keys whose secret is missing")
    jsonable(sp)
    sp.set_defaults(run=cmd_repair)


def cmd_repair(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        report = svc.keys.repair(check_missing=True)
    emit_json(report) if args.json else print(
        f"{report.orphans_removed} orphaned and {report.retired_secrets_removed} retired secrets removed; "
        f"{len(report.missing_secrets)} missing" + "".join(f"\n  {m}" for m in report.missing_secrets)
    )
    return 1 if report.missing_secrets else 0


def cmd_list(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        rows = svc.keys.list(session, svc.tenants.resolve(session, args.slug))
    emit_json(rows) if args.json else emit_table(rows, ["kind", "mode", "masked", "status", "created_at", "expires_at"])
    return 0


def cmd_regenerate(args: argparse.Namespace) -> int:
    from billing_desktop.services.keys import parse_grace

    with open_services(args) as svc:
        session = sign_in(svc, args)
        tenant_id = svc.tenants.resolve(session, args.slug)
        grace = parse_grace(args.grace)
        confirm(
            args,
            f"Regenerate the {args.env} keys of {args.slug}? Integrations using the old keys stop working"
            + (" at once." if grace is None else f" after {args.grace}."),
        )
        new = svc.keys.regenerate(session, tenant_id, args.env, grace)
    if args.json:
        emit_json(new)
    else:
        print("New keys (shown once; store them now):")
        for k in new:
            print(f"  {k.mode:4} {k.kind:11} {k.key}")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        tenant_id = svc.tenants.resolve(session, args.slug)
        confirm(args, f"Revoke the {args.env} keys of {args.slug} now?")
        count = svc.keys.revoke(session, tenant_id, args.env, args.reason)
    emit_json({"revoked": count}) if args.json else print(f"Revoked {count} keys.")
    return 0


def cmd_scan(args: argparse.Namespace) -> int:
    with open_services(args, read_only=True) as svc:
        result = svc.inspection.scan(sign_in(svc, args), args.paths)
    if args.json:
        emit_json(
            {
                "files_scanned": result.files_scanned,
                "files_skipped": result.files_skipped,
                "findings": result.findings,
            }
        )
    else:
        for f in result.findings:
            print(f"{printable(f.where)}: {f.value} — {f.what} ({f.status})")
        print(f"{len(result.findings)} found in {result.files_scanned} files ({result.files_skipped} skipped).")
    return 1 if any(f.is_secret for f in result.findings) else 0
