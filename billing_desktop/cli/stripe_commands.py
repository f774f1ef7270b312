"""`billing-desktop platform set-stripe` and `billing-desktop stripe connect|onboard|status|disconnect`."""

from __future__ import annotations

import argparse
import sys

from billing_desktop.cli.context import acting, confirm, jsonable, open_services, sign_in
from billing_desktop.cli.io import emit_json, read_secret, seconds


def add_parser(sub: argparse._SubParsersAction) -> None:
    platform = sub.add_parser("platform", help="platform-wide settings (operators)").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    sp = platform.add_parser(
        "set-stripe",
        help="Connect client ID, listener port, relay URL; the secret key is read "
        "from a prompt or stdin (or BILLING_DESKTOP_STRIPE_SECRET_KEY)",
    )
    acting(sp)
    sp.add_argument("--client-id", required=True, help="ca_…")
    sp.add_argument("--port", type=int, default=None, help="OAuth listener port (default 8765)")
    sp.add_argument("--relay-url", default="", help="https relay page registered as the redirect URI (live mode)")
    sp.add_argument("--keep-secret-key", action="store_true", help="do not ask for the secret key again")
    sp.set_defaults(run=cmd_set_stripe)
    sp = platform.add_parser(
        "set-webhook-secret",
        help="the signing secret (whsec_…) of the platform's Connect webhook endpoint, which Stripe events are "
        "checked against; read from a prompt or stdin (or BILLING_DESKTOP_STRIPE_WEBHOOK_SECRET)",
    )
    acting(sp)
    sp.set_defaults(run=cmd_set_webhook_secret)
    sp = platform.add_parser("show-stripe", help="show the Stripe settings (secret key masked)")
    acting(sp)
    jsonable(sp)
    sp.set_defaults(run=cmd_show_stripe)

    stripe = sub.add_parser(
        "stripe",
        help="Stripe accounts: connect, onboard, status, disconnect, sync, requirements, capabilities, "
        "update-link, dashboard, balance, payouts",
    ).add_subparsers(dest="action", metavar="ACTION", required=True)
    sp = stripe.add_parser("connect", help="connect with OAuth: prints the URL, waits, prints the result")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.add_argument("--no-browser", action="store_true", help="only print the URL")
    sp.add_argument("--timeout", type=seconds, default=300, help="seconds to wait (default 300)")
    sp.set_defaults(run=cmd_connect)
    sp = stripe.add_parser("onboard", help="create an account and onboard it with Account Links")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.add_argument("--type", default=None, choices=["express", "standard"], help="of a new account (default express)")
    sp.add_argument("--country", default="US")
    sp.add_argument("--no-browser", action="store_true")
    sp.add_argument("--timeout", type=seconds, default=900)
    sp.set_defaults(run=cmd_onboard)
    sp = stripe.add_parser("status", help="the connected account's status (cached; --refresh asks Stripe)")
    acting(sp)
    jsonable(sp)
    sp.add_argument("slug")
    sp.add_argument("--refresh", action="store_true")
    sp.set_defaults(run=cmd_status)
    sp = stripe.add_parser("disconnect", help="deauthorize the account and delete its tokens")
    acting(sp)
    sp.add_argument("slug")
    sp.add_argument("--yes", action="store_true")
    sp.set_defaults(run=cmd_disconnect)
    from billing_desktop.cli import connect_commands  # the Connect operations (sync, …) of the same group

    connect_commands.add_stripe_actions(stripe)


def _print_status(st, *, as_json: bool) -> None:
    if as_json:
        emit_json(st)
        return
    print(f"state: {st.state}" + (" (stale)" if st.stale else ""))
    for label, value in [
        ("account", st.account_id),
        ("business", st.business_name),
        ("email", st.email),
        ("country", st.country),
        ("currency", st.default_currency),
        ("charges enabled", st.charges_enabled),
        ("payouts enabled", st.payouts_enabled),
        ("details submitted", st.details_submitted),
        ("currently due", ", ".join(st.currently_due)),
        ("past due", ", ".join(st.past_due)),
        ("disabled reason", st.disabled_reason),
        ("livemode", st.livemode),
        ("connected at", st.connected_at),
        ("fetched at", st.fetched_at),
    ]:
        if value not in (None, ""):
            print(f"{label}: {value}")
    if st.message:
        print(st.message)


def _wait(svc, attempt, args) -> int:
    print(attempt.url, flush=True)
    if attempt.notice:
        print(attempt.notice, file=sys.stderr, flush=True)
    if not args.no_browser and not svc.stripe.open(attempt.url):
        print(
            "Could not start a web browser. Open the address above by hand, in a browser on this computer.",
            file=sys.stderr,
            flush=True,
        )
    print(
        f"Waiting up to {int(args.timeout)} s for the browser to come back to 127.0.0.1:{attempt.port} …",
        file=sys.stderr,
        flush=True,
    )
    try:
        status = attempt.wait(args.timeout)
    except KeyboardInterrupt:
        attempt.cancel()
        raise
    _print_status(status, as_json=args.json)
    return 0


def cmd_show_stripe(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        p = svc.stripe_platform.get(sign_in(svc, args))
    emit_json(p) if args.json else print(
        f"client id: {p.client_id or '(not set)'}\nsecret key: {p.secret_key_masked or '(not set)'}\n"
        f"listener port: {p.port}\nredirect URI: {p.redirect_uri}\n"
        f"webhook signing secret: {p.webhook_secret_masked or '(not set: Stripe events cannot be applied)'}"
    )
    return 0


def cmd_set_stripe(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        key = None if args.keep_secret_key else read_secret("Stripe secret key: ", "BILLING_DESKTOP_STRIPE_SECRET_KEY")
        p = svc.stripe_platform.update(session, args.client_id, key, args.port, args.relay_url)
    print(f"Saved. Secret key {p.secret_key_masked}; redirect URI {p.redirect_uri}")
    return 0


def cmd_set_webhook_secret(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        secret = read_secret("Connect webhook signing secret: ", "BILLING_DESKTOP_STRIPE_WEBHOOK_SECRET")
        p = svc.stripe_platform.set_webhook_secret(session, secret)
    print(f"Saved. Webhook signing secret {p.webhook_secret_masked}; Stripe events are checked against it.")
    return 0


def cmd_connect(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        return _wait(svc, svc.stripe.start_connect(session, svc.tenants.resolve(session, args.slug)), args)


def cmd_onboard(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        tenant_id = svc.tenants.resolve(session, args.slug)
        return _wait(svc, svc.stripe.start_onboarding(session, tenant_id, args.type, args.country), args)


def cmd_status(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        status = svc.stripe.status(session, svc.tenants.resolve(session, args.slug), refresh=args.refresh)
    _print_status(status, as_json=args.json)
    return 0


def cmd_disconnect(args: argparse.Namespace) -> int:
    with open_services(args) as svc:
        session = sign_in(svc, args)
        tenant_id = svc.tenants.resolve(session, args.slug)
        confirm(args, f"Disconnect the Stripe account of {args.slug}?")
        print(svc.stripe.disconnect(session, tenant_id))
    return 0
