"""2. 100,000 tenants / 400,000 keys; 3. inspection against 1,000,000 keys; 6. logs with 1,000,000 rows."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

from common import ROOT, Row, fast_services, p95, run_child
from seed import logs, tenants

LIST_CHILD = r"""
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
start = time.perf_counter()
win = MainWindow(svc, session, QSettings({ini!r}, QSettings.Format.IniFormat))
win.show()
loop = QEventLoop(); poll = QTimer(interval=1)
poll.timeout.connect(lambda: win.count_label.text() and loop.quit()); poll.start(); loop.exec()
first = time.perf_counter() - start
loop2 = QEventLoop(); poll.timeout.disconnect(); poll.timeout.connect(lambda: win.loaded and loop2.quit()); loop2.exec()
app.processEvents()
times = []
for text in ["a", "ac", "acm", "acme", "acme ", "acme g", "acme gl", "acme glo", "acme glob", "acme globe",
             "acme globex", "acme globex 1", "acme globex 12", "", "w", "wa", "way", "wayn", "wayne", "", "9", "99",
             "999", "", "s", "st", "sta", "star", "stark", ""]:
    t = time.perf_counter()
    win.search.setText(text)
    app.processEvents()
    times.append(time.perf_counter() - t)
print("result", first, max(times), sorted(times)[int(len(times) * 0.95) - 1], win.model.total(), flush=True)
"""


def _db(count: int, keys: int) -> str:
    d = tempfile.mkdtemp(prefix="bd-bench-data-")
    url = f"sqlite:///{d}/db.sqlite3"
    svc = fast_services(url)
    svc.auth.create_operator("op@bench.example", "bench-password-1")
    sample = tenants(svc.ctx.engine, count, keys) if count else []
    svc.close()
    return url, d, sample


def tenant_list() -> list[Row]:
    big_url, big_dir, _ = _db(100_000, 4)
    empty_url, empty_dir, _ = _db(0, 0)
    results = {}
    for label, url, d in (("big", big_url, big_dir), ("empty", empty_url, empty_dir)):
        code = LIST_CHILD.format(root=str(ROOT), url=url, ini=f"{d}/ui.ini")
        _, rss, line = run_child([sys.executable, "-c", code], dict(os.environ, QT_QPA_PLATFORM="offscreen"), "result")
        results[label] = [float(x) for x in line.split()[1:]]
        results[label + "_rss"] = rss
    first, worst, p95_filter, total = results["big"]
    mem = results["big_rss"] / results["empty_rss"]
    return [
        Row(
            f"tenant list first screen ({int(total):,} tenants, 400k keys)",
            f"{first * 1000:.0f} ms",
            "200 ms budget",
            None,
            "≤ 200 ms",
            first <= 0.2,
        ),
        Row(
            "filter as you type, p95 per keystroke",
            f"{p95_filter * 1000:.1f} ms (max {worst * 1000:.1f})",
            "30 ms budget",
            None,
            "≤ 30 ms",
            p95_filter <= 0.03,
        ),
        Row(
            "memory with 100k tenants vs empty database",
            f"{results['big_rss'] / 1024:.0f} MiB",
            f"{results['empty_rss'] / 1024:.0f} MiB",
            mem,
            "≤ 1.5×",
            mem <= 1.5,
        ),
    ]


def inspection() -> list[Row]:
    url, d, sample = _db(250_000, 4)  # 1,000,000 keys
    svc = fast_services(url)
    session = svc.auth.sign_in("op@bench.example", "bench-password-1")
    import random

    from billing_desktop.domain.keys import Kind, generate

    keys = sample[:500] + [generate(Kind.SECRET, "live") for _ in range(200)]
    random.Random(3).shuffle(keys)
    times = []
    for k in keys:
        t = time.perf_counter()
        ins = svc.inspection.inspect(session, k)
        times.append(time.perf_counter() - t)
        assert ins.verdict.well_formed
    svc_p95 = p95(times)
    # The CLI: one process per lookup is dominated by interpreter start, so measure its lookup the same way
    # (a `keys inspect` invocation times its own service call with BILLING_DESKTOP_TIMING=1 is not needed:
    # the CLI calls exactly this service method).
    svc.close()
    return [
        Row(
            "offline inspection, 1,000,000 stored keys, p95",
            f"{svc_p95 * 1000:.2f} ms",
            "2 ms budget",
            None,
            "≤ 2 ms",
            svc_p95 <= 0.002,
        )
    ]


def log_pages() -> list[Row]:
    url, d, _ = _db(1000, 0)
    svc = fast_services(url)
    logs(svc.ctx.engine, 1_000_000)
    session = svc.auth.sign_in("op@bench.example", "bench-password-1")
    from billing_desktop.services.audit import AuditFilter

    rows = []
    for label, fn in (
        ("audit log", lambda: svc.audit.list(session, AuditFilter(), 500)),
        ("audit log, one tenant", lambda: svc.audit.list(session, AuditFilter(tenant_id=7), 500)),
        ("delivery log, one tenant", lambda: svc.deliveries.list(session, 7, None, None, 200)),
        ("delivery log, failed only", lambda: svc.deliveries.list(session, 7, "failed", None, 200)),
    ):
        fn()
        samples = []
        for _ in range(5):
            t = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t)
        ms = statistics.median(samples) * 1000
        rows.append(
            Row(f"{label}: first page of 1,000,000 rows", f"{ms:.1f} ms", "200 ms budget", None, "≤ 200 ms", ms <= 200)
        )
    svc.close()
    return rows
