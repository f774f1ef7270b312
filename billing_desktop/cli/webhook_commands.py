"""`billing-desktop webhooks show|set|remove|roll-secret|reveal-secret|test|resend|log|verify`."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from billing_desktop.cli.context import acting, confirm, jsonable, open_services, sign_in
from billing_desktop.cli.io import emit_json, emit_table, read_file_arg
from billing_desktop.errors import AppError

if TYPE_CHECKING:
    from billing_desktop.services.webhooks import WebhookConfig


def add_parser(sub: argparse._SubParsersAction) -> None:
    wh = sub.add_parser(
        "webhooks", help="a tenant's webhook endpoint, test deliveries, the log, the verifier"
    ).add_subparsers(dest="action", metavar="ACTION", required=True)
    sp = wh.add_parser("show", help="the endpoint configuration (secrets masked)")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.set_defaults(run=cmd_show)

    sp = wh.add_parser("set", help="create or change the endpoint")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.add_argument("--url", required=True)
    sp.add_argument("--events", default="*", help="comma-separated event types, or * for all (default)")
    sp.add_argument("--scheme", default="stripe", choices=["stripe", "standard"])
    sp.add_argument("--description", default="")
    sp.add_argument("--disabled", action="store_true")
    sp.add_argument("--allow-private", action="store_true", help="allow loopback/private hosts (test mode only)")
    sp.set_defaults(run=cmd_set)

    sp = wh.add_parser("remove", help="delete the endpoint and its signing secrets")
    acting(sp)
    sp.add_argument("slug")
    sp.add_argument("--yes", action="store_true")
    sp.set_defaults(run=cmd_remove)

    sp = wh.add_parser("roll-secret", help="make a new signing secret")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.add_argument(
        "--overlap",
        default="24h",
        choices=["none", "1h", "24h"],
        help="how long the current secret keeps verifying (default 24h); a secret still in an earlier roll's "
        "overlap stops at once, so at most two are valid",
    )
    sp.add_argument("--yes", action="store_true", help="do not ask before a roll with no overlap")
    sp.set_defaults(run=cmd_roll_secret)

    sp = wh.add_parser("test", help="send a signed test delivery")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.add_argument("--event-type", default="webhook.test")
    sp.add_argument("--payload-file", help="JSON payload (default: a realistic sample for the event type)")
    sp.set_defaults(run=cmd_test)

    sp = wh.add_parser(
        "reveal-secret", help="print the newest active signing secret, for the receiver (password needed; audited)"
    )
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.set_defaults(run=cmd_reveal_secret)

    sp = wh.add_parser("resend", help="send a logged delivery again (same event, same webhook-id)")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.add_argument("delivery_id", type=delivery_id, metavar="DELIVERY_ID", help="the id shown by `webhooks log`")
    sp.add_argument(
        "--until-delivered",
        action="store_true",
        help="keep retrying after 5 s, 30 s, 2 min, 10 min (or what Retry-After asks); Ctrl+C stops",
    )
    sp.set_defaults(run=cmd_resend)

    sp = wh.add_parser("log", help="the delivery log")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.add_argument("--failed", action="store_true")
    sp.add_argument("--event-type")
    sp.set_defaults(run=cmd_log)

    sp = wh.add_parser("verify", help="check a signature header against a payload (secret from --tenant or stdin)")
    acting(sp)
    jsonable(sp)
    sp.add_argument(
        "--header",
        action="append",
        required=True,
        help="'t=…,v1=…' or 'Name: value' (repeat for webhook-id/-timestamp/-signature)",
    )
    sp.add_argument("--payload-file", required=True)
    sp.add_argument("--tenant", help="use this tenant's active secrets")
    sp.set_defaults(run=cmd_verify)


def cmd_show(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        cfg = svc.webhooks.get(session, svc.tenants.resolve(session, args.slug))
    if cfg is None:
        raise AppError("No webhook endpoint is configured for this tenant.")
    emit_json(cfg) if args.json else print(
        f"url: {cfg.url}\nevents: {', '.join(cfg.event_types)}\nscheme: {cfg.scheme}\nenabled: {cfg.enabled}\n"
        + "".join(
            f"secret: {s.masked}" + (f" (valid until {s.expires_at:%Y-%m-%d %H:%M} UTC)" if s.expires_at else "") + "\n"
            for s in cfg.secrets
        )
    )
    return 0


def rolled_text(cfg: WebhookConfig) -> str:
    """The new secret and, during an overlap, the one it replaced and until when both verify (never more than two)."""
    text = f"New signing secret {cfg.secrets[0].masked}"
    for old in cfg.secrets[1:]:
        if old.expires_at is not None:
            text += f"\n{old.masked} also verifies until {old.expires_at:%Y-%m-%d %H:%M} UTC (2 valid secrets)"
    return text


def cmd_set(args: argparse.Namespace) -> int:
    events = [e.strip() for e in args.events.split(",") if e.strip()]
    with open_services(args) as svc:
        session = sign_in(svc, args)
        cfg = svc.webhooks.save(
            session,
            svc.tenants.resolve(session, args.slug),
            args.url,
            events,
            args.description,
            enabled=not args.disabled,
            scheme=args.scheme,
            allow_private=args.allow_private,
        )
    emit_json(cfg) if args.json else print(f"Saved. Signing secret {cfg.secrets[0].masked}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        tenant_id = svc.tenants.resolve(session, args.slug)
        confirm(args, f"Remove the webhook endpoint of {args.slug} and its secrets?")
        svc.webhooks.remove(session, tenant_id)
    print("Removed.")
    return 0


def cmd_roll_secret(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        tenant_id = svc.tenants.resolve(session, args.slug)
        if args.overlap == "none":
            confirm(
                args,
                f"Roll the signing secret of {args.slug} with no overlap? Its receiver rejects every delivery "
                "until it has the new secret.",
            )
        cfg = svc.webhooks.roll_secret(session, tenant_id, args.overlap)
    emit_json(cfg) if args.json else print(rolled_text(cfg))
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    payload = read_file_arg(args.payload_file, "payload_file") if args.payload_file else None
    with open_services(args) as svc:
        session = sign_in(svc, args)
        tenant_id = svc.tenants.resolve(session, args.slug)
        if payload is None:
            payload = svc.deliveries.sample_payload(session, tenant_id, args.event_type)
        result = svc.deliveries.send_test(session, tenant_id, args.event_type, payload)
    if args.json:
        emit_json(result)
    else:
        print(f"{result.outcome}: {result.status_code or '-'} in {result.latency_ms} ms {result.error}".rstrip())
    return 0 if result.ok else 1


def delivery_id(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) <= 18 and int(text) > 0):
        raise argparse.ArgumentTypeError(f"not a delivery id: {text!r} (a number from `webhooks log`)")
    return int(text)


def cmd_reveal_secret(args: argparse.Namespace) -> int:
    # The sign-in just above is the password asked again: the session is fresh, so a live tenant's secret opens.
    with open_services(args) as svc:
        session = sign_in(svc, args)
        value = svc.webhooks.reveal_secret(session, svc.tenants.resolve(session, args.slug))
    emit_json({"secret": value}) if args.json else print(value)
    return 0


def _attempt_line(r) -> str:
    return f"attempt {r.attempt}: {r.outcome}: {r.status_code or '-'} in {r.latency_ms} ms {r.error}".rstrip()


def cmd_resend(args: argparse.Namespace) -> int:
    import signal
    import threading

    stop = threading.Event()
    with open_services(args) as svc:
        session = sign_in(svc, args)
        tenant_id = svc.tenants.resolve(session, args.slug)
        result = svc.deliveries.resend(session, args.delivery_id, tenant_id=tenant_id)
        if not args.json:
            print(_attempt_line(result), flush=True)
        if args.until_delivered and not result.ok:
            # Ctrl+C sets a flag the backoff wait checks every 0.2 s: an attempt under way finishes and is logged.
            previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
            try:
                result = svc.deliveries.retry_until_delivered(
                    session,
                    result.id,
                    cancelled=stop.is_set,
                    progress=lambda _n, text: print(text + " (Ctrl+C stops)", file=sys.stderr, flush=True),
                    tenant_id=tenant_id,
                    on_attempt=None if args.json else lambda r: print(_attempt_line(r), flush=True),
                )
            finally:
                signal.signal(signal.SIGINT, previous)
    if args.json:
        emit_json(result)
    if stop.is_set():
        print("Stopped: no further attempts. Every attempt made is in `webhooks log`.", file=sys.stderr)
        return 130
    if not result.ok and args.until_delivered:
        why = "not retryable" if not result.retryable else "the retries are used up"
        print(f"Not delivered ({why}).", file=sys.stderr)
    return 0 if result.ok else 1


def cmd_log(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        tenant_id = svc.tenants.resolve(session, args.slug)
        rows = svc.deliveries.list(session, tenant_id, "failed" if args.failed else None, args.event_type)
    emit_json(rows) if args.json else emit_table(
        rows, ["id", "at", "event_type", "event_id", "outcome", "status_code", "latency_ms", "attempt"]
    )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """With --tenant the service checks against the tenant's secrets; otherwise the secret comes on stdin."""
    from billing_desktop.domain.webhooks import parse_header_args, verify

    body = read_file_arg(args.payload_file, "payload_file", text=False)
    headers = parse_header_args(args.header)
    if args.tenant:
        with open_services(args) as svc:
            session = sign_in(svc, args)
            check = svc.webhooks.verify(session, svc.tenants.resolve(session, args.tenant), headers, body)
    else:
        secrets_ = [line.strip() for line in sys.stdin.read().splitlines() if line.strip()]
        if not secrets_:
            raise AppError("Give --tenant SLUG, or pipe the signing secret (whsec_…) on stdin.")
        check = verify(headers, body, secrets_, int(time.time()))
    emit_json(check) if args.json else print(check.message)
    return 0 if check.valid else 1
