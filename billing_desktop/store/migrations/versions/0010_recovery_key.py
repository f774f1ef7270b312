"""Recovery key: the vault key sealed to the public half of a key the operator keeps on paper.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

from billing_desktop.store.types import UTCDateTime

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "recovery_keys",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("public_key", sa.LargeBinary(32), nullable=False),
        sa.Column("fingerprint", sa.String(19), nullable=False),
        sa.Column("generation", sa.Integer, nullable=False),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("created_by", sa.String(254), nullable=False),
        sa.Column("confirmed_at", UTCDateTime, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("recovery_keys")
