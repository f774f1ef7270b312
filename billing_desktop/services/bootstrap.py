"""Build the app's services from the environment: data dir, database, vault, logging."""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
from logging.handlers import RotatingFileHandler

from billing_desktop import config
from billing_desktop.services import Services
from billing_desktop.services.context import AppContext
from billing_desktop.services.team_database import with_password
from billing_desktop.store.database import open_database
from billing_desktop.vault import Vault

# Defence in depth: even if a secret slipped into a log call, the file never receives it.
_SECRETISH = re.compile(r"\b((?:sk|pk|rk)_(?:test|live)_|whsec_|rt_|ac_)[A-Za-z0-9+/=_-]{6,}")


# The password runs to the authority's LAST "@" (an unescaped "@" in it is common): greedy up to a path or space.
_URL_PASSWORD = re.compile(r"(://[^:/@\s]+:)[^\s/?#]*@")


def redact(text: str) -> str:
    """Anything shaped like a key, signing secret or token, and passwords in URLs, replaced by [redacted]. The log
    file and crash reports go through this same function."""
    text = _SECRETISH.sub(lambda m: m.group(1) + "[redacted]", text)
    return _URL_PASSWORD.sub(lambda m: m.group(1) + "[redacted]@", text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            # The traceback's exception message can quote a value too: format it here, redacted, for the handler.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class QuietFileHandler(RotatingFileHandler):
    """The log file, or one line on stderr when it cannot be written (full disk, read-only dir) — never the
    traceback per record that logging prints by default."""

    _warned = False

    @classmethod
    def warn_once(cls, path: object, exc: BaseException | None) -> None:
        if cls._warned:
            return
        cls._warned = True
        why = getattr(exc, "strerror", None) or type(exc).__name__
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stderr.write(f"billing-desktop: warning: cannot write the log file {path} ({why}); no log kept.\n")

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        self.warn_once(self.baseFilename, sys.exc_info()[1])


def setup_logging() -> None:
    """One log file per data dir; moving the data dir (BILLING_DESKTOP_HOME) moves the log with it."""
    root = logging.getLogger()
    paths = config.paths()
    for h in list(root.handlers):
        if isinstance(h, QuietFileHandler):  # ours: one per process, replaced when the data dir moves
            if h.baseFilename == str(paths.log_file.absolute()):
                return
            root.removeHandler(h)
            h.close()
    try:
        config.ensure_private_dir(paths.data_dir)
        fd = os.open(paths.log_file, os.O_CREAT | os.O_APPEND | os.O_WRONLY, 0o600)
        os.close(fd)
        handler = QuietFileHandler(paths.log_file, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    except OSError as exc:  # a read-only or missing data dir: work on, without a log file
        QuietFileHandler.warn_once(paths.log_file, exc)
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def build_services(database_url: str | None = None, vault: Vault | None = None, *, repair: bool = True) -> Services:
    """`repair=False`: a command that only reads tenant data (key inspection, the leak scan) leaves the start-up
    repairs to the next one that changes it or the next GUI start, and does not import the services they need."""
    os.umask(0o077)  # every file we create (database, WAL, backups, log) is private to the user
    setup_logging()
    paths = config.paths()
    vault = vault or Vault()
    url = with_password(config.database_url(database_url), vault)
    engine = open_database(url, backup_dir=paths.backup_dir)
    try:
        services = Services(AppContext(engine=engine, vault=vault))
        services.settings.load_policy()
        if repair:
            startup_repair(services)
    except BaseException:
        engine.dispose()  # the caller never gets the engine, so it could never close its connections
        raise
    return services


def startup_repair(services: Services) -> None:
    """Create the vault of an upgraded database, move what older versions left in the OS keyring, drop retired
    key and webhook secrets. Cheap when there is nothing to do."""
    from billing_desktop.errors import VaultError

    try:
        services.team.ensure_vault()
        services.startup_report = services.keys.repair()
        services.webhooks.repair()
    except VaultError as exc:  # no keyring now: try again next start; everything else still works
        logging.getLogger(__name__).warning("key repair postponed: %s", exc)
        services.startup_report = None
