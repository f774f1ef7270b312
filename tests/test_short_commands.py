"""A short command such as `keys inspect` runs as its own process: opening a database already at head and using
one service must not import Alembic, Stripe or httpx (benchmarks/bench_inspect.py measures the whole process)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from billing_desktop.store.database import head_revision, open_database, schema_state


def test_the_head_read_from_the_migration_files_is_alembics_head(tmp_path):
    engine = open_database(f"sqlite:///{tmp_path}/db.sqlite3")
    try:
        current, head = schema_state(engine)
    finally:
        engine.dispose()
    assert head_revision() == head == current


def test_inspecting_a_key_imports_neither_alembic_nor_stripe_nor_httpx(tmp_path):
    url = f"sqlite:///{tmp_path}/db.sqlite3"
    open_database(url).dispose()  # migrated here; the child finds it at head
    code = f"""
import sys
from argon2 import PasswordHasher
from billing_desktop.services import Services
from billing_desktop.services.context import AppContext
from billing_desktop.store.database import open_database
from billing_desktop.vault import Vault
from tests.support.memory_keyring import MemoryKeyring
svc = Services(AppContext(engine=open_database({url!r}), vault=Vault(MemoryKeyring()),
               hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)))
svc.auth.create_operator("op@example.com", "operator-password-1")
session = svc.auth.sign_in("op@example.com", "operator-password-1")
print(svc.inspection.inspect(session, "sk_live_" + "A" * 33).verdict.well_formed)
print(sorted(m for m in ("alembic", "stripe", "httpx", "PySide6") if m in sys.modules))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[1] == "[]", out


def test_a_database_not_at_head_still_goes_through_the_full_check(tmp_path):
    from billing_desktop.errors import SchemaTooNew

    url = f"sqlite:///{tmp_path}/db.sqlite3"
    engine = open_database(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'newer-than-this-build'")
    engine.dispose()
    with pytest.raises(SchemaTooNew):
        open_database(url)
