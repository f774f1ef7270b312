"""Start-up of the frozen app against start-up from source, median of 7 interleaved runs each:
`billing-desktop --version`, and process start to the first window on screen (offscreen platform).
Budget: the first window within 1.2x of the source start-up, judged on the fastest of each (the least disturbed
by other processes); the medians' ratio is printed beside it. benchmarks/run.py measures the same in its start-up
benchmark when the frozen build is there."""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def once(cmd, env, until=None) -> float:
    t = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env, timeout=60)
    if until and until not in out.stdout:
        raise SystemExit(f"{cmd[0]} did not print {until!r}")
    return time.perf_counter() - t


def compare(label, frozen_cmd, source_cmd, env, until=None) -> float:
    once(frozen_cmd, env, until), once(source_cmd, env, until)  # warm the file cache
    f, s = [], []
    for _ in range(7):
        f.append(once(frozen_cmd, env, until))
        s.append(once(source_cmd, env, until))
    fm, sm = statistics.median(f), statistics.median(s)
    print(
        f"{label}: frozen {fm * 1000:.0f} ms (min {min(f) * 1000:.0f}), source {sm * 1000:.0f} ms (min "
        f"{min(s) * 1000:.0f}), ratio {min(f) / min(s):.2f} (medians {fm / sm:.2f})"
    )
    return min(f) / min(s)


frozen = sys.argv[1]
source = [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "main.py")]
env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BILLING_DESKTOP_HOME=tempfile.mkdtemp())
compare("--version", [frozen, "--version"], [*source, "--version"], env)
paint_env = dict(env, BILLING_DESKTOP_EXIT_AFTER_FIRST_PAINT="1")
ratio = compare("first window", [frozen], source, paint_env, until="first-paint")
sys.exit(0 if ratio <= 1.2 else 1)
