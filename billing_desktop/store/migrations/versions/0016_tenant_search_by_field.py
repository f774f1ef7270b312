"""Tenant search on a team database answered per field, and a name-order index that can answer it without the table
(PostgreSQL only; SQLite searches its list in memory).

- Search matches a substring of the name, the slug or the email (as the SQLite list does), no longer of the three
  joined with spaces: a trigram of the joined text such as the slug's " t-" made every tenant a candidate for any
  text with a word starting in "t" ("globex t": 97,000 candidates read from the table for 2,500 matches among
  1,000,000). The trigram index is now one GIN index over the three fields.
- The name-order index (0009) carries the searched fields and the filters' columns (INCLUDE), so a page of a common
  text ("stark": 98,000 matches) is an index-only walk in name order that reads no table row until it has the page.
- Statistics: 1,000-entry histograms on the three fields let the app estimate how many tenants a text matches
  (services/tenant_search.py picks the walk or the trigram index by it); 0015's statistics on the joined text go.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# Must stay the expressions of billing_desktop.services.tenant_pages (NAME_KEY and the search condition).
NAME_ORDER = "ix_tenants_name_order"
COVERING = (
    f"CREATE INDEX {NAME_ORDER} ON tenants (lower(company_name), id) INCLUDE (company_name, slug, email, tier, mode)"
)
TRIGRAMS = (
    "CREATE INDEX ix_tenants_search_trgm ON tenants USING gin "
    "(lower(company_name) gin_trgm_ops, slug gin_trgm_ops, email gin_trgm_ops)"
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("DROP STATISTICS IF EXISTS tenants_search_text")
    op.execute(f"DROP INDEX {NAME_ORDER}")
    op.execute(COVERING)
    op.execute(f"ALTER INDEX {NAME_ORDER} ALTER COLUMN 1 SET STATISTICS 1000")
    op.execute("ALTER TABLE tenants ALTER COLUMN slug SET STATISTICS 1000")
    op.execute("ALTER TABLE tenants ALTER COLUMN email SET STATISTICS 1000")
    has_trgm = bind.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first() is not None
    if has_trgm:  # 0011 could not create it where the role may not (docs/TEAM.md): search then walks the names
        op.execute("DROP INDEX IF EXISTS ix_tenants_search_trgm")
        op.execute(TRIGRAMS)
    op.execute("ANALYZE tenants")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX {NAME_ORDER}")
    op.create_index(NAME_ORDER, "tenants", [sa.text("lower(company_name)"), "id"])
    op.execute("ALTER TABLE tenants ALTER COLUMN slug SET STATISTICS -1")
    op.execute("ALTER TABLE tenants ALTER COLUMN email SET STATISTICS -1")
    if bind.exec_driver_sql("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_tenants_search_trgm'").first():
        op.execute("DROP INDEX ix_tenants_search_trgm")
        op.execute(
            "CREATE INDEX ix_tenants_search_trgm ON tenants USING gin "
            "((lower(company_name || ' ' || slug || ' ' || email)) gin_trgm_ops)"
        )
    if (bind.dialect.server_version_info or (0,)) >= (14,):
        op.execute(
            "CREATE STATISTICS IF NOT EXISTS tenants_search_text ON "
            "(lower(company_name || ' ' || slug || ' ' || email)) FROM tenants"
        )
        op.execute("ALTER STATISTICS tenants_search_text SET STATISTICS 1000")
