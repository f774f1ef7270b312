"""The team database's tenant list sorts on the server (PostgreSQL only; SQLite sorts its list in memory): an index
in each order the list offers besides the name (0009) and the unique slug and email, so a click on the Tier, Mode or
Active header reads a first page from an index too (services/tenant_pages.py SORT_KEYS).

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

ORDERS = ("tier", "mode", "active")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column in ORDERS:
        op.create_index(f"ix_tenants_{column}_order", "tenants", [column, sa.text("lower(company_name)"), "id"])


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for column in ORDERS:
        op.drop_index(f"ix_tenants_{column}_order", table_name="tenants")
