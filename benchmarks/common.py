"""Helpers shared by the benchmarks: timing, percentiles, child-process peak memory, a seeded database."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


@dataclass
class Row:
    name: str
    measured: str
    baseline: str
    ratio: float | None
    budget: str
    ok: bool


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) >= 20 else max(samples)


def run_child(cmd: list[str], env: dict[str, str], until: str) -> tuple[float, int, str]:
    """Start a process, wait for a line containing `until` on stdout; return (seconds to that line, the child's
    peak RSS in KiB, the line)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    elapsed, found = None, ""
    for line in proc.stdout:
        if until in line and elapsed is None:
            elapsed, found = time.perf_counter() - started, line.strip()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.stdout.close()
    if elapsed is None:
        raise RuntimeError(f"{cmd[:2]} never printed {until!r} (status {status})")
    return elapsed, usage.ru_maxrss, found


def fast_services(db_url: str):
    """Services over a database, with the in-memory keyring and cheap hashing (what is timed is not argon2)."""
    from argon2 import PasswordHasher

    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext
    from billing_desktop.store.database import open_database
    from billing_desktop.vault import Vault
    from tests.support.memory_keyring import MemoryKeyring

    ctx = AppContext(
        engine=open_database(db_url),
        vault=Vault(MemoryKeyring()),
        hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),
    )
    return Services(ctx)
