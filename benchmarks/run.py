"""Run every benchmark and print a Markdown table: `python benchmarks/run.py [name ...]`.

Each benchmark makes its own synthetic data and, where a budget is a ratio, measures its baseline in the same run.
Not part of the pass/fail test suite: it takes several minutes and its numbers depend on the machine."""

from __future__ import annotations

import os
import platform
import sys
import time
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(__file__))

import bench_data  # noqa: E402
import bench_io  # noqa: E402
import bench_soak  # noqa: E402
import bench_startup  # noqa: E402

BENCHES = {
    "startup": bench_startup.run,
    "signin": bench_startup.sign_in_to_list,
    "tenants": bench_data.tenant_list,
    "inspect": bench_data.inspection,
    "scan": bench_io.scan,
    "delivery": bench_io.delivery,
    "logs": bench_data.log_pages,
    "soak": bench_soak.run,
    "soak-quick": bench_soak.quick,
}


def main(names: list[str]) -> int:
    names = names or [n for n in BENCHES if not n.endswith("-quick")]
    print(
        f"Billing Desktop benchmarks — {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC — "
        f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}\n"
    )
    print("| benchmark | measured | baseline | ratio | budget | met |\n|---|---|---|---|---|---|")
    failed = 0
    for name in names:
        started = time.perf_counter()
        for row in BENCHES[name]():
            ratio = f"{row.ratio:.2f}" if row.ratio is not None else "—"
            print(
                f"| {row.name} | {row.measured} | {row.baseline} | {ratio} | {row.budget} | "
                f"{'yes' if row.ok else '**no**'} |",
                flush=True,
            )
            failed += not row.ok
        print(f"<!-- {name}: {time.perf_counter() - started:.0f} s -->", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
