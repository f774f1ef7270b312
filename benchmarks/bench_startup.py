"""1. Start-up: process start to first window, against a bare PySide6 QMainWindow with three tabs."""

from __future__ import annotations

import os
import sys
import tempfile

from common import REPEATS, ROOT, Row, Stat, interleave, ratio_row, run_child

BARE = r"""
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QLabel
app = QApplication(sys.argv)
class W(QMainWindow):
    def paintEvent(self, e):
        super().paintEvent(e)
        print("first-paint", flush=True)
        app.quit()
w = W(); tabs = QTabWidget()
for n in ("One", "Two", "Three"):
    tabs.addTab(QLabel(n), n)
w.setCentralWidget(tabs); w.show()
app.exec()
"""


FROZEN = ROOT / "dist" / "billing-desktop" / "billing-desktop"


def run(quick: bool = False) -> list[Row]:
    """The app, the bare three-tab window and (when packaging/build.py has made it) the frozen app, interleaved."""
    repeats = 3 if quick else 9  # quick (CI, budgets not enforced): three; each round starts two or three Qt apps
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        BILLING_DESKTOP_EXIT_AFTER_FIRST_PAINT="1",
        BILLING_DESKTOP_HOME=tempfile.mkdtemp(prefix="bd-bench-start-"),
    )
    env.pop("BILLING_DESKTOP_DATABASE_URL", None)
    cmds = {"app": [sys.executable, str(ROOT / "main.py")], "bare": [sys.executable, "-c", BARE]}
    if FROZEN.exists():
        cmds["frozen"] = [str(FROZEN)]
    times: dict[str, list[float]] = {k: [] for k in cmds}
    peaks: dict[str, list[float]] = {k: [] for k in cmds}
    for cmd in cmds.values():  # warm the file cache for each
        run_child(cmd, env, "first-paint")
    for _ in range(repeats):  # interleaved, so machine noise hits all alike
        for name, cmd in cmds.items():
            t, m, _ = run_child(cmd, env, "first-paint")
            times[name].append(t)
            peaks[name].append(m / 1024)
    rows = [
        ratio_row(
            f"start-up to first window vs a bare three-tab QMainWindow ({repeats} interleaved runs)",
            Stat(times["app"]),
            Stat(times["bare"]),
            limit=1.3,
            show=lambda s: s.show(digits=0),
        ),
        ratio_row(
            "start-up peak memory vs the bare window",
            Stat(peaks["app"], "MiB"),
            Stat(peaks["bare"], "MiB"),
            limit=1.5,
            show=lambda s: f"{s.median:.0f} MiB",
        ),
    ]
    if "frozen" in times:
        rows.append(
            ratio_row(
                "frozen build's first window vs the source start",
                Stat(times["frozen"]),
                Stat(times["app"]),
                limit=1.2,
                show=lambda s: s.show(digits=0),
            )
        )
    else:
        rows.append(
            Row("frozen build's first window: not built (packaging/build.py)", "—", "—", None, "≤ 1.2x", ok=True)
        )
    return rows


SIGNIN_BARE_ROWS = 200


def _bare_window():
    """The baseline: a QMainWindow with three tabs and a table of 200 rows from a QStandardItemModel."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QMainWindow, QTableView, QTabWidget

    w = QMainWindow()
    tabs = QTabWidget()
    model = QStandardItemModel(0, 6, w)
    for n in range(SIGNIN_BARE_ROWS):
        model.appendRow([QStandardItem(f"Tenant {n} cell {c}") for c in range(6)])
    view = QTableView()
    view.setModel(model)
    tabs.addTab(view, "One")
    for name in ("Two", "Three"):
        tabs.addTab(QTableView(), name)
    w.setCentralWidget(tabs)
    w.show()
    return w


def sign_in_to_list(quick: bool = False) -> list[Row]:
    """From a correct password to the main window with the tenant list populated, minus the argon2 check, against
    building the bare window with a 200-row table in the same process."""
    import time

    from common import fast_services

    from billing_desktop.services.context import default_hasher

    d = tempfile.mkdtemp(prefix="bd-bench-signin-")
    svc = fast_services(f"sqlite:///{d}/db.sqlite3")
    svc.auth.create_operator("op@bench.example", "bench-password-1")
    prod = default_hasher()
    pw_hash = prod.hash("bench-password-1")
    argon = []
    for _ in range(2 if quick else REPEATS):  # reported, not a ratio: quick needs no more than two
        t = time.perf_counter()
        prod.verify(pw_hash, "bench-password-1")
        argon.append(time.perf_counter() - t)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from billing_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    from benchmarks.seed import tenants

    tenants(svc.ctx.engine, 200, keys_per_tenant=0)

    def ours():
        start = time.perf_counter()
        session = svc.auth.sign_in("op@bench.example", "bench-password-1")
        win = MainWindow(svc, session, QSettings(f"{d}/ui.ini", QSettings.Format.IniFormat))
        win.show()
        loop = QEventLoop()
        poll = QTimer(interval=1)
        poll.timeout.connect(lambda: win.model.rowCount() and loop.quit())
        poll.start()
        loop.exec()
        poll.stop()
        took = time.perf_counter() - start
        win.close()
        win.deleteLater()
        app.processEvents()
        return took

    def bare():
        start = time.perf_counter()
        w = _bare_window()
        app.processEvents()
        took = time.perf_counter() - start
        w.close()
        w.deleteLater()
        app.processEvents()
        return took

    ours_s, bare_s = interleave(ours, bare)
    svc.close()
    return [
        ratio_row(
            "password → main window with tenant list (argon2 excluded) vs a bare window with a 200-row table",
            ours_s,
            bare_s,
            limit=8.0,
            show=lambda s: s.show(digits=0),
        ),
        Row(
            f"argon2id check (t={prod.time_cost}, m={prod.memory_cost // 1024} MiB, p={prod.parallelism})",
            Stat(argon).show(digits=0),
            "deliberate",
            None,
            "reported",
            ok=True,
        ),
    ]
