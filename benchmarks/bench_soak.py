"""Soak: the real main window, thousands of tenant x tab selections in one process (issue 16).

Budgets: resident memory growth over the soak <= 5% of the level after the first round (the tab pages are built
on first view, in that round), and the Python object count flat (within 1%) after the first round. Both are compared
with the same process earlier in the same run."""

from __future__ import annotations

import os
import sys
import tempfile
import time

from common import Row, fast_services

TENANTS = 32


def run(quick: bool = False, selections: int | None = None) -> list[Row]:
    selections = selections or (50 if quick else 10_000)
    # quick: two rounds of 8 tenants x every tab (the pages are built in the first, the second is compared with it)
    tenants = TENANTS // 4 if quick else TENANTS
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from billing_desktop.services.tenants import Registration
    from billing_desktop.ui.main_window import MainWindow
    from billing_desktop.ui.soak import Soak, checked, verdict

    app = QApplication.instance() or QApplication([])
    d = tempfile.mkdtemp(prefix="bd-bench-soak-")
    svc = fast_services(f"sqlite:///{d}/db.sqlite3")
    svc.auth.create_operator("op@bench.example", "bench-password-1")
    session = svc.auth.sign_in("op@bench.example", "bench-password-1")
    for n in range(tenants):  # the real registration path: keys and their secrets included
        svc.tenants.register(
            session,
            Registration(company_name=f"Soak {n:02d} Ltd", email=f"owner{n}@soak.example", password="soak-password-1"),
        )
    win = MainWindow(svc, session, QSettings(f"{d}/ui.ini", QSettings.Format.IniFormat))
    win.show()
    loop = QEventLoop()
    while win.model.rowCount() < tenants:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    per_round = tenants * win.tabs.count()
    rounds = max(2, round(selections / per_round))
    soak = Soak(win, rounds)
    soak.finished.connect(loop.quit)
    started = time.perf_counter()
    soak.start()
    loop.exec()
    elapsed = time.perf_counter() - started
    stats = soak.stats
    win.close()
    start, first, last = stats[0], stats[1], stats[-1]
    problems = verdict(stats, rss_budget=0.05)
    # Against the first round's end, as verdict() judges: the tab pages are built on first view, in that round.
    rss_growth = (last.rss_kib or 0) / (first.rss_kib or 1)
    objects = last.objects / first.objects
    print(
        f"<!-- soak: {last.selections} selections in {elapsed:.0f} s "
        f"({elapsed / last.selections * 1000:.1f} ms each); {checked(stats)}; "
        f"{' '.join(problems) or 'no problems'} -->",
        file=sys.stdout,
    )
    return [
        Row(
            f"soak: resident memory after {last.selections} tenant x tab selections",
            f"{(last.rss_kib or 0) / 1024:.1f} MiB",
            f"{(first.rss_kib or 0) / 1024:.1f} MiB after the first round ({(start.rss_kib or 0) / 1024:.1f} at start)",
            rss_growth,
            "<= 1.05x",
            rss_growth <= 1.05,
        ),
        Row(
            "soak: tracked Python objects, last round vs first",
            f"{last.objects}",
            f"{first.objects}",
            objects,
            "<= 1.01x",
            objects <= 1.01 and not any("refcount" in p or "never arrived" in p for p in problems),
        ),
    ]
