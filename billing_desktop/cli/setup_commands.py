"""`billing-desktop init` and `billing-desktop doctor`: before anyone can sign in."""

from __future__ import annotations

import argparse

from billing_desktop.cli.context import NEW_PASSWORD_ENV, jsonable, open_services
from billing_desktop.cli.io import emit_json, read_secret
from billing_desktop.domain.recovery_key import page_text
from billing_desktop.domain.states import Health
from billing_desktop.errors import AppError


def add_parser(sub: argparse._SubParsersAction) -> None:
    sp = sub.add_parser("init", help="create the first operator account")
    sp.add_argument("--email", required=True)
    sp.add_argument("--first-name", default="")
    sp.add_argument("--last-name", default="")
    sp.set_defaults(run=cmd_init)

    sp = sub.add_parser("doctor", help="report data dir, database, schema, keyring and Qt platform")
    jsonable(sp)
    sp.set_defaults(run=cmd_doctor)


def cmd_init(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        if not svc.auth.needs_first_run():
            raise AppError("Already initialised: an operator account exists.")
        password = read_secret("New operator password: ", NEW_PASSWORD_ENV, confirm=True)
        svc.auth.create_operator(args.email, password, args.first_name, args.last_name)
        print(f"Operator {args.email.strip().lower()} created.")
        # The vault exists from this moment: its recovery key with it, shown this once.
        new = svc.recovery.create(svc.auth.sign_in(args.email, password))
        page = page_text(new.text, new.fingerprint, f"{new.created_at:%Y-%m-%d %H:%M} UTC", svc.database_label())
    print()
    print(page)
    print("It is shown this once. Store it, then confirm: billing-desktop recovery-key confirm")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from billing_desktop.services.doctor import diagnose

    report = diagnose(args.database_url, vault=getattr(args, "vault", None))
    if args.json:
        emit_json(report)
    else:
        width = max(len(k) for k in report)
        for key, value in report.items():
            print(f"{key.replace('_', ' ').ljust(width)}  {value}")
    return 0 if report["status"] == Health.OK else 1
