"""The tenant list on a team database (issue 12, item 5): a first screen and each search keystroke as indexed page
queries (services.tenant_pages), 1,000,000 tenants against 1,000 on the same PostgreSQL server, interleaved; and the
app itself (the main window's paged model, ui/tenant_paged.py) at both sizes, for its peak memory.

Run under the bench lock and a test server:
`flock /work/wt/bench.lock nice -n 5 scripts/with-postgres.sh dbus-run-session -- scripts/with-keyring.sh
.venv/bin/python benchmarks/run.py team-list --json FILE` (BENCH_TEAM_LIST_TENANTS sets the large size).

The tenants go through the store's own tables in bulk (benchmarks/seed_team.py: COPY into tenants and
stripe_accounts, the indexes the migrations made rebuilt after it): what is measured is reading the list, not
registering. Secrets: with issue 17's sealed store a tenant's keys are sealed rows in api_keys, which the list never
reads; the bulk tenants have none (sealing 4,000,000 would take the whole run and move no figure here); the signed-in
operator is made through the services. A keystroke is one page query for the search text typed so far ("g", "gl",
… "globex ty"), as the GUI's search box sends it after a pause; its p95 over the typed prefixes is compared.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time

import seed_team
from common import ROOT, Row, Stat, fast_services, interleave, p95, ratio_row, run_child

BIG = int(os.environ.get("BENCH_TEAM_LIST_TENANTS", "1000000"))
SMALL = 1_000
TYPED = ["globex ty", "owner4242", "stark 9"]  # a name, an email, a name with a number
OP, OP_PW = "op@bench.example", "operator-password-1"
REPEATS_MEM = 3

# The app itself on the team database: the main window's first screen, then a search typed in four steps, each
# waited for; prints when done. Its peak RSS is the figure.
MEM_CHILD = r"""
import os, sys
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from common import fast_services
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QSettings, QEventLoop, QTimer
from billing_desktop.ui.main_window import MainWindow
svc = fast_services({url!r})
session = svc.auth.sign_in({op!r}, {pw!r})
app = QApplication([])
win = MainWindow(svc, session, QSettings({ini!r}, QSettings.Format.IniFormat))
win.show()
def wait(ms):
    loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()
while not (win.loaded and win.model.total()):
    wait(20)
for text in ("g", "glo", "globex", "globex ty", ""):
    win.search.setText(text); wait(600)
for _ in range(10):  # ten pages on: the window keeps six
    win.table.scrollToBottom(); wait(300)
print("result", win.model.total(), flush=True)
win.live.stop(); svc.close()
"""


def _seed(server, count: int) -> tuple[str, object, object]:
    url = server.create_database()
    svc = fast_services(url)
    svc.auth.create_operator(OP, OP_PW)
    seed_team.tenants(svc.ctx.engine, count)
    return url, svc, svc.auth.sign_in(OP, OP_PW)


def _keystrokes(svc, me, slowest: dict[str, float]) -> list[float]:
    out = []
    for typed in TYPED:
        for n in range(1, len(typed) + 1):
            t = time.perf_counter()
            svc.tenants.page(me, search=typed[:n], limit=200)
            out.append(time.perf_counter() - t)
            slowest[typed[:n]] = max(slowest.get(typed[:n], 0.0), out[-1])
    return out


def run(quick: bool = False) -> list[Row]:
    sys.path.insert(0, str(ROOT))
    from tests.support.postgres import server_from_env

    server = server_from_env()
    if server is None:
        raise SystemExit(
            "bench_team_list: run under scripts/with-postgres.sh (BILLING_DESKTOP_TEST_POSTGRES_URL unset)"
        )
    big = 20_000 if quick else BIG
    started = time.perf_counter()
    made = {n: _seed(server, n) for n in (SMALL, big)}
    seeding = time.perf_counter() - started
    try:
        (_, s_svc, s_me), (_, b_svc, b_me) = made[SMALL], made[big]
        first_big, first_small = interleave(
            lambda: b_svc.tenants.page(b_me, limit=200) and None,
            lambda: s_svc.tenants.page(s_me, limit=200) and None,
        )
        keys: dict[int, list[float]] = {big: [], SMALL: []}
        slowest: dict[int, dict[str, float]] = {big: {}, SMALL: {}}
        for _ in range(1 if quick else 5):
            keys[big] += _keystrokes(b_svc, b_me, slowest[big])
            keys[SMALL] += _keystrokes(s_svc, s_me, slowest[SMALL])
        # Why a keystroke is slow at size: how many rows its text matches (the page needs the first 200 by name).
        from billing_desktop.services.tenant_pages import ListQuery

        matches = {
            text: (b_svc.tenants.count(b_me, ListQuery(search=text)), s_svc.tenants.count(s_me, ListQuery(search=text)))
            for text in sorted(slowest[big], key=slowest[big].get, reverse=True)[:5]
        }

        # The next pages as the operator scrolls: 20 pages deep.
        def scroll(svc, me) -> float:
            t, page = time.perf_counter(), svc.tenants.page(me, limit=200)
            for _ in range(19):
                page = svc.tenants.page(me, after=page.after, limit=200)
            return time.perf_counter() - t

        deep_big, deep_small = interleave(lambda: scroll(b_svc, b_me), lambda: scroll(s_svc, s_me), repeats=5)
        found = len(b_svc.tenants.page(b_me, search="globex ty", limit=200).rows)
        ini = os.path.join(tempfile.mkdtemp(prefix="bd-bench-team-ui-"), "ui.ini")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        rss: dict[int, list[float]] = {big: [], SMALL: []}
        for _ in range(1 if quick else REPEATS_MEM):  # one process each: peak memory is per process
            for n in (big, SMALL):
                code = MEM_CHILD.format(
                    root=str(ROOT), bench=str(ROOT / "benchmarks"), url=made[n][0], op=OP, pw=OP_PW, ini=ini
                )
                _, peak, _ = run_child([sys.executable, "-c", code], env, "result")
                rss[n].append(peak / 1024)
    finally:
        for url, svc, _ in made.values():
            svc.close()
            server.drop_database(url)
    k_big, k_small = p95(keys[big]), p95(keys[SMALL])
    return [
        ratio_row(
            f"team list first screen (200 rows), {big:,} vs {SMALL:,} tenants (PostgreSQL)",
            first_big,
            first_small,
            limit=1.5,
        ),
        Row(
            f"team list search keystroke p95 ({len(keys[big])} keystrokes; 'globex ty' finds {found}+), "
            f"{big:,} vs {SMALL:,} tenants",
            f"{k_big * 1000:.1f} ms",
            f"{k_small * 1000:.1f} ms",
            k_big / k_small,
            "≤ 2x",
            k_big / k_small <= 2.0,
            {
                "subject_samples": keys[big],
                "baseline_samples": keys[SMALL],
                "slowest_at_size_ms": {t: round(v * 1000, 1) for t, v in slowest[big].items()},
                "slowest_at_baseline_ms": {t: round(v * 1000, 1) for t, v in slowest[SMALL].items()},
                "matches_big_small": matches,
            },
        ),
        ratio_row(
            f"app peak memory on a team database, {big:,} vs {SMALL:,} tenants (window, 5 searches, 10 pages scrolled)",
            Stat(rss[big], "MiB"),
            Stat(rss[SMALL], "MiB"),
            limit=1.2,
            show=lambda st: f"{st.median:.0f} MiB",
        ),
        ratio_row(
            f"team list scrolled 20 pages deep (4,000 rows), {big:,} vs {SMALL:,} tenants",
            deep_big,
            deep_small,
            limit=1.5,
        ),
        Row(
            f"making {big:,} + {SMALL:,} tenants (COPY into the store's tables) and indexing them",
            f"{seeding:.0f} s",
            "—",
            None,
            "reported",
            ok=True,
        ),
    ]
