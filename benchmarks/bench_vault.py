"""Sealed vault at scale: registering the 100,000th tenant vs the first (secrets sealed), revealing a secret with
100,000 tenants vs 10, and the OS keyring's item count before and after.

The timed registrations go through TenantService.register, the path the GUI and the CLI take (validation, the
owner's password hash, four keys, two secrets sealed, audit), with cheap argon2 parameters: what is measured is
not the password hash. The tenants in between are made by the same building blocks in transactions of 500
(tenant and owner rows, KeyService.attach sealing both secret keys through the vault, an audit entry each), so the
100,000 tenants hold real sealed secrets; BENCH_VAULT_SEED=service registers every one through the service.
Run inside a Secret Service session (scripts/with-keyring.sh) to use the real keyring; elsewhere the in-memory
keyring stands in and the item count row says so."""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time

from common import Row

TENANTS = int(os.environ.get("BENCH_VAULT_TENANTS", "100000"))
SAMPLE = 25  # registrations timed at each end
REVEALS = 300


def _keyring_items() -> int | None:
    try:
        import secretstorage

        conn = secretstorage.dbus_init()
    except Exception:
        return None
    try:
        return sum(1 for _ in secretstorage.get_default_collection(conn).get_all_items())
    finally:
        conn.close()


def _services(url: str):
    from argon2 import PasswordHasher

    from billing_desktop.errors import VaultError
    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext
    from billing_desktop.store.database import open_database
    from billing_desktop.vault import Vault

    vault = Vault()
    try:
        vault.check()
        real = True
    except VaultError:
        from tests.support.memory_keyring import MemoryKeyring

        vault, real = Vault(MemoryKeyring()), False
    ctx = AppContext(
        engine=open_database(url), vault=vault, hasher=PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )
    return Services(ctx), real


def _register(svc, op, i: int) -> float:
    from billing_desktop.services.tenants import Registration

    r = Registration(
        f"Bench Tenant {i}", f"owner{i}@t{i}.example", "owner-password-123", mode="live" if i % 2 else "test"
    )
    t = time.perf_counter()
    svc.tenants.register(op, r)
    return time.perf_counter() - t


def _seed_batch(svc, op, numbers) -> None:
    from billing_desktop.domain.roles import Role
    from billing_desktop.services import audit
    from billing_desktop.store.models import Tenant, User

    pw_hash = svc.ctx.hasher.hash("owner-password-123")
    with svc.ctx.db() as s, s.begin():
        now = svc.ctx.clock()
        for i in numbers:
            t = Tenant(
                company_name=f"Bench Tenant {i}",
                slug=f"bench-tenant-{i}",
                email=f"owner{i}@t{i}.example",
                domain="",
                tier="free",
                platform_fee_percent=0,
                mode="live" if i % 2 else "test",
                active=True,
                branding={},
                metadata_={},
                created_at=now,
                updated_at=now,
            )
            s.add(t)
            s.flush()
            s.add(
                User(
                    tenant_id=t.id,
                    email=t.email,
                    password_hash=pw_hash,
                    role=Role.OWNER.value,
                    active=True,
                    failed_attempts=0,
                    created_at=now,
                )
            )
            svc.keys.attach(s, t.id, svc.keys.prepare(), op.email, now)
            audit.record(s, now, op.email, "tenant.register", t.id, detail=f"slug={t.slug}")


def _rekey(svc, op) -> tuple[int, float]:
    """A second operator joins (own keyring) and is granted, then revoked: every secret is re-encrypted."""
    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext
    from billing_desktop.vault import Vault
    from tests.support.memory_keyring import MemoryKeyring

    svc.users.add(op, None, "second@bench.example", "bench-password-2", "operator")
    other = Services(AppContext(engine=svc.ctx.engine, vault=Vault(MemoryKeyring()), hasher=svc.ctx.hasher))
    joined = other.team.join(other.auth.sign_in("second@bench.example", "bench-password-2"))
    svc.auth.confirm_password(op, "bench-password-1")  # a full run signed in over an hour ago: grant asks again
    svc.team.grant(op, "second@bench.example", joined.fingerprint)
    t = time.perf_counter()
    count = svc.team.revoke(op, "second@bench.example")
    return count, time.perf_counter() - t


def _reveal_times(svc, op, tenant_ids: list[int], rnd: random.Random) -> list[float]:
    from sqlalchemy import select

    from billing_desktop.store.models import ApiKey

    with svc.ctx.db() as s:
        ids = [
            i
            for (i,) in s.execute(
                select(ApiKey.id).where(
                    ApiKey.kind == "secret", ApiKey.mode == "test", ApiKey.tenant_id.in_(tenant_ids)
                )
            )
        ]
    out = []
    for _ in range(REVEALS):
        key_id = rnd.choice(ids)
        t = time.perf_counter()
        svc.keys.reveal(op, key_id)
        out.append(time.perf_counter() - t)
    return out


def run(quick: bool = False) -> list[Row]:
    tenants = 500 if quick else TENANTS
    rnd = random.Random(7)
    with tempfile.TemporaryDirectory() as d:
        os.environ["BILLING_DESKTOP_HOME"] = d
        svc, real = _services(f"sqlite:///{d}/bench.sqlite3")
        items_before = _keyring_items() if real else None
        svc.auth.create_operator("op@bench.example", "bench-password-1")
        op = svc.auth.sign_in("op@bench.example", "bench-password-1")
        first = [_register(svc, op, i) for i in range(1, SAMPLE + 1)]
        few = list(range(1, 11))
        reveal_few = _reveal_times(svc, op, few, rnd)
        items_first = _keyring_items() if real else None
        started = time.perf_counter()
        if os.environ.get("BENCH_VAULT_SEED") == "service":
            for i in range(SAMPLE + 1, tenants + 1):
                _register(svc, op, i)
        else:
            for start in range(SAMPLE + 1, tenants + 1, 500):
                _seed_batch(svc, op, range(start, min(tenants + 1, start + 500)))
        fill = time.perf_counter() - started
        last = [_register(svc, op, i) for i in range(tenants + 1, tenants + SAMPLE + 1)]
        reveal_many = _reveal_times(svc, op, [rnd.randint(1, tenants) for _ in range(2000)], rnd)
        items_last = _keyring_items() if real else None
        rekeyed, rekey_s = _rekey(svc, op)
        svc.close()
    reg0, reg1 = statistics.median(first), statistics.median(last)
    rev0, rev1 = statistics.median(reveal_few), statistics.median(reveal_many)
    rows = [
        Row(
            f"register tenant #{tenants:,} (secrets sealed) vs #1, median of {SAMPLE}",
            f"{reg1 * 1000:.2f} ms",
            f"{reg0 * 1000:.2f} ms",
            reg1 / reg0,
            "≤ 1.2x",
            reg1 / reg0 <= 1.2,
        ),
        Row(
            f"reveal a secret key with {tenants:,} tenants vs 10, median of {REVEALS}",
            f"{rev1 * 1000:.3f} ms",
            f"{rev0 * 1000:.3f} ms",
            rev1 / rev0,
            "≤ 1.2x",
            rev1 / rev0 <= 1.2,
        ),
        Row(
            f"making {tenants - SAMPLE:,} tenants with sealed secrets "
            f"({os.environ.get('BENCH_VAULT_SEED') or 'batches of 500'})",
            f"{fill:.0f} s ({fill / max(1, tenants - SAMPLE) * 1000:.2f} ms each)",
            "—",
            None,
            "reported",
            ok=True,
        ),
    ]
    rows.append(
        Row(
            f"revoke an operator: re-key every secret ({tenants + SAMPLE:,} tenants), one transaction",
            f"{rekey_s:.1f} s for {rekeyed:,} secrets ({rekey_s / max(1, rekeyed) * 1e6:.0f} µs each)",
            "—",
            None,
            "reported",
            ok=True,
        )
    )
    if real:
        grew = items_last - items_first
        rows.append(
            Row(
                f"OS keyring items: before, after the 1st tenant, after #{tenants + SAMPLE:,}",
                f"{items_before} → {items_first} → {items_last}",
                "—",
                None,
                "no growth",
                grew == 0,
            )
        )
    else:
        rows.append(Row("OS keyring items", "no Secret Service here: not measured", "—", None, "no growth", ok=True))
    return rows
