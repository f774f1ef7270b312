"""Run the benchmarks, print a Markdown table and write the results as JSON.

    python benchmarks/run.py [--quick] [--json FILE] [name ...]

Each benchmark makes its own synthetic data and measures its baseline in the same run, interleaved. `--quick` runs
every benchmark on small data (CI runs it so the benchmarks never rot): budgets are reported, not enforced.
Exit status: 0, or 1 when a full run missed a budget, or 2 when a benchmark crashed (in either mode). The run ends
with its wall and CPU time (the quick mode's goal: under a minute on an idle machine; reported, not enforced)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime

sys.path.insert(0, os.path.dirname(__file__))

import bench_backup
import bench_connect
import bench_data
import bench_inspect
import bench_io
import bench_scan
import bench_soak
import bench_startup
import bench_team
import bench_team_list
import bench_vault
from common import ROOT

QUICK_GOAL = 60.0  # seconds of wall time for the whole quick run (issue 15: "in under a minute")

BENCHES = {
    "startup": bench_startup.run,
    "signin": bench_startup.sign_in_to_list,
    "tenants": bench_data.tenant_list,
    "inspect": bench_inspect.run,
    "scan": bench_scan.run,
    "delivery": bench_io.delivery,
    "logs": bench_data.log_pages,
    "soak": bench_soak.run,
    # Need a PostgreSQL server, so not in the default list:
    # scripts/with-postgres.sh .venv/bin/python benchmarks/run.py team-propagation team-writers team-list
    "team-propagation": bench_team.propagation,
    "team-writers": bench_team.writers,
    "team-list": bench_team_list.run,
    "vault": bench_vault.run,
    "connect": bench_connect.run,
    "backup": bench_backup.run,
}


def machine() -> dict:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    try:
        import PySide6

        qt = PySide6.__version__
    except ImportError:
        qt = "absent"
    return {
        "platform": platform.platform(),
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "pyside6": qt,
        "load_average": list(load),
        "commit": _commit(),
    }


def _commit() -> str:
    """The checkout's commit; empty without git or a repository (CI's Debian 13 root has neither: a copied tree)."""
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        return ""


def _link_installed_bytecode(pycache: str) -> int:
    """Hard links, in the run's bytecode folder, to the bytecode the interpreter and pip installed with the standard
    library and the packages. With PYTHONPYCACHEPREFIX set a child reads bytecode only from that folder, so each run
    compiled the standard library, SQLAlchemy, Stripe, httpx ... from source again (seconds of CPU: a tenth of the
    quick mode). Links are safe: importlib never writes into a bytecode file, it renames a new one over it, so a
    stale or cut-off file replaces the link and never the installed original. The app's own modules are compiled
    into the folder as before. Returns how many were linked."""
    import sysconfig

    suffix = f".{sys.implementation.cache_tag}.pyc"
    paths = sysconfig.get_paths()
    found = {os.path.realpath(paths[k]) for k in ("stdlib", "platstdlib", "purelib", "platlib") if k in paths}
    roots = [r for r in found if not any(r != o and r.startswith(o + os.sep) for o in found)]  # each tree once
    packages = {os.path.realpath(paths[k]) for k in ("purelib", "platlib") if k in paths}
    linked = 0
    for root in roots:
        for folder, subfolders, files in os.walk(root):
            # Not another interpreter's packages (the base Python's site-packages under a venv) nor test suites.
            subfolders[:] = [
                s
                for s in subfolders
                if s not in ("test", "tests") and (s != "site-packages" or os.path.join(folder, s) in packages)
            ]
            if os.path.basename(folder) != "__pycache__":
                continue
            target = os.path.join(pycache, os.path.dirname(folder).lstrip(os.sep))
            for name in files:
                if not name.endswith(suffix):
                    continue
                try:
                    os.makedirs(target, exist_ok=True)
                    os.link(os.path.join(folder, name), os.path.join(target, name))
                    linked += 1
                except OSError:
                    pass  # another file system, or not allowed: that module is compiled as before
    return linked


def _cpu_seconds() -> float:
    """User and system time of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _write(path: str, results: dict) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path + ".tmp", "w") as f:
        json.dump(results, f, indent=1)
    os.replace(path + ".tmp", path)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="*", metavar="name", help=", ".join(BENCHES))
    ap.add_argument("--quick", action="store_true", help="small data, every benchmark, budgets not enforced")
    ap.add_argument("--json", default=str(ROOT / "build" / "benchmarks.json"), help="where the results go")
    args = ap.parse_args(argv)
    names = args.names or [n for n in BENCHES if not n.startswith("team-")]
    unknown = [n for n in names if n not in BENCHES]
    if unknown:
        ap.error(f"no benchmark named {', '.join(unknown)} (there are: {', '.join(BENCHES)})")
    # Child processes run the app as it is installed: with bytecode. pip, the .deb and the frozen build all ship
    # it, but a shell with PYTHONDONTWRITEBYTECODE=1 (this machine's) makes every child compile each of the app's
    # modules from source at every start, a cost the bare baselines never pay. Each benchmark's unrecorded warm-up
    # run writes the bytecode, into a folder of this run's own, removed at the end. A folder shared between runs
    # (build/pycache, as before) outlived them and took bytecode from anything started with the same environment:
    # a test's child under a 1 KiB file-size limit (tests/test_cli_storage.py) left 106 files cut at 1024 bytes
    # there, which importlib had renamed into place without checking the write's length, and every later run
    # failed to import ("marshal data too short"). Within one run several children may write the same file at
    # once: importlib writes each to a temporary name it opens exclusively and renames it over, so a reader sees a
    # whole file or none.
    saved = {k: os.environ.get(k) for k in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")}
    pycache = tempfile.mkdtemp(prefix="bd-bench-pycache-")
    _link_installed_bytecode(pycache)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = pycache
    try:
        return _run(args, names)
    finally:
        shutil.rmtree(pycache, ignore_errors=True)
        for key, value in saved.items():  # a caller in the same process (a test) gets its environment back
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _run(args: argparse.Namespace, names: list[str]) -> int:
    info = machine()
    info["bytecode"] = os.environ["PYTHONPYCACHEPREFIX"]
    print(
        f"Billing Desktop benchmarks{' (quick)' if args.quick else ''} — {datetime.now(UTC):%Y-%m-%d %H:%M}"
        f" UTC — {info['platform']}, {info['cores']} cores, Python {info['python']}, PySide6 {info['pyside6']}, "
        f"load average {info['load_average'][0]:.1f}\n"
    )
    print("| benchmark | measured | baseline | ratio | budget | met |\n|---|---|---|---|---|---|", flush=True)
    results: dict = {"started": datetime.now(UTC).isoformat(), "quick": args.quick, "machine": info}
    results["benchmarks"] = {}
    missed = crashed = 0
    run_started, run_cpu = time.perf_counter(), _cpu_seconds()
    for name in names:
        started, cpu = time.perf_counter(), _cpu_seconds()
        entry: dict = {"rows": []}
        try:
            for row in BENCHES[name](quick=args.quick):
                ratio = f"{row.ratio:.2f}" if row.ratio is not None else "—"
                if "median_ratio" in row.detail:
                    ratio += f" (median {row.detail['median_ratio']:.2f})"
                print(
                    f"| {row.name} | {row.measured} | {row.baseline} | {ratio} | {row.budget} | "
                    f"{'yes' if row.ok else '**no**'} |",
                    flush=True,
                )
                entry["rows"].append(row.to_json())
                missed += not row.ok
                # A benchmark that yields its rows one by one has each written as soon as it is measured: a long
                # run that crashes at its last step keeps the figures of the steps before.
                results["benchmarks"][name] = entry
                results["missed"], results["crashed"] = missed, crashed
                _write(args.json, results)
        except Exception:
            crashed += 1
            entry["error"] = traceback.format_exc()
            print(f"| {name} | **crashed** | | | | **no** |", flush=True)
            traceback.print_exc()
        entry["seconds"] = round(time.perf_counter() - started, 1)
        entry["cpu_seconds"] = round(_cpu_seconds() - cpu, 1)  # its children's included: a busy machine's wall time
        results["benchmarks"][name] = entry
        print(f"<!-- {name}: {entry['seconds']:.0f} s (CPU {entry['cpu_seconds']:.0f} s) -->", flush=True)
        results["missed"], results["crashed"] = missed, crashed
        _write(args.json, results)  # after each benchmark: a run stopped half-way keeps what it measured
    wall, cpu = time.perf_counter() - run_started, _cpu_seconds() - run_cpu
    results["seconds"], results["cpu_seconds"] = round(wall, 1), round(cpu, 1)
    _write(args.json, results)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"\n{missed} budget(s) missed, {crashed} benchmark(s) crashed; results in {args.json}")
    print(f"Total: {wall:.0f} s wall, {cpu:.0f} s CPU (load average {load:.1f} at the end).", end="")
    if args.quick:  # the goal is reported, never enforced: a busy CI machine must not fail the build for it
        verdict = "under" if wall < QUICK_GOAL else "NOT under"
        print(f" Quick mode goal, every benchmark in under {QUICK_GOAL:.0f} s: {verdict}.", end="")
    print()
    if crashed:
        return 2
    return 1 if missed and not args.quick else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
