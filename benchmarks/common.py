"""Helpers shared by the benchmarks: interleaved timing, ratio rows, child-process peak memory, a seeded database.

Every budget is a ratio against a baseline measured in the same run: the subject and its baseline alternate
(subject, baseline, subject, ...) at least five times, so the noise of a busy machine falls on both sides, and a
row reports the min and the median of each side. The ratio that is judged is the ratio of the medians."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REPEATS = 5  # the fewest interleaved repeats any ratio is built from


@dataclass(frozen=True)
class Stat:
    """Samples of one side of a comparison, in the unit named."""

    samples: list[float]
    unit: str = "s"

    @property
    def min(self) -> float:
        return min(self.samples)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def show(self, scale: float = 1000, unit: str = "ms", digits: int = 1) -> str:
        return f"{self.median * scale:.{digits}f} {unit} (min {self.min * scale:.{digits}f})"


@dataclass
class Row:
    name: str
    measured: str
    baseline: str
    ratio: float | None
    budget: str
    ok: bool
    detail: dict = field(default_factory=dict)  # raw numbers for the JSON file

    def to_json(self) -> dict:
        return asdict(self)


def ratio_row(
    name: str,
    subject: Stat,
    baseline: Stat,
    *,
    limit: float,
    higher_is_better: bool = False,
    show: Callable[[Stat], str] | None = None,
    baseline_label: str = "",
    extra_ok: bool = True,
) -> Row:
    """A row judged on best(subject) / best(baseline) against `limit` (≤ limit, or ≥ limit when higher is
    better); the medians' ratio goes beside it."""
    show = show or (lambda s: s.show())
    best = max if higher_is_better else min
    ratio = best(subject.samples) / best(baseline.samples) if best(baseline.samples) else float("inf")
    median_ratio = subject.median / baseline.median if baseline.median else float("inf")
    ok = (ratio >= limit if higher_is_better else ratio <= limit) and extra_ok
    return Row(
        name,
        show(subject),
        (baseline_label + ": " if baseline_label else "") + show(baseline),
        ratio,
        f"{'≥' if higher_is_better else '≤'} {limit:g}x",
        ok,
        {
            "subject": {"min": subject.min, "median": subject.median, "unit": subject.unit, "n": len(subject.samples)},
            "baseline": {
                "min": baseline.min,
                "median": baseline.median,
                "unit": baseline.unit,
                "n": len(baseline.samples),
            },
            "limit": limit,
            "higher_is_better": higher_is_better,
            "median_ratio": median_ratio,
        },
    )


def interleave(*fns: Callable[[], float | None], repeats: int = REPEATS, warm: bool = True) -> list[Stat]:
    """Run fns in turn `repeats` times (after one unrecorded warm-up round); each returns its own measurement or
    None to be timed from outside. Returns one Stat per fn."""
    if warm:
        for fn in fns:
            fn()
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(max(repeats, REPEATS)):
        for n, fn in enumerate(fns):
            t = time.perf_counter()
            got = fn()
            samples[n].append(time.perf_counter() - t if got is None else got)
    return [Stat(s) for s in samples]


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 20 else max(samples)


# The child is started by a small launcher, which times it and waits for it. Linux carries a process's peak RSS across
# fork and exec, so a child forked straight from this runner (hundreds of MiB after the Connect benchmark's 100,000
# fees) reported the runner's size as its own: every memory row read "271 MiB vs 271 MiB". Forked from the launcher,
# the child's peak starts at the launcher's few MiB.
_LAUNCHER = """
import os, subprocess, sys, time
until = sys.argv[1]
started = time.perf_counter()
proc = subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE, text=True)
elapsed = -1.0
for line in proc.stdout:
    if until in line and elapsed < 0:
        elapsed = time.perf_counter() - started
    sys.stdout.write(line)
_, status, usage = os.wait4(proc.pid, 0)
sys.stdout.write(f"\\0launcher {elapsed} {usage.ru_maxrss} {status}\\n")
"""


def run_child(cmd: list[str], env: dict[str, str], until: str) -> tuple[float, int, str]:
    """Start a process, wait for a line containing `until` on stdout; return (seconds to that line, the child's
    peak RSS in KiB, the line)."""
    out = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, until, *cmd], env=env, capture_output=True, text=True, check=False
    )
    lines = out.stdout.splitlines()
    found = next((line.strip() for line in lines if until in line), "")
    tail = next((line for line in reversed(lines) if line.startswith("\0launcher ")), None)
    if tail is None:
        raise RuntimeError(f"{cmd[:2]}: the launcher failed ({out.returncode}): {out.stderr[-2000:]}")
    _, elapsed, peak, status = tail.split()
    if float(elapsed) < 0:
        raise RuntimeError(f"{cmd[:2]} never printed {until!r} (status {status}): {out.stderr[-2000:]}")
    return float(elapsed), int(peak), found


_TEMPLATE: list[Path] = []  # an empty SQLite database at the schema head, migrated once per process


def _from_template(db_url: str) -> None:
    """A SQLite file that does not exist yet starts as a copy of an empty database at the schema head, migrated
    once per process: the benchmarks make a dozen databases, and migrating each took seconds of the quick mode's
    minute (what they measure is not Alembic). Anything else (PostgreSQL, a file that exists) is left as it is."""
    import shutil
    import tempfile

    prefix = "sqlite:///"
    if not db_url.startswith(prefix) or "?" in db_url or Path(db_url[len(prefix) :]).exists():
        return
    if not _TEMPLATE:
        from billing_desktop.store.database import open_database

        empty = Path(tempfile.mkdtemp(prefix="bd-bench-template-")) / "empty.sqlite3"
        open_database(f"{prefix}{empty}").dispose()  # the last connection's close checkpoints: one whole file
        _TEMPLATE.append(empty)
    template = _TEMPLATE[0]
    if not any(template.with_name(template.name + end).exists() for end in ("-wal", "-journal")):
        shutil.copyfile(template, db_url[len(prefix) :])


def fast_services(db_url: str):
    """Services over a database, with the in-memory keyring and cheap hashing (what is timed is not argon2)."""
    from argon2 import PasswordHasher

    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext
    from billing_desktop.store.database import open_database
    from billing_desktop.vault import Vault
    from tests.support.memory_keyring import MemoryKeyring

    _from_template(db_url)
    ctx = AppContext(
        engine=open_database(db_url),
        vault=Vault(MemoryKeyring()),
        hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),
    )
    return Services(ctx)
