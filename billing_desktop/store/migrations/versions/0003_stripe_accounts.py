"""Connected Stripe accounts.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from billing_desktop.store.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stripe_accounts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "tenant_id", sa.Integer, sa.ForeignKey("tenants.id", ondelete="CASCADE"), nullable=False, unique=True
        ),
        sa.Column("stripe_user_id", sa.String(64), nullable=True),
        sa.Column("scope", sa.String(32), nullable=True),
        sa.Column("livemode", sa.Boolean, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("connected_at", UTCDateTime, nullable=True),
        sa.Column("disconnected_at", UTCDateTime, nullable=True),
        sa.Column("account_json", sa.JSON, nullable=True),
        sa.Column("fetched_at", UTCDateTime, nullable=True),
        sa.Column("onboarding_type", sa.String(16), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("stripe_accounts")
