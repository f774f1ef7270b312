"""Sealed vault: secrets encrypted in the database under one vault key, sealed to each operator's key pair.

The keyring items of earlier versions are listed in keyring_moves (the intent of the move); start-up moves each
one into sealed_secrets and deletes it from the keyring (billing_desktop.vault.migration), so a crash at any step
loses nothing. Unreferenced vault intents become moves without a target: orphans to delete.

Revision ID: 0008
Revises: 0007
"""

import uuid

import sqlalchemy as sa
from alembic import op

from billing_desktop.store.types import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

STRIPE_TOKENS = ("stripe-access-token", "stripe-refresh-token", "stripe-publishable-key")


def upgrade() -> None:
    op.create_table(
        "vault_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("vault_id", sa.String(32), nullable=False),
        sa.Column("generation", sa.Integer, nullable=False),
        sa.Column("rekeyed_at", UTCDateTime, nullable=True),
    )
    op.create_table(
        "operator_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("public_key", sa.LargeBinary(32), nullable=False),
        sa.Column("fingerprint", sa.String(19), nullable=False, unique=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("granted_by", sa.String(254), nullable=True),
        sa.Column("granted_at", UTCDateTime, nullable=True),
        sa.Column("revoked_by", sa.String(254), nullable=True),
        sa.Column("revoked_at", UTCDateTime, nullable=True),
    )
    op.create_index("ix_operator_keys_user_id", "operator_keys", ["user_id"])
    op.create_table(
        "vault_key_copies",
        sa.Column(
            "operator_key_id",
            sa.Integer,
            sa.ForeignKey("operator_keys.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("generation", sa.Integer, primary_key=True),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "sealed_secrets",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("generation", sa.Integer, nullable=False),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    moves = op.create_table(
        "keyring_moves",
        sa.Column("keyring_name", sa.String(200), primary_key=True),
        sa.Column("sealed_name", sa.String(200), nullable=True),
    )
    conn = op.get_bind()
    conn.execute(
        sa.text("INSERT INTO vault_state (id, vault_id, generation) VALUES (1, :v, 0)"), {"v": uuid.uuid4().hex}
    )

    rows: dict[str, str | None] = {}
    for tenant_id, ref in conn.execute(
        sa.text("SELECT tenant_id, vault_ref FROM api_keys WHERE kind = 'secret' AND vault_ref IS NOT NULL")
    ):
        rows[f"api-key/{ref}"] = f"tenant/{tenant_id}/api-key/{ref}"
    for name, _ref in conn.execute(
        sa.text(
            "SELECT name, vault_ref FROM vault_intents WHERE vault_ref NOT IN "
            "(SELECT vault_ref FROM api_keys WHERE vault_ref IS NOT NULL)"
        )
    ):
        rows.setdefault(name, None)  # written by an interrupted rotation, never made current: delete only
    for tenant_id, ref in conn.execute(
        sa.text("SELECT tenant_id, vault_ref FROM webhook_secrets WHERE vault_ref IS NOT NULL")
    ):
        name = f"tenant/{tenant_id}/webhook-secret/{ref}"
        rows[name] = name
    for (tenant_id,) in conn.execute(sa.text("SELECT tenant_id FROM stripe_accounts")):
        for purpose in STRIPE_TOKENS:
            name = f"tenant/{tenant_id}/{purpose}"
            rows[name] = name
    has_operator = conn.execute(sa.text("SELECT 1 FROM users WHERE role = 'operator'")).first()
    if has_operator:  # a fresh database has nothing in any keyring yet
        rows["platform/stripe-secret-key"] = "platform/stripe-secret-key"
    if rows:
        op.bulk_insert(moves, [{"keyring_name": k, "sealed_name": v} for k, v in sorted(rows.items())])
    op.drop_table("vault_intents")


def downgrade() -> None:
    # Structure only: sealed secrets cannot go back into a keyring from here. Start-up made a copy of the SQLite
    # file before upgrading (store.database.migrate); restore that copy to go back with the secrets.
    op.create_table(
        "vault_intents",
        sa.Column("vault_ref", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )
    op.drop_table("keyring_moves")
    op.drop_table("sealed_secrets")
    op.drop_table("vault_key_copies")
    op.drop_index("ix_operator_keys_user_id", "operator_keys")
    op.drop_table("operator_keys")
    op.drop_table("vault_state")
