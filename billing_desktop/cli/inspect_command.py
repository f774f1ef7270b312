"""`billing-desktop keys inspect [KEY | -] [--json] [--as EMAIL]`: its handler, and a parser of its own for the
plain forms of the command line.

A whole `keys inspect` process is budgeted at 3x an empty interpreter plus the password check
(docs/PERFORMANCE.md), and argparse alone cost about half an empty interpreter there (gettext look-ups, the
terminal width through shutil, building the group's parsers). `parse` reads only what argparse would read the same
way; anything else (--help, --as=EMAIL, an abbreviation, --database-url, a second KEY) returns None and goes to
argparse, with its own messages (tests/test_cli_parser.py holds the two to the same answers)."""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import Any

ARGV_SECRET_PREFIXES = ("sk_", "rk_", "whsec_")


def parse(argv: list[str]) -> SimpleNamespace | None:
    """The namespace argparse would make for `argv`, when it is a plain `keys inspect` command line; else None."""
    if argv[:2] != ["keys", "inspect"]:
        return None
    key: str | None = None
    as_email: str | None = None
    as_json = False
    rest = iter(argv[2:])
    for arg in rest:
        if arg == "--json":
            as_json = True
        elif arg == "--as":
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None  # argparse's error, or its reading of a value that looks like an option
            as_email = value
        elif key is None and (arg == "-" or not arg.startswith("-")):
            key = arg
        else:
            return None
    return SimpleNamespace(
        database_url=None,
        self_test=False,
        qt_probe=False,
        command="keys",
        action="inspect",
        as_email=as_email,
        json=as_json,
        key="-" if key is None else key,
        run=cmd_inspect,
    )


def cmd_inspect(args: Any) -> int:
    from billing_desktop.cli.context import read_password

    if args.key.startswith(ARGV_SECRET_PREFIXES):
        # Still inspected (a revoked or foreign key is what people check), but argv is world-readable.
        print(
            "Note: a secret key on the command line is visible to other users (ps) and kept in your shell "
            "history; next time use `keys inspect -` and paste it.",
            file=sys.stderr,
        )
    if args.key == "-":
        # Read the key before the password prompt consumes stdin: `echo KEY | … keys inspect -` with the
        # password in BILLING_DESKTOP_PASSWORD.
        args.key = sys.stdin.read()
    from billing_desktop import config
    from billing_desktop.services import quick_inspect

    # The plain case without SQLAlchemy (a process of its own: its start-up is most of its cost); anything else,
    # and nothing written there, on the full path with the password already read.
    quick = quick_inspect.inspect(config.database_url(args.database_url), args.as_email, read_password, args.key)
    ins = quick.inspection
    if ins is None:
        from billing_desktop.cli.context import open_services, sign_in

        with open_services(args, read_only=True) as svc:
            ins = svc.inspection.inspect(sign_in(svc, args, quick.password), args.key)
    from billing_desktop.cli.io import emit_json

    if args.json:
        emit_json(ins.to_json())
    else:
        print(ins.summary)
    return 0 if ins.usable else 1
