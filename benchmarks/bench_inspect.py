"""Offline inspection: `keys inspect KEY` as a whole process, and one lookup as the stored keys grow.

- The process (a signed-in account, the real argon2 check) against
  `python -c pass` with the same interpreter plus the password check alone, measured interleaved in this run.
- The service call's p95 against 1,000,000 stored keys (quick: 5,000) against the same at 1,000."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import REPEATS, ROOT, Row, Stat, fast_services, p95, ratio_row
from seed import tenants

PASSWORD = "bench-password-1"


def _home() -> tuple[dict[str, str], str]:
    """A data dir with one operator (production hashing, as `init` makes it) and one tenant with its keys; returns
    (env, one of its secret keys). Made in this process: three CLI processes (init, register, regenerate) took
    longer than the quick mode's measured rounds, and what is measured is `keys inspect`, not them."""
    from billing_desktop.config import Paths
    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext, default_hasher
    from billing_desktop.services.tenants import Registration
    from billing_desktop.store.database import open_database
    from billing_desktop.vault import Vault
    from tests.support.memory_keyring import MemoryKeyring

    home = tempfile.mkdtemp(prefix="bd-bench-cli-")
    url = f"sqlite:///{Paths(Path(home)).database_file}"
    svc = Services(AppContext(engine=open_database(url), vault=Vault(MemoryKeyring()), hasher=default_hasher()))
    try:
        svc.auth.create_operator("op@bench.example", PASSWORD)
        session = svc.auth.sign_in("op@bench.example", PASSWORD)
        tenant = svc.tenants.register(session, Registration("Bench Ltd", "owner@bench.example", "owner-password-123"))
        key = next(k.key for k in svc.keys.regenerate(session, tenant.id, "test", None) if k.kind == "secret")
    finally:
        svc.close()
    env = dict(os.environ, BILLING_DESKTOP_HOME=home, BILLING_DESKTOP_PASSWORD=PASSWORD)
    env.pop("BILLING_DESKTOP_DATABASE_URL", None)
    return env, key


def process(quick: bool = False) -> list[Row]:
    from billing_desktop.services.context import default_hasher

    env, key = _home()
    cmd = [sys.executable, str(ROOT / "main.py"), "keys", "inspect", key, "--json"]
    probe = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if probe.returncode:
        raise RuntimeError(f"keys inspect failed ({probe.returncode}): {probe.stderr[-1000:]}")
    hasher = default_hasher()
    stored = hasher.hash(PASSWORD)

    def cli():
        subprocess.run(cmd, env=env, check=True, capture_output=True)

    def bare():
        subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)

    def check():
        hasher.verify(stored, PASSWORD)

    samples = {"cli": [], "bare": [], "check": []}
    for fn in (cli, bare, check):
        fn()
    for _ in range(3 if quick else REPEATS + 2):  # quick (CI: never enforced): three rounds, full: seven
        for name, fn in (("cli", cli), ("bare", bare), ("check", check)):
            t = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - t)
    cli_s, bare_s, check_s = Stat(samples["cli"]), Stat(samples["bare"]), Stat(samples["check"])
    # The budget: the whole process within 3x an empty interpreter plus the one deliberate cost, the password check.
    allowance = Stat([3 * b + c for b, c in zip(bare_s.samples, check_s.samples, strict=True)])
    row = ratio_row(
        "`keys inspect KEY` as a whole process (signed in) vs 3 x `python -c pass` + argon2 check",
        cli_s,
        allowance,
        limit=1.0,
        show=lambda s: s.show(digits=0),
        baseline_label=f"3 x {bare_s.median * 1000:.0f} ms + {check_s.median * 1000:.0f} ms",
    )
    row.detail.update({"bare": bare_s.samples, "check": check_s.samples})
    over_bare = Stat([a - c for a, c in zip(cli_s.samples, check_s.samples, strict=True)])
    return [
        row,
        ratio_row(
            "… the same, password check taken out, vs `python -c pass`",
            over_bare,
            bare_s,
            limit=3.0,
            show=lambda s: s.show(digits=0),
        ),
    ]


def _lookups(count: int) -> tuple[float, list[float]]:
    d = tempfile.mkdtemp(prefix="bd-bench-inspect-")
    svc = fast_services(f"sqlite:///{d}/db.sqlite3")
    svc.auth.create_operator("op@bench.example", PASSWORD)
    sample = tenants(svc.ctx.engine, count // 4, 4)
    svc.close()
    return d, sample


def scaling(quick: bool = False) -> list[Row]:
    from billing_desktop.domain.keys import Kind, generate

    small_n, big_n = 1_000, 5_000 if quick else 1_000_000
    known = 60 if quick else 300  # lookups of stored keys per round, and a third as many unknown ones
    dbs = {}
    for n in (small_n, big_n):
        d, sample = _lookups(n)
        svc = fast_services(f"sqlite:///{d}/db.sqlite3")
        session = svc.auth.sign_in("op@bench.example", PASSWORD)
        keys = sample[:known] + [generate(Kind.SECRET, "live") for _ in range(known // 3)]
        random.Random(3).shuffle(keys)
        dbs[n] = (svc, session, keys)

    def p95_of(n):
        def go():
            svc, session, keys = dbs[n]
            times = []
            for k in keys:
                t = time.perf_counter()
                ins = svc.inspection.inspect(session, k)
                times.append(time.perf_counter() - t)
                assert ins.verdict.well_formed
            return p95(times)

        return go

    samples = {small_n: [], big_n: []}
    for n in dbs:
        p95_of(n)()
    for _ in range(REPEATS):
        for n in dbs:
            samples[n].append(p95_of(n)())
    for svc, _, _ in dbs.values():
        svc.close()
    return [
        ratio_row(
            f"offline inspection p95 ({len(dbs[big_n][2])} / {len(dbs[small_n][2])} lookups, known and unknown), "
            f"{big_n:,} vs {small_n:,} stored keys",
            Stat(samples[big_n]),
            Stat(samples[small_n]),
            limit=1.5,
            show=lambda s: s.show(digits=2),
        )
    ]


def run(quick: bool = False) -> list[Row]:
    return process(quick) + scaling(quick)
