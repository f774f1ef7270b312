"""Drive the real main window through tenant x tab selections, as an operator does all day, and measure it.

Used by the soak benchmark (benchmarks/bench_soak.py) and by `--self-test` in the packaged app
(BILLING_DESKTOP_SELF_TEST_SOAK=ROUNDS). Each step selects a tenant row or a tab, then waits until every background
task it started has delivered its result, so a round costs what the operator's clicks cost.

What the verdict can check depends on the Python. On 3.11 (the interpreter the .deb bundles) the counts of
None/True/False show PySide6 6.12.0's defect (docs/ARCHITECTURE.md, "Results across threads"). On 3.12+ those
objects are immortal (PEP 683) and their counts say nothing. So on every Python each selection also sends a mortal
probe object through a worker result, and its count must come back (within PROBE_SLACK): the check that still means
something on 3.12+ (tests/test_worker_soak.py does the same)."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from billing_desktop.ui import workers


@dataclass(frozen=True, kw_only=True)
class RoundStats:
    selections: int  # tenant x tab selections done so far
    rss_kib: int | None  # resident memory now (None where /proc is missing)
    objects: int  # objects the cyclic collector tracks, after a full collection
    refcounts: tuple[int, int, int]  # None, True, False (meaningless where they are immortal)
    probe_refs: int  # references to PROBE, which a result carries at every selection
    carried: int  # results that carried PROBE so far
    pending: int  # background results not delivered yet (0 between rounds)


IMMORTAL_SINGLETONS = sys.version_info >= (3, 12)
PROBE_SLACK = 5  # a binding that leaks or takes references moves the probe's count by one per result


class _Probe:
    """A mortal object: its reference count is exact on every Python."""


PROBE = _Probe()


def _carry() -> _Probe:
    return PROBE


def resident_kib() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        return None


def singleton_refcounts() -> tuple[int, int, int]:
    """References to None, True and False (a binding that mishandles them moves these counts)."""
    a, b, c = (sys.getrefcount(v) for v in (None, True, False))
    return a, b, c


def measure(selections: int, carried: int = 0) -> RoundStats:
    QThreadPool.globalInstance().waitForDone()  # pool threads return from run() after they reported
    gc.collect()
    return RoundStats(
        selections=selections,
        rss_kib=resident_kib(),
        objects=len(gc.get_objects()),
        refcounts=singleton_refcounts(),
        probe_refs=sys.getrefcount(PROBE),
        carried=carried,
        pending=workers.pending_count(),
    )


class Soak(QObject):
    """Runs `rounds` rounds; each visits every tab of every tenant in the list. Emits `finished` with one
    RoundStats before the first round and one after each round."""

    finished = Signal(object)

    def __init__(self, window, rounds: int, *, on_round: Callable[[RoundStats], None] | None = None):
        super().__init__(window)
        self.window, self.rounds, self.on_round = window, rounds, on_round
        self.stats: list[RoundStats] = []
        self.selections = 0
        self.carried = 0
        self._plan: list[tuple[int, int]] = []

    def start(self) -> None:
        self._wait_idle(self._begin)

    def _begin(self) -> None:
        self.stats.append(measure(0))
        self._next_round()

    def _next_round(self) -> None:
        rows, tabs = self.window.model.rowCount(), self.window.tabs.count()
        self._plan = [(row, tab) for row in range(rows) for tab in range(tabs)]
        self._step()

    def _step(self) -> None:
        if not self._plan:
            stats = measure(self.selections, self.carried)
            self.stats.append(stats)
            if self.on_round is not None:
                self.on_round(stats)
            if len(self.stats) > self.rounds:
                self.finished.emit(self.stats)
            else:
                self._next_round()
            return
        row, tab = self._plan.pop(0)
        if tab == 0:
            self.window.table.selectRow(row)
        self.window.tabs.setCurrentIndex(tab)
        self.selections += 1
        workers.submit(_carry, on_done=self._probe_back, owner=self)
        self._wait_idle(self._step)

    def _probe_back(self, value: object) -> None:
        if value is PROBE:
            self.carried += 1

    def _wait_idle(self, then: Callable[[], None]) -> None:
        """Poll until every background result has arrived (a zero-delay timer lets queued results in first)."""

        def check() -> None:
            if workers.pending_count():
                QTimer.singleShot(1, check)
            else:
                then()

        QTimer.singleShot(0, check)


def checked(stats: list[RoundStats], *, immortal: bool = IMMORTAL_SINGLETONS) -> str:
    """What the reference-count part of the verdict looked at, in words, for the self-test and the benchmark."""
    first, last = stats[1], stats[-1]
    probe = (
        f"an object carried in {last.carried - first.carried} background results: "
        f"{first.probe_refs} -> {last.probe_refs} references"
    )
    python = f"Python {sys.version_info.major}.{sys.version_info.minor}"
    if immortal:
        return f"None/True/False are immortal on {python} (their counts mean nothing there); {probe}"
    return f"refcounts None/True/False {first.refcounts} -> {last.refcounts} ({python}); {probe}"


def verdict(
    stats: list[RoundStats],
    *,
    rss_budget: float = 0.05,
    object_slack: float = 0.01,
    immortal: bool = IMMORTAL_SINGLETONS,
) -> list[str]:
    """Problems found in a soak, empty if it stayed flat: memory growth over the first round's level at most
    `rss_budget`, tracked objects after the first round flat within `object_slack`, the probe carried through
    results back at its count, refcounts of None/True/False not drained where they are mortal (a binding that takes
    references per signal moves them by thousands), nothing left pending."""
    problems = []
    first, last = stats[1], stats[-1]
    if first.rss_kib and last.rss_kib and last.rss_kib > first.rss_kib * (1 + rss_budget):
        problems.append(f"resident memory grew from {first.rss_kib} KiB to {last.rss_kib} KiB")
    if last.objects > first.objects * (1 + object_slack) + 200:
        problems.append(f"tracked objects grew from {first.objects} to {last.objects}")
    if last.carried == first.carried and last.selections > first.selections:
        problems.append("no background result carried the probe object: the refcount check saw nothing")
    elif abs(last.probe_refs - first.probe_refs) > PROBE_SLACK:
        problems.append(
            f"refcount of an object carried in {last.carried - first.carried} results moved from "
            f"{first.probe_refs} to {last.probe_refs}: the Qt binding is leaking or taking references"
        )
    if not immortal:
        for name, a, b in zip(("None", "True", "False"), first.refcounts, last.refcounts, strict=True):
            if b < a - 100:
                problems.append(f"references to {name} fell from {a} to {b}: the Qt binding is corrupting them")
    if last.pending:
        problems.append(f"{last.pending} background results never arrived")
    return problems
