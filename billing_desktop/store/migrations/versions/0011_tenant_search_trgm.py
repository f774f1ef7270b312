"""Tenant search for a team database (PostgreSQL only; SQLite keeps loading its list whole and searching it in
memory): a pg_trgm GIN index that answers search-as-you-type (a substring anywhere in the name, slug or email)
without reading the table. The list's order has its own index since 0009 (both backends).

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner the app connects as may create it. Where it
cannot (an older server, or a role without CREATE on the database), search still works, by scanning; docs/TEAM.md
says so (tests/test_team_least_privilege.py).

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# Must stay the exact expression of billing_desktop.services.tenant_pages.SEARCH_TEXT, or the index is not used.
SEARCH_TEXT = "lower(company_name || ' ' || slug || ' ' || email)"


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # A savepoint: a refused CREATE EXTENSION must not abort the migration's transaction.
    with bind.begin_nested() as savepoint:
        try:
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except sa.exc.DBAPIError:
            savepoint.rollback()
            return
    bind.exec_driver_sql(f"CREATE INDEX ix_tenants_search_trgm ON tenants USING gin (({SEARCH_TEXT}) gin_trgm_ops)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_tenants_search_trgm")
