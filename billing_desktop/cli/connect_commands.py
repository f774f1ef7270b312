"""Connect operations from a terminal: `stripe sync|requirements|capabilities|update-link|dashboard|balance|payouts`,
and the platform-wide `fees`, `disputes` and `attention`. Exit codes: 0 done, 1 failed or partial, 2 bad input."""

from __future__ import annotations

import sys
import threading
from typing import Any

from billing_desktop.cli.io import emit_json

STRIPE_ACTIONS = ("sync", "requirements", "capabilities", "update-link", "dashboard", "balance", "payouts")


def add_stripe_actions(stripe: Any, acting: Any, jsonable: Any) -> None:
    sp = stripe.add_parser("sync", help="refresh every connected account from Stripe's account list (operators)")
    acting(sp)
    jsonable(sp)


def run_stripe(args: Any, svc: Any, session: Any) -> int:
    if args.action == "sync":
        return _sync(args, svc, session)
    raise AssertionError(args.action)


def _sync(args: Any, svc: Any, session: Any) -> int:
    """The sync runs in a thread so Ctrl+C cancels it cleanly: what was fetched is kept and reported."""
    stop = threading.Event()
    result: dict[str, Any] = {}

    def progress(_n: int, text: str) -> None:
        if not args.json:
            print(f"\r{text}", end="", file=sys.stderr, flush=True)

    def work() -> None:
        try:
            result["report"] = svc.connect_sync.sync(session, progress=progress, cancelled=stop.is_set)
        except BaseException as exc:  # reported on the main thread
            result["error"] = exc

    worker = threading.Thread(target=work, name="stripe-sync")
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        stop.set()
        print("\nCancelling…", file=sys.stderr, flush=True)
        worker.join()
    if not args.json:
        print(file=sys.stderr)
    if "error" in result:
        raise result["error"]
    report = result["report"]
    if args.json:
        emit_json(report)
    else:
        print(report.summary)
    return 0 if report.complete else 1
