"""What every command needs: the services (opened and always closed), the signed-in session, a confirmation,
and the options most commands share."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from billing_desktop.cli.io import read_secret
from billing_desktop.errors import AppError

if TYPE_CHECKING:  # `keys inspect` imports this module: no argparse or dataclasses (session) at run time
    import argparse

    from billing_desktop.services import Services
    from billing_desktop.services.session import UserSession

NEW_PASSWORD_ENV = "BILLING_DESKTOP_NEW_PASSWORD"


@contextmanager
def open_services(args: argparse.Namespace, *, read_only: bool = False) -> Iterator[Services]:
    """The services for one command. `args.vault` is the keyring main() was given (None: the OS keyring).
    `read_only`: the command changes no tenant data (inspect, scan), so it skips the start-up repairs; the next
    command that does, or the GUI, runs them."""
    from billing_desktop.services.bootstrap import build_services

    svc = build_services(args.database_url, vault=getattr(args, "vault", None), repair=not read_only)
    try:
        yield svc
    finally:
        svc.close()


def sign_in(svc: Services, args: argparse.Namespace, password: str | None = None) -> UserSession:
    """`password`: already read (by `keys inspect`'s direct path), so not asked for again."""
    # Several operators (a team database): the one whose key is in this OS account's keyring, as the GUI's
    # sign-in would be theirs on this machine.
    email = args.as_email or svc.auth.only_operator_email() or svc.team.this_accounts_operator()
    if not email:
        raise AppError(
            "Say who you act as with --as EMAIL (there is more than one operator, and none has joined from this "
            "account's keyring)."
        )
    return svc.auth.sign_in(email, password if password is not None else read_password(email))


def read_password(email: str) -> str:
    from billing_desktop.config import ENV_PASSWORD

    return read_secret(f"Password for {email}: ", ENV_PASSWORD)


def confirm(args: argparse.Namespace, question: str) -> None:
    if getattr(args, "yes", False):
        return
    if sys.stdin is None or not sys.stdin.isatty():
        raise AppError("Refusing without confirmation: add --yes.")
    if input(f"{question} [y/N] ").strip().lower() not in ("y", "yes"):
        raise AppError("Cancelled.")


def acting(sp: argparse.ArgumentParser) -> None:
    """`--as EMAIL`: for every command that signs in."""
    sp.add_argument(
        "--as",
        dest="as_email",
        metavar="EMAIL",
        help="act as this account (default: the only operator, else the one whose key is in this keyring); "
        "password from a prompt or BILLING_DESKTOP_PASSWORD",
    )


def jsonable(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--json", action="store_true", help="print JSON")
