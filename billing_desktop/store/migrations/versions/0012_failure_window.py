"""Failed sign-ins count within a window (Policy.failure_window): the time of the last failure, for accounts and
for unknown emails alike, so the unknown-email throttle can be pruned without telling the two apart.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

from billing_desktop.store.types import UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("last_failed_at", UTCDateTime, nullable=True))
    op.add_column("sign_in_throttle", sa.Column("last_failed_at", UTCDateTime, nullable=True))
    op.create_index("ix_sign_in_throttle_last_failed_at", "sign_in_throttle", ["last_failed_at"])


def downgrade() -> None:
    op.drop_index("ix_sign_in_throttle_last_failed_at", table_name="sign_in_throttle")
    with op.batch_alter_table("sign_in_throttle") as batch:
        batch.drop_column("last_failed_at")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("last_failed_at")
