"""Each tenant's Stripe state on its own row (`tenants.stripe_state`: the account's status, or 'none'), so a team
database's list sorts by it from an index like the other columns (0013) instead of joining and sorting every tenant.
A trigger on stripe_accounts keeps it, on both backends, whichever code or tool writes an account (sync, connect,
`db copy`, a restore). The list's sort orders get their indexes on SQLite too: the CLI's `tenants list` reads a
page at a time on both backends.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

SQLITE_ORDERS = ("tier", "mode", "active")  # PostgreSQL has them since 0013

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION billing_tenant_stripe_state() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND (TG_OP = 'DELETE' OR OLD.tenant_id <> NEW.tenant_id) THEN
        UPDATE tenants SET stripe_state = 'none' WHERE id = OLD.tenant_id AND stripe_state <> 'none';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE tenants SET stripe_state = NEW.status WHERE id = NEW.tenant_id AND stripe_state <> NEW.status;
        RETURN NEW;
    END IF;
    RETURN OLD;
END
$$
"""
PG_TRIGGER = (
    "CREATE TRIGGER stripe_accounts_tenant_state AFTER INSERT OR DELETE OR UPDATE OF status, tenant_id"
    " ON stripe_accounts FOR EACH ROW EXECUTE FUNCTION billing_tenant_stripe_state()"
)
SQLITE_TRIGGERS = {
    "stripe_accounts_state_insert": "AFTER INSERT ON stripe_accounts BEGIN"
    " UPDATE tenants SET stripe_state = NEW.status WHERE id = NEW.tenant_id; END",
    "stripe_accounts_state_update": "AFTER UPDATE OF status, tenant_id ON stripe_accounts BEGIN"
    " UPDATE tenants SET stripe_state = 'none' WHERE id = OLD.tenant_id AND OLD.tenant_id <> NEW.tenant_id;"
    " UPDATE tenants SET stripe_state = NEW.status WHERE id = NEW.tenant_id; END",
    "stripe_accounts_state_delete": "AFTER DELETE ON stripe_accounts BEGIN"
    " UPDATE tenants SET stripe_state = 'none' WHERE id = OLD.tenant_id; END",
}


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("tenants", sa.Column("stripe_state", sa.String(16), nullable=False, server_default="none"))
    op.execute(
        "UPDATE tenants SET stripe_state = (SELECT status FROM stripe_accounts WHERE tenant_id = tenants.id)"
        " WHERE EXISTS (SELECT 1 FROM stripe_accounts WHERE tenant_id = tenants.id)"
    )
    if bind.dialect.name == "postgresql":
        op.execute(PG_FUNCTION)
        op.execute(PG_TRIGGER)
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
        for column in SQLITE_ORDERS:
            op.create_index(f"ix_tenants_{column}_order", "tenants", [column, sa.text("lower(company_name)"), "id"])
    op.create_index("ix_tenants_stripe_order", "tenants", ["stripe_state", sa.text("lower(company_name)"), "id"])
    if bind.dialect.name == "postgresql":  # the name's 1,000-entry histogram in every index holding it (0017)
        op.execute("ALTER INDEX ix_tenants_stripe_order ALTER COLUMN 2 SET STATISTICS 1000")
        op.execute("ANALYZE tenants")


def downgrade() -> None:
    bind = op.get_bind()
    op.drop_index("ix_tenants_stripe_order", table_name="tenants")
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS stripe_accounts_tenant_state ON stripe_accounts")
        op.execute("DROP FUNCTION IF EXISTS billing_tenant_stripe_state()")
    else:
        for column in SQLITE_ORDERS:
            op.drop_index(f"ix_tenants_{column}_order", table_name="tenants")
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("tenants") as batch:
        batch.drop_column("stripe_state")
