"""Run one service call in N real processes released together at a multiprocessing barrier.

Each process opens the same database file and the same file keyring, signs in, waits at the barrier, makes its
call, and reports ("ok", value) or ("error", exception type, message). Functions here are module-level so the
"forkserver" start method can import them in the child.
"""

from __future__ import annotations

import multiprocessing
import traceback
from dataclasses import dataclass

PASSWORD = "operator-password-1"
PRELOAD = [
    "tests.support.parallel",
    "tests.support.file_keyring",
    "billing_desktop.services.bootstrap",
    "billing_desktop.services.stripe_connect",
    "billing_desktop.services.webhook_delivery",
    "billing_desktop.services.key_inspection",
    "alembic.command",
    "alembic.script",
    "alembic.runtime.migration",
    "argon2",
]


@dataclass(frozen=True)
class World:
    db_url: str
    keyring_file: str
    email: str = "op@platform.example"
    password: str = PASSWORD
    hasher: tuple[int, int, int] = (1, 8, 1)  # argon2 time_cost, memory_cost (KiB), parallelism


def open_services(world: World):
    from argon2 import PasswordHasher

    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext
    from billing_desktop.store.database import open_database
    from billing_desktop.vault import Vault
    from tests.support.file_keyring import FileKeyring

    t, m, p = world.hasher
    engine = open_database(world.db_url)
    vault = Vault(FileKeyring(world.keyring_file))
    hasher = PasswordHasher(time_cost=t, memory_cost=m, parallelism=p)
    return Services(AppContext(engine=engine, vault=vault, hasher=hasher))


def _child(world: World, barrier, results, call, args) -> None:
    services = None
    try:
        services = open_services(world)
        session = None if call.startswith("auth.") else services.auth.sign_in(world.email, world.password)
        barrier.wait(timeout=120)
        value = CALLS[call](services, session, *args)
        results.put(("ok", value))
    except BaseException as exc:
        results.put(("error", type(exc).__name__, str(exc), traceback.format_exc()))
    finally:
        if services is not None:
            services.close()


def run(world: World, call: str, args_per_process: list[tuple]) -> list[tuple]:
    """Start one process per argument tuple, release them together, return their outcomes."""
    ctx = multiprocessing.get_context("forkserver")
    # The server imports the app once; each child is a cheap fork of it (no Qt, no threads, no open database).
    ctx.set_forkserver_preload(PRELOAD)
    barrier = ctx.Barrier(len(args_per_process))
    results = ctx.Queue()
    procs = [ctx.Process(target=_child, args=(world, barrier, results, call, a)) for a in args_per_process]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=240) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    return outcomes


# -- the calls ------------------------------------------------------------------------------------------------
def _regenerate(services, session, tenant_id, environment):
    return [(k.kind, k.mode) for k in services.keys.regenerate(session, tenant_id, environment, None)]


def _webhooks_set(services, session, tenant_id, url):
    return len(services.webhooks.save(session, tenant_id, url, ["*"], allow_private=True).secrets)


def _roll(services, session, tenant_id, overlap):
    return len(services.webhooks.roll_secret(session, tenant_id, overlap).secrets)


def _sign_in(services, session, email, password):
    services.auth.sign_in(email, password)
    return "signed in"


def _create_account(services, session, tenant_id, stripe_base):
    import os

    os.environ["BILLING_DESKTOP_STRIPE_API_BASE"] = stripe_base  # the fake Stripe of the parent process
    email = "owner@acme.example"
    from billing_desktop.services.stripe_onboarding import create_account

    return create_account(services.stripe, session, tenant_id, "express", "US", email)


def _add_user(services, session, tenant_id, email):
    return services.users.add(session, tenant_id, email, "user-password-12345", "admin").email


def _register(services, session, company, email):
    from billing_desktop.services.tenants import Registration

    return services.tenants.register(session, Registration(company, email, "owner-password-123")).slug


CALLS = {
    "users.add": _add_user,
    "tenants.register": _register,
    "stripe.create_account": _create_account,
    "keys.regenerate": _regenerate,
    "webhooks.set": _webhooks_set,
    "webhooks.roll": _roll,
    "auth.sign_in": _sign_in,
}
