"""`billing-desktop team join|grant|revoke|revoke-key|status`: operators' access to the shared vault of secrets."""

from __future__ import annotations

import argparse

from billing_desktop.cli.context import acting, confirm, jsonable, open_services, sign_in
from billing_desktop.cli.io import emit_json, emit_table, end_progress, progress
from billing_desktop.domain.states import KeyState


def add_parser(sub: argparse._SubParsersAction) -> None:
    team = sub.add_parser("team", help="operators' access to the secrets: join, grant, revoke, status").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    sp = team.add_parser(
        "join", help="on your own OS account: make your operator key and print its fingerprint to compare"
    )
    acting(sp)
    jsonable(sp)
    sp.set_defaults(run=cmd_join)

    sp = team.add_parser("grant", help="give an operator who joined access, after comparing the fingerprint")
    acting(sp)
    jsonable(sp)
    sp.add_argument("email")
    sp.add_argument("--fingerprint", required=True, help="as the operator read it to you (XXXX-XXXX-XXXX-XXXX)")
    sp.set_defaults(run=cmd_grant)

    sp = team.add_parser("revoke", help="remove an operator's access and re-key every secret")
    acting(sp)
    sp.add_argument("email")
    sp.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    sp.set_defaults(run=cmd_revoke)

    sp = team.add_parser(
        "revoke-key",
        help="revoke ONE operator key (one machine, e.g. a lost laptop) by its fingerprint and re-key every secret",
    )
    acting(sp)
    jsonable(sp)
    sp.add_argument("fingerprint", help="the key's fingerprint as `team status` lists it (XXXX-XXXX-XXXX-XXXX)")
    sp.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    sp.set_defaults(run=cmd_revoke_key)

    sp = team.add_parser("status", help="operators, fingerprints, granted or pending, who granted whom and when")
    acting(sp)
    jsonable(sp)
    sp.set_defaults(run=cmd_status)


def cmd_join(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        joined = svc.team.join(sign_in(svc, args))
    if args.json:
        emit_json(joined)
    elif joined.state == KeyState.GRANTED:
        print(f"You have access. Your key's fingerprint: {joined.fingerprint}")
    else:
        print(f"Your key's fingerprint: {joined.fingerprint}")
        print(
            "Read it to an operator who has access, over a channel you trust (in person, by phone). They run:\n"
            f"  billing-desktop team grant {joined.email} --fingerprint {joined.fingerprint}\n"
            "Until then everything that needs no secret works; the rest says it is waiting for access."
        )
    return 0


def cmd_grant(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        joined = svc.team.grant(sign_in(svc, args), args.email, args.fingerprint)
    emit_json(joined) if args.json else print(f"Granted {joined.email} (key {joined.fingerprint}).")
    return 0


def _rekey_progress(done: int, total: int) -> None:
    progress(f"re-keying {done:,}/{total:,} secrets")


def cmd_revoke(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        confirm(
            args,
            f"Revoke {args.email}'s access? Every secret is re-encrypted under a new vault key; they keep nothing "
            "they have not already seen. Roll tenant secrets they saw if you do not trust them.",
        )
        count = svc.team.revoke(session, args.email, progress=_rekey_progress)
    end_progress()
    print(f"Revoked {args.email}; {count:,} secrets re-encrypted under a new vault key.")
    return 0


def cmd_revoke_key(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        confirm(
            args,
            f"Revoke the operator key {args.fingerprint}? The machine holding it can no longer open any secret: every "
            "secret is re-encrypted under a new vault key. Roll secrets that machine may have exposed.",
        )
        done = svc.team.revoke_key(session, args.fingerprint, progress=_rekey_progress)
    end_progress()
    if args.json:
        emit_json(done)
    else:
        print(
            f"Revoked {done.email}'s key {done.fingerprint}; {done.secrets_rekeyed:,} secrets re-encrypted under a "
            "new vault key."
        )
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        rows = svc.team.status(sign_in(svc, args))
    emit_json(rows) if args.json else emit_table(
        rows, ["email", "state", "fingerprint", "joined_at", "granted_by", "granted_at", "last_sign_in", "this_account"]
    )
    return 0
