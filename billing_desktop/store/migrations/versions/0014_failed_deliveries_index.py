"""The delivery log's "failed only" page from its own index: the tenant's failed deliveries in time order (a partial
index over the rows whose outcome is not ok), so the page reads its 200 entries and stops, however few of the
tenant's deliveries failed. Before, it walked the tenant's whole history in time order and skipped the successes.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

FAILED = sa.text("outcome != 'ok'")


def upgrade() -> None:
    op.create_index(
        "ix_deliveries_tenant_failed_time",
        "webhook_deliveries",
        ["tenant_id", "at", "id"],
        sqlite_where=FAILED,
        postgresql_where=FAILED,
    )


def downgrade() -> None:
    op.drop_index("ix_deliveries_tenant_failed_time", table_name="webhook_deliveries")
