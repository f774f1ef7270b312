"""Copy every table of one database into another, empty one (moving up from SQLite to a team database).

Ids are kept (so references and the audit history stay true), the target's id sequences are moved past them, and
each table is verified afterwards by its row count and a SHA-256 over its rows in id order, read back from both.
Tables come from the schema itself (reflection), so a table added by a later migration is copied too.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, MetaData, Table, func, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SAWarning

from billing_desktop.domain.states import ConnectionState
from billing_desktop.errors import DatabaseError, msg

BATCH = 1000
SKIP = {"alembic_version"}


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    checksum: str


def _tables(engine: Engine) -> list[Table]:
    meta = MetaData()
    with warnings.catch_warnings():
        # Rows are copied, not indexes (the target's migrations made those): SQLite's reflection skips the
        # expression index of the tenant list's order (migration 0009) with a warning that changes nothing here.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index", SAWarning)
        meta.reflect(engine)
    return [t for t in meta.sorted_tables if t.name not in SKIP]  # parents before children


def _order(table: Table) -> list[Column[Any]]:
    return list(table.primary_key.columns) or list(table.columns)


def _digest(engine: Engine, table: Table) -> tuple[int, str]:
    h, n = hashlib.sha256(), 0
    names = sorted(c.name for c in table.columns)
    with engine.connect() as c:
        for row in c.execute(select(table).order_by(*_order(table))).mappings():
            h.update(json.dumps([row[k] for k in names], default=str, sort_keys=True).encode())
            h.update(b"\n")
            n += 1
    return n, h.hexdigest()


# Rows the migrations themselves write into a new database (0008 gives every database its own vault id). They do
# not make a target "non-empty": the copy replaces them with the source's, whose secrets are sealed to that vault.
SEEDED_BY_MIGRATIONS = frozenset({"vault_state"})


def non_empty_tables(engine: Engine) -> list[str]:
    with engine.connect() as c:
        return [
            t.name
            for t in _tables(engine)
            if t.name not in SEEDED_BY_MIGRATIONS and c.scalar(select(func.count()).select_from(t))
        ]


def copy_all(source: Engine, target: Engine, progress: Callable[[str, int], None] | None = None) -> list[TableCopy]:
    """Both databases at the same schema revision; the target without a row. One transaction on the target:
    a failure leaves it empty."""
    busy = non_empty_tables(target)
    if busy:
        raise DatabaseError(
            msg("The target database is not empty ({value} hold rows); refusing to copy.", value=", ".join(busy))
        )
    src_tables = {t.name: t for t in _tables(source)}
    dst_tables = _tables(target)
    missing = sorted(set(src_tables) - {t.name for t in dst_tables})
    if missing:
        raise DatabaseError(
            msg("The target lacks tables {value}: are both at the same app version?", value=", ".join(missing))
        )
    with source.connect() as src, target.begin() as dst:
        for table in reversed(dst_tables):
            if table.name in SEEDED_BY_MIGRATIONS and table.name in src_tables:
                dst.execute(table.delete())
        for table in dst_tables:
            if table.name not in src_tables:
                continue
            copied = 0
            result = src.execution_options(yield_per=BATCH).execute(
                select(src_tables[table.name]).order_by(*_order(src_tables[table.name]))
            )
            for batch in result.mappings().partitions(BATCH):
                dst.execute(insert(table), [dict(r) for r in batch])
                copied += len(batch)
                if progress:
                    progress(table.name, copied)
        if target.dialect.name == "postgresql":
            for table in dst_tables:
                if "id" in table.columns and table.columns["id"].primary_key:
                    # Explicit ids do not move the sequence: the next insert must not collide with a copied id.
                    dst.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 1), "
                            f"(SELECT MAX(id) FROM {table.name}) IS NOT NULL)"
                        )
                    )
    report = []
    for table in dst_tables:
        if table.name not in src_tables:
            continue
        n_src, sum_src = _digest(source, src_tables[table.name])
        n_dst, sum_dst = _digest(target, table)
        if (n_src, sum_src) != (n_dst, sum_dst):
            raise DatabaseError(
                msg(
                    "Verification failed for {name}: {n_src} rows ({value}) here, {n_dst} rows ({value2}) in "
                    "the target. The target is not a faithful copy; empty it.",
                    name=table.name,
                    n_src=n_src,
                    value=sum_src[:12],
                    n_dst=n_dst,
                    value2=sum_dst[:12],
                )
            )
        report.append(TableCopy(table.name, n_dst, sum_dst))
    return report


def secrets_left_behind(engine: Engine) -> dict[str, int]:
    """Rows whose secret lives in this machine's keyring (the copy moves the pointer, not the secret)."""
    out: dict[str, int] = {}
    with engine.connect() as c:
        for table in _tables(engine):
            if "vault_ref" in table.columns:
                n = c.scalar(select(func.count()).select_from(table).where(table.columns["vault_ref"].is_not(None)))
                if n:
                    out[table.name] = n
            if table.name == "stripe_accounts" and "status" in table.columns:
                n = c.scalar(
                    select(func.count())
                    .select_from(table)
                    .where(table.columns["status"] != ConnectionState.DISCONNECTED.value)
                )
                if n:
                    out["stripe_accounts (OAuth tokens)"] = n
    return out
