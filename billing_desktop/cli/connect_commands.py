"""Connect operations from a terminal: `stripe sync|requirements|capabilities|update-link|dashboard|balance|payouts`,
and the platform-wide `fees`, `disputes`, `payouts` and `attention`. Exit codes: 0 done, 1 failed or partial, 2 bad
input.

The stripe actions join the `stripe` group (stripe_commands.py calls add_stripe_actions); the platform-wide ones are
a group of their own (add_parser). Every action runs through cmd_stripe_action or cmd_platform."""

from __future__ import annotations

import sys
import threading
from dataclasses import replace
from typing import Any

from billing_desktop.cli.context import acting, jsonable, open_services, sign_in
from billing_desktop.cli.io import emit_json, end_progress
from billing_desktop.cli.io import progress as cli_progress
from billing_desktop.domain.states import PayoutStatus

STRIPE_ACTIONS = (
    "sync",
    "requirements",
    "capabilities",
    "update-link",
    "dashboard",
    "balance",
    "payouts",
    "apply-event",
)


def add_stripe_actions(stripe: Any) -> None:
    sp = stripe.add_parser("sync", help="refresh every connected account from Stripe's account list (operators)")
    acting(sp)
    jsonable(sp)
    for name, text in (
        ("requirements", "what Stripe needs from the account holder, in plain words, with the deadline"),
        ("capabilities", "each capability's status and requirements; --request asks for one"),
        ("balance", "available and pending balance per currency"),
        ("payouts", "recent payouts with status, arrival date and failure reason"),
    ):
        sp = stripe.add_parser(name, help=text)
        acting(sp)
        jsonable(sp)
        sp.add_argument("slug")
        sp.add_argument("--offline", action="store_true", help="show the saved copy without asking Stripe")
        if name == "capabilities":
            sp.add_argument("--request", metavar="NAME", help="request a capability, e.g. card_payments")
        if name == "payouts":
            sp.add_argument("--status", choices=[s.value for s in PayoutStatus])
    for name, text in (
        ("update-link", "an Account Link for the holder to supply what is due (opened, or printed to send)"),
        ("dashboard", "a single-use Express dashboard login link"),
    ):
        sp = stripe.add_parser(name, help=text)
        acting(sp)
        jsonable(sp)
        sp.add_argument("slug")
        sp.add_argument("--no-browser", action="store_true", help="only print the link")
    sp = stripe.add_parser(
        "apply-event", help="apply a Stripe event (account, capability, payout, dispute) with its signature"
    )
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.add_argument("--signature", required=True, help="the Stripe-Signature header: 't=…,v1=…'")
    sp.add_argument("--payload-file", required=True, help="the event body exactly as received")
    for name in STRIPE_ACTIONS:
        stripe.choices[name].set_defaults(run=cmd_stripe_action)


def cmd_stripe_action(args: Any) -> int:
    with open_services(args) as svc:
        return run_stripe(args, svc, sign_in(svc, args))


def cmd_platform(args: Any) -> int:
    with open_services(args) as svc:
        return run(args, svc, sign_in(svc, args))


def run_stripe(args: Any, svc: Any, session: Any) -> int:
    if args.action == "sync":
        return _sync(args, svc, session)
    tenant_id = svc.tenants.resolve(session, args.slug)
    if args.action == "apply-event":
        return _apply_event(args, svc, session, tenant_id)
    online = not getattr(args, "offline", False)
    ops = svc.connect_account
    if args.action == "requirements":
        view = ops.requirements(session, tenant_id, refresh=online)
        return _show(args, view, _print_requirements)
    if args.action == "capabilities":
        view = ops.capabilities(session, tenant_id, refresh=online, request=args.request)
        return _show(args, view, _print_capabilities)
    if args.action == "balance":
        return _show(args, ops.balance(session, tenant_id, refresh=online), _print_balance)
    if args.action == "payouts":
        return _show(args, ops.payouts(session, tenant_id, status=args.status, refresh=online), _print_payouts)
    link = ops.update_link(session, tenant_id) if args.action == "update-link" else ops.dashboard(session, tenant_id)
    if args.json:
        emit_json(link)
    else:
        print(link.url)
        if link.expires_at:
            print(f"Single use; expires {_date(link.expires_at, time=True)}.", file=sys.stderr)
    if not args.no_browser:
        svc.stripe.open(link.url)
    return 0


def _apply_event(args: Any, svc: Any, session: Any, tenant_id: int) -> int:
    """Exit 0 when applied or rightly ignored (not a Connect event, older than the saved copy), 1 when refused."""
    from billing_desktop.cli.io import read_file_arg
    from billing_desktop.domain.states import EventOutcome

    body = read_file_arg(args.payload_file, "payload_file", text=False)
    result = svc.connect_events.apply_signed(session, tenant_id, {"Stripe-Signature": args.signature}, body)
    if args.json:
        emit_json(result)
    else:
        print(result.message, file=sys.stdout if result.outcome != EventOutcome.REFUSED else sys.stderr)
    return 1 if result.outcome == EventOutcome.REFUSED else 0


def _date(value: Any, *, time: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:%Y-%m-%d %H:%M} UTC" if time else f"{value:%Y-%m-%d}"


def _show(args: Any, view: Any, printer: Any) -> int:
    if args.json:
        emit_json(view)
        return 0
    printer(view)
    stamp = f"saved {_date(view.fetched_at, time=True)}" if view.fetched_at else "never fetched"
    print(f"({stamp}{', stale' if view.stale else ''})")
    if view.message:
        print(view.message, file=sys.stderr)
    return 0


def _print_requirements(v: Any) -> None:
    print(f"account: {v.account_id} ({v.account_type or 'type unknown'})")
    if v.disabled_reason:
        print(f"DISABLED: {v.disabled_words} [{v.disabled_reason}]")
    if v.current_deadline:
        print(f"deadline: {_date(v.current_deadline)} ({v.countdown})")
    if not v.items:
        print("Nothing is due.")
    labels = {
        "past_due": "PAST DUE",
        "currently_due": "due now",
        "eventually_due": "due later",
        "pending_verification": "being verified",
        "error": "REJECTED",
    }
    for r in v.items:
        group = ("future " if r.future else "") + labels[r.group]
        print(f"  {group:16} {r.words}" + (f" — {r.error}" if r.error else "") + f"  [{r.code}]")
    if v.future_deadline:
        print(f"future requirements take effect {_date(v.future_deadline)}")


def _print_capabilities(v: Any) -> None:
    for c in v.items:
        extra = f" — {c.disabled_words}" if c.disabled_words else ""
        print(f"{c.name:32} {c.status}{extra}")
        for r in c.due:
            print(f"    {r.group.replace('_', ' ')}: {r.words}  [{r.code}]")


def _print_balance(v: Any) -> None:
    for label, rows in (("available", v.available), ("pending", v.pending)):
        print(f"{label}: " + (", ".join(m.text for m in rows) or "—"))


def _print_payouts(v: Any) -> None:
    if not v.items:
        print("No payouts.")
    for p in v.items:
        fail = f"  {p.failure_words} [{p.failure_code}]" if p.failure_code else ""
        print(f"{p.id}  {p.amount.text:>16}  {p.status:10} arrives {_date(p.arrival_date)}{fail}")


def _cancellable(args: Any, fn: Any) -> Any:
    """fn(progress=…, cancelled=…) runs in a thread so Ctrl+C cancels it cleanly: what was fetched is kept and
    the result (marked cancelled) still comes back."""
    stop = threading.Event()
    result: dict[str, Any] = {}

    def progress(_n: int, text: str) -> None:
        if not args.json:
            cli_progress(text)

    def work() -> None:
        try:
            result["value"] = fn(progress=progress, cancelled=stop.is_set)
        except BaseException as exc:  # reported on the main thread
            result["error"] = exc

    worker = threading.Thread(target=work, name="stripe-sweep")
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        stop.set()
        print("\nCancelling…", file=sys.stderr, flush=True)
        worker.join()
    if not args.json:
        end_progress()
    if "error" in result:
        raise result["error"]
    return result["value"]


def _sync(args: Any, svc: Any, session: Any) -> int:
    report = _cancellable(args, lambda **kw: svc.connect_sync.sync(session, **kw))
    if args.json:
        emit_json(report)
    else:
        print(report.summary)
    return 0 if report.complete else 1


# -- platform-wide: fees, disputes, payouts, attention ---------------------------------------------------------------
def add_parser(sub: Any) -> None:
    sp = sub.add_parser("fees", help="application fees per tenant, checked against the agreed percentage")
    acting(sp)
    jsonable(sp)
    sp.add_argument("--tenant", metavar="SLUG")
    sp.add_argument("--since", metavar="DATE", help="YYYY-MM-DD (UTC), inclusive")
    sp.add_argument("--until", metavar="DATE", help="YYYY-MM-DD (UTC), inclusive")
    sp.add_argument("--csv", metavar="FILE", help="also write every fee line to this CSV file")
    sp.add_argument("--offline", action="store_true", help="use the saved copy without asking Stripe")
    sp = sub.add_parser("disputes", help="open disputes, most urgent evidence deadline first")
    acting(sp)
    jsonable(sp)
    sp.add_argument("--tenant", metavar="SLUG")
    sp.add_argument("--offline", action="store_true", help="use the saved copy without asking Stripe")
    sp = sub.add_parser("payouts", help="every connected tenant's payouts of a status (failed unless --status)")
    acting(sp)
    jsonable(sp)
    sp.add_argument("--status", choices=[s.value for s in PayoutStatus], default=PayoutStatus.FAILED.value)
    sp.add_argument("--offline", action="store_true", help="use the saved copy without asking Stripe")
    sp = sub.add_parser("attention", help="everything that needs an operator, most urgent first (from the cache)")
    acting(sp)
    jsonable(sp)
    for name in ("fees", "disputes", "payouts", "attention"):
        sub.choices[name].set_defaults(run=cmd_platform)


def _day(text: str | None, field: str) -> Any:
    from datetime import date

    from billing_desktop.errors import ValidationError

    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError({field: "Give a date as YYYY-MM-DD."}) from None


def run(args: Any, svc: Any, session: Any) -> int:
    tenant_id = svc.tenants.resolve(session, args.tenant) if getattr(args, "tenant", None) else None
    if args.command == "fees":
        return _fees(args, svc, session, tenant_id)
    if args.command == "disputes":
        view = svc.disputes.disputes(session, tenant_id=tenant_id, refresh=not args.offline)
        if args.json:
            emit_json(view)
            return 0
        if not view.items:
            print("No open disputes.")
        for d in view.items:
            due = f"evidence due {_date(d.due_by, time=True)} ({d.countdown})" if d.due_by else "no evidence due"
            flag = "OVERDUE " if d.overdue else ""
            print(f"{flag}{d.slug:20} {d.amount_text:>14}  {d.reason_words}  [{d.status}]  {due}  {d.id}")
        for p in view.problems:
            print(f"warning: {p}", file=sys.stderr)
        return 1 if view.problems else 0
    if args.command == "payouts":
        return _payouts(args, svc, session)
    board = svc.attention.board(session)
    if args.json:
        emit_json(replace(board, items=list(board.items)))  # a list for asdict: the service's items are a view
        return 0
    if board.stale:
        when = _date(board.last_sync, time=True) if board.last_sync else "never"
        print(f"(from saved data; last full sync: {when} — run `billing-desktop stripe sync`)", file=sys.stderr)
    if not board.items:
        print("Nothing needs attention.")
    for r in board.items:
        due = f" — due {_date(r.due_at, time=True)} ({r.countdown})" if r.due_at else ""
        print(f"{r.slug:20} {r.title}{due}" + (f"\n{'':20} {r.detail}" if r.detail else ""))
    return 0


def _payouts(args: Any, svc: Any, session: Any) -> int:
    """Exit 0 when every account answered (or --offline), 1 when the answer is partial or from the saved copy."""
    view = _cancellable(
        args, lambda **kw: svc.payouts.payouts(session, status=args.status, refresh=not args.offline, **kw)
    )
    if args.json:
        emit_json(view)
    else:
        if not view.items:
            print(f"No {view.status} payouts.")
        for p in view.items:
            fail = f"  {p.failure_words} [{p.failure_code}]" if p.failure_code else ""
            print(f"{p.slug:20} {p.amount.text:>16}  {p.status:10} arrives {_date(p.arrival_date)}  {p.id}{fail}")
        stamp = f"every account asked {_date(view.fetched_at, time=True)}" if view.fetched_at else "never fetched"
        print(f"({stamp}{', stale' if view.stale else ''})")
        if view.message:
            print(view.message, file=sys.stderr)
        for p in view.problems:
            print(f"warning: {p}", file=sys.stderr)
    return 0 if args.offline or view.complete else 1


def _fees(args: Any, svc: Any, session: Any, tenant_id: int | None) -> int:
    from billing_desktop.domain.money import format_amount
    from billing_desktop.services.platform_fees import export_csv

    report = svc.fees.fees(
        session,
        tenant_id=tenant_id,
        since=_day(args.since, "since"),
        until=_day(args.until, "until"),
        refresh=not args.offline,
    )
    if args.csv:
        export_csv(report, args.csv)
    if args.json:
        emit_json(report)
        return 0
    for ln in report.lines:
        if ln.flagged:
            print(
                f"FLAGGED {ln.slug}: fee {format_amount(ln.fee_amount, ln.currency)} on charge "
                f"{format_amount(ln.charge_amount, ln.currency)} ({ln.charge_id}); "
                f"{ln.percent}% is {format_amount(ln.expected, ln.currency)}"
            )
    print(f"{'TENANT':20} {'FEES':>8} {'CHARGES':>18} {'COLLECTED':>16} {'REFUNDED':>16} {'NET':>16} FLAGGED")
    for t in report.totals:
        print(
            f"{t.slug or '(all tenants)':20} {t.count:>8} {format_amount(t.charges, t.currency):>18} "
            f"{format_amount(t.fees, t.currency):>16} {format_amount(t.refunded, t.currency):>16} "
            f"{format_amount(t.net, t.currency):>16} {t.flagged}"
        )
    if not report.totals:
        print("No application fees in this period.")
    if report.message:
        print(report.message, file=sys.stderr)
    return 0
