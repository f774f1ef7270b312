"""Failed sign-ins for emails that have no account, counted like an account's (no enumeration by lockout).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from billing_desktop.store.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_throttle",
        sa.Column("email_digest", sa.String(64), primary_key=True),
        sa.Column("failed_attempts", sa.Integer, nullable=False),
        sa.Column("locked_until", UTCDateTime, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("sign_in_throttle")
