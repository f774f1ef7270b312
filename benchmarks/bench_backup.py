"""Backup and restore at scale: `backup create`, `backup verify` and `backup restore` of a database with 10,000
tenants (each with an owner, four API keys, two sealed secrets and an audit entry), each against SQLite's own
backup API copying the same file in the same run — the floor any consistent snapshot pays. The same at 100 tenants
shows how the cost grows. Sizes are reported beside the times. The in-memory keyring stands in for the OS keyring
(a restore writes one item; the keyring is not what is measured)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from common import Row, interleave, ratio_row

SIZES = (100, 10_000)


def _build(d: Path, tenants: int):
    import bench_vault
    from argon2 import PasswordHasher

    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext
    from billing_desktop.store.database import open_database
    from billing_desktop.vault import Vault
    from tests.support.memory_keyring import MemoryKeyring

    keyring = MemoryKeyring()
    ctx = AppContext(
        engine=open_database(f"sqlite:///{d / 'billing-desktop.sqlite3'}"),
        vault=Vault(keyring),
        hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),
    )
    svc = Services(ctx)
    svc.auth.create_operator("op@bench.example", "bench-password-1")
    op = svc.auth.sign_in("op@bench.example", "bench-password-1")
    key = svc.recovery.create(op).text
    bench_vault._fill(svc, op, range(1, tenants + 1))  # what registration writes, in batches
    return svc, op, key


def _snapshot(src: Path, dst: Path) -> None:
    dst.unlink(missing_ok=True)
    with closing(sqlite3.connect(src)) as a, closing(sqlite3.connect(dst)) as b:
        a.backup(b)


def _measure(tenants: int) -> dict:
    from billing_desktop.services.backup import verify
    from billing_desktop.services.restore import restore
    from billing_desktop.vault import Vault
    from tests.support.memory_keyring import MemoryKeyring

    with tempfile.TemporaryDirectory() as d:
        d = Path(d)
        os.environ["BILLING_DESKTOP_HOME"] = str(d)
        svc, op, key = _build(d, tenants)
        db = d / "billing-desktop.sqlite3"
        out = d / "bench.bdbackup"
        plain = d / "plain-copy.sqlite3"
        restored = d / "restored" / "billing-desktop.sqlite3"

        def create():
            svc.backups.create(op, out)

        def do_restore():
            shutil.rmtree(restored.parent, ignore_errors=True)
            restore(out, vault=Vault(MemoryKeyring()), recovery_text=key, database_file=restored, run_doctor=False)

        create_s, snap_s = interleave(create, lambda: _snapshot(db, plain))
        verify_s, snap2_s = interleave(lambda: verify(out, None, key) and None, lambda: _snapshot(db, plain))
        restore_s, snap3_s = interleave(do_restore, lambda: _snapshot(db, plain))
        size, db_size = out.stat().st_size, plain.stat().st_size
        svc.close()
    return {
        "create": create_s,
        "verify": verify_s,
        "restore": restore_s,
        "snap": snap_s,
        "snap2": snap2_s,
        "snap3": snap3_s,
        "size": size,
        "db_size": db_size,
    }


def run(quick: bool = False) -> list[Row]:
    sizes = (50, 500) if quick else SIZES
    results = {n: _measure(n) for n in sizes}
    big = sizes[-1]
    r = results[big]
    show = lambda s: s.show(scale=1000, unit="ms", digits=0)  # noqa: E731
    rows = [
        ratio_row(
            f"backup create, {big:,} tenants, vs SQLite backup API copy",
            r["create"],
            r["snap"],
            limit=8,
            show=show,
            baseline_label="snapshot",
        ),
        ratio_row(
            f"backup verify, {big:,} tenants, vs SQLite backup API copy",
            r["verify"],
            r["snap2"],
            limit=8,
            show=show,
            baseline_label="snapshot",
        ),
        ratio_row(
            f"backup restore, {big:,} tenants, vs SQLite backup API copy",
            r["restore"],
            r["snap3"],
            limit=15,
            show=show,
            baseline_label="snapshot",
        ),
    ]
    for n in sizes:
        x = results[n]
        rows.append(
            Row(
                name=f"{n:,} tenants: backup {x['size'] / 1e6:.2f} MB (database {x['db_size'] / 1e6:.2f} MB)",
                measured=f"create {x['create'].median:.2f} s, verify {x['verify'].median:.2f} s, "
                f"restore {x['restore'].median:.2f} s",
                baseline="",
                ratio=None,
                budget="report",
                ok=True,
                detail={"size": x["size"], "db_size": x["db_size"]},
            )
        )
    return rows
