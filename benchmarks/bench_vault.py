"""Sealed vault at scale: registering the 100,000th tenant vs the first (secrets sealed), revealing a secret with
100,000 tenants vs 10, re-keying every secret on revoke, and the OS keyring's item count.

Three databases in one process, each with its own operator and vault: `big` is filled to the full size, `first`
starts empty and `ten` holds ten tenants. The timed calls go through the services the GUI and the CLI call
(TenantService.register: validation, the owner's password hash, four keys, two secrets sealed, audit;
KeyService.reveal), with cheap argon2 parameters: what is measured is not the password hash. Subject and baseline
alternate call by call (register #1 in `first`, then #100,000 in `big`, then #2, then #100,001, ...), so the
machine's load falls on both sides alike.

The tenants in between are made in transactions of FILL_BATCH: tenant, owner and audit rows as multi-row INSERTs,
and the four keys of every tenant through KeyService.attach_many, which seals both secret keys under the vault key
with the vault's own code (Vault.seal_many) into the real tables: the same rows and ciphertexts a registration
writes, without a transaction and a dozen ORM flushes per tenant (which took 70 minutes for 100,000).
BENCH_VAULT_SEED=service registers every one through the service instead.

Each row is yielded as soon as it is measured (run.py writes the JSON after every row), so a run stopped late
keeps what it measured. Run inside a Secret Service session (scripts/with-keyring.sh) to use the real keyring;
elsewhere the in-memory keyring stands in and the item count row says so."""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from collections.abc import Iterator

from common import Row

TENANTS = int(os.environ.get("BENCH_VAULT_TENANTS", "100000"))
SAMPLE = 51  # registrations timed on each side
REVEALS = 301
FILL_BATCH = 2000
PASSWORD = "bench-password-1"


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


def _open(d: str, name: str):
    svc, real = _services(f"sqlite:///{d}/{name}.sqlite3")
    svc.auth.create_operator("op@bench.example", PASSWORD)
    return svc, svc.auth.sign_in("op@bench.example", PASSWORD), real


def _register(svc, op, i: int) -> float:
    return _register_timed(svc, op, i)[0]


def _register_timed(svc, op, i: int) -> tuple[float, float]:
    """(wall, CPU) seconds of one registration. The CPU time of this thread (registration runs on it alone) is
    what a busy machine's scheduler does not blur: at load 13 on 2 cores a 10 ms registration took 115 ms."""
    from billing_desktop.services.tenants import Registration

    r = Registration(
        f"Bench Tenant {i}", f"owner{i}@t{i}.example", "owner-password-123", mode="live" if i % 2 else "test"
    )
    t, c = time.perf_counter(), time.thread_time()
    svc.tenants.register(op, r)
    return time.perf_counter() - t, time.thread_time() - c


def _seed_batch(svc, op, numbers: range, pw_hash: str) -> None:
    """Tenants `numbers` with their owner, four keys (two secrets sealed) and an audit entry each, in one
    transaction: what registration writes, row for row."""
    from sqlalchemy import insert

    from billing_desktop.domain.roles import Role
    from billing_desktop.store.models import AuditEntry, Tenant, User

    with svc.ctx.db() as s, s.begin():
        now = svc.ctx.clock()
        ids = s.scalars(
            insert(Tenant).returning(Tenant.id, sort_by_parameter_order=True),
            [
                {
                    "company_name": f"Bench Tenant {i}",
                    "slug": f"bench-tenant-{i}",
                    "email": f"owner{i}@t{i}.example",
                    "domain": "",
                    "tier": "free",
                    "platform_fee_percent": 0,
                    "mode": "live" if i % 2 else "test",
                    "active": True,
                    "branding": {},
                    "metadata_": {},
                    "created_at": now,
                    "updated_at": now,
                }
                for i in numbers
            ],
        ).all()
        s.execute(
            insert(User),
            [
                {
                    "tenant_id": t,
                    "email": f"owner{i}@t{i}.example",
                    "password_hash": pw_hash,
                    "role": Role.OWNER.value,
                    "active": True,
                    "failed_attempts": 0,
                    "created_at": now,
                }
                for t, i in zip(ids, numbers, strict=True)
            ],
        )
        svc.keys.attach_many(s, {t: svc.keys.prepare() for t in ids}, op.email, now)
        s.execute(
            insert(AuditEntry),
            [
                {
                    "at": now,
                    "actor": op.email,
                    "action": "tenant.register",
                    "tenant_id": t,
                    "outcome": "ok",
                    "reason": "",
                    "detail": f"slug=bench-tenant-{i}",
                }
                for t, i in zip(ids, numbers, strict=True)
            ],
        )


def _fill(svc, op, numbers: range) -> None:
    if os.environ.get("BENCH_VAULT_SEED") == "service":
        for i in numbers:
            _register(svc, op, i)
        return
    pw_hash = svc.ctx.hasher.hash("owner-password-123")  # one hash for all: what is timed is not argon2
    for start in range(numbers.start, numbers.stop, FILL_BATCH):
        _seed_batch(svc, op, range(start, min(numbers.stop, start + FILL_BATCH)), pw_hash)


def _rekey(svc, op) -> tuple[int, float]:
    """A second operator joins (own keyring) and is granted, then revoked: every secret is re-encrypted."""
    from billing_desktop.services import Services
    from billing_desktop.services.context import AppContext
    from billing_desktop.vault import Vault
    from tests.support.memory_keyring import MemoryKeyring

    svc.users.add(op, None, "second@bench.example", "bench-password-2", "operator")
    other = Services(AppContext(engine=svc.ctx.engine, vault=Vault(MemoryKeyring()), hasher=svc.ctx.hasher))
    joined = other.team.join(other.auth.sign_in("second@bench.example", "bench-password-2"))
    svc.auth.confirm_password(op, PASSWORD)  # signed in minutes ago: grant and revoke ask again
    svc.team.grant(op, "second@bench.example", joined.fingerprint)
    t = time.perf_counter()
    count = svc.team.revoke(op, "second@bench.example")
    return count, time.perf_counter() - t


def _test_secret_keys(svc, tenant_ids: list[int]) -> list[int]:
    from sqlalchemy import select

    from billing_desktop.store.models import ApiKey

    with svc.ctx.db() as s:
        return list(
            s.scalars(
                select(ApiKey.id).where(
                    ApiKey.kind == "secret", ApiKey.mode == "test", ApiKey.tenant_id.in_(tenant_ids)
                )
            )
        )


def _reveal(svc, op, key_id: int) -> tuple[float, float]:
    t, c = time.perf_counter(), time.thread_time()
    svc.keys.reveal(op, key_id)
    return time.perf_counter() - t, time.thread_time() - c


def run(quick: bool = False) -> Iterator[Row]:
    tenants = 500 if quick else TENANTS
    sample, reveals = (21, 101) if quick else (SAMPLE, REVEALS)  # quick: fewer timed calls, same steps
    rnd = random.Random(7)
    with tempfile.TemporaryDirectory() as d:
        os.environ["BILLING_DESKTOP_HOME"] = d
        items_before = _keyring_items()
        big, big_op, real = _open(d, "big")
        first, first_op, _ = _open(d, "first")
        ten, ten_op, _ = _open(d, "ten")
        items_opened = _keyring_items() if real else None
        _register(big, big_op, 1)

        started = time.perf_counter()
        _fill(big, big_op, range(2, tenants))
        fill = time.perf_counter() - started
        yield Row(
            f"making {tenants - 2:,} tenants with sealed secrets "
            f"({os.environ.get('BENCH_VAULT_SEED') or f'KeyService.attach_many, batches of {FILL_BATCH:,}'})",
            f"{fill:.0f} s ({fill / max(1, tenants - 2) * 1000:.2f} ms each)",
            "—",
            None,
            "reported",
            ok=True,
        )

        # Registration: #1, #2, ... in `first` against #N, #N+1, ... in `big`, call by call.
        reg_first, reg_big = [], []
        for k in range(sample):
            reg_first.append(_register_timed(first, first_op, 1 + k))
            reg_big.append(_register_timed(big, big_op, tenants + k))
        reg0, reg1 = (statistics.median(w for w, _ in side) for side in (reg_first, reg_big))
        cpu0, cpu1 = (statistics.median(c for _, c in side) for side in (reg_first, reg_big))
        yield Row(
            f"register tenant #{tenants:,}–#{tenants + sample - 1:,} (secrets sealed) vs #1–#{sample}, "
            f"alternating, median of {sample} (CPU time beside)",
            f"{reg1 * 1000:.2f} ms (CPU {cpu1 * 1000:.2f} ms)",
            f"{reg0 * 1000:.2f} ms (CPU {cpu0 * 1000:.2f} ms)",
            reg1 / reg0,
            "≤ 1.2x",
            reg1 / reg0 <= 1.2,
            {
                "cpu_ratio": cpu1 / cpu0,
                "first_ms": [w * 1000 for w, _ in reg_first],
                "big_ms": [w * 1000 for w, _ in reg_big],
                "first_cpu_ms": [c * 1000 for _, c in reg_first],
                "big_cpu_ms": [c * 1000 for _, c in reg_big],
            },
        )

        # Reveal: a random test-mode secret of 10 tenants against one of all of them, call by call.
        for i in range(1, 11):
            _register(ten, ten_op, i)
        few = _test_secret_keys(ten, list(range(1, 11)))
        many = _test_secret_keys(big, [rnd.randint(1, tenants) for _ in range(2000)])
        rev_few, rev_many = [], []
        for _ in range(reveals):
            rev_few.append(_reveal(ten, ten_op, rnd.choice(few)))
            rev_many.append(_reveal(big, big_op, rnd.choice(many)))
        rev0, rev1 = (statistics.median(w for w, _ in side) for side in (rev_few, rev_many))
        rcpu0, rcpu1 = (statistics.median(c for _, c in side) for side in (rev_few, rev_many))
        yield Row(
            f"reveal a secret key with {tenants + sample - 1:,} tenants vs 10, alternating, median of {reveals} "
            "(CPU time beside)",
            f"{rev1 * 1000:.3f} ms (CPU {rcpu1 * 1000:.3f} ms)",
            f"{rev0 * 1000:.3f} ms (CPU {rcpu0 * 1000:.3f} ms)",
            rev1 / rev0,
            "≤ 1.2x",
            rev1 / rev0 <= 1.2,
            {"cpu_ratio": rcpu1 / rcpu0},
        )

        if real:
            items_last = _keyring_items()
            yield Row(
                f"OS keyring items: before, after opening the three databases, after #{tenants + sample - 1:,}",
                f"{items_before} → {items_opened} → {items_last}",
                "—",
                None,
                "no growth",
                items_last == items_opened,
            )
        else:
            yield Row("OS keyring items", "no Secret Service here: not measured", "—", None, "no growth", ok=True)

        rekeyed, rekey_s = _rekey(big, big_op)
        yield Row(
            f"revoke an operator: re-key every secret ({tenants + sample - 1:,} tenants), one transaction",
            f"{rekey_s:.1f} s for {rekeyed:,} secrets ({rekey_s / max(1, rekeyed) * 1e6:.0f} µs each)",
            "—",
            None,
            "reported",
            ok=True,
        )
        for svc in (big, first, ten):
            svc.close()
