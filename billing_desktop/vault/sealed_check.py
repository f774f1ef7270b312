"""Open every sealed secret of a database file (a backup's, before it is restored) with a given vault key: proof
that each secret comes back, without keeping any of them."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from billing_desktop.errors import AppError, msg
from billing_desktop.vault import crypto


def open_all(db: Path, vault_id: str, key: bytes) -> tuple[int, list[str]]:
    """(secrets opened, operators with access). Raises if one does not open."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as conn:
        opened = 0
        for name, blob in conn.execute("SELECT name, sealed FROM sealed_secrets"):
            try:
                crypto.open_secret(key, bytes(blob), crypto.secret_aad(vault_id, name))
            except crypto.SealError:
                raise AppError(
                    msg("The sealed secret {name} in the backup does not open: it was altered.", name=name)
                ) from None
            opened += 1
        operators = [
            r[0]
            for r in conn.execute(
                "SELECT DISTINCT u.email FROM operator_keys k JOIN users u ON u.id = k.user_id "
                "WHERE k.state = 'granted' ORDER BY u.email"
            )
        ]
    return opened, operators
