"""Architecture: `keys inspect KEY`, a process of its own, stays light (docs/PERFORMANCE.md budgets it at 3x an
empty interpreter plus the password check). No SQLAlchemy, Alembic, Stripe, httpx, Qt, cryptography or keyring on
the plain path: a signed-in operator, a right password, the local SQLite database at the schema head."""

import json
import os
import subprocess
import sys

from billing_desktop.services import Services
from billing_desktop.services.context import AppContext, default_hasher
from billing_desktop.services.tenants import Registration
from billing_desktop.store.database import open_database
from billing_desktop.vault import Vault
from tests.support.memory_keyring import MemoryKeyring

HEAVY = ("sqlalchemy", "alembic", "stripe", "httpx", "PySide6", "shiboken6", "cryptography", "keyring", "psycopg")
# What the plain path left behind to meet the budget (docs/PERFORMANCE.md): argparse and what it pulls in (gettext,
# locale, shutil with bz2 and lzma), `dataclasses` (and inspect, ast, dis behind it), the argon2 package (which
# imports dataclasses and platform; the check goes through libargon2's bindings, services/credentials.py),
# getpass and decimal. Each was a few per cent of the allowance; together they were the margin.
NOT_ON_THE_PATH = (
    "argparse",
    "gettext",
    "locale",
    "shutil",
    "dataclasses",
    "inspect",
    "ast",
    "argon2",
    "platform",
    "getpass",
    "decimal",
)
PASSWORD = "operator-password-1"

CHILD = """
import io, json, sys
from contextlib import redirect_stdout
from billing_desktop.cli.main import main
out = io.StringIO()
with redirect_stdout(out):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def _database_with_a_key(db_file) -> str:
    # The production hasher: with the tests' fast one the direct path would see a hash to upgrade and step aside.
    svc = Services(
        AppContext(engine=open_database(f"sqlite:///{db_file}"), vault=Vault(MemoryKeyring()), hasher=default_hasher())
    )
    try:
        svc.auth.create_operator("op@arch.example", PASSWORD)
        session = svc.auth.sign_in("op@arch.example", PASSWORD)
        tenant = svc.tenants.register(session, Registration("Arch Ltd", "owner@arch.example", "owner-password-123"))
        return next(k.key for k in svc.keys.regenerate(session, tenant.id, "test", None) if k.kind == "secret")
    finally:
        svc.close()


def _inspect_in_a_process(key: str, password: str = PASSWORD) -> dict:
    env = dict(os.environ, BILLING_DESKTOP_PASSWORD=password)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, "keys", "inspect", key, "--json"], env=env, capture_output=True, text=True
    )
    assert child.returncode == 0, child.stderr  # the child prints the command's exit code
    return json.loads(child.stdout)


def test_keys_inspect_imports_nothing_heavy(db_file):
    key = _database_with_a_key(db_file)
    result = _inspect_in_a_process(key)
    assert result["code"] == 0 and json.loads(result["out"])["tenant"] == "arch-ltd"
    heavy = sorted({m.split(".")[0] for m in result["modules"]} & set(HEAVY))
    assert heavy == [], f"`keys inspect` imported {heavy}: keep them off its path (services/quick_inspect.py)"


def test_keys_inspect_leaves_the_slow_imports_off_its_path(db_file):
    key = _database_with_a_key(db_file)
    result = _inspect_in_a_process(key)
    assert result["code"] == 0 and json.loads(result["out"])["status"] == "active"
    bare = subprocess.run(  # what an interpreter running CHILD's own imports has anyway
        [sys.executable, "-c", "import io, json, sys, contextlib; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    extra = set(result["modules"]) - set(json.loads(bare.stdout))
    slow = sorted(m for m in extra if m.split(".")[0] in NOT_ON_THE_PATH)
    assert slow == [], f"`keys inspect` imported {slow}: keep them off its path (cli/inspect_command.py)"
    assert "_argon2_cffi_bindings" in extra  # the password was checked, through libargon2's bindings


def test_the_check_can_fail(db_file):
    """A wrong password is decided on the full path (its lockout accounting): the same command imports SQLAlchemy
    there, and the check above would see it."""
    key = _database_with_a_key(db_file)
    result = _inspect_in_a_process(key, password="wrong-password-1")
    assert result["code"] == 3 and "sqlalchemy" in {m.split(".")[0] for m in result["modules"]}
    assert {"dataclasses", "argon2"} <= set(result["modules"])  # the full path: the slow imports guarded above
