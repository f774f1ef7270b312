"""Connect operations: cached Stripe objects, attention items, accounts a full sync did not return.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from billing_desktop.store.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("stripe_accounts", sa.Column("missing_since", UTCDateTime, nullable=True))
    op.create_table(
        "stripe_objects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("object_id", sa.String(255), nullable=False, unique=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("tenant_id", sa.Integer, sa.ForeignKey("tenants.id", ondelete="CASCADE"), nullable=True),
        sa.Column("account", sa.String(64), nullable=True),
        sa.Column("created", sa.Integer, nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("fetched_at", UTCDateTime, nullable=False),
    )
    op.create_index("ix_stripe_objects_kind_tenant_created", "stripe_objects", ["kind", "tenant_id", "created"])
    op.create_index("ix_stripe_objects_kind_created", "stripe_objects", ["kind", "created"])
    op.create_table(
        "attention_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tenant_id", sa.Integer, sa.ForeignKey("tenants.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("due_at", UTCDateTime, nullable=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_attention_source", "attention_items", ["source"])
    op.create_index("ix_attention_tenant", "attention_items", ["tenant_id"])


def downgrade() -> None:
    op.drop_table("attention_items")
    op.drop_table("stripe_objects")
    with op.batch_alter_table("stripe_accounts") as batch:
        batch.drop_column("missing_since")
