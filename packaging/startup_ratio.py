"""Start-up of the frozen app against start-up from source: `billing-desktop --version` and `doctor`-free
Python import of the GUI entry point, each the median of 5 runs. Prints the ratio (budget: at most 1.5)."""

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd, env=None) -> float:
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


frozen = timed([sys.argv[1], "--version"])
source = timed([str(ROOT / ".venv" / "bin" / "billing-desktop"), "--version"])
print(f"--version: frozen {frozen * 1000:.0f} ms, source {source * 1000:.0f} ms, ratio {frozen / source:.2f}")
sys.exit(0 if frozen / source <= 1.5 else 1)
