"""Costs that stay flat as data grows: the tenant list (first screen, search keystrokes, memory) and log pages,
each the same operation at two sizes in the same run."""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time

from common import REPEATS, ROOT, Row, Stat, fast_services, ratio_row, run_child
from seed import logs, tenants

KEYSTROKES = [
    "a", "ac", "acm", "acme", "acme ", "acme g", "acme gl", "acme glo", "acme glob", "acme globe", "acme globex",
    "acme globex 1", "acme globex 12", "", "w", "wa", "way", "wayn", "wayne", "", "9", "99", "999", "", "s", "st",
    "sta", "star", "stark", "",
]  # fmt: skip

# One process opens every database in turn, `repeats` rounds (after one warm-up): first screen (window built to
# the count shown), then the whole list, then one search keystroke at a time, each followed by the repaint.
LIST_CHILD = r"""
import json, os, sys, time
sys.path.insert(0, {root!r})
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from benchmarks.common import fast_services, p95
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QSettings, QEventLoop, QThreadPool, QTimer
from billing_desktop.ui.main_window import MainWindow
app = QApplication([])
opened = [fast_services(url) for url in {urls!r}]
sessions = [svc.auth.sign_in("op@bench.example", "bench-password-1") for svc in opened]
out = {{url: {{"first": [], "keys": []}} for url in {urls!r}}}

def wait(pred):
    loop = QEventLoop(); poll = QTimer(interval=1)
    poll.timeout.connect(lambda: pred() and loop.quit()); poll.start(); loop.exec(); poll.stop()

for r in range({repeats} + 1):
    for url, svc, session in zip({urls!r}, opened, sessions):
        start = time.perf_counter()
        win = MainWindow(svc, session, QSettings({ini!r}, QSettings.Format.IniFormat))
        win.show()
        wait(lambda: win.count_label.text())
        first = time.perf_counter() - start
        wait(lambda: win.loaded)
        app.processEvents()
        times = []
        for text in ({keys!r} if url in {typed!r} else ()):  # keystrokes only where a row compares them
            t = time.perf_counter()
            win.search.setText(text)
            app.processEvents()
            times.append(time.perf_counter() - t)
        if r:
            out[url]["first"].append(first)
            if times:
                out[url]["keys"].append(p95(times))
        win.close(); win.deleteLater(); app.processEvents()
        # Let this window's background work (the attention board, asked for once the list is in) end before the
        # next window is timed: a user has one window, not the last one's workers holding the GIL against it.
        while QThreadPool.globalInstance().activeThreadCount():
            QThreadPool.globalInstance().waitForDone(100); app.processEvents()
        app.processEvents()
print("result " + json.dumps(out), flush=True)
"""

MEM_CHILD = r"""
import os, sys
sys.path.insert(0, {root!r})
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from benchmarks.common import fast_services
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QSettings, QEventLoop, QThreadPool, QTimer
from billing_desktop.ui.main_window import MainWindow
svc = fast_services({url!r})
session = svc.auth.sign_in("op@bench.example", "bench-password-1")
app = QApplication([])
win = MainWindow(svc, session, QSettings({ini!r}, QSettings.Format.IniFormat))
win.show()
loop = QEventLoop(); poll = QTimer(interval=5)
poll.timeout.connect(lambda: win.loaded and loop.quit()); poll.start(); loop.exec()
# The app as an operator has it after signing in: the list, and the Needs attention board asked for once the list
# is in (one item per live tenant without an account: half the seeded tenants) and shown.
while QThreadPool.globalInstance().activeThreadCount():
    QThreadPool.globalInstance().waitForDone(50); app.processEvents()
app.processEvents()
for text in ("a", "ac", "acme", ""):
    win.search.setText(text); app.processEvents()
board = win.connect_ops.attention
print("result", win.model.total(), len(board.model.rows) if board is not None else 0, flush=True)
"""


def _db(count: int, keys: int = 0) -> tuple[str, str, list[str]]:
    d = tempfile.mkdtemp(prefix="bd-bench-data-")
    url = f"sqlite:///{d}/db.sqlite3"
    svc = fast_services(url)
    svc.auth.create_operator("op@bench.example", "bench-password-1")
    sample = tenants(svc.ctx.engine, count, keys) if count else []
    svc.close()
    return url, d, sample


def tenant_list(quick: bool = False) -> list[Row]:
    small, mid, big = (300, 1_000, 3_000) if quick else (1_000, 10_000, 100_000)
    urls = {n: _db(n)[0] for n in (small, mid, big)}
    ini = os.path.join(tempfile.mkdtemp(prefix="bd-bench-ui-"), "ui.ini")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # Quick (CI, proving the benchmark runs): two rounds, not five, and every other keystroke; the keystrokes are
    # most of the child's time.
    keystrokes = KEYSTROKES[::2] if quick else KEYSTROKES
    code = LIST_CHILD.format(
        root=str(ROOT),
        urls=list(urls.values()),
        typed=[urls[mid], urls[big]],
        ini=ini,
        keys=keystrokes,
        repeats=2 if quick else REPEATS,
    )
    _, _, line = run_child([sys.executable, "-c", code], env, "result ")
    got = json.loads(line.split(" ", 1)[1])
    first = {n: Stat(got[u]["first"]) for n, u in urls.items()}
    keys = {n: Stat(got[u]["keys"]) for n, u in urls.items()}
    empty_url = _db(0)[0]
    rss: dict[str, list[float]] = {"big": [], "empty": []}
    for _ in range(1 if quick else REPEATS):  # separate processes: peak memory is per process
        for label, url in (("big", urls[big]), ("empty", empty_url)):
            _, peak, _ = run_child(
                [sys.executable, "-c", MEM_CHILD.format(root=str(ROOT), url=url, ini=ini)], env, "result"
            )
            rss[label].append(peak / 1024)
    return [
        ratio_row(
            f"tenant list first screen, {big:,} vs {small:,} tenants",
            first[big],
            first[small],
            limit=1.3,
            show=lambda s: s.show(digits=0),
        ),
        ratio_row(
            f"search keystroke p95 ({len(keystrokes)} keystrokes), {big:,} vs {mid:,} tenants",
            keys[big],
            keys[mid],
            limit=3.0,
        ),
        ratio_row(
            f"peak memory with {big:,} tenants (the list, the Needs attention board shown) vs the empty app",
            Stat(rss["big"], "MiB"),
            Stat(rss["empty"], "MiB"),
            limit=1.25,
            show=lambda s: f"{s.median:.0f} MiB",
        ),
    ]


def log_pages(quick: bool = False) -> list[Row]:
    from billing_desktop.services.audit import AuditFilter

    sizes = (1_000, 20_000) if quick else (10_000, 1_000_000)
    # The tenant whose pages are read holds the same history at both sizes (a page of 500 rows read at a million
    # against one of 10 rows at 10,000 would time the rows, not the table): only the table around it grows.
    focus, own = 7, min(2_500, sizes[0] // 2)
    opened = {}
    folders: list[str] = []  # the databases (about 600 MB at a million rows), removed at the end
    for n in sizes:
        url, folder, _ = _db(1000)
        folders.append(folder)
        svc = fast_services(url)
        logs(svc.ctx.engine, n, focus=focus, own=own)
        opened[n] = (svc, svc.auth.sign_in("op@bench.example", "bench-password-1"))

    def pages(n):
        svc, session = opened[n]
        return [
            ("audit log", lambda: svc.audit.list(session, AuditFilter(), 500)),
            ("audit log, one tenant", lambda: svc.audit.list(session, AuditFilter(tenant_id=focus), 500)),
            ("delivery log, one tenant", lambda: svc.deliveries.list(session, focus, None, None, 200)),
            ("delivery log, failed only", lambda: svc.deliveries.list(session, focus, "failed", None, 200)),
        ]

    rows = []
    small, big = sizes
    for (label, fn_big), (_, fn_small) in zip(pages(big), pages(small), strict=True):
        shown = len(fn_big()), len(fn_small())
        if shown[0] != shown[1]:
            raise RuntimeError(f"{label}: the pages differ ({shown[0]} rows vs {shown[1]}), the ratio would mislead")
        whose = "" if label == "audit log" else f" of the tenant's {own:,}"
        label = f"{label} ({shown[0]} rows{whose})"
        samples: dict[int, list[float]] = {big: [], small: []}
        # A page costs milliseconds: enough rounds that a quiet one comes on each side (quick: half as many).
        for _ in range(REPEATS * (4 if quick else 8)):
            for n, fn in ((big, fn_big), (small, fn_small)):
                t = time.perf_counter()
                fn()
                samples[n].append(time.perf_counter() - t)
        rows.append(
            ratio_row(
                f"{label}: first page, {big:,} vs {small:,} rows",
                Stat(samples[big]),
                Stat(samples[small]),
                limit=1.5,
            )
        )
    for svc, _ in opened.values():
        svc.close()
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
    return rows
