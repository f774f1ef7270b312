"""Team mode on a real PostgreSQL server, each figure against SQLite measured in the same run.

Run under the test server: `scripts/with-postgres.sh .venv/bin/python benchmarks/run.py team`
(any server works: BILLING_DESKTOP_TEST_POSTGRES_URL=postgresql+psycopg://USER:PW@HOST:PORT/postgres).

- Change propagation: a commit in this process -> the other process's change feed hears it and has re-read the
  row. p95 over N commits; budget 1 s (PostgreSQL: LISTEN/NOTIFY; SQLite: the 0.5 s audit-id poll).
- 8 concurrent writer processes released at a barrier, each making blind tenant edits then optimistic counter
  edits: lost updates (must be 0) and edits per second, PostgreSQL against SQLite.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, Row, fast_services, p95

PROPAGATION_COMMITS = int(os.environ.get("BENCH_TEAM_COMMITS", "60"))
WRITERS = 8
BLIND = int(os.environ.get("BENCH_TEAM_EDITS", "200"))
COUNTED = 10
# The writer processes (tests/test_team_concurrency.py) sign in as the test suite's operator: seed that one.
OP, OP_PW = "op@platform.example", "operator-password-1"


def _server():
    sys.path.insert(0, str(ROOT))
    from tests.support.postgres import server_from_env

    server = server_from_env()
    if server is None:
        raise SystemExit("bench_team: run under scripts/with-postgres.sh (BILLING_DESKTOP_TEST_POSTGRES_URL unset)")
    return server


def _seed(url: str) -> int:
    from billing_desktop.services.tenants import Registration

    svc = fast_services(url)
    try:
        svc.auth.create_operator(OP, OP_PW)
        me = svc.auth.sign_in(OP, OP_PW)
        return svc.tenants.register(me, Registration("Acme Inc", "owner@acme.example", "owner-password-123")).id
    finally:
        svc.close()


def _listener(url: str, tenant_id: int, ready, heard) -> None:
    """The other operator's app: its change feed, and a re-read of the row for every change to the tenant."""
    sys.path.insert(0, str(ROOT))
    svc = fast_services(url)
    me = svc.auth.sign_in(OP, OP_PW)
    feed = svc.change_feed(poll_interval=0.5)

    def on_change(change) -> None:
        if change.tenant_id == tenant_id:
            name = svc.tenants.get(me, tenant_id).company_name
            heard.put((name, time.monotonic()))  # CLOCK_MONOTONIC: one clock for every process on the machine
        elif change.full:
            heard.put(("", time.monotonic()))

    def on_state(state) -> None:
        if state.value == "up":
            ready.set()

    try:
        feed.run(on_change, on_state)
    finally:
        svc.close()


def _propagation(url: str) -> list[float]:
    tenant_id = _seed(url)
    ctx = multiprocessing.get_context("spawn")
    ready, heard = ctx.Event(), ctx.Queue()
    child = ctx.Process(target=_listener, args=(url, tenant_id, ready, heard), daemon=True)
    child.start()
    svc = fast_services(url)
    try:
        ready.wait(60)
        time.sleep(1.0)  # the SQLite poll has read its first newest id
        me = svc.auth.sign_in(OP, OP_PW)
        latencies = []
        for n in range(PROPAGATION_COMMITS):
            name = f"Acme {n}"
            svc.tenants.update(me, tenant_id, {"company_name": name})
            committed = time.monotonic()
            while True:
                got, at = heard.get(timeout=30)
                if got == name:
                    latencies.append(at - committed)
                    break
            time.sleep(0.05)
        return latencies
    finally:
        svc.close()
        child.terminate()
        child.join(10)


def propagation(quick: bool = False) -> list[Row]:
    global PROPAGATION_COMMITS
    if quick:
        PROPAGATION_COMMITS = min(PROPAGATION_COMMITS, 20)
    server = _server()
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = _propagation(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
    url = server.create_database(migrated=False)
    try:
        pg = _propagation(url)
    finally:
        server.drop_database(url)
    return [
        Row(
            "change propagation p95, commit -> other process re-read the row (PostgreSQL NOTIFY)",
            f"{p95(pg) * 1000:.0f} ms",
            f"{p95(sqlite) * 1000:.0f} ms (SQLite poll)",
            p95(pg) / p95(sqlite),
            "≤ 1000 ms",
            p95(pg) <= 1.0,
        )
    ]


def _writers(url: str) -> tuple[float, int, int]:
    """(edits per second, lost updates, conflicts met)."""
    sys.path.insert(0, str(ROOT))
    from tests.conftest import OPERATOR_EMAIL, OPERATOR_PASSWORD
    from tests.test_team_concurrency import run_writers

    assert (OP, OP_PW) == (OPERATOR_EMAIL, OPERATOR_PASSWORD), "the writers could not sign in"
    tenant_id = _seed(url)
    elapsed, conflicts = run_writers(url, tenant_id, WRITERS, BLIND, COUNTED)
    svc = fast_services(url)
    try:
        me = svc.auth.sign_in(OP, OP_PW)
        final = svc.tenants.get(me, tenant_id)
        expected = WRITERS * (BLIND + COUNTED)
        lost = (expected - (final.version - 1)) + (WRITERS * COUNTED - int(final.metadata.get("counter", 0)))
    finally:
        svc.close()
    return expected / elapsed, lost, conflicts


def writers(quick: bool = False) -> list[Row]:
    global BLIND
    if quick:
        BLIND = min(BLIND, 25)
    server = _server()
    with tempfile.TemporaryDirectory() as tmp:
        s_rate, s_lost, _ = _writers(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
    url = server.create_database(migrated=False)
    try:
        p_rate, p_lost, p_conflicts = _writers(url)
    finally:
        server.drop_database(url)
    return [
        Row(
            f"{WRITERS} writer processes x {BLIND + COUNTED} tenant edits: lost updates (PostgreSQL / SQLite)",
            f"{p_lost} / {s_lost}",
            "0",
            None,
            "0",
            p_lost == 0 and s_lost == 0,
        ),
        Row(
            f"{WRITERS} writers on one tenant: edits per second (PostgreSQL; {p_conflicts} optimistic retries)",
            f"{p_rate:.0f}/s",
            f"{s_rate:.0f}/s (SQLite)",
            p_rate / s_rate,
            "reported",
            True,  # noqa: FBT003 - reported, no budget
        ),
    ]
