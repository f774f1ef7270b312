"""API keys and vault intents.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from billing_desktop.store.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tenant_id", sa.Integer, sa.ForeignKey("tenants.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(8), nullable=False),
        sa.Column("lookup_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("last4", sa.String(4), nullable=False),
        sa.Column("publishable_value", sa.String(64), nullable=True),
        sa.Column("vault_ref", sa.String(64), nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("created_by", sa.String(254), nullable=False),
        sa.Column("rolled_from_id", sa.Integer, sa.ForeignKey("api_keys.id", ondelete="SET NULL"), nullable=True),
        sa.Column("expires_at", UTCDateTime, nullable=True),
        sa.Column("revoked_at", UTCDateTime, nullable=True),
        sa.Column("revoked_by", sa.String(254), nullable=True),
        sa.Column("revoke_reason", sa.Text, nullable=True),
    )
    op.create_index("ix_api_keys_tenant", "api_keys", ["tenant_id", "mode", "kind"])
    op.create_table(
        "vault_intents",
        sa.Column("vault_ref", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("vault_intents")
    op.drop_index("ix_api_keys_tenant", "api_keys")
    op.drop_table("api_keys")
