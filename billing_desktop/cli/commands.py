"""Subcommand bodies: parse nothing, decide nothing; call a service and print what it returns."""

from __future__ import annotations

import argparse
import sys

from billing_desktop.cli.io import emit_json, emit_table, read_secret
from billing_desktop.errors import AppError
from billing_desktop.services import Services
from billing_desktop.services.session import UserSession

NEW_PASSWORD_ENV = "BILLING_DESKTOP_NEW_PASSWORD"


_opened: list[Services] = []


def _services(args) -> Services:
    from billing_desktop.services.bootstrap import build_services

    svc = build_services(args.database_url)
    _opened.append(svc)
    return svc


def _sign_in(svc: Services, args) -> UserSession:
    from billing_desktop.config import ENV_PASSWORD

    email = args.as_email or svc.auth.only_operator_email()
    if not email:
        raise AppError("Say who you act as with --as EMAIL (there is not exactly one operator).")
    return svc.auth.sign_in(email, read_secret(f"Password for {email}: ", ENV_PASSWORD))


def _confirm(args, question: str) -> None:
    if getattr(args, "yes", False):
        return
    if sys.stdin is None or not sys.stdin.isatty():
        raise AppError("Refusing without confirmation: add --yes.")
    if input(f"{question} [y/N] ").strip().lower() not in ("y", "yes"):
        raise AppError("Cancelled.")


def dispatch(args: argparse.Namespace) -> int:
    handler = {
        "init": cmd_init,
        "doctor": cmd_doctor,
        "tenants": cmd_tenants,
        "users": cmd_users,
        "keys": cmd_keys,
        "platform": cmd_stripe,
        "stripe": cmd_stripe,
        "webhooks": cmd_webhooks,
        "db": cmd_db,
        "fees": cmd_connect,
        "disputes": cmd_connect,
        "attention": cmd_connect,
    }[args.command]
    try:
        return handler(args)
    finally:
        while _opened:
            _opened.pop().close()


def cmd_init(args) -> int:
    svc = _services(args)
    if not svc.auth.needs_first_run():
        raise AppError("Already initialised: an operator account exists.")
    password = read_secret("New operator password: ", NEW_PASSWORD_ENV, confirm=True)
    svc.auth.create_operator(args.email, password, args.first_name, args.last_name)
    print(f"Operator {args.email.strip().lower()} created.")
    return 0


def cmd_doctor(args) -> int:
    from billing_desktop.services.doctor import diagnose

    report = diagnose(args.database_url)
    if args.json:
        emit_json(report)
    else:
        width = max(len(k) for k in report)
        for key, value in report.items():
            print(f"{key.replace('_', ' ').ljust(width)}  {value}")
    return 0


def cmd_tenants(args) -> int:
    from billing_desktop.services.tenants import Registration

    svc = _services(args)
    session = _sign_in(svc, args)
    if args.action == "register":
        password = read_secret(f"Password for the owner {args.email}: ", NEW_PASSWORD_ENV, confirm=True)
        t = svc.tenants.register(
            session,
            Registration(
                args.company,
                args.email,
                password,
                args.first_name,
                args.last_name,
                args.domain,
                args.tier,
                args.mode,
                args.fee,
            ),
        )
        emit_json(t.to_json()) if args.json else print(f"Registered {t.company_name} as {t.slug}.")
    elif args.action == "list":
        rows = svc.tenants.list(session)
        emit_json(rows) if args.json else emit_table(rows, ["slug", "company_name", "email", "tier", "mode", "active"])
    elif args.action == "show":
        t = svc.tenants.get(session, args.slug)
        if args.json:
            emit_json(t.to_json())
        else:
            for key, value in t.to_json().items():
                print(f"{key:22} {value}")
    elif args.action == "update":
        from billing_desktop.cli.main import parse_json_object

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
        t = svc.tenants.update(session, args.slug, changes)
        emit_json(t.to_json()) if args.json else print(f"Updated {t.slug}.")
    elif args.action == "deactivate":
        _confirm(args, f"Deactivate tenant {args.slug}?")
        t = svc.tenants.set_active(session, args.slug, False, args.reason)
        print(f"Deactivated {t.slug}.")
    return 0


def cmd_users(args) -> int:
    svc = _services(args)
    session = _sign_in(svc, args)
    tenant_id = svc.tenants.resolve(session, args.tenant) if args.tenant else None
    if args.action == "add":
        password = read_secret(f"Password for {args.email}: ", NEW_PASSWORD_ENV, confirm=True)
        u = svc.users.add(session, tenant_id, args.email, password, args.role, args.first_name, args.last_name)
        emit_json(u) if args.json else print(f"Added {u.email} as {u.role}.")
    else:
        rows = svc.users.list(session, tenant_id)
        emit_json(rows) if args.json else emit_table(
            rows, ["email", "role", "first_name", "last_name", "active", "last_sign_in"]
        )
    return 0


def cmd_keys(args) -> int:
    from billing_desktop.cli import keys_commands

    svc = _services(args)
    return keys_commands.run(args, svc, lambda: _sign_in(svc, args), _confirm)


def cmd_stripe(args) -> int:
    from billing_desktop.cli import stripe_commands

    svc = _services(args)
    return stripe_commands.run(args, svc, lambda: _sign_in(svc, args), _confirm)


def cmd_webhooks(args) -> int:
    from billing_desktop.cli import webhook_commands

    svc = _services(args)
    return webhook_commands.run(args, svc, lambda: _sign_in(svc, args), _confirm)


def cmd_db(args) -> int:
    from billing_desktop.cli import db_commands

    return db_commands.run(args)


def cmd_connect(args) -> int:
    from billing_desktop.cli import connect_commands

    svc = _services(args)
    return connect_commands.run(args, svc, _sign_in(svc, args))
