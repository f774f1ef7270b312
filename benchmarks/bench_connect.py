"""Connect operations against the fake Stripe with a fixed 20 ms per request (tests/support/fake_stripe.py):

- sync of 10,000 connected accounts vs (number of list pages x 20 ms): paging, not one call per account; the first
  sync (nothing cached) and the re-syncs after it (the list walked as created ranges at once) each against it;
- the attention board over those 10,000 tenants, from the cache, vs the tenant list's first screen (same database);
- the fee check over 100,000 application fees vs fetching the same fees alone.

The fake Stripe runs in a process of its own, as Stripe does: in the app's process its threads (building and
serializing 250 KB pages) took the app's GIL from the sync's fetch and writer threads, a cost that real Stripe,
across the network, never puts on the app.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal

from common import ROOT, Row, fast_services, run_child
from sqlalchemy import insert

LATENCY = 0.02
ACCOUNTS = 10_000
FEES = 100_000

BOARD_CHILD = r"""
import os, sys, time
sys.path.insert(0, {root!r})
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from benchmarks.common import fast_services
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QSettings, QEventLoop, QTimer
from billing_desktop.ui.main_window import MainWindow
svc = fast_services({url!r})
session = svc.auth.sign_in("op@bench.example", "bench-password-1")
app = QApplication([])
firsts, boards = [], []
for n in range(5):
    start = time.perf_counter()
    win = MainWindow(svc, session, QSettings({ini!r}, QSettings.Format.IniFormat))
    win.show()
    loop = QEventLoop(); poll = QTimer(interval=1)
    poll.timeout.connect(lambda: win.count_label.text() and loop.quit()); poll.start(); loop.exec()
    firsts.append(time.perf_counter() - start)
    poll.stop()
    start = time.perf_counter()
    board = svc.attention.board(session)
    boards.append(time.perf_counter() - start)
    win.close()
    app.processEvents()
print("result", sorted(firsts)[2], sorted(boards)[2], len(board.items), flush=True)
"""


STRIPE_CHILD = r"""
import sys, time
sys.path.insert(0, {root!r})
sys.path.insert(0, {bench!r})
from bench_connect import serve_fake_stripe
serve_fake_stripe({accounts}, {fees})
"""


def _account_id(i: int) -> str:
    return f"acct_bench{i:08d}"


def serve_fake_stripe(accounts: int, fees: int) -> None:
    """In the child: the fake Stripe with `accounts` accounts (a tenth with something due) and `fees` application
    fees on the first 200 (about one in a hundred off the agreed 2.5 %), a fixed 20 ms per request; serves until
    its stdin closes."""
    from tests.support.fake_connect import requirements
    from tests.support.fake_stripe import FakeStripe

    fake = FakeStripe()
    base = int(time.time())
    for i in range(accounts):
        account = fake.new_account(id=_account_id(i), type="express", name=f"Shop {i}", created=base - i)
        if i % 10 == 0:
            account["requirements"] = requirements(
                currently_due=["external_account", "individual.dob.day"], current_deadline=base + 86400 * (i % 30)
            )
        if i % 50 == 0:
            account["requirements"]["past_due"] = ["tos_acceptance.date"]
            account["requirements"]["disabled_reason"] = "requirements.past_due"
            account["charges_enabled"] = False
    owners = [_account_id(i) for i in range(min(accounts, 200))]
    for n in range(fees):
        amount = 1000 + n % 5000
        fee = round(amount * 0.025) + 3 * (n % 97 == 0)
        fake.connect.add_fee(owners[n % len(owners)], charge_amount=amount, fee_amount=fee)
    fake.connect.latency = LATENCY
    print("ready", fake.base, fake.client_id, fake.secret_key, flush=True)
    sys.stdin.read()  # until the parent closes it
    fake.close()


class _StripeProcess:
    def __init__(self, accounts: int, fees: int):
        code = STRIPE_CHILD.format(root=str(ROOT), bench=str(ROOT / "benchmarks"), accounts=accounts, fees=fees)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().split()
        if not line or line[0] != "ready":
            self.proc.kill()
            raise RuntimeError(f"the fake Stripe process did not start (status {self.proc.wait()})")
        self.base, self.client_id, self.secret_key = line[1:4]

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(30)


def _seed(svc, count: int) -> None:
    """`count` tenants, each connected to its account in the fake Stripe."""
    from billing_desktop.store.models import StripeAccount, Tenant

    now = svc.ctx.clock()
    tenants, links = [], []
    for i in range(count):
        tenants.append(
            {
                "id": i + 1,
                "company_name": f"Shop {i}",
                "slug": f"shop-{i}",
                "email": f"o{i}@shop.example",
                "domain": "",
                "tier": "pro",
                "platform_fee_percent": Decimal("2.5"),
                "mode": "live",
                "active": True,
                "branding": {},
                "metadata": {},
                "created_at": now,
                "updated_at": now,
            }
        )
        links.append(
            {
                "tenant_id": i + 1,
                "stripe_user_id": _account_id(i),
                "status": "pending",
                "livemode": False,
                "scope": "read_write",
                "connected_at": now,
            }
        )
    with svc.ctx.engine.begin() as c:
        c.execute(insert(Tenant), tenants)
        c.execute(insert(StripeAccount), links)


def run(quick: bool = False) -> list[Row]:
    """`quick` (CI): a few hundred accounts and fees, to prove the benchmark runs; budgets are for the full size."""
    global ACCOUNTS, FEES
    if quick:
        ACCOUNTS, FEES = 300, 1_000
    d = tempfile.mkdtemp(prefix="bd-bench-connect-")
    url = f"sqlite:///{d}/db.sqlite3"
    fake = _StripeProcess(ACCOUNTS, FEES)
    os.environ["BILLING_DESKTOP_STRIPE_API_BASE"] = fake.base
    svc = fast_services(url)
    svc.auth.create_operator("op@bench.example", "bench-password-1")
    session = svc.auth.sign_in("op@bench.example", "bench-password-1")
    svc.stripe_platform.update(session, fake.client_id, fake.secret_key, 8765)
    _seed(svc, ACCOUNTS)
    from billing_desktop.connect.pager import PAGE_SIZE

    rows = []

    # 1. sync: the whole list, 100 per page; the baseline is what one walk of the list must cost (its pages x 20 ms;
    # a re-sync walks created ranges at once and may ask for a short last page per range more, not counted). The
    # first sync has nothing cached to split the list by, so it is one walk: timed and judged on its own.
    import stripe  # noqa: F401 - its first import in a process (~0.3 s) is start-up, not the sync

    start = time.perf_counter()
    first = svc.connect_sync.sync(session)
    cold = time.perf_counter() - start
    assert first.complete and first.updated == ACCOUNTS, first
    times = []
    for _ in range(3):
        start = time.perf_counter()
        report = svc.connect_sync.sync(session)
        times.append(time.perf_counter() - start)
    assert report.complete and report.updated == ACCOUNTS, report
    pages = -(-report.accounts_listed // PAGE_SIZE)
    sync, floor = statistics.median(times), pages * LATENCY
    rows.append(
        Row(
            f"sync of {ACCOUNTS:,} connected accounts ({pages} list pages, 20 ms each), median of 3 re-syncs "
            f"({report.pages} requests)",
            f"{sync:.2f} s",
            f"{pages} x 20 ms = {floor:.2f} s",
            sync / floor,
            "<= 1.2x",
            sync / floor <= 1.2,
            {"resync_s": times, "first_s": cold, "requests": report.pages, "pages": pages},
        )
    )
    rows.append(
        Row(
            f"first sync of {ACCOUNTS:,} connected accounts, nothing cached ({first.pages} list pages, one walk)",
            f"{cold:.2f} s",
            f"{first.pages} x 20 ms = {first.pages * LATENCY:.2f} s",
            cold / (first.pages * LATENCY),
            "<= 1.2x",
            cold / (first.pages * LATENCY) <= 1.2,
        )
    )

    # 2. the attention board from the cache, against the tenant list's first screen, in a fresh process.
    code = BOARD_CHILD.format(root=str(ROOT), url=url, ini=f"{d}/ui.ini")
    _, _, line = run_child([sys.executable, "-c", code], dict(os.environ, QT_QPA_PLATFORM="offscreen"), "result")
    first, board, items = float(line.split()[1]), float(line.split()[2]), int(line.split()[3])
    rows.append(
        Row(
            f"attention board, {ACCOUNTS:,} connected tenants, {items:,} items (median of 5)",
            f"{board * 1000:.0f} ms",
            f"tenant list first screen {first * 1000:.0f} ms",
            board / first,
            "<= 1.2x",
            board / first <= 1.2,
        )
    )

    # 3. the fee check: fetch + check + cache, against fetching the same pages alone.
    rows.append(_fees(svc, session))
    svc.close()
    fake.close()
    return rows


def _fees(svc, session) -> Row:
    from billing_desktop.connect.pager import Pager

    fetch_times, check_times = [], []
    for _ in range(2):
        start = time.perf_counter()
        with svc.stripe.client_factory(svc.stripe.platform.secret_key(), retries=2) as client:
            fetched = sum(len(p) for p in Pager(client, "/v1/application_fees", {"expand": ["data.charge"]}))
        fetch_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        report = svc.fees.fees(session)
        check_times.append(time.perf_counter() - start)
    assert fetched == FEES and len(report.lines) == FEES, (fetched, len(report.lines))
    fetch, check = min(fetch_times), min(check_times)
    return Row(
        f"fee check over {FEES:,} application fees ({report.flagged:,} flagged), cached as it goes",
        f"{check:.1f} s",
        f"fetching them alone {fetch:.1f} s",
        check / fetch,
        "<= 1.2x",
        check / fetch <= 1.2,
    )
