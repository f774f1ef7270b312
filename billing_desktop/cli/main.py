"""`billing-desktop`: no arguments opens the GUI; subcommands run the same services from a terminal."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from billing_desktop import __version__
from billing_desktop.errors import AppError, AuthenticationFailed, BackupDamaged, ValidationError, load_failure

if TYPE_CHECKING:
    import argparse

    from billing_desktop.vault import Vault

EXIT_ERROR, EXIT_INVALID, EXIT_AUTH, EXIT_DAMAGED = 1, 2, 3, 4


# Command groups that build their parsers alone (no other module adds to them): a command of one of these builds only
# its group's parser. Building every group's parsers costs about half an empty interpreter's start-up, and `keys
# inspect` is budgeted as a whole process (docs/PERFORMANCE.md). Any other command, --help or an unknown word
# builds them all.
SELF_CONTAINED = {
    "keys": "keys_commands",
    "tenants": "tenant_commands",
    "users": "user_commands",
    "db": "db_commands",
    "team": "team_commands",
    "webhooks": "webhook_commands",
}


def command_of(argv: list[str]) -> str | None:
    """The command word of `argv` (the first that is neither an option nor --database-url's value)."""
    it = iter(argv)
    for arg in it:
        if arg == "--database-url":
            next(it, None)
        elif arg == "--" or not arg.startswith("-"):
            return None if arg == "--" else arg
    return None


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    # One module per command group, each with add_parser(sub); every leaf parser sets `run` to its handler
    # (args -> exit code). A new command: a subparser and a cmd_ function in its group's module; a new group: a
    # new module, added to this list. (Imported here, not at the top: the GUI start never builds the parser.)
    # `argv`: the command line, when only its command's group is needed (SELF_CONTAINED).
    import argparse  # here, not at the top: the GUI start never needs it
    import importlib

    from billing_desktop.cli import io as cli_io

    p = argparse.ArgumentParser(prog="billing-desktop", description="Administer a billing platform on Stripe Connect.")
    p.add_argument("--version", action="version", version=f"billing-desktop {__version__}")
    p.add_argument(
        "--database-url",
        type=cli_io.database_url,
        help="database to use: sqlite:///FILE or postgresql+psycopg://USER@HOST:PORT/DB?sslmode=MODE "
        "(default: the team database chosen with `db connect`, else SQLite in the data dir)",
    )
    p.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--qt-probe", action="store_true", help=argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    only = SELF_CONTAINED.get(command_of(argv) or "") if argv is not None else None
    if only is not None:
        importlib.import_module(f"billing_desktop.cli.{only}").add_parser(sub)
        return p
    from billing_desktop.cli import (
        backup_commands,  # backup create/verify/restore; recovery-key create/rotate/confirm/check/status
        connect_commands,  # fees, disputes, payouts, attention (its stripe actions join the stripe group)
        db_commands,  # db connect/disconnect/status (team database)
        keys_commands,
        setup_commands,  # init, doctor
        stripe_commands,  # platform set-stripe/show-stripe; stripe connect/onboard/status/disconnect
        team_commands,  # team join/grant/revoke/status (operators' access to the sealed vault)
        tenant_commands,
        user_commands,
        webhook_commands,
    )

    sub.add_parser("gui", help="open the GUI (the default)")
    groups = (setup_commands, db_commands, tenant_commands, user_commands, keys_commands, stripe_commands)
    for group in (*groups, webhook_commands, connect_commands, team_commands, backup_commands):
        group.add_parser(sub)
    return p


def main(argv: list[str] | None = None, *, vault: Vault | None = None) -> int:
    """`vault`: the keyring commands use (default: the OS keyring); tests pass an in-memory one where no Secret
    Service runs."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv:  # the GUI: skip building the command-line parser, start-up time goes to the first window
        from billing_desktop.ui.app import run

        return run()
    for i, arg in enumerate(argv, start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that were not UTF-8, kept by Python as lone surrogates
            print(
                f"error: argument {i} is not valid UTF-8 text; retype it or fix the terminal's encoding.",
                file=sys.stderr,
            )
            return EXIT_INVALID
    from billing_desktop.cli.io import terminal_safe_output

    with terminal_safe_output():
        return _main(argv, vault)


def _main(argv: list[str], vault: Vault | None) -> int:
    from billing_desktop.cli import inspect_command

    # `keys inspect`, a process budgeted as a whole, reads its plain forms without argparse (cli/inspect_command.py).
    args = inspect_command.parse(argv) or build_parser(argv).parse_args(argv)
    if args.qt_probe:
        from billing_desktop.ui.probe import probe

        return probe()
    if args.command in (None, "gui"):
        from billing_desktop.ui.app import run

        return run(database_url=args.database_url, self_test=args.self_test)
    args.vault = vault
    try:
        return int(args.run(args))
    except ValidationError as exc:
        for field, message in exc.fields.items():
            print(f"error: {field}: {message}", file=sys.stderr)
        return EXIT_INVALID
    except AuthenticationFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_AUTH
    except BackupDamaged as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DAMAGED
    except AppError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except ValueError as exc:
        if "null byte" not in str(exc) and "null character" not in str(exc):
            raise
        # A path argument with a NUL character (os and open() refuse it before any file is touched; Python 3.11 says
        # "embedded null byte", 3.13's os functions "embedded null character in path").
        print("error: a file or folder name cannot contain a NUL character.", file=sys.stderr)
        return EXIT_INVALID
    except Exception as exc:  # storage failures mid-command: one clear line, never a traceback
        damaged = load_failure(exc)  # a module that would not load (a cut-off .pyc): not the database's fault
        if damaged is not None:
            print(f"error: {damaged}", file=sys.stderr)
            return EXIT_ERROR
        storage = _storage_message(exc)
        if storage is None:
            raise
        print(f"error: {storage}", file=sys.stderr)
        return EXIT_ERROR


def _storage_message(exc: Exception) -> str | None:
    from sqlalchemy.exc import SQLAlchemyError

    from billing_desktop.store.database import storage_advice

    if isinstance(exc, SQLAlchemyError):
        return storage_advice(exc)
    if isinstance(exc, OSError):
        name = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror or type(exc).__name__}{name}."
    return None
