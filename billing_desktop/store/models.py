"""The ORM schema. Every change here needs an Alembic revision in store/migrations/versions."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, LargeBinary, Numeric, String, Text, event, func, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from billing_desktop.domain.states import ConnectionState, DeliveryOutcome
from billing_desktop.domain.validation import Mode
from billing_desktop.store.types import UTCDateTime


class Base(DeclarativeBase):
    pass


class Tenant(Base):
    __tablename__ = "tenants"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    domain: Mapped[str] = mapped_column(String(253), default="")
    tier: Mapped[str] = mapped_column(String(16), default="free")
    platform_fee_percent: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("0"))
    mode: Mapped[str] = mapped_column(String(8), default=Mode.TEST.value)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    branding: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    metadata_: Mapped[dict[str, Any]] = mapped_column("metadata", JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)  # +1 per edit; a form saves only over its own
    # The Stripe account's status, or "none": kept by a trigger on stripe_accounts (migration 0018) so the list can
    # sort by it from an index. Never written by the app.
    stripe_state: Mapped[str] = mapped_column(String(16), server_default="none")

    users: Mapped[list[User]] = relationship(back_populates="tenant")


# The tenant list's order (services/tenants.py): its first screen reads this index, not every tenant (migration 0009).
Index("ix_tenants_name_order", func.lower(Tenant.company_name), Tenant.id)
Index("ix_tenants_stripe_order", Tenant.stripe_state, func.lower(Tenant.company_name), Tenant.id)  # 0018


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenants.id", ondelete="RESTRICT"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_sign_in: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # failures older than the window lapse
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)

    tenant: Mapped[Tenant | None] = relationship(back_populates="users")


class AuditEntry(Base):
    """Append-only: the ORM refuses updates and deletes (see the guard below)."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_time", "at"),
        Index("ix_audit_tenant_time", "tenant_id", "at"),
        Index("ix_audit_actor_time", "actor", "at"),
        Index("ix_audit_action_time", "action", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(64))
    tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenants.id", ondelete="SET NULL"))
    outcome: Mapped[str] = mapped_column(String(16), default=DeliveryOutcome.OK.value)
    reason: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[str] = mapped_column(Text, default="")


class Setting(Base):
    """Installation-wide non-secret settings (secrets live in the vault)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)  # a group of settings is as new as its newest row


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _audit_is_append_only(mapper: object, connection: object, target: object) -> None:
    raise PermissionError("the audit log is append-only")


class ApiKey(Base):
    """One tenant key. A secret key's value is sealed in the vault (named by `vault_ref`); hash and last 4 are here."""

    __tablename__ = "api_keys"
    __table_args__ = (Index("ix_api_keys_tenant", "tenant_id", "mode", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # publishable | secret
    mode: Mapped[str] = mapped_column(String(8))  # test | live
    lookup_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    last4: Mapped[str] = mapped_column(String(4))
    publishable_value: Mapped[str | None] = mapped_column(String(64))  # publishable keys are not secret
    vault_ref: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(254))
    rolled_from_id: Mapped[int | None] = mapped_column(ForeignKey("api_keys.id", ondelete="SET NULL"))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(254))
    revoke_reason: Mapped[str | None] = mapped_column(Text)


class VaultState(Base):
    """One row: which vault this database is (names the keyring item) and the vault key's current generation.
    Generation 0: no vault key yet (no operator). Every seal holds a shared lock on this row, a re-key an
    exclusive one."""

    __tablename__ = "vault_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    vault_id: Mapped[str] = mapped_column(String(32))
    generation: Mapped[int] = mapped_column(Integer, default=0)
    rekeyed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OperatorKey(Base):
    """An operator's public key; the private key lives only in that operator's OS keyring."""

    __tablename__ = "operator_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    fingerprint: Mapped[str] = mapped_column(String(19), unique=True)
    state: Mapped[str] = mapped_column(String(16))  # vault.KeyState: pending | granted | revoked
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    granted_by: Mapped[str | None] = mapped_column(String(254))
    granted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(254))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class VaultKeyCopy(Base):
    """The vault key of one generation, sealed to one operator's public key."""

    __tablename__ = "vault_key_copies"

    operator_key_id: Mapped[int] = mapped_column(ForeignKey("operator_keys.id", ondelete="CASCADE"), primary_key=True)
    generation: Mapped[int] = mapped_column(Integer, primary_key=True)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)


class RecoveryKey(Base):
    """The recovery key's public half and the vault key sealed to it (re-sealed at every re-key). At most one row:
    rotating replaces it, so the old recovery key stops opening this database. The key itself is never stored."""

    __tablename__ = "recovery_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    fingerprint: Mapped[str] = mapped_column(String(19))
    generation: Mapped[int] = mapped_column(Integer)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(254))
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SealedSecret(Base):
    """A secret encrypted under the vault key, its name bound in as associated data (it cannot be moved)."""

    __tablename__ = "sealed_secrets"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    generation: Mapped[int] = mapped_column(Integer)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class KeyringMove(Base):
    """An item from before the sealed vault, still in some OS keyring: to seal under `sealed_name` and delete, or
    (no `sealed_name`) an orphan to delete. Written by migration 0008; removed once done (the intent of the move)."""

    __tablename__ = "keyring_moves"

    keyring_name: Mapped[str] = mapped_column(String(200), primary_key=True)
    sealed_name: Mapped[str | None] = mapped_column(String(200))


class StripeAccount(Base):
    """A tenant's connected Stripe account. Tokens are sealed in the vault; the last status answer is cached here."""

    __tablename__ = "stripe_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), unique=True)
    stripe_user_id: Mapped[str | None] = mapped_column(String(64))
    scope: Mapped[str | None] = mapped_column(String(32))
    livemode: Mapped[bool | None] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(16), default=ConnectionState.DISCONNECTED.value)
    connected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disconnected_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    account_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    onboarding_type: Mapped[str | None] = mapped_column(String(16))  # express|standard when made by Account Links
    missing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a full sync did not list the account


class WebhookEndpoint(Base):
    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), unique=True)
    url: Mapped[str] = mapped_column(String(2048))
    event_types: Mapped[list[str]] = mapped_column(JSON)  # ["*"] for all
    description: Mapped[str] = mapped_column(Text, default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    scheme: Mapped[str] = mapped_column(String(16), default="stripe")
    allow_private: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, default=1)


class WebhookSecret(Base):
    """One signing secret (value sealed in the vault). Several are active during a roll's overlap."""

    __tablename__ = "webhook_secrets"

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), index=True)
    vault_ref: Mapped[str | None] = mapped_column(String(64))
    last4: Mapped[str] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebhookDelivery(Base):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_deliveries_tenant_time", "tenant_id", "at"),
        Index("ix_deliveries_tenant_event_time", "tenant_id", "event_type", "at"),
        Index("ix_deliveries_tenant_outcome_time", "tenant_id", "outcome", "at"),
        # The "failed only" page (migration 0014): only the failures, so a page never skips over successes.
        Index(
            "ix_deliveries_tenant_failed_time",
            "tenant_id",
            "at",
            "id",
            sqlite_where=text("outcome != 'ok'"),
            postgresql_where=text("outcome != 'ok'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(2048))
    event_id: Mapped[str] = mapped_column(String(64))
    event_type: Mapped[str] = mapped_column(String(64))
    request_headers: Mapped[dict[str, str]] = mapped_column(JSON)
    body: Mapped[str] = mapped_column(Text)  # event data, not a secret: kept for Resend
    body_sha256: Mapped[str] = mapped_column(String(64))
    body_size: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(16))  # ok | http_error | redirect | timeout | connect_error | ...
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str] = mapped_column(Text, default="")
    latency_ms: Mapped[int | None] = mapped_column(Integer)
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    response_headers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    response_excerpt: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class StripeObject(Base):
    """A cached Stripe object of a connected account (capability, balance, payout, dispute, application fee), so
    every Connect view works offline. `data` holds the fields the app shows, not always the whole object."""

    __tablename__ = "stripe_objects"
    __table_args__ = (
        Index("ix_stripe_objects_kind_tenant_created", "kind", "tenant_id", "created"),
        Index("ix_stripe_objects_kind_created", "kind", "created"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    object_id: Mapped[str] = mapped_column(String(255), unique=True)  # Stripe's id; "acct/capability" for those
    kind: Mapped[str] = mapped_column(String(32))
    tenant_id: Mapped[int | None] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    account: Mapped[str | None] = mapped_column(String(64))
    created: Mapped[int | None] = mapped_column(Integer)  # Stripe's Unix time
    status: Mapped[str] = mapped_column(String(32), default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AttentionItem(Base):
    """Something an operator must act on, derived from a cached Stripe object when it is written (so the board
    reads a few small rows, never the cached JSON). `source` names the object; rewriting it replaces its items."""

    __tablename__ = "attention_items"
    __table_args__ = (Index("ix_attention_source", "source"), Index("ix_attention_tenant", "tenant_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    title: Mapped[str] = mapped_column(Text)
    detail: Mapped[str] = mapped_column(Text, default="")


class SignInThrottle(Base):
    """Failed sign-ins for an email with no account, keyed by the SHA-256 of the normalized email (what was typed
    is not kept). Counted exactly like `User.failed_attempts`, so only an account's password tells them apart."""

    __tablename__ = "sign_in_throttle"

    email_digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A row whose failures lapsed and whose lock ended says no more than no row: pruned (services/lockout.py).
    last_failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
