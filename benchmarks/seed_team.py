"""Bulk tenants for a team database (PostgreSQL): rows made in Python and sent with COPY into the store's own tables
(tenants, and stripe_accounts for every 20th tenant), the same columns the app's registration writes.

Secrets: since issue 17 every tenant secret is a sealed row in the database (api_keys, sealed under the vault key),
read only when a key is shown or used, never by the tenant list. Sealing 4,000,000 of them would take the whole
benchmark's time and change no figure measured here, so the bulk tenants have no keys; the operator who signs in is
made through the services (its password hashed, its vault key pair in the test keyring) as in the app.

The index builds are the point of a bulk load: the tenants' secondary indexes are dropped before COPY and made again
after it, from their definitions as the migrations left them (read back from pg_indexes), so the table ends exactly
as the migrations made it.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from sqlalchemy import text

WORDS = ["acme", "globex", "initech", "umbrella", "stark", "wayne", "hooli", "pied", "piper", "wonka", "tyrell",
         "cyberdyne", "soylent", "aperture", "black", "mesa", "oscorp", "gringotts", "monarch", "vandelay"]  # fmt: skip
NOW = datetime(2026, 11, 26, tzinfo=UTC)
TIERS = ("free", "pro", "enterprise")
STRIPE_STATES = ("connected", "pending", "restricted", "disconnected")
TENANT_COLUMNS = (
    "id, company_name, slug, email, domain, tier, platform_fee_percent, mode, active, branding, metadata, "
    "created_at, updated_at, version"
)


def name(i: int, rnd: random.Random) -> str:
    return f"{rnd.choice(WORDS).title()} {rnd.choice(WORDS).title()} {i}"


def tenants(engine, count: int, *, start: int = 1, seed: int = 1) -> None:
    """`count` tenants with ids from `start`, then ANALYZE; the caller's database is otherwise as the app left it."""
    rnd = random.Random(seed)
    raw = engine.raw_connection()
    try:
        cur = raw.driver_connection.cursor()
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'tenants' AND indexname NOT LIKE '%pkey'"
            " AND indexdef NOT LIKE 'CREATE UNIQUE%'"
        )
        secondary = cur.fetchall()
        # Statistics targets set on an index's columns (migration 0016) go with the index: put them back after.
        cur.execute(
            "SELECT c.relname, a.attnum, a.attstattarget FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            " JOIN pg_index i ON i.indexrelid = c.oid WHERE i.indrelid = 'tenants'::regclass AND a.attstattarget > 0"
        )
        targets = cur.fetchall()
        for index, _ in secondary:
            cur.execute(f'DROP INDEX "{index}"')
        with cur.copy(f"COPY tenants ({TENANT_COLUMNS}) FROM STDIN") as copy:
            for i in range(start, start + count):
                live = i % 10 == 0
                copy.write_row(
                    (
                        i,
                        name(i, rnd),
                        f"t-{i}",
                        f"owner{i}@t{i}.example",
                        "",
                        rnd.choice(TIERS),
                        0,
                        "live" if live else "test",
                        i % 97 != 0,
                        "{}",
                        "{}",
                        NOW,
                        NOW,
                        1,
                    )
                )
        # Every live tenant has a connected account (else each is an item on the Needs attention board: 100,000 at
        # this size, the board's cost rather than the list's); one test tenant in twenty is part-way.
        with cur.copy("COPY stripe_accounts (tenant_id, stripe_user_id, status, livemode) FROM STDIN") as copy:
            for i in range(start, start + count):
                if i % 10 == 0:
                    copy.write_row((i, f"acct_{i:016d}", "connected", True))
                elif i % 20 == 5:
                    copy.write_row((i, f"acct_{i:016d}", STRIPE_STATES[1 + (i // 20) % 3], False))
        cur.execute("SELECT setval(pg_get_serial_sequence('tenants', 'id'), (SELECT max(id) FROM tenants))")
        cur.execute("SET maintenance_work_mem = '256MB'")
        for _, definition in secondary:
            cur.execute(definition)
        for index, column, target in targets:
            cur.execute(f'ALTER INDEX "{index}" ALTER COLUMN {column} SET STATISTICS {target}')
        raw.commit()
    finally:
        raw.close()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text("VACUUM ANALYZE tenants"))
        c.execute(text("VACUUM ANALYZE stripe_accounts"))
